"""The tracker's figures: what the dashboard shows and what the weekly snapshots keep.

Everything is read with a constant number of aggregate queries whatever the number of applications, so the
dashboard costs the same at 3 applications and at 2,000 (tests/tracker/test_dashboard.py counts them):

1. counts by status (`values("status").annotate(Count)`);
2. one grouped query over the applications joined to their history, by (source, resume version, resume label):
   the funnel, the response rate and the by-source and by-resume tables are all sums of its rows;
3. reply delays grouped by (applied day, reply day), for the median;
4. applications per applied day over the last 12 weeks;
5-8. upcoming interviews, due reminders, next actions and the snapshot trend.

`snapshot_week` and `snapshot_all` write AnalyticsSnapshot rows (the scheduler's cron actor and
`manage.py snapshot_analytics` call `snapshot_all`); the trend reads those rows, so deleting applications later
does not rewrite past weeks.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db.models import Count, FilteredRelation, Q
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import TruncDate
from django.utils import timezone

from tracker.models import AnalyticsSnapshot, Application, Interview, Reminder, StatusChange

Status = Application.Status

WEEKS = 12  # the per-week chart and the trend
TOP_GROUPS = 10  # by-source and by-resume rows before "Other"
MIN_FOR_RATE = 3  # below this many applications a rate says nothing: "too few"
UPCOMING_DAYS = 14
UPCOMING_LIMIT = 10
DUE_WITHIN_DAYS = 7
DUE_LIMIT = 10
NOT_RECORDED = "Not recorded"
OTHER = "Other"

# The funnel's stages and, for each, the statuses that mean an application got at least that far. Reaching a later
# stage counts for every earlier one (an offer was screened and interviewed), and being rejected or ghosted means
# it was sent (so counts as applied).
FUNNEL_REACHED: dict[str, tuple[str, ...]] = {
    Status.APPLIED: (
        Status.APPLIED,
        Status.SCREENING,
        Status.INTERVIEWING,
        Status.OFFER,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.GHOSTED,
    ),
    Status.SCREENING: (Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED),
    Status.INTERVIEWING: (Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED),
    Status.OFFER: (Status.OFFER, Status.ACCEPTED),
}
STAGE_KEYS = {Status.APPLIED: "reached_applied", Status.SCREENING: "reached_screening",
              Status.INTERVIEWING: "reached_interviewing", Status.OFFER: "reached_offer"}  # fmt: skip


def week_start_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _pct(rate: float | None) -> int | None:
    return None if rate is None else round(100 * rate)


def _reached(stage: str) -> Q:
    """An application reached `stage` if it is there (or further) now, or its history ever went there (or further).

    The history half goes through `later_moves` (see _grouped), so counts over it must be DISTINCT. Reaching
    "applied" needs no history: every move past it sets applied_on, which nothing clears.
    """
    statuses = FUNNEL_REACHED[stage]
    if stage == Status.APPLIED:
        return Q(applied_on__isnull=False) | Q(status__in=statuses)
    return Q(status__in=statuses) | Q(later_moves__to_status__in=statuses)


# --- The pipeline figures (also kept in each snapshot's `metrics`) ------------------------------------------------


def status_counts(user) -> list[dict]:
    """Every status, in pipeline order, with how many of the user's applications are in it now (one query)."""
    rows = Application.objects.for_user(user).order_by().values("status").annotate(n=Count("id"))
    found = {row["status"]: row["n"] for row in rows}
    return [{"status": value, "label": label, "count": found.get(value, 0)} for value, label in Status.choices]


def _grouped(user) -> list[dict]:
    """One row per (source, resume version, resume label) with the funnel counts of its applications (one query)."""
    distinct = {"distinct": True}
    return list(
        Application.objects.for_user(user)
        # Only the moves past "applied" matter to the funnel: joining just those keeps the join small.
        .annotate(
            later_moves=FilteredRelation(
                "status_changes", condition=Q(status_changes__to_status__in=FUNNEL_REACHED[Status.SCREENING])
            )
        )
        .order_by()
        .values("source", "resume_version_id", "resume_label")
        .annotate(
            applied=Count("id", filter=Q(applied_on__isnull=False), **distinct),
            responses=Count("id", filter=Q(applied_on__isnull=False, first_response_at__isnull=False), **distinct),
            **{key: Count("id", filter=_reached(stage), **distinct) for stage, key in STAGE_KEYS.items()},
        )
    )


def funnel(groups: list[dict]) -> list[dict]:
    """The stages with how many applications reached each, the conversion from the stage before and from applied."""
    stages = []
    applied = previous = None
    for stage, key in STAGE_KEYS.items():
        count = sum(g[key] for g in groups)
        applied = count if applied is None else applied
        rate = None if previous is None else _rate(count, previous)
        overall = _rate(count, applied)
        stages.append({
            "stage": stage,
            "label": Status(stage).label,
            "count": count,
            "rate": rate,
            "pct": _pct(rate),
            "overall_pct": _pct(overall),
        })  # fmt: skip
        previous = count
    return stages


