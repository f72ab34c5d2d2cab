"""The daily e-mail digest: reminders due, interviews coming up, and applications still waiting for a reply.

`send_morning_digests` runs hourly from the `send_reminder_digests` cron actor and sends each user's digest at 7
in the morning of their own time zone; `send_all_digests` (the `send_digests` command) sends everybody's now. A
user gets at most one digest a day and nothing at all on a day with nothing to say, or when they turned the
digest off (Profile.notify_reminders).
"""

from __future__ import annotations

import logging
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.notifications import site_url
from careeragent.timezones import in_zones, local_now, zone_or_utc, zones_at_hour
from tracker import ics
from tracker.models import Application, Interview, Reminder

logger = logging.getLogger(__name__)

INTERVIEW_DAYS = 2  # today and tomorrow
# A redelivered cron message must not send the same day's digest twice (the claim outlives the day).
CLAIM_TTL_S = 2 * 24 * 3600
# The hour of the morning, in each user's own time zone, at which the digest goes out (the cron runs hourly).
DIGEST_HOUR = 7


@dataclass
class Digest:
    user: object
    today: date
    no_reply_days: int
    reminders: list[Reminder] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    waiting: list[Application] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.reminders or self.interviews or self.waiting)

    @property
    def overdue(self) -> list[Reminder]:
        return [r for r in self.reminders if r.effective_due_on < self.today]

    @property
    def subject(self) -> str:
        parts = []
        if self.reminders:
            n = len(self.reminders)
            parts.append(f"{n} follow-up{'s' if n != 1 else ''} due today")
        if self.interviews:
            n = len(self.interviews)
            parts.append(f"{n} interview{'s' if n != 1 else ''} coming up")
        if self.waiting:
            n = len(self.waiting)
            parts.append(f"{n} application{'s' if n != 1 else ''} with no reply")
        return ", ".join(parts)


def _profile(user):
    from accounts.services import profile_for

    return profile_for(user)


def _waiting_for_reply(user, today: date, days: int):
    """Applied at least `days` ago, no reply yet, and no pending reminder already about it."""
    cutoff = today - timedelta(days=days)
    pending_reminder = Reminder.objects.filter(application=OuterRef("pk"), done_at__isnull=True)
    return (
        Application.objects.for_user(user)
        .filter(status=Application.Status.APPLIED, first_response_at__isnull=True)
        .filter(Q(applied_on__lte=cutoff) | Q(applied_on__isnull=True, status_changed_at__date__lte=cutoff))
        .filter(~Exists(pending_reminder))
        .order_by("applied_on", "status_changed_at")
    )


def build_digest(user, today: date | None = None) -> Digest:
    today = today or timezone.localdate()
    profile = _profile(user)
    days = int(profile.preference("no_reply_days") or 10)
    zone = zoneinfo.ZoneInfo(zone_or_utc(profile.preference("timezone")))
    window_start = datetime.combine(today, time.min, tzinfo=zone)
    window_end = window_start + timedelta(days=INTERVIEW_DAYS)
    reminders = Reminder.objects.for_user(user).due(today).select_related("application")
    interviews = (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=window_start, starts_at__lt=window_end, outcome=Interview.Outcome.PENDING)
        .select_related("application")
        .order_by("starts_at")
    )
    return Digest(
        user=user,
        today=today,
        no_reply_days=days,
        reminders=sorted(reminders, key=lambda r: (r.effective_due_on, r.created_at)),
        interviews=list(interviews),
        waiting=list(_waiting_for_reply(user, today, days)),
    )


def _context(digest: Digest) -> dict:
    reminders = [
        {
            "reminder": r,
            "overdue_days": (digest.today - r.effective_due_on).days,
            "url": site_url(ics.application_path(r.application)) if r.application else site_url(_reminders_path()),
        }
        for r in digest.reminders
    ]
    interviews = [
        {
            "interview": i,
            # Formatted here: the date filter would turn an aware datetime back into the server's zone.
            "local": f"{i.starts_at.astimezone(zoneinfo.ZoneInfo(zone_or_utc(i.timezone))):%a %-d %b, %H:%M}",
            "url": site_url(ics.application_path(i.application)),
        }
        for i in digest.interviews
    ]
    waiting = [
        {
            "application": a,
            "days": (digest.today - (a.applied_on or timezone.localdate(a.status_changed_at))).days,
            "url": site_url(ics.application_path(a)),
        }
        for a in digest.waiting
    ]
    return {
        "digest": digest,
        "reminders": reminders,
        "interviews": interviews,
        "waiting": waiting,
        "reminders_url": site_url(_reminders_path()),
    }


