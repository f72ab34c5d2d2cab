from __future__ import annotations

from allauth.account.decorators import verified_email_required
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post
from careeragent.storage import download_response
from jobs import conf, ingest, services
from jobs.fetch import FetchError
from jobs.forms import SOURCES, EditForm, PasteForm, UploadForm, UrlForm
from jobs.models import WORKPLACE_LABELS, JobDescription, JobPosting, JobSource, SavedJob
from jobs.search import search_postings
from resumes.services import ParseFailure

FORMS = {"paste": PasteForm, "file": UploadForm, "url": UrlForm}


def _per_user_rate(group, request) -> str:
    return f"{conf.creates_per_hour()}/h"


def jd_list(user):
    """The user's job descriptions for the list page (the analysis JSON and the text are not loaded)."""
    return JobDescription.objects.for_user(user).only(
        "id", "title", "company", "location", "workplace", "skills_count", "source", "created_at"
    )


def _forms(bound: dict | None = None) -> dict:
    bound = bound or {}
    return {name: bound.get(name) or FORMS[name](prefix=name) for name in SOURCES}


def _index_context(request: HttpRequest, *, forms: dict | None = None, opened: str = "paste") -> dict:
    return {
        "jds": jd_list(request.user),
        "forms": forms or _forms(),
        "opened": opened,
    }


@verified_email_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/index.html", _index_context(request))


@verified_email_required
@require_POST
@ratelimit(group="jd-create", key="user", rate=_per_user_rate, method="POST", block=True)
def jd_create(request: HttpRequest) -> HttpResponse:
    source = request.POST.get("source", "")
    if source not in FORMS:
        source = "paste"
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if source == "file" and declared > conf.upload_max_bytes() + 64 * 1024:
        limit = filesizeformat(conf.upload_max_bytes())
        message = f"This file is about {filesizeformat(declared)}; the limit is {limit}."
        form = UploadForm.refused(message, prefix="file")
        return _create_failed(request, source, form)
    form = FORMS[source](request.POST, request.FILES, prefix=source)
    if not form.is_valid():
        return _create_failed(request, source, form)
    data = form.cleaned_data
    try:
        if source == "paste":
            jd = services.jd_create_from_text(
                user=request.user,
                text=data["text"],
                title=data["title"],
                company=data["company"],
                location=data["location"],
            )
        elif source == "file":
            jd = services.jd_create_from_upload(user=request.user, uploaded=data["file"], title=data["title"])
        else:
            jd = services.jd_create_from_url(user=request.user, url=data["url"])
    except (ParseFailure, FetchError) as failure:
        form.add_error(None, failure.message)
        return _create_failed(request, source, form)
    except services.EmptyText as error:
        form.add_error(None, str(error))
        return _create_failed(request, source, form)
    url = reverse("jobs:jd_detail", args=[jd.id])
    return redirect_after_post(request, url)


def _create_failed(request: HttpRequest, source: str, form) -> HttpResponse:
    template = "jobs/index.html#new-jd" if request.htmx else "jobs/index.html"
    context = _index_context(request, forms=_forms({source: form}), opened=source)
    return render(request, template, context, status=400)


@verified_email_required
@require_GET
def jd_detail(request: HttpRequest, jd_id) -> HttpResponse:
    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    return render(request, "jobs/detail.html", {"jd": jd})


@verified_email_required
@require_http_methods(["GET", "POST"])
def jd_edit(request: HttpRequest, jd_id) -> HttpResponse:
    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.jd_update(jd=jd, **form.cleaned_data)
            except services.EmptyText as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, "Saved. The job description was analysed again.")
                return redirect("jobs:jd_detail", jd.id)
        return render(request, "jobs/edit.html", {"jd": jd, "form": form}, status=400)
    initial = {"title": jd.title, "company": jd.company, "location": jd.location, "text": jd.text, "notes": jd.notes}
    return render(request, "jobs/edit.html", {"jd": jd, "form": EditForm(initial=initial)})


@verified_email_required
@require_POST
def jd_delete(request: HttpRequest, jd_id) -> HttpResponse:
    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    title = jd.title
    services.jd_delete(jd=jd)
    messages.success(request, f"“{title}” was deleted.")
    url = reverse("jobs:index")
    return redirect_after_post(request, url)


@verified_email_required
@require_GET
def jd_download(request: HttpRequest, jd_id) -> HttpResponse:
    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    if not jd.file:
        raise Http404("This job description has no uploaded file.")
    return download_response(jd.file, jd.download_name)


# ---------------------------------------------------------------------------------------------------------------
# Job-board postings: shared by every signed-in user (not user-owned); saving one creates the user's SavedJob.

POSTINGS_PER_PAGE = 20
POSTED_CHOICES = [("", "Any time"), ("1", "Last 24 hours"), ("7", "Last 7 days"), ("30", "Last 30 days")]
REMOTE_CHOICES = [("", "Remote or not"), ("yes", "Remote only"), ("no", "Not remote")]
# The list shows these columns only (the description, the analysis and the duplicate keys are not loaded).
POSTING_LIST_FIELDS = (
    "id",
    "title",
    "company",
    "location",
    "remote",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "posted_at",
    "closed_at",
    "source__id",
    "source__name",
)


class PostingSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    remote = forms.ChoiceField(required=False, choices=REMOTE_CHOICES, label="Remote")
    location = forms.CharField(required=False, max_length=100, label="Location")
    min_salary = forms.IntegerField(required=False, min_value=0, max_value=10_000_000, label="Minimum salary")
    posted = forms.ChoiceField(required=False, choices=POSTED_CHOICES, label="Posted")
    source = forms.ModelChoiceField(
        required=False, queryset=JobSource.objects.only("id", "name"), empty_label="Any source", label="Source"
    )
    skill = forms.CharField(required=False, max_length=200, label="Skills", help_text="Comma separated.")

    def search_kwargs(self) -> dict:
        """The search_postings arguments of the valid fields (an invalid one is ignored, never an error)."""
        self.is_valid()
        data = self.cleaned_data
        remote = {"yes": True, "no": False}.get(data.get("remote") or "")
        posted = data.get("posted")
        return {
            "query": data.get("q") or "",
            "remote": remote,
            "location": data.get("location") or "",
            "min_salary": data.get("min_salary"),
            "posted_within_days": int(posted) if posted else None,
            "source": data.get("source"),
            "skills": [s for s in (data.get("skill") or "").split(",") if s.strip()],
        }


def salary_text(posting: JobPosting) -> str:
    low, high = posting.salary_min, posting.salary_max
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        amount = f"{(low if low is not None else high):,.0f}"
    else:
        amount = f"{low:,.0f}–{high:,.0f}"  # noqa: RUF001
    parts = [posting.salary_currency, amount, f"per {posting.salary_period}" if posting.salary_period else ""]
    return " ".join(p for p in parts if p)


class PostingAnalysis:
    """A posting seen through the interface of jobs/_analysis.html (the one JobDescription offers)."""

    sections = property(JobDescription.sections.fget)
    required_skills = property(JobDescription.required_skills.fget)
    preferred_skills = property(JobDescription.preferred_skills.fget)
    years_text = property(JobDescription.years_text.fget)

    def __init__(self, posting: JobPosting):
        self.analysis = posting.analysis or {}
        self.title, self.company, self.location = posting.title, posting.company, posting.location
        self.workplace = posting.workplace or (self.analysis.get("workplace") or "")
        self.workplace_label = WORKPLACE_LABELS.get(self.workplace, "")
        self.salary_text = salary_text(posting) or JobDescription.salary_text.fget(self)


def _saved_ids(user, postings) -> set:
    ids = [p.id for p in postings]
    if not ids:
        return set()
    return set(SavedJob.objects.for_user(user).filter(posting_id__in=ids).values_list("posting_id", flat=True))


@login_required
@require_GET
def postings(request: HttpRequest) -> HttpResponse:
    form = PostingSearchForm(request.GET or None)
    kwargs = form.search_kwargs() if form.is_bound else {}
    results = search_postings(**kwargs).select_related("source").only(*POSTING_LIST_FIELDS)
    page = Paginator(results, POSTINGS_PER_PAGE).get_page(request.GET.get("page"))
    for posting in page.object_list:
        posting.salary_label = salary_text(posting)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "saved_ids": _saved_ids(request.user, page.object_list),
        "query_string": params.urlencode(),
        "searching": any(v for v in kwargs.values() if v not in (None, "", [])),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "jobs/postings.html#results" if partial else "jobs/postings.html", context)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_GET
def posting_detail(request: HttpRequest, posting_id) -> HttpResponse:
    posting = get_object_or_404(JobPosting.objects.select_related("source"), id=posting_id)
    context = {
        "posting": posting,
        "shown": PostingAnalysis(posting),
        "saved": SavedJob.objects.for_user(request.user).filter(posting=posting).exists(),
    }
    return render(request, "jobs/posting_detail.html", context)


@login_required
@require_POST
def posting_save(request: HttpRequest, posting_id) -> HttpResponse:
    posting = get_object_or_404(JobPosting.objects.only("id"), id=posting_id)
    deleted, _ = SavedJob.objects.for_user(request.user).filter(posting=posting).delete()
    saved = False
    if not deleted:
        try:
            with transaction.atomic():
                SavedJob.objects.create(user=request.user, posting=posting)
        except IntegrityError:
            pass  # a double click saved it already
        saved = True
    if request.htmx:
        return render(request, "jobs/posting_detail.html#save-button", {"posting": posting, "saved": saved})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("jobs:posting_detail", args=[posting.id])
    return redirect(target)


@login_required
@require_GET
def saved(request: HttpRequest) -> HttpResponse:
    items = (
        SavedJob.objects.for_user(request.user)
        .select_related("posting", "posting__source")
        .only("id", "note", "created_at", "posting_id", *(f"posting__{f}" for f in POSTING_LIST_FIELDS))
    )
    page = Paginator(items, POSTINGS_PER_PAGE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.posting.salary_label = salary_text(item.posting)
    return render(request, "jobs/saved.html", {"page": page})


REFRESH_COOLDOWN_S = 600


def _refresh_rate(group, request) -> str:
    return "5/h"


@login_required
@require_POST
@ratelimit(group="jobs-refresh", key="user", rate=_refresh_rate, method="POST", block=True)
def refresh(request: HttpRequest) -> HttpResponse:
    """Fetch every enabled job board now. One refresh per ten minutes for the whole site, whoever asks."""
    if cache.add("jobs:refresh-cooldown", "1", timeout=REFRESH_COOLDOWN_S):
        queued = ingest.enqueue_due_sources(force=True)
        messages.success(request, f"Fetching new postings from {queued} job board(s); they appear in a minute or two.")
    else:
        messages.info(request, "Postings were refreshed a few minutes ago; try again later.")
    return redirect_after_post(request, reverse("jobs:postings"))
