"""Interviews: schedule one for an application, edit or delete it, download it as an .ics file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post
from tracker import ics
from tracker.models import Application, Interview
from tracker.schedule_forms import InterviewForm
from tracker.services import change_status


def _back_to(application: Application) -> str:
    return f"{ics.application_path(application)}#interviews"


def _owned_interview(request: HttpRequest, interview_id) -> Interview:
    return get_owned_or_404(Interview.objects.select_related("application"), request.user, pk=interview_id)


@login_required
@require_http_methods(["GET", "POST"])
def interview_create(request: HttpRequest, application_id) -> HttpResponse:
    application = get_owned_or_404(Application, request.user, pk=application_id)
    form = InterviewForm(request.POST or None, application=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            interview = form.save()
            if form.moves_to_interviewing:
                change_status(application, Application.Status.INTERVIEWING, note="Interview scheduled.")
        messages.success(request, f"Interview scheduled: {interview.get_kind_display()}.")
        return redirect_after_post(request, _back_to(application))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "application": application, "back_url": _back_to(application)}
    return render(request, "tracker/interviews/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def interview_edit(request: HttpRequest, interview_id) -> HttpResponse:
    interview = _owned_interview(request, interview_id)
    application = interview.application
    form = InterviewForm(request.POST or None, instance=interview, application=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Interview updated. Subscribed calendars pick up the change on their next refresh.")
        return redirect_after_post(request, _back_to(application))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "application": application, "interview": interview, "back_url": _back_to(application)}
    return render(request, "tracker/interviews/form.html", context, status=status)


@login_required
@require_POST
def interview_delete(request: HttpRequest, interview_id) -> HttpResponse:
    interview = _owned_interview(request, interview_id)
    application = interview.application
    interview.delete()
    messages.success(request, "Interview deleted.")
    return redirect_after_post(request, _back_to(application))


@login_required
@require_GET
def interview_ics(request: HttpRequest, interview_id) -> HttpResponse:
    interview = _owned_interview(request, interview_id)
    body = ics.build_calendar([interview], request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.ics_filename(interview)}"'
    response["Cache-Control"] = "private, no-cache"
    return response


urlpatterns = [
    path("applications/<uuid:application_id>/interviews/new/", interview_create, name="interview_create"),
    path("interviews/<uuid:interview_id>/edit/", interview_edit, name="interview_edit"),
    path("interviews/<uuid:interview_id>/delete/", interview_delete, name="interview_delete"),
    path("interviews/<uuid:interview_id>/interview.ics", interview_ics, name="interview_ics"),
]
