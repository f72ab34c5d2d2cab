from __future__ import annotations

from allauth.account.decorators import verified_email_required
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts import notifications
from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post, render_poll
from careeragent.storage import download_response
from resumes import editing, services
from resumes.forms import JsonImportForm, RenameForm, UploadForm
from resumes.models import ExportArtifact, Resume


def _per_user_rate(group, request) -> str:
    return f"{settings.RESUME_UPLOADS_PER_HOUR_USER}/h"


def _per_ip_rate(group, request) -> str:
    return f"{settings.RESUME_UPLOADS_PER_HOUR_IP}/h"


def resume_list(user):
    return Resume.objects.for_user(user).only(
        "id", "title", "file_ext", "parse_status", "last_score", "created_at", "updated_at", "corrected_at"
    )


@verified_email_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "resumes/index.html", _index_context(request))


def _index_context(request: HttpRequest, *, form: UploadForm | None = None, import_form=None) -> dict:
    return {
        "resumes": resume_list(request.user),
        "form": form or UploadForm(),
        "import_form": import_form or JsonImportForm(),
    }


@verified_email_required
@require_POST
@ratelimit(group="resume-upload", key="user", rate=_per_user_rate, method="POST", block=True)
@ratelimit(group="resume-upload", key="ip", rate=_per_ip_rate, method="POST", block=True)
def upload(request: HttpRequest) -> HttpResponse:
    # Refuse an oversized body before reading it: the person learns at once, and we never spool 200 MB.
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > settings.RESUME_MAX_BYTES + 64 * 1024:
        limit = filesizeformat(settings.RESUME_MAX_BYTES)
        refused = UploadForm.refused(f"This file is about {filesizeformat(declared)}; the limit is {limit}.")
        return _upload_failed(request, refused)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_failed(request, form)
    resume = services.resume_create(user=request.user, uploaded=form.cleaned_data["file"])
    url = reverse("resumes:detail", args=[resume.id])
    return redirect_after_post(request, url)


def _upload_failed(request: HttpRequest, form: UploadForm) -> HttpResponse:
    template = "resumes/index.html#upload-form" if request.htmx else "resumes/index.html"
    return render(request, template, _index_context(request, form=form), status=400)


@verified_email_required
@require_POST
# The same budget as uploads (the same group): an import is a new resume too.
@ratelimit(group="resume-upload", key="user", rate=_per_user_rate, method="POST", block=True)
@ratelimit(group="resume-upload", key="ip", rate=_per_ip_rate, method="POST", block=True)
def import_json(request: HttpRequest) -> HttpResponse:
    """Import a JSON Resume file as a new resume, read at once (no parse is queued)."""
    limit = services.JSON_IMPORT_MAX_BYTES
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > limit + 64 * 1024:
        size, most = filesizeformat(declared), filesizeformat(limit)
        message = f"This file is about {size}; a JSON Resume may be at most {most}."
        return _import_failed(request, JsonImportForm.refused(message))
    form = JsonImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_failed(request, form)
    try:
        resume = services.resume_import_json(user=request.user, uploaded=form.cleaned_data["file"])
    except services.ParseFailure as failure:
        form.add_error("file", failure.message)
        return _import_failed(request, form)
    messages.success(request, f"“{resume.title}” was imported from JSON Resume.")
    return redirect_after_post(request, reverse("resumes:detail", args=[resume.id]))


def _import_failed(request: HttpRequest, form: JsonImportForm) -> HttpResponse:
    return render(request, "resumes/index.html", _index_context(request, import_form=form), status=400)


def _review_context(resume: Resume) -> dict:
    return {"resume": resume, "sections": editing.review_model(resume.sections) if resume.sections else []}


