"""The new-matches e-mail: the best new matches at or above the user's threshold, daily or weekly.

`send_all_match_digests` runs hourly from the `send_match_digests` cron actor (jobs/actors.py), for the users for
whom it is 7 in the morning in their own time zone; each user gets theirs per `Profile.notify_matches` (off;
daily; weekly: on their Mondays), and nothing at all when there is
nothing new. "New" is a match of a live posting first seen, or a match first made, since the last digest sent
(kept in `Profile.preferences["match_digest_sent_at"]`, so a match is never sent twice) and within the period.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts import notifications
from accounts.notifications import site_url
from careeragent.timezones import in_zones, local_now, zones_at_hour
from jobs.models import Match, MatchProfile

logger = logging.getLogger(__name__)

SENT_KEY = "match_digest_sent_at"
TOP = 10
# How far back a digest looks at most (when none was sent yet, or the last one is older): the period and a day.
LOOKBACK = {"daily": timedelta(days=2), "weekly": timedelta(days=8)}
WEEKLY_ON = 0  # Monday
# The hour of the morning, in each user's own time zone, at which the hourly cron sends the e-mail.
DIGEST_HOUR = 7
# A redelivered cron message must not send the same day's digest twice (the claim outlives the day).
CLAIM_TTL_S = 2 * 24 * 3600


@dataclass
class MatchDigest:
    user: object
    frequency: str
    since: datetime
    threshold: int
    matches: list[Match] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.matches

    @property
    def subject(self) -> str:
        n = len(self.matches)
        return f"{n} new job match{'es' if n != 1 else ''} for you"


def _account(user):
    from accounts.services import profile_for

    return profile_for(user)


def last_sent(account) -> datetime | None:
    value = (account.preferences or {}).get(SENT_KEY)
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed


def is_due(frequency: str, now: datetime, zone: str | None = None) -> bool:
    """Daily: every day; weekly: on Mondays in the user's time zone (`zone`; else the server's); off: never."""
    if frequency == "daily":
        return True
    if frequency == "weekly":
        local = local_now(zone, now) if zone else timezone.localtime(now)
        return local.weekday() == WEEKLY_ON
    return False


def build_match_digest(user, now: datetime, *, account=None) -> MatchDigest:
    account = account or _account(user)
    frequency = account.notify_matches
    since = now - LOOKBACK.get(frequency, LOOKBACK["weekly"])
    sent = last_sent(account)
    if sent is not None and sent > since:
        since = sent
    match_profile = MatchProfile.objects.for_user(user).only("threshold").first()
    digest = MatchDigest(
        user=user, frequency=frequency, since=since, threshold=match_profile.threshold if match_profile else 0
    )
    if match_profile is None:
        return digest  # never scored: nothing to say
    digest.matches = list(
        Match.objects.for_user(user)
        .filter(score__gte=match_profile.threshold, posting__closed_at__isnull=True, posting__duplicate_of__isnull=True)
        .filter(Q(posting__first_seen_at__gt=since) | Q(created_at__gt=since))
        .select_related("posting")
        .only(
            "id",
            "score",
            "posting_id",
            "created_at",
            "posting__id",
            "posting__title",
            "posting__company",
            "posting__location",
            "posting__remote",
            "posting__workplace",
        )
        .order_by("-score", "-posting__posted_at", "posting_id")[:TOP]
    )
    return digest


def _context(digest: MatchDigest) -> dict:
    return {
        "digest": digest,
        "items": [
            {
                "match": m,
                "posting": m.posting,
                "remote": m.posting.remote is True or m.posting.workplace == "remote",
                "url": site_url(reverse("jobs:posting_detail", args=[m.posting_id])),
            }
            for m in digest.matches
        ],
        "matches_url": site_url(reverse("jobs:matches")),
        "insights_url": site_url(reverse("jobs:insights")),
        "reason": f"You get this e-mail because new-match e-mails are on ({digest.frequency}).",
    }


def match_digest_message(digest: MatchDigest) -> EmailMultiAlternatives | None:
    """The rendered e-mail, or None when there is nothing new or nobody to tell (no verified address, turned off)."""
    if digest.is_empty:
        return None
    return notifications.compose(
        digest.user, "matches", subject=digest.subject, template="jobs/emails/match_digest", context=_context(digest)
    )


def send_match_digest(user, now: datetime | None = None) -> bool:
    """Queue the user's new-matches e-mail if it is due and has something to say; the sent time is recorded so
    the next one starts after it. False when nothing was sent."""
    now = now or timezone.now()
    if not user.is_active:
        return False
    account = _account(user)
    if not is_due(account.notify_matches, now, account.preference("timezone")):
        return False
    message = match_digest_message(build_match_digest(user, now, account=account))
    if message is None:
        return False
    from accounts.models import Profile

    # Record the time with an update that only succeeds on the preferences as read (a concurrent run or a settings
    # save wins, and this one sends nothing), and without post_save: the matching receivers would take a change of
    # the preferences for a change of what the scores read and rescore every posting for the user.
    before = account.preferences or {}
    claimed = Profile.objects.filter(pk=account.pk, preferences=before).update(
        preferences={**before, SENT_KEY: now.isoformat()}, updated_at=timezone.now()
    )
    if not claimed:
        return False
    notifications.send(message)
    return True


def candidate_users():
    """Active users with the e-mail on and a match profile (build_match_digest decides the rest)."""
    from accounts.models import User

    return (
        User.objects.filter(is_active=True, profile__notify_matches__in=["daily", "weekly"])
        .filter(pk__in=MatchProfile.objects.values("user_id"))
        .order_by("pk")
    )


def send_all_match_digests(now: datetime | None = None, *, at_hour: int | None = None) -> int:
    """Send every due user's new-matches e-mail; returns how many were sent. With `at_hour` (the hourly cron),
    only to the users for whom it is now that hour of the morning in their own time zone."""
    now = now or timezone.now()
    users = candidate_users().select_related("profile")
    if at_hour is not None:
        users = in_zones(users, zones_at_hour(now, at_hour))
    sent = 0
    for user in users.iterator():
        try:
            # Claim the (user, their day) first, so a second run the same day sends nothing.
            today = local_now(user.profile.preference("timezone"), now).date()
            if not cache.add(f"jobs:match-digest:{user.pk}:{today.isoformat()}", 1, CLAIM_TTL_S):
                continue
            sent += send_match_digest(user, now)
        except Exception:
            logger.exception("match digest failed", extra={"user_id": str(user.pk)})
    return sent