def _outcome_rows(groups: list[dict], key_of) -> list[dict]:
    """Sum the groups under `key_of(group)`, sort by applied count, keep the top ones and fold the rest into "Other"."""
    totals: dict[str, dict] = {}
    for group in groups:
        if not group["applied"]:
            continue
        name = key_of(group)
        row = totals.setdefault(name, {"name": name, "applied": 0, "responses": 0, "interviews": 0, "offers": 0})
        row["applied"] += group["applied"]
        row["responses"] += group["responses"]
        row["interviews"] += group["reached_interviewing"]
        row["offers"] += group["reached_offer"]
    ordered = sorted(totals.values(), key=lambda r: (-r["applied"], r["name"].casefold()))
    rows, rest = ordered[:TOP_GROUPS], ordered[TOP_GROUPS:]
    for row in rows:
        row["other"] = False
    if rest:
        other = {"name": OTHER, "other": True, "groups": len(rest)}
        for field in ("applied", "responses", "interviews", "offers"):
            other[field] = sum(r[field] for r in rest)
        rows.append(other)
    for row in rows:
        row["too_few"] = row["applied"] < MIN_FOR_RATE
        row["response_rate"] = None if row["too_few"] else _rate(row["responses"], row["applied"])
        row["response_pct"] = _pct(row["response_rate"])
        row["interview_pct"] = None if row["too_few"] else _pct(_rate(row["interviews"], row["applied"]))
    return rows


def _source_name(group: dict) -> str:
    return group["source"].strip() or NOT_RECORDED


def _resume_name(group: dict) -> str:
    label = group["resume_label"].strip()
    if label:
        return label
    return "Unnamed tailored version" if group["resume_version_id"] else NOT_RECORDED


def median_days_to_response(user) -> float | None:
    """The median number of days from applying to the first reply, over the applications that got one (one query).

    Grouped by (applied day, reply day) so the rows stay few; the median is taken over the expanded counts.
    """
    rows = (
        Application.objects.for_user(user)
        .filter(applied_on__isnull=False, first_response_at__isnull=False)
        .order_by()
        .annotate(replied_on=TruncDate("first_response_at"))
        .values("applied_on", "replied_on")
        .annotate(n=Count("id"))
        .values_list("applied_on", "replied_on", "n")
    )
    delays: dict[int, int] = defaultdict(int)
    for applied_on, replied_on, n in rows:
        delays[max(0, (replied_on - applied_on).days)] += n
    total = sum(delays.values())
    if not total:
        return None
    ordered = sorted(delays.items())

    def nth(index: int) -> int:
        seen = 0
        for days, n in ordered:
            seen += n
            if index < seen:
                return days
        return ordered[-1][0]

    middle = total // 2
    return float(nth(middle)) if total % 2 else (nth(middle - 1) + nth(middle)) / 2


def pipeline(user) -> dict:
    """The figures that describe the pipeline now: JSON-ready, and what a snapshot keeps in `metrics`."""
    counts = status_counts(user)
    groups = _grouped(user)
    applied = sum(g["applied"] for g in groups)
    responses = sum(g["responses"] for g in groups)
    rate = _rate(responses, applied)
    return {
        "total": sum(c["count"] for c in counts),
        "status_counts": counts,
        "funnel": funnel(groups),
        "applied": applied,
        "responses": responses,
        "response_rate": rate,
        "response_pct": _pct(rate),
        "median_days": median_days_to_response(user),
        "by_source": _outcome_rows(groups, _source_name),
        "by_version": _outcome_rows(groups, _resume_name),
    }


# --- The rest of the dashboard --------------------------------------------------------------------------------------


def per_week(user, today: date, weeks: int = WEEKS) -> list[dict]:
    """Applications sent in each of the last `weeks` weeks (Monday start, oldest first, zero-filled; one query)."""
    first = week_start_of(today) - timedelta(weeks=weeks - 1)
    starts = [first + timedelta(weeks=i) for i in range(weeks)]
    counts = dict.fromkeys(starts, 0)
    rows = (
        Application.objects.for_user(user)
        .filter(applied_on__gte=first, applied_on__lte=today)
        .order_by()
        .values("applied_on")
        .annotate(n=Count("id"))
        .values_list("applied_on", "n")
    )
    for applied_on, n in rows:
        counts[week_start_of(applied_on)] += n
    return [{"week_start": start, "count": counts[start]} for start in starts]


def upcoming_interviews(user, now: datetime, days: int = UPCOMING_DAYS, limit: int = UPCOMING_LIMIT) -> list:
    return list(
        Interview.objects.for_user(user)
        .upcoming(now)
        .filter(starts_at__lt=now + timedelta(days=days))
        .select_related("application")
        .only("starts_at", "timezone", "kind", "application__company", "application__role")
        .order_by("starts_at")[:limit]
    )


def due_reminders(user, today: date, limit: int = DUE_LIMIT) -> list:
    return list(
        Reminder.objects.for_user(user)
        .due(today)
        .select_related("application")
        .only("title", "due_on", "snoozed_until", "application__company")
        .order_by("due_on", "created_at")[:limit]
    )


