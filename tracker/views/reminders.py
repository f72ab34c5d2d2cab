"""Reminders: follow-ups with a due date, marked done, snoozed, or deleted; htmx swaps the one row it changed."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post
from tracker import ics
from tracker.models import Application, Reminder
from tracker.schedule_forms import ReminderForm, SnoozeForm

# Done reminders stay on the page this long, so an accidental "done" can be undone.
RECENT_DONE = timedelta(days=14)
DONE_SHOWN = 20


def _next_url(request: HttpRequest, default: str | None = None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse("tracker:reminders")


def _owned_reminder(request: HttpRequest, reminder_id) -> Reminder:
    return get_owned_or_404(Reminder.objects.select_related("application"), request.user, pk=reminder_id)


def _row(request: HttpRequest, reminder: Reminder, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "reminder": reminder,
        "next_url": _next_url(request),
        "row_error": error,
    }
    return render(request, "tracker/reminders/_row.html", context, status=status)


def reminder_lists(user, today) -> dict:
    """The reminders page: what is due (overdue first), what comes later, and what was done recently."""
    mine = Reminder.objects.for_user(user).select_related("application")
    due = sorted(mine.due(today), key=lambda r: (r.effective_due_on, r.created_at))
    due_ids = {r.pk for r in due}
    upcoming = sorted(
        (r for r in mine.pending() if r.pk not in due_ids), key=lambda r: (r.effective_due_on, r.created_at)
    )
    done = list(mine.filter(done_at__gte=timezone.now() - RECENT_DONE).order_by("-done_at")[:DONE_SHOWN])
    return {"due": due, "upcoming": upcoming, "done": done}


@login_required
@require_GET
def reminders(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        **reminder_lists(request.user, today),
        "today": today,
        "form": ReminderForm(user=request.user),
        "next_url": request.get_full_path(),
    }
    return render(request, "tracker/reminders/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_create(request: HttpRequest) -> HttpResponse:
    application = None
    app_id = request.GET.get("application")
    initial = {}
    if app_id:
        try:
            app_id = uuid.UUID(app_id)
        except ValueError:
            raise Http404("No such application.") from None
        application = get_owned_or_404(Application, request.user, pk=app_id)
        initial["application"] = application
    form = ReminderForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        reminder = form.save()
        messages.success(request, f"Reminder added for {reminder.due_on:%a %-d %b}.")
        default = ics.application_path(reminder.application) if reminder.application else None
        return redirect_after_post(request, _next_url(request, default))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "application": application, "next_url": _next_url(request, "")}
    return render(request, "tracker/reminders/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_edit(request: HttpRequest, reminder_id) -> HttpResponse:
    reminder = _owned_reminder(request, reminder_id)
    form = ReminderForm(request.POST or None, instance=reminder, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Reminder updated.")
        return redirect_after_post(request, _next_url(request))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "reminder": reminder, "application": reminder.application, "next_url": _next_url(request)}
    return render(request, "tracker/reminders/form.html", context, status=status)


@login_required
@require_POST
def reminder_done(request: HttpRequest, reminder_id) -> HttpResponse:
    """Mark done, or (with undo=1) pending again."""
    reminder = _owned_reminder(request, reminder_id)
    undo = request.POST.get("undo") == "1"
    reminder.done_at = None if undo else (reminder.done_at or timezone.now())
    reminder.save(update_fields=["done_at", "updated_at"])
    if request.htmx:
        return _row(request, reminder)
    messages.success(request, f"“{reminder.title}” is {'pending again' if undo else 'done'}.")
    return redirect_after_post(request, _next_url(request))


@login_required
@require_POST
def reminder_snooze(request: HttpRequest, reminder_id) -> HttpResponse:
    reminder = _owned_reminder(request, reminder_id)
    form = SnoozeForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if request.htmx:
            return _row(request, reminder, error=error, status=400)
        messages.error(request, error)
        return redirect_after_post(request, _next_url(request))
    reminder.snoozed_until = form.cleaned_data["snoozed_until"]
    reminder.save(update_fields=["snoozed_until", "updated_at"])
    if request.htmx:
        return _row(request, reminder)
    messages.success(request, f"Snoozed until {reminder.snoozed_until:%a %-d %b}.")
    return redirect_after_post(request, _next_url(request))


@login_required
@require_POST
def reminder_delete(request: HttpRequest, reminder_id) -> HttpResponse:
    reminder = _owned_reminder(request, reminder_id)
    reminder.delete()
    if request.htmx:
        return HttpResponse("")  # swapping the row with nothing removes it
    messages.success(request, "Reminder deleted.")
    return redirect_after_post(request, _next_url(request))


urlpatterns = [
    path("reminders/", reminders, name="reminders"),
    path("reminders/new/", reminder_create, name="reminder_create"),
    path("reminders/<uuid:reminder_id>/edit/", reminder_edit, name="reminder_edit"),
    path("reminders/<uuid:reminder_id>/done/", reminder_done, name="reminder_done"),
    path("reminders/<uuid:reminder_id>/snooze/", reminder_snooze, name="reminder_snooze"),
    path("reminders/<uuid:reminder_id>/delete/", reminder_delete, name="reminder_delete"),
]
