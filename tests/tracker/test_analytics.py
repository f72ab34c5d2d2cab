"""The dashboard's figures on a hand-built pipeline with known answers, and the weekly snapshots."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.tracker.factories import interview
from tracker import analytics
from tracker.models import AnalyticsSnapshot, Application
from tracker.services import change_status, create_application

pytestmark = pytest.mark.django_db
S = Application.Status
TODAY = date(2025, 3, 12)  # a Wednesday
MONDAY = date(2025, 3, 10)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def walk(user, steps: list[tuple[str, int]], start: date, **fields) -> Application:
    """Create an application applied on `start`, then move it through `steps` (status, days after start)."""
    app = create_application(user, company=fields.pop("company", "Acme"), role="Engineer", status=S.APPLIED,
                             at=at(start), **fields)  # fmt: skip
    for status, days in steps:
        change_status(app, status, at=at(start + timedelta(days=days)))
    return app


@pytest.fixture
def pipeline(owner):
    """Five sent applications and one saved one; the expected figures are worked out in the tests."""
    start = date(2025, 2, 3)
    v2 = {"resume_label": "Backend v2"}
    walk(owner, [(S.SCREENING, 2), (S.INTERVIEWING, 5), (S.OFFER, 10)], start, source="LinkedIn", **v2)
    walk(owner, [(S.SCREENING, 4), (S.REJECTED, 6)], start, source="LinkedIn", **v2)
    walk(owner, [(S.GHOSTED, 20)], start, source="LinkedIn", resume_label="Generic")
    walk(owner, [(S.INTERVIEWING, 6)], start, source="Referral", **v2)  # straight to interviews: screened too
    walk(owner, [(S.WITHDRAWN, 3)], start, source="Referral")
    create_application(owner, company="Later Co", role="Engineer", source="LinkedIn")  # saved, never sent
    return owner


def test_it_counts_applications_by_status(pipeline):
    counts = {row["status"]: row["count"] for row in analytics.status_counts(pipeline)}
    assert counts == {"saved": 1, "applied": 0, "screening": 0, "interviewing": 1, "offer": 1, "accepted": 0,
                      "rejected": 1, "withdrawn": 1, "ghosted": 1}  # fmt: skip


def test_the_funnel_counts_every_stage_reached_and_converts_between_them(pipeline):
    stages = analytics.pipeline(pipeline)["funnel"]
    assert [(s["stage"], s["count"]) for s in stages] == [
        ("applied", 5), ("screening", 3), ("interviewing", 2), ("offer", 1)
    ]  # fmt: skip
    assert [s["pct"] for s in stages] == [None, 60, 67, 50]
    assert [s["overall_pct"] for s in stages] == [100, 60, 40, 20]


def test_response_rate_and_median_days(pipeline):
    figures = analytics.pipeline(pipeline)
    # Replies: the screenings after 2 and 4 days and the interview invitation after 6; ghosting is no reply.
    assert (figures["applied"], figures["responses"], figures["response_pct"]) == (5, 3, 60)
    assert figures["median_days"] == 4.0
    assert figures["total"] == 6


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(owner):
    walk(owner, [(S.SCREENING, 1)], date(2025, 1, 6))
    walk(owner, [(S.SCREENING, 4)], date(2025, 1, 6))
    assert analytics.median_days_to_response(owner) == 2.5
    assert analytics.median_days_to_response(None) is None


def test_outcomes_by_source_and_by_resume_version(pipeline):
    figures = analytics.pipeline(pipeline)
    by_source = {r["name"]: r for r in figures["by_source"]}
    assert [r["name"] for r in figures["by_source"]] == ["LinkedIn", "Referral"]  # sorted by applied count
    linkedin, referral = by_source["LinkedIn"], by_source["Referral"]
    assert (linkedin["applied"], linkedin["responses"], linkedin["interviews"], linkedin["offers"]) == (3, 2, 1, 1)
    assert linkedin["response_pct"] == 67 and not linkedin["too_few"]
    assert (referral["applied"], referral["responses"], referral["interviews"], referral["offers"]) == (2, 1, 1, 0)
    assert referral["too_few"] and referral["response_rate"] is None  # 2 applications say nothing

    rows = figures["by_version"]
    assert [(r["name"], r["applied"], r["responses"], r["interviews"], r["offers"]) for r in rows] == [
        ("Backend v2", 3, 3, 2, 1), ("Generic", 1, 0, 0, 0), ("Not recorded", 1, 0, 0, 0)
    ]  # fmt: skip
    assert rows[0]["response_pct"] == 100 and [r["too_few"] for r in rows] == [False, True, True]


def test_more_than_ten_groups_fold_into_other(owner):
    for i in range(12):
        for _ in range(12 - i):
            create_application(owner, company=f"C{i}", role="Engineer", status=S.APPLIED, source=f"Board {i:02d}")
    rows = analytics.pipeline(owner)["by_source"]
    assert len(rows) == 11
    assert [r["name"] for r in rows[:10]] == [f"Board {i:02d}" for i in range(10)]
    other = rows[10]
    assert other["name"] == "Other" and other["other"] and other["groups"] == 2
    assert other["applied"] == 2 + 1 and other["too_few"] is False


def test_per_week_is_zero_filled_over_twelve_monday_weeks(owner):
    for day in (MONDAY, MONDAY, date(2025, 3, 9), date(2025, 2, 1), date(2024, 12, 1), date(2025, 3, 13)):
        create_application(owner, company="Acme", role="Engineer", status=S.APPLIED, at=at(day))
    weeks = analytics.per_week(owner, TODAY)
    assert len(weeks) == 12
    assert weeks[0]["week_start"] == date(2024, 12, 23) and weeks[-1]["week_start"] == MONDAY
    assert all(w["week_start"].weekday() == 0 for w in weeks)
    counts = {w["week_start"]: w["count"] for w in weeks}
    # Not counted: 1 December (before the window) and 13 March (after today).
    assert counts[MONDAY] == 2 and counts[date(2025, 3, 3)] == 1 and counts[date(2025, 1, 27)] == 1
    assert sum(counts.values()) == 4


def test_upcoming_interviews_and_due_actions(owner, stranger):
    from tests.tracker.factories import reminder
    from tracker.models import Interview

    now = at(TODAY, 9)
    app = walk(owner, [(S.INTERVIEWING, 1)], TODAY - timedelta(days=10), company="Soon Inc")
    interview(owner, app, starts_at=now + timedelta(days=2))
    interview(owner, app, starts_at=now + timedelta(days=20))  # too far
    interview(owner, app, starts_at=now - timedelta(days=1))  # past
    interview(owner, app, starts_at=now + timedelta(days=1), outcome=Interview.Outcome.CANCELLED)
    interview(stranger, starts_at=now + timedelta(days=1))  # not ours
    reminder(owner, app, due_on=TODAY - timedelta(days=1), title="Chase")
    reminder(owner, app, due_on=TODAY + timedelta(days=3), title="Later")
    app.next_action, app.next_action_on = "Send portfolio", TODAY + timedelta(days=5)
    app.save()
    walk(owner, [(S.REJECTED, 1)], TODAY, next_action="Closed anyway", next_action_on=TODAY)  # closed: not due

    figures = analytics.dashboard(owner, now=now)
    assert [i.starts_at for i in figures["upcoming"]] == [now + timedelta(days=2)]
    assert [r.title for r in figures["reminders"]] == ["Chase"]
    assert [a.next_action for a in figures["next_actions"]] == ["Send portfolio"]


def test_snapshot_week_writes_counters_and_metrics_and_is_an_upsert(pipeline):
    # The pipeline's week of 3 February: five applied, and the offer came on the 13th (another week).
    snap = analytics.snapshot_week(pipeline, date(2025, 2, 5), today=date(2025, 2, 7))
    assert snap.week_start == date(2025, 2, 3)
    assert (snap.applications, snap.responses, snap.offers) == (5, 3, 0)  # replies on the 5th, 7th, 9th (Sun)
    assert snap.metrics["funnel"][0]["count"] == 5 and snap.metrics["response_pct"] == 60
    assert {"status_counts", "median_days", "by_source", "by_version", "as_of"} <= set(snap.metrics)

    create_application(pipeline, company="New", role="Engineer", status=S.APPLIED, at=at(date(2025, 2, 4)))
    again = analytics.snapshot_week(pipeline, date(2025, 2, 3), today=date(2025, 2, 7))
    assert AnalyticsSnapshot.objects.for_user(pipeline).count() == 1
    assert again.pk == snap.pk and again.applications == 6

    offer_week = analytics.snapshot_week(pipeline, date(2025, 2, 10), today=date(2025, 2, 7))
    assert offer_week.offers == 1 and offer_week.metrics == {}  # a week not current: no figures "as of" it


def test_snapshot_counts_interviews_held_in_the_week(owner):
    from tracker.models import Interview

    app = walk(owner, [(S.INTERVIEWING, 1)], date(2025, 1, 6))
    interview(owner, app, starts_at=at(date(2025, 1, 8)))
    interview(owner, app, starts_at=at(date(2025, 1, 9)), outcome=Interview.Outcome.CANCELLED)
    interview(owner, app, starts_at=at(date(2025, 1, 14)))
    assert analytics.snapshot_week(owner, date(2025, 1, 6), today=TODAY).interviews == 1


def test_trends_survive_deleting_applications(owner):
    for day in (date(2025, 2, 24), date(2025, 3, 4), date(2025, 3, 5), MONDAY):
        create_application(owner, company="Acme", role="Engineer", status=S.APPLIED, at=at(day))
    assert analytics.snapshot_all(today=TODAY, weeks=3) == 3
    before = {r["week_start"]: r["applications"] for r in analytics.trend(owner, TODAY) if r["taken"]}
    assert before == {date(2025, 2, 24): 1, date(2025, 3, 3): 2, MONDAY: 1}

    Application.objects.for_user(owner).delete()
    # A rerun rewrites the current week only; the past weeks keep what they said.
    assert analytics.snapshot_all(today=TODAY, weeks=3, users=[owner]) == 1
    after = {r["week_start"]: r["applications"] for r in analytics.trend(owner, TODAY) if r["taken"]}
    assert after == {date(2025, 2, 24): 1, date(2025, 3, 3): 2, MONDAY: 0}
    assert AnalyticsSnapshot.objects.for_user(owner).count() == 3


def test_snapshot_all_covers_only_users_with_applications(owner, stranger):
    create_application(owner, company="Acme", role="Engineer", status=S.APPLIED)
    assert analytics.snapshot_all() == 1
    assert AnalyticsSnapshot.objects.for_user(stranger).count() == 0
    assert analytics.snapshot_all() == 1  # again: the same row, rewritten
    assert AnalyticsSnapshot.objects.for_user(owner).count() == 1


def test_the_command_writes_snapshots(owner, stranger):
    create_application(owner, company="Acme", role="Engineer", status=S.APPLIED)
    create_application(stranger, company="Other", role="Engineer", status=S.APPLIED)
    out = StringIO()
    call_command("snapshot_analytics", "--weeks", "2", "--user", "OWNER@example.com", stdout=out)
    assert "Wrote 2 snapshot rows." in out.getvalue()
    assert AnalyticsSnapshot.objects.for_user(owner).count() == 2
    assert AnalyticsSnapshot.objects.for_user(stranger).count() == 0

    call_command("snapshot_analytics", stdout=out)
    assert AnalyticsSnapshot.objects.for_user(stranger).count() == 1
    with pytest.raises(CommandError, match="No user"):
        call_command("snapshot_analytics", "--user", "nobody@example.com")
    with pytest.raises(CommandError, match="--weeks"):
        call_command("snapshot_analytics", "--weeks", "0")