@verified_email_required
@require_GET
def detail(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    history = {
        "runs": resume.optimizations.all()[:20],
        "versions": resume.versions.all()[:20],
    }
    return render(request, "resumes/detail.html", {**_review_context(resume), **history, "rename_form": RenameForm()})


@verified_email_required
@require_GET
def status(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    return render_poll(request, "resumes/detail.html#review", _review_context(resume), finished=resume.is_finished)


@verified_email_required
@require_POST
def rename(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    form = RenameForm(request.POST)
    if form.is_valid():
        services.resume_rename(resume=resume, title=form.cleaned_data["title"])
    if request.htmx:
        return render(request, "resumes/detail.html#title", {"resume": resume})
    return redirect("resumes:detail", resume.id)


@verified_email_required
@require_POST
def delete(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    services.resume_delete(resume=resume)
    messages.success(request, f"“{resume.title}” was deleted.")
    url = reverse("resumes:index")
    return redirect_after_post(request, url)


@verified_email_required
@require_POST
def reparse(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    if resume.parse_status in (Resume.Status.PENDING, Resume.Status.PARSING):
        messages.info(request, "This resume is already being read.")
    else:
        services.resume_reparse(resume=resume)
    return redirect("resumes:detail", resume.id)


@verified_email_required
@require_GET
def download(request: HttpRequest, resume_id) -> HttpResponse:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    content_type = "application/json" if resume.is_imported else None
    return download_response(resume.file, resume.download_name, content_type=content_type)


# --- In-place corrections -------------------------------------------------------------------------------


def _editable(request: HttpRequest, resume_id) -> Resume:
    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    if resume.parse_status != Resume.Status.COMPLETED:
        raise Http404("This resume has not been read yet.")
    return resume


def _field(resume: Resume, path: str) -> editing.Field:
    value = editing.get_value(resume.sections, path)
    name = path.split(".")[-1]
    label = editing.label_for(name if not name.isdigit() else path.split(".")[-2])
    multiline = path in editing.MULTILINE or name in editing.MULTILINE
    return editing.Field(path, label, value, multiline=multiline, removable=name.isdigit())


def _save_sections(resume: Resume, sections: dict) -> None:
    resume.corrected_sections = sections
    resume.corrected_at = timezone.now()
    resume.save(update_fields=["corrected_sections", "corrected_at", "updated_at"])


@verified_email_required
@require_http_methods(["GET", "POST"])
def field(request: HttpRequest, resume_id) -> HttpResponse:
    """GET: the field as an edit form (or, with ?display=1, as text); POST: save it and show it as text."""
    resume = _editable(request, resume_id)
    path = (request.POST if request.method == "POST" else request.GET).get("path", "")
    try:
        if request.method == "POST":
            _save_sections(resume, editing.set_value(resume.sections, path, request.POST.get("value", "")))
        current = _field(resume, path)
    except editing.PathError:
        raise Http404("No such field.") from None
    editing_now = request.method == "GET" and not request.GET.get("display")
    partial = "field-form" if editing_now else "field-display"
    if not request.htmx:
        if request.method == "POST":
            return redirect("resumes:detail", resume.id)
        return render(request, "resumes/field_page.html", {"resume": resume, "f": current})
    return render(request, f"resumes/_fields.html#{partial}", {"resume": resume, "f": current})


@verified_email_required
@require_POST
def change(request: HttpRequest, resume_id) -> HttpResponse:
    """Structural corrections: add an entry or an item, remove one, or revert to what the parser read."""
    resume = _editable(request, resume_id)
    action = request.POST.get("action", "")
    try:
        if action == "add_entry":
            _save_sections(resume, editing.add_entry(resume.sections, request.POST.get("section", "")))
        elif action == "add_item":
            index = int(request.POST.get("index", "-1"))
            _save_sections(resume, editing.add_item(resume.sections, request.POST.get("section", ""), index))
        elif action == "remove":
            _save_sections(resume, editing.remove(resume.sections, request.POST.get("path", "")))
        elif action == "revert":
            resume.corrected_sections = None
            resume.corrected_at = None
            resume.save(update_fields=["corrected_sections", "corrected_at", "updated_at"])
        else:
            raise editing.PathError(action)
    except (editing.PathError, ValueError):
        raise Http404("No such part of the resume.") from None
    if request.htmx:
        return render(request, "resumes/detail.html#review", _review_context(resume))
    return redirect("resumes:detail", resume.id)


# --- Export ---------------------------------------------------------------------------------------------


def _export_source(request: HttpRequest, resume: Resume):
    """The optimised version named by ?version= / the form (one of this resume's), or None for the resume."""
    from optimize.models import OptimizedVersion

    version_id = request.POST.get("version") or request.GET.get("version")
    if not version_id:
        return None
    return get_owned_or_404(OptimizedVersion, request.user, id=version_id, resume=resume)


@verified_email_required
@require_GET
def export_page(request: HttpRequest, resume_id) -> HttpResponse:
    from resumes.export.html import PAPERS, TEMPLATES

    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    version = _export_source(request, resume)
    context = {
        "resume": resume,
        "version": version,
        "templates": TEMPLATES,
        "papers": PAPERS,
        "formats": ExportArtifact.Format.choices,
        "paper": default_paper(request.user),
        "exports": resume.exports.filter(version=version)[:10],
    }
    return render(request, "resumes/export.html", context)


def default_paper(user) -> str:
    """The paper the user chose in their profile; otherwise Letter in the United States and Canada and A4
    elsewhere, judged from the profile's location and time zone."""
    from accounts.services import profile_for

    profile = profile_for(user)
    chosen = profile.preferences.get("paper_size")
    if chosen in ("a4", "letter"):
        return chosen
    place = f"{profile.location} {profile.preferences.get('timezone', '')}".lower()
    north_american = ("united states", "usa", "u.s.", "canada", "america/", ", ca", ", ny", ", tx")
    return "letter" if any(word in place for word in north_american) else "a4"


@verified_email_required
@require_POST
@ratelimit(key="user", rate="60/h", block=True)
def export_create(request: HttpRequest, resume_id) -> HttpResponse:
    from resumes import exports

    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    version = _export_source(request, resume)
    try:
        artifact = exports.export_request(
            user=request.user,
            resume=resume,
            version=version,
            fmt=request.POST.get("format", ""),
            template=request.POST.get("template", "classic"),
            paper=request.POST.get("paper", "a4"),
        )
    except exports.ExportError as error:
        messages.error(request, error.message)
        url = reverse("resumes:export", args=[resume.id]) + (f"?version={version.id}" if version else "")
        return redirect_after_post(request, url)
    notifications.mark_present("export", artifact.id)  # the page opens next
    return redirect_after_post(request, reverse("resumes:artifact", args=[artifact.id]))


@verified_email_required
@require_GET
@xframe_options_sameorigin
def export_preview(request: HttpRequest, resume_id) -> HttpResponse:
    """The HTML a PDF is printed from, for the live preview (in a sandboxed frame: no scripts, no requests)."""
    from resumes.export.html import PAPERS, TEMPLATES, render_html

    resume = get_owned_or_404(Resume, request.user, id=resume_id)
    version = _export_source(request, resume)
    if version is None and resume.parse_status != Resume.Status.COMPLETED:
        raise Http404("This resume has not been read yet.")
    template = request.GET.get("template") if request.GET.get("template") in TEMPLATES else "classic"
    paper = request.GET.get("paper") if request.GET.get("paper") in PAPERS else "a4"
    sections = version.sections if version else resume.sections
    response = HttpResponse(render_html(sections, template=template, paper=paper))
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    return response


@verified_email_required
@require_GET
def artifact_detail(request: HttpRequest, artifact_id) -> HttpResponse:
    artifact = get_owned_or_404(ExportArtifact.objects.select_related("resume"), request.user, id=artifact_id)
    if not artifact.is_finished:
        notifications.mark_present("export", artifact.id)
    return render(request, "resumes/artifact.html", _artifact_context(artifact))


def _artifact_context(artifact: ExportArtifact) -> dict:
    from resumes.export.text import render_text

    fidelity = artifact.fidelity or {}
    return {
        "source_text": render_text(artifact.sections) if artifact.is_finished else "",
        "artifact": artifact,
        "fidelity_percent": round(100 * fidelity.get("score", 0)),
        "critical_percent": round(100 * fidelity.get("critical_score", 0)),
        "missing": fidelity.get("missing", []),
        "readback_text": fidelity.get("text", ""),
    }


@verified_email_required
@require_GET
def artifact_status(request: HttpRequest, artifact_id) -> HttpResponse:
    artifact = get_owned_or_404(ExportArtifact.objects.select_related("resume"), request.user, id=artifact_id)
    notifications.mark_present("export", artifact.id)  # watching: no e-mail when it is ready
    return render_poll(
        request, "resumes/artifact.html#result", _artifact_context(artifact), finished=artifact.is_finished
    )


@verified_email_required
@require_GET
def artifact_download(request: HttpRequest, artifact_id) -> HttpResponse:
    artifact = get_owned_or_404(ExportArtifact, request.user, id=artifact_id)
    if artifact.status != ExportArtifact.Status.COMPLETED or not artifact.file:
        raise Http404("This file is not ready.")
    if artifact.expires_at and artifact.expires_at <= timezone.now():
        raise Http404("This file has expired; export it again.")
    return download_response(artifact.file, artifact.download_name, content_type=artifact.content_type)
