"""This app's part of a user's data export (accounts.services.collect_user_data)."""

from __future__ import annotations

from django.db.models import Prefetch

from tracker.models import (
    AnalyticsSnapshot,
    Application,
    CalendarFeed,
    Contact,
    CsvImport,
    Interview,
    Note,
    Reminder,
    StatusChange,
)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _id(value) -> str | None:
    return str(value) if value else None


def _reminder(reminder: Reminder) -> dict:
    return {
        "id": str(reminder.id),
        "application": _id(reminder.application_id),
        "kind": reminder.kind,
        "title": reminder.title,
        "due_on": _iso(reminder.due_on),
        "snoozed_until": _iso(reminder.snoozed_until),
        "done_at": _iso(reminder.done_at),
        "notes": reminder.notes,
        "created_at": _iso(reminder.created_at),
    }


def _application(app: Application) -> dict:
    return {
        "id": str(app.id),
        "company": app.company,
        "role": app.role,
        "status": app.status,
        "closing_reason": app.closing_reason,
        "source": app.source,
        "apply_url": app.apply_url,
        "location": app.location,
        "workplace": app.workplace,
        "salary_min": app.salary_min,
        "salary_max": app.salary_max,
        "salary_currency": app.salary_currency,
        "priority": app.priority,
        "priority_score": app.priority_score,
        "excitement": app.excitement,
        "match_score": app.match_score,
        "deadline": _iso(app.deadline),
        "applied_on": _iso(app.applied_on),
        "next_action": app.next_action,
        "next_action_on": _iso(app.next_action_on),
        "posting": _id(app.posting_id),
        "job_description": _id(app.job_description_id),
        "resume": _id(app.resume_id),
        "resume_version": _id(app.resume_version_id),
        "resume_label": app.resume_label,
        "resume_snapshot": app.resume_snapshot,
        "cover_letter_text": app.cover_letter_text,
        "status_changed_at": _iso(app.status_changed_at),
        "first_response_at": _iso(app.first_response_at),
        "closed_at": _iso(app.closed_at),
        "created_at": _iso(app.created_at),
        "updated_at": _iso(app.updated_at),
        "history": [
            {"from": c.from_status, "to": c.to_status, "at": _iso(c.changed_at), "note": c.note}
            for c in app.status_changes.all()
        ],
        "notes": [{"text": n.text, "created_at": _iso(n.created_at)} for n in app.notes.all()],
        "contacts": [
            {
                "name": c.name,
                "role": c.role,
                "email": c.email,
                "phone": c.phone,
                "linkedin_url": c.linkedin_url,
                "notes": c.notes,
            }
            for c in app.contacts.all()
        ],
        "interviews": [
            {
                "id": str(i.id),
                "kind": i.kind,
                "starts_at": _iso(i.starts_at),
                "timezone": i.timezone,
                "duration_minutes": i.duration_minutes,
                "location": i.location,
                "meeting_url": i.meeting_url,
                "interviewers": i.interviewers,
                "preparation": i.preparation,
                "outcome": i.outcome,
                "outcome_notes": i.outcome_notes,
            }
            for i in app.interviews.all()
        ],
        "reminders": [_reminder(r) for r in app.reminders.all()],
    }


def collect(user) -> dict:
    # Every related set is read through for_user as well: the rows carry their own owner.
    applications = (
        Application.objects.for_user(user)
        .order_by("created_at")
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.for_user(user).order_by("changed_at")),
            Prefetch("notes", queryset=Note.objects.for_user(user).order_by("created_at")),
            Prefetch("contacts", queryset=Contact.objects.for_user(user)),
            Prefetch("interviews", queryset=Interview.objects.for_user(user).order_by("starts_at")),
            Prefetch("reminders", queryset=Reminder.objects.for_user(user).order_by("due_on")),
        )
    )
    feed = CalendarFeed.objects.for_user(user).first()
    return {
        "applications": [_application(app) for app in applications],
        # Reminders not tied to an application (those tied to one are listed under it).
        "reminders": [
            _reminder(r) for r in Reminder.objects.for_user(user).filter(application__isnull=True).order_by("due_on")
        ],
        "analytics_snapshots": [
            {
                "week_start": _iso(s.week_start),
                "applications": s.applications,
                "responses": s.responses,
                "interviews": s.interviews,
                "offers": s.offers,
                "metrics": s.metrics,
            }
            for s in AnalyticsSnapshot.objects.for_user(user).order_by("week_start")
        ],
        # The feed's secret token is left out: an export file travels further than the account.
        "calendar_feed": {"created_at": _iso(feed.created_at), "last_fetched_at": _iso(feed.last_fetched_at)}
        if feed
        else None,
        "csv_imports": [
            {
                "original_filename": i.original_filename,
                "status": i.status,
                "created_count": i.created_count,
                "skipped": i.skipped,
                "created_at": _iso(i.created_at),
            }
            for i in CsvImport.objects.for_user(user).defer("rows").order_by("created_at")
        ],
    }
