"""Cover letters: ask for one, watch it being written, edit, copy, download, attach to an application."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts import notifications
from billing import services as billing
from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post, render_poll
from jobs.generate import documents, services
from jobs.generate.forms import AttachForm, LetterForm, TextForm
from jobs.models import CoverLetter, JobDescription, JobPosting

LIST_LIMIT = 100


def _uuid(value: str | None) -> str | None:
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


def _job_from_query(request: HttpRequest) -> dict:
    """?posting= (a shared posting) or ?jd= (the user's own job description), when they name something real."""
    found: dict = {}
    if posting_id := _uuid(request.GET.get("posting")):
        found["posting"] = JobPosting.objects.filter(id=posting_id).first()
    if jd_id := _uuid(request.GET.get("jd")):
        found["job_description"] = JobDescription.objects.for_user(request.user).filter(id=jd_id).first()
    return {k: v for k, v in found.items() if v is not None}


def _new_context(request: HttpRequest, form: LetterForm, job: dict) -> dict:
    letters = CoverLetter.objects.for_user(request.user)
    if job.get("posting"):
        letters = letters.filter(posting=job["posting"])
    elif job.get("job_description"):
        letters = letters.filter(job_description=job["job_description"])
    else:
        letters = letters.none()
    return {
        "form": form,
        "posting": job.get("posting"),
        "jd": job.get("job_description"),
        "letters": letters[:10],
        "has_resume": form.fields["resume"].queryset.exists(),
        # Shown before submitting when billing is on (a stored letter for the same resume and job is free).
        "credit_cost": billing.cost_of("generation") if billing.enabled() else None,
        "credit_balance": billing.balance(request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate="60/h", method="POST", block=True)
def letter_new(request: HttpRequest) -> HttpResponse:
    job = _job_from_query(request)
    if request.method == "GET":
        initial = dict(job)
        if resume_id := _uuid(request.GET.get("resume")):
            initial["resume"] = resume_id
        form = LetterForm(user=request.user, initial=initial)
        return render(request, "jobs/generate/new.html", _new_context(request, form, job))

    form = LetterForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            letter, created = services.letter_request(
                user=request.user,
                resume=data["resume"],
                version=data["version"],
                posting=data["posting"],
                job_description=data["job_description"],
            )
        except services.LetterError as error:
            form.add_error(None, error.message)
        else:
            if not created:
                messages.info(
                    request, "You already have a letter for this resume and job. Use “Regenerate” for a new one."
                )
            else:
                notifications.mark_present("cover_letter", letter.id)  # the page opens next
            return redirect_after_post(request, reverse("jobs:letter_detail", args=[letter.id]))
    if hasattr(form, "cleaned_data"):
        job = {k: form.cleaned_data.get(k) for k in ("posting", "job_description") if form.cleaned_data.get(k)}
    return render(request, "jobs/generate/new.html", _new_context(request, form, job), status=400)


def _detail_context(request: HttpRequest, letter: CoverLetter, form: TextForm | None = None) -> dict:
    from tracker.models import Application

    applications = Application.objects.for_user(request.user).order_by("-updated_at")
    if letter.posting_id:
        applications = applications.filter(posting_id=letter.posting_id) or applications
    elif letter.job_description_id:
        applications = applications.filter(job_description_id=letter.job_description_id) or applications
    return {
        "letter": letter,
        "form": form or TextForm(initial={"text": letter.text}),
        "applications": list(applications[:50]),
        "formats": list(documents.FORMATS),
    }


@login_required
@require_http_methods(["GET", "POST"])
def letter_detail(request: HttpRequest, letter_id) -> HttpResponse:
    letter = get_owned_or_404(CoverLetter, request.user, id=letter_id)
    if request.method == "POST":
        form = TextForm(request.POST)
        if form.is_valid() and letter.status == CoverLetter.Status.COMPLETED:
            services.letter_save_text(letter=letter, text=form.cleaned_data["text"])
            messages.success(request, "Letter saved.")
            return redirect_after_post(request, reverse("jobs:letter_detail", args=[letter.id]))
        if letter.status != CoverLetter.Status.COMPLETED:
            form.add_error(None, "The letter is still being written.")
        return render(request, "jobs/generate/detail.html", _detail_context(request, letter, form), status=400)
    if not letter.is_finished:
        notifications.mark_present("cover_letter", letter.id)
    return render(request, "jobs/generate/detail.html", _detail_context(request, letter))


@login_required
@require_GET
def letter_status(request: HttpRequest, letter_id) -> HttpResponse:
    letter = get_owned_or_404(CoverLetter, request.user, id=letter_id)
    notifications.mark_present("cover_letter", letter.id)  # watching: no e-mail when it is written
    context = _detail_context(request, letter) if letter.is_finished else {"letter": letter}
    return render_poll(request, "jobs/generate/detail.html#letter", context, finished=letter.is_finished)


@login_required
@require_POST
@ratelimit(key="user", rate="60/h", block=True)
def letter_regenerate(request: HttpRequest, letter_id) -> HttpResponse:
    """The same resume (or version) and job again, past the stored letter: a new letter, the old one stays."""
    letter = get_owned_or_404(
        CoverLetter.objects.select_related("resume", "resume_version", "posting", "job_description"),
        request.user,
        id=letter_id,
    )
    if letter.posting is None and letter.job_description is None:
        messages.error(request, "The job this letter was for has been deleted.")
        return redirect_after_post(request, reverse("jobs:letter_detail", args=[letter.id]))
    try:
        new, _ = services.letter_request(
            user=request.user,
            resume=letter.resume,
            version=letter.resume_version,
            posting=letter.posting,
            job_description=letter.job_description,
            force=True,
        )
    except services.LetterError as error:
        messages.error(request, error.message)
        return redirect_after_post(request, reverse("jobs:letter_detail", args=[letter.id]))
    notifications.mark_present("cover_letter", new.id)
    return redirect_after_post(request, reverse("jobs:letter_detail", args=[new.id]))


@login_required
@require_GET
def letter_list(request: HttpRequest) -> HttpResponse:
    letters = CoverLetter.objects.for_user(request.user).only(
        "id", "job_title", "job_company", "resume_label", "status", "provider", "edited", "created_at"
    )[:LIST_LIMIT]
    return render(request, "jobs/generate/list.html", {"letters": letters})


@login_required
@require_GET
def letter_download(request: HttpRequest, letter_id, fmt: str) -> HttpResponse:
    letter = get_owned_or_404(CoverLetter, request.user, id=letter_id)
    if fmt not in documents.FORMATS or letter.status != CoverLetter.Status.COMPLETED:
        raise Http404("No such download.")
    if fmt == "pdf":
        from resumes.export.pdf import RenderError

        try:
            data = documents.render(letter, fmt)
        except RenderError:
            messages.error(request, "The PDF could not be made just now; please try again, or download the DOCX.")
            return redirect_after_post(request, reverse("jobs:letter_detail", args=[letter.id]))
    else:
        data = documents.render(letter, fmt)
    response = HttpResponse(data, content_type=documents.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(letter, fmt)}"'
    return response


@login_required
@require_POST
def letter_attach(request: HttpRequest, letter_id) -> HttpResponse:
    from tracker.models import Application

    letter = get_owned_or_404(CoverLetter, request.user, id=letter_id)
    form = AttachForm(request.POST)
    detail = reverse("jobs:letter_detail", args=[letter.id])
    if not form.is_valid():
        messages.error(request, "Choose the application to attach the letter to.")
        return redirect_after_post(request, detail)
    application = get_owned_or_404(Application, request.user, id=form.cleaned_data["application"])
    try:
        services.letter_attach(letter=letter, application=application)
    except services.LetterError as error:
        messages.error(request, error.message)
        return redirect_after_post(request, detail)
    messages.success(request, f"Letter attached to your application at {application.company}.")
    return redirect_after_post(request, detail)


@login_required
@require_POST
def letter_delete(request: HttpRequest, letter_id) -> HttpResponse:
    letter = get_owned_or_404(CoverLetter, request.user, id=letter_id)
    letter.delete()
    messages.success(request, "Letter deleted.")
    return redirect_after_post(request, reverse("jobs:letter_list"))


urlpatterns = [
    path("letters/", letter_list, name="letter_list"),
    path("letters/new/", letter_new, name="letter_new"),
    path("letters/<uuid:letter_id>/", letter_detail, name="letter_detail"),
    path("letters/<uuid:letter_id>/status/", letter_status, name="letter_status"),
    path("letters/<uuid:letter_id>/regenerate/", letter_regenerate, name="letter_regenerate"),
    path("letters/<uuid:letter_id>/download/<str:fmt>/", letter_download, name="letter_download"),
    path("letters/<uuid:letter_id>/attach/", letter_attach, name="letter_attach"),
    path("letters/<uuid:letter_id>/delete/", letter_delete, name="letter_delete"),
]
