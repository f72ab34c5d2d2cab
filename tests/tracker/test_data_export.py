"""The tracker's part of a user's data export."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.tracker.factories import application, contact, interview, note, reminder
from tracker import data_export
from tracker.models import AnalyticsSnapshot, CalendarFeed, CsvImport, Reminder
from tracker.services import change_status

pytestmark = pytest.mark.django_db


def test_it_collects_my_applications_with_everything_attached(owner, stranger):
    app = application(owner, company="Acme", role="Engineer", status="applied")
    change_status(app, "screening", note="Recruiter called")
    note(owner, app, text="Bring the portfolio")
    contact(owner, app, name="Riley Recruiter")
    interview(owner, app, timezone="America/New_York")
    reminder(owner, app, title="Follow up")
    Reminder.objects.create(user=owner, title="Update LinkedIn", due_on=timezone.localdate())
    AnalyticsSnapshot.objects.create(user=owner, week_start="2025-01-06", applications=3, metrics={"x": 1})
    feed = CalendarFeed.objects.create(user=owner)
    CsvImport.objects.create(user=owner, original_filename="huntr.csv", rows=[["Company"], ["Secret row"]])

    other = application(stranger, company="Stranger Corp", role="Spy")
    note(stranger, other, text="stranger note")
    reminder(stranger, other, title="stranger reminder")
    AnalyticsSnapshot.objects.create(user=stranger, week_start="2025-01-06", applications=9)

    data = data_export.collect(owner)
    text = json.dumps(data)  # JSON-able as it is
    for theirs in ("Stranger Corp", "stranger note", "stranger reminder", '"applications": 9'):
        assert theirs not in text
    (exported,) = data["applications"]
    assert exported["company"] == "Acme" and exported["status"] == "screening"
    assert [(h["from"], h["to"], h["note"]) for h in exported["history"]] == [
        ("", "applied", ""),
        ("applied", "screening", "Recruiter called"),
    ]
    assert [n["text"] for n in exported["notes"]] == ["Bring the portfolio"]
    assert exported["contacts"][0]["name"] == "Riley Recruiter"
    assert exported["interviews"][0]["timezone"] == "America/New_York"
    assert [r["title"] for r in exported["reminders"]] == ["Follow up"]
    assert [r["title"] for r in data["reminders"]] == ["Update LinkedIn"]
    assert data["analytics_snapshots"] == [
        {
            "week_start": "2025-01-06",
            "applications": 3,
            "responses": 0,
            "interviews": 0,
            "offers": 0,
            "metrics": {"x": 1},
        }
    ]
    assert data["calendar_feed"]["created_at"] and feed.token not in text  # the secret stays out
    assert data["csv_imports"][0]["original_filename"] == "huntr.csv" and "Secret row" not in text


def test_it_is_part_of_the_account_export(owner):
    from accounts.services import collect_user_data

    application(owner, company="Acme", role="Engineer")
    assert collect_user_data(owner)["tracker"]["applications"][0]["company"] == "Acme"


def test_an_empty_account_exports_empty_lists(owner):
    assert data_export.collect(owner) == {
        "applications": [],
        "reminders": [],
        "analytics_snapshots": [],
        "calendar_feed": None,
        "csv_imports": [],
    }
