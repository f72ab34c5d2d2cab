from __future__ import annotations

import functools

from allauth.account.decorators import verified_email_required as _allauth_verified_email_required
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_ratelimit.decorators import ratelimit

from careeragent.access import get_owned_or_404
from careeragent.storage import download_response
from jobs import conf, services
from jobs.fetch import FetchError
from jobs.forms import SOURCES, EditForm, PasteForm, UploadForm, UrlForm
from jobs.models import JobDescription
from resumes.services import ParseFailure


def verified_email_required(view):
    """allauth's decorator does not use functools.wraps, so the wrapped view loses its module and name, and the
    tenancy sweep (which picks views by module) would silently skip it. Keep them."""
    return functools.wraps(view)(_allauth_verified_email_required(view))


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
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


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
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@verified_email_required
@require_GET
def jd_download(request: HttpRequest, jd_id) -> HttpResponse:
    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    if not jd.file:
        raise Http404("This job description has no uploaded file.")
    return download_response(jd.file, jd.download_name)