def next_actions(user, today: date, days: int = DUE_WITHIN_DAYS, limit: int = DUE_LIMIT) -> list:
    """Open applications whose next action is due within `days` (or overdue), soonest first."""
    return list(
        Application.objects.for_user(user)
        .open()
        .filter(next_action_on__lte=today + timedelta(days=days))
        .only("id", "company", "role", "status", "next_action", "next_action_on")
        .order_by("next_action_on", "company")[:limit]
    )


def trend(user, today: date, weeks: int = WEEKS) -> list[dict]:
    """The weekly counters of the last `weeks` snapshots (oldest first), zero-filled where no snapshot was taken."""
    first = week_start_of(today) - timedelta(weeks=weeks - 1)
    stored = {
        snap["week_start"]: snap
        for snap in AnalyticsSnapshot.objects.for_user(user)
        .filter(week_start__gte=first, week_start__lte=today)
        .order_by()
        # Only the one figure the trend shows, not the whole `metrics` document.
        .values("week_start", "applications", "responses", "interviews", "offers")
        .annotate(response_pct=KeyTransform("response_pct", "metrics"))
    }
    rows = []
    for i in range(weeks):
        start = first + timedelta(weeks=i)
        snap = stored.get(start) or {"applications": 0, "responses": 0, "interviews": 0, "offers": 0}
        rows.append({
            "week_start": start,
            "taken": start in stored,
            "applications": snap["applications"],
            "responses": snap["responses"],
            "interviews": snap["interviews"],
            "offers": snap["offers"],
            "response_pct": snap.get("response_pct"),
        })  # fmt: skip
    return rows


def dashboard(user, *, now: datetime | None = None) -> dict:
    """Everything the tracker's dashboard shows, in a constant number of queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    figures = pipeline(user)
    figures.update(
        today=today,
        per_week=per_week(user, today),
        upcoming=upcoming_interviews(user, now),
        reminders=due_reminders(user, today),
        next_actions=next_actions(user, today),
        trend=trend(user, today),
    )
    return figures


# --- Snapshots ------------------------------------------------------------------------------------------------------


def _week_bounds(week_start: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(week_start, time.min), zone)
    return start, timezone.make_aware(datetime.combine(week_start + timedelta(weeks=1), time.min), zone)


def _json_ready(figures: dict) -> dict:
    return {key: value for key, value in figures.items() if key != "today"}


def snapshot_week(user, week_start: date, *, today: date | None = None) -> AnalyticsSnapshot:
    """Write (or rewrite) the user's snapshot of the week starting `week_start` (moved back to its Monday).

    The weekly counters are read from the dates and the history. `metrics` holds the pipeline figures as they are
    now, so it is written only for the current week; an earlier week keeps the metrics it was given at the time.
    """
    today = today or timezone.localdate()
    week_start = week_start_of(week_start)
    start, end = _week_bounds(week_start)
    apps = Application.objects.for_user(user)
    counters = {
        "applications": apps.filter(applied_on__gte=week_start, applied_on__lt=week_start + timedelta(weeks=1)).count(),
        "responses": apps.filter(first_response_at__gte=start, first_response_at__lt=end).count(),
        "interviews": Interview.objects.for_user(user)
        .filter(starts_at__gte=start, starts_at__lt=min(end, timezone.now()))
        .exclude(outcome__in=(Interview.Outcome.CANCELLED, Interview.Outcome.RESCHEDULED))
        .count(),
        "offers": StatusChange.objects.for_user(user)
        .filter(to_status=Status.OFFER, changed_at__gte=start, changed_at__lt=end)
        .values("application_id")
        .distinct()
        .count(),
    }
    if week_start == week_start_of(today):
        metrics = _json_ready(pipeline(user))
        metrics["as_of"] = today.isoformat()
        snapshot, _ = AnalyticsSnapshot.objects.update_or_create(
            user=user, week_start=week_start, defaults={**counters, "metrics": metrics}
        )
    else:
        snapshot, _ = AnalyticsSnapshot.objects.update_or_create(
            user=user, week_start=week_start, defaults=counters, create_defaults={**counters, "metrics": {}}
        )
    return snapshot


def snapshot_all(today: date | None = None, *, weeks: int = 1, users=None) -> int:
    """Snapshot the current week (and, with `weeks` > 1, the weeks before it) for every user with applications.

    The current week is always rewritten (upsert, so running twice is harmless). Earlier weeks are only filled in
    where no snapshot exists yet: a past week is never rewritten, so deleting applications does not change it.
    Returns the number of rows written.
    """
    from accounts.models import User

    today = today or timezone.localdate()
    current = week_start_of(today)
    if users is None:
        users = User.objects.filter(pk__in=Application.objects.values("user_id"))
    written = 0
    for user in users.order_by("pk") if hasattr(users, "order_by") else users:
        earlier = [current - timedelta(weeks=i) for i in range(1, max(1, weeks))]
        taken = set(
            AnalyticsSnapshot.objects.for_user(user).filter(week_start__in=earlier).values_list("week_start", flat=True)
        )
        for week in [w for w in earlier if w not in taken] + [current]:
            snapshot_week(user, week, today=today)
            written += 1
    return written
