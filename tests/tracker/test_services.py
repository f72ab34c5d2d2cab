"""Status changes keep the history and the dates; priority follows the user's weights."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from accounts.services import profile_for
from tracker import priority
from tracker.models import Application, StatusChange
from tracker.services import change_status, create_application, find_duplicates

pytestmark = pytest.mark.django_db
S = Application.Status


def test_create_records_first_history_row_and_applied_date(owner):
    app = create_application(owner, company="Acme", role="Engineer", status=S.APPLIED)
    rows = list(StatusChange.objects.for_user(owner).filter(application=app))
    assert [(r.from_status, r.to_status) for r in rows] == [("", "applied")]
    assert app.applied_on == timezone.localdate()
    assert app.first_response_at is None


def test_saved_application_has_no_applied_date(owner):
    app = create_application(owner, company="Acme", role="Engineer")
    assert app.status == S.SAVED and app.applied_on is None


def test_change_status_walk_sets_response_and_closing(owner):
    start = timezone.now() - timezone.timedelta(days=20)
    app = create_application(owner, company="Acme", role="Engineer", status=S.APPLIED, at=start)
    replied = start + timezone.timedelta(days=6)
    assert change_status(app, S.SCREENING, at=replied, note="Recruiter called")
    change_status(app, S.INTERVIEWING, at=replied + timezone.timedelta(days=3))
    change_status(app, S.REJECTED, closing_reason=Application.ClosingReason.REJECTED_INTERVIEW)
    app.refresh_from_db()
    assert app.first_response_at == replied  # the first reply, not a later move
    assert app.closed_at is not None and app.closing_reason == "rejected_interview"
    history = [(r.from_status, r.to_status) for r in app.status_changes.order_by("changed_at")]
    assert history == [("", "applied"), ("applied", "screening"), ("screening", "interviewing"),
                       ("interviewing", "rejected")]  # fmt: skip
    assert app.status_changes.get(to_status="screening").note == "Recruiter called"


def test_reopening_clears_closing_and_same_status_is_a_no_op(owner):
    app = create_application(owner, company="Acme", role="Engineer", status=S.APPLIED)
    change_status(app, S.GHOSTED)
    assert app.closing_reason == "no_response"
    change_status(app, S.SCREENING)
    assert app.closed_at is None and app.closing_reason == ""
    count = app.status_changes.count()
    assert change_status(app, S.SCREENING) is False
    assert app.status_changes.count() == count


def test_withdrawing_a_saved_job_is_not_applying(owner):
    app = create_application(owner, company="Acme", role="Engineer")
    change_status(app, S.WITHDRAWN)
    assert app.applied_on is None and app.first_response_at is None


def test_unknown_status_is_refused(owner):
    app = create_application(owner, company="Acme", role="Engineer")
    with pytest.raises(ValueError):
        change_status(app, "hired")


def test_duplicates_within_thirty_days_case_insensitive(owner, stranger):
    old = create_application(owner, company="Acme", role="Engineer")
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=31))
    recent = create_application(owner, company="ACME ", role="engineer")
    create_application(stranger, company="Acme", role="Engineer")
    assert list(find_duplicates(owner, "acme", "Engineer")) == [recent]


def test_priority_follows_weights(owner):
    profile = profile_for(owner)
    profile.preferences = {"priority_weights": {"salary": 0, "match": 0, "remote": 0, "deadline": 0, "excitement": 5}}
    profile.save()
    keen = create_application(owner, company="A", role="R", excitement=5)
    meh = create_application(owner, company="B", role="R", excitement=1)
    assert (keen.priority_score, meh.priority_score) == (100, 0)

    profile.preferences = {"min_salary": 100000, "priority_weights": {"salary": 5, "match": 0, "remote": 0,
                                                                      "deadline": 0, "excitement": 0}}  # fmt: skip
    profile.save()
    rich = create_application(owner, company="C", role="R", salary_min=140000, salary_max=160000)
    poor = create_application(owner, company="D", role="R", salary_max=70000)
    assert rich.priority_score == 100 and poor.priority_score == 0
    assert priority.rescore(owner) >= 2  # keen/meh move to the middle once excitement stops counting
    keen.refresh_from_db()
    assert keen.priority_score == 50


def test_deadline_component():
    app = Application(deadline=date(2026, 1, 5))
    parts = priority.components(app, min_salary=None, remote="any", today=date(2026, 1, 3))
    assert parts["deadline"] == 1.0
    parts = priority.components(app, min_salary=None, remote="any", today=date(2026, 1, 6))
    assert parts["deadline"] == 0.0
