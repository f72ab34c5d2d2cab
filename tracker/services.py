"""Writing to the tracker: creating applications and moving them between statuses.

Views, imports, the demo and "Track this" all come through here, so the history and the denormalised dates
(applied_on, first_response_at, closed_at) are kept the same way whoever writes.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tracker import priority
from tracker.models import Application, StatusChange

Status = Application.Status
# Statuses that mean the user has applied (a first move into one of them sets applied_on if it is empty).
AFTER_APPLYING = (
    Status.APPLIED,
    Status.SCREENING,
    Status.INTERVIEWING,
    Status.OFFER,
    Status.ACCEPTED,
    Status.REJECTED,
    Status.GHOSTED,
)
DEFAULT_CLOSING_REASON = {
    Status.ACCEPTED: Application.ClosingReason.ACCEPTED_OFFER,
    Status.GHOSTED: Application.ClosingReason.NO_RESPONSE,
}
DUPLICATE_WINDOW_DAYS = 30


def _profile(user):
    from accounts.models import Profile

    return Profile.objects.filter(user=user).first()


def _apply_status_dates(application: Application, to_status: str, at: datetime, closing_reason: str = "") -> None:
    if to_status in AFTER_APPLYING and application.applied_on is None:
        application.applied_on = timezone.localdate(at)
    if to_status in Application.RESPONDED and application.first_response_at is None and to_status != Status.APPLIED:
        application.first_response_at = at
    if to_status in Application.CLOSED:
        application.closed_at = at
        application.closing_reason = closing_reason or DEFAULT_CLOSING_REASON.get(to_status, "")
    else:
        application.closed_at = None
        application.closing_reason = ""


@transaction.atomic
def create_application(user, *, at: datetime | None = None, note: str = "", **fields) -> Application:
    """Create an application and its first history row; the priority score is computed from the user's weights."""
    at = at or timezone.now()
    for name in ("company", "role"):
        fields[name] = " ".join(str(fields.get(name) or "").split())
    application = Application(user=user, **fields)
    application.status_changed_at = at
    _apply_status_dates(application, application.status, at, fields.get("closing_reason", ""))
    application.priority_score = priority.score(application, _profile(user))
    application.save()
    StatusChange.objects.create(
        user=user, application=application, from_status="", to_status=application.status, changed_at=at, note=note
    )
    return application


@transaction.atomic
def change_status(
    application: Application,
    to_status: str,
    *,
    note: str = "",
    closing_reason: str = "",
    at: datetime | None = None,
) -> bool:
    """Move `application` to `to_status`, recording the change; False (and nothing written) if it is already there."""
    if to_status not in Status.values:
        raise ValueError(f"Unknown status {to_status!r}")
    if to_status == application.status and not closing_reason:
        return False
    at = at or timezone.now()
    from_status = application.status
    application.status = to_status
    application.status_changed_at = at
    _apply_status_dates(application, to_status, at, closing_reason)
    application.save(
        update_fields=[
            "status",
            "status_changed_at",
            "applied_on",
            "first_response_at",
            "closed_at",
            "closing_reason",
            "updated_at",
        ]
    )
    if from_status != to_status:
        StatusChange.objects.create(
            user=application.user,
            application=application,
            from_status=from_status,
            to_status=to_status,
            changed_at=at,
            note=note,
        )
    return True


def refresh_priority(application: Application, *, save: bool = True) -> int:
    application.priority_score = priority.score(application, _profile(application.user))
    if save:
        application.save(update_fields=["priority_score", "updated_at"])
    return application.priority_score


def find_duplicates(user, company: str, role: str, *, exclude_id=None):
    """Applications for the same company and role (case-insensitive) created in the last 30 days."""
    since = timezone.now() - timezone.timedelta(days=DUPLICATE_WINDOW_DAYS)
    found = Application.objects.for_user(user).filter(
        company__iexact=company.strip(), role__iexact=role.strip(), created_at__gte=since
    )
    if exclude_id:
        found = found.exclude(pk=exclude_id)
    return found