def _reminders_path() -> str:
    return reverse("tracker:reminders")


TEMPLATE = "tracker/emails/digest"


def digest_message(digest: Digest) -> EmailMultiAlternatives | None:
    """The rendered e-mail, or None when there is nothing to say or nobody to say it to (no verified address,
    digest turned off)."""
    if digest.is_empty:
        return None
    return notifications.compose(
        digest.user, "reminders", subject=digest.subject, template=TEMPLATE, context=_context(digest)
    )


def send_digest(user, today: date | None = None) -> bool:
    """Queue the user's digest for `today`; False when nothing was sent (turned off, inactive, nothing due)."""
    if not user.is_active or not _profile(user).notify_reminders:
        return False
    digest = build_digest(user, today)
    if digest.is_empty:
        return False
    return notifications.notify(user, "reminders", subject=digest.subject, template=TEMPLATE, context=_context(digest))


def candidate_users(today: date):
    """Users who may have something to say today (a cheap pre-filter; build_digest decides)."""
    from accounts.models import User

    soon = timezone.now() + timedelta(days=INTERVIEW_DAYS + 1)
    has_due = Exists(
        Reminder.objects.filter(user=OuterRef("pk"), done_at__isnull=True).filter(
            Q(snoozed_until__isnull=True, due_on__lte=today) | Q(snoozed_until__lte=today)
        )
    )
    has_interview = Exists(
        Interview.objects.filter(
            user=OuterRef("pk"), starts_at__gte=timezone.now() - timedelta(days=1), starts_at__lt=soon
        )
    )
    has_waiting = Exists(
        Application.objects.filter(
            user=OuterRef("pk"), status=Application.Status.APPLIED, first_response_at__isnull=True
        )
    )
    return (
        User.objects.filter(is_active=True)
        .exclude(profile__notify_reminders=False)
        .filter(has_due | has_interview | has_waiting)
        .order_by("pk")
    )


def send_all_digests(today: date | None = None, *, dry_run: bool = False) -> int:
    """Send every user's digest for `today`; returns how many were sent (or would be, with dry_run)."""
    today = today or timezone.localdate()
    sent = 0
    for user in candidate_users(today).iterator():
        try:
            if dry_run:
                digest = build_digest(user, today)
                if not digest.is_empty:
                    logger.info("digest would be sent", extra={"user_id": str(user.pk), "subject": digest.subject})
                    sent += 1
                continue
            if not _claim(user, today):
                continue
            sent += send_digest(user, today)
        except Exception:
            logger.exception("digest failed", extra={"user_id": str(user.pk)})
    return sent


def send_morning_digests(now: datetime | None = None) -> int:
    """The hourly run: the digest of every user for whom it is now DIGEST_HOUR o'clock in their own time zone
    (Profile preference "timezone", else UTC), for their own date. Returns how many were sent."""
    now = now or timezone.now()
    zones = zones_at_hour(now, DIGEST_HOUR)
    latest = (now + timedelta(days=1)).date()  # no place is further ahead: a loose pre-filter of reminders due
    sent = 0
    for user in in_zones(candidate_users(latest), zones).select_related("profile").iterator():
        try:
            today = local_now(_profile(user).preference("timezone"), now).date()
            if not _claim(user, today):
                continue
            sent += send_digest(user, today)
        except Exception:
            logger.exception("digest failed", extra={"user_id": str(user.pk)})
    return sent


def _claim(user, today: date) -> bool:
    """Claim the (user, day) first, so a second run the same day sends nothing."""
    return cache.add(f"tracker:digest:{user.pk}:{today.isoformat()}", 1, CLAIM_TTL_S)
