"""Reminders: created for an application or on their own, done and undone, snoozed, deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.tracker.factories import application, reminder
from tracker.models import Reminder

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def today():
    return timezone.localdate()


def test_the_page_sorts_due_upcoming_and_done(owner, stranger, owner_client):
    reminder(owner, title="Overdue thing", due_on=today() - timedelta(days=2))
    reminder(owner, title="Later thing", due_on=today() + timedelta(days=5))
    reminder(
        owner, title="Snoozed thing", due_on=today() - timedelta(days=1), snoozed_until=today() + timedelta(days=2)
    )
    reminder(owner, title="Finished thing", due_on=today(), done_at=timezone.now())
    reminder(stranger, title="Not mine")
    page = owner_client.get(reverse("tracker:reminders")).content.decode()
    due, rest = page.split('id="upcoming-heading"')
    upcoming, done = rest.split('id="done-heading"')
    assert "Overdue thing" in due and "Overdue" in due
    assert "Later thing" in upcoming and "Snoozed thing" in upcoming
    assert "Finished thing" in done and "Undo" in done
    assert "Not mine" not in page


def test_it_creates_a_reminder_on_its_own(owner, owner_client):
    due = today() + timedelta(days=4)
    response = owner_client.post(
        reverse("tracker:reminder_create"), {"title": "Update my portfolio", "kind": "other", "due_on": due.isoformat()}
    )
    assert response.status_code == 302 and response["Location"] == reverse("tracker:reminders")
    item = Reminder.objects.for_user(owner).get()
    assert item.application is None and item.due_on == due and item.user == owner


def test_it_creates_a_reminder_for_an_application_and_returns_there(owner, owner_client):
    app = application(owner)
    response = owner_client.post(
        reverse("tracker:reminder_create"),
        {
            "title": "Follow up",
            "kind": "follow_up",
            "due_on": today().isoformat(),
            "application": app.id,
            "next": "/tracker/somewhere/#reminders",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/tracker/somewhere/#reminders"
    assert Reminder.objects.for_user(owner).get().application == app


def test_it_refuses_another_users_application(owner, stranger, owner_client):
    theirs = application(stranger)
    response = owner_client.post(
        reverse("tracker:reminder_create"),
        {"title": "Sneaky", "kind": "follow_up", "due_on": today().isoformat(), "application": theirs.id},
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Reminder.objects.exists()
    prefilled = reverse("tracker:reminder_create") + f"?application={theirs.id}"
    assert owner_client.get(prefilled).status_code == 404
    assert owner_client.get(reverse("tracker:reminder_create") + "?application=nope").status_code == 404


def test_it_explains_missing_fields(owner_client):
    response = owner_client.post(reverse("tracker:reminder_create"), {"kind": "follow_up"})
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_it_ignores_a_next_that_leaves_the_site(owner, owner_client):
    item = reminder(owner)
    response = owner_client.post(reverse("tracker:reminder_done", args=[item.id]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("tracker:reminders")


def test_done_and_undo(owner, owner_client):
    item = reminder(owner)
    url = reverse("tracker:reminder_done", args=[item.id])
    assert owner_client.get(url).status_code == 405
    assert owner_client.post(url).status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None
    assert not Reminder.objects.for_user(owner).due(today()).exists()
    owner_client.post(url, {"undo": "1"})
    item.refresh_from_db()
    assert item.done_at is None


def test_done_over_htmx_swaps_the_row(owner, owner_client):
    item = reminder(owner, title="Thank-you note")
    response = owner_client.post(reverse("tracker:reminder_done", args=[item.id]), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith("<li")
    assert f'id="reminder-{item.id}"' in html and "is-done" in html and "Undo" in html
    assert "<html" not in html


@pytest.mark.parametrize("days", [1, 3, 7])
def test_snooze_by_days(owner, owner_client, days):
    item = reminder(owner)
    response = owner_client.post(reverse("tracker:reminder_snooze", args=[item.id]), {"days": days})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.snoozed_until == today() + timedelta(days=days) == item.effective_due_on
    assert not Reminder.objects.for_user(owner).due(today()).exists()
    assert Reminder.objects.for_user(owner).due(today() + timedelta(days=days)).get() == item


def test_snooze_until_a_date_over_htmx(owner, owner_client):
    item = reminder(owner)
    until = today() + timedelta(days=10)
    response = owner_client.post(
        reverse("tracker:reminder_snooze", args=[item.id]), {"until": until.isoformat()}, headers=HTMX
    )
    assert response.status_code == 200 and "(snoozed)" in response.content.decode()
    item.refresh_from_db()
    assert item.snoozed_until == until


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose how long"),
        ({"until": "2000-01-01"}, "a day after today"),
        ({"days": "30"}, "Select a valid choice"),
    ],
)
def test_snooze_refuses_bad_input(owner, owner_client, data, message):
    item = reminder(owner)
    response = owner_client.post(reverse("tracker:reminder_snooze", args=[item.id]), data, headers=HTMX)
    assert response.status_code == 400 and message in response.content.decode()
    item.refresh_from_db()
    assert item.snoozed_until is None


def test_delete_over_htmx_and_plain(owner, owner_client):
    first, second = reminder(owner), reminder(owner)
    response = owner_client.post(reverse("tracker:reminder_delete", args=[first.id]), headers=HTMX)
    assert response.status_code == 200 and response.content == b""
    assert owner_client.post(reverse("tracker:reminder_delete", args=[second.id])).status_code == 302
    assert not Reminder.objects.exists()


def test_edit(owner, owner_client):
    item = reminder(owner)
    url = reverse("tracker:reminder_edit", args=[item.id])
    assert owner_client.get(url).status_code == 200
    due = today() + timedelta(days=9)
    owner_client.post(url, {"title": "Renamed", "kind": "prepare", "due_on": due.isoformat(), "application": ""})
    item.refresh_from_db()
    assert (item.title, item.kind, item.due_on, item.application) == ("Renamed", "prepare", due, None)


@pytest.mark.parametrize("name", ["reminder_done", "reminder_snooze", "reminder_delete", "reminder_edit"])
def test_strangers_get_404(owner, stranger_client, name):
    item = reminder(owner)
    assert stranger_client.post(reverse(f"tracker:{name}", args=[item.id]), {"days": 1}).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None and item.snoozed_until is None


def test_the_application_section_lists_its_reminders_with_actions(owner):
    app = application(owner)
    items = [reminder(owner, app, title="Send thanks", due_on=today() - timedelta(days=1))]
    request = RequestFactory().get("/tracker/applications/x/")
    request.user = owner
    html = render_to_string(
        "tracker/reminders/_section.html", {"application": app, "reminders": items}, request=request
    )
    assert "Send thanks" in html and "is-overdue" in html
    assert reverse("tracker:reminder_done", args=[items[0].id]) in html
    assert reverse("tracker:reminder_snooze", args=[items[0].id]) in html
    assert f'name="application" value="{app.id}"' in html
    assert reverse("tracker:reminder_create") in html


def test_the_page_does_not_query_per_reminder(owner, owner_client, django_assert_max_num_queries):
    for offset in (-2, 0, 3):
        reminder(owner, due_on=today() + timedelta(days=offset))
    with django_assert_max_num_queries(30) as few:
        owner_client.get(reverse("tracker:reminders"))
    for offset in (-3, -1, 1, 2, 5, 8):
        reminder(owner, due_on=today() + timedelta(days=offset))
    with django_assert_max_num_queries(len(few.captured_queries)):
        owner_client.get(reverse("tracker:reminders"))
