"""Interviews: entered in a local time and zone, stored in UTC, shown and exported back in their own zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.services import profile_for
from tests.tracker.factories import application, interview
from tracker.models import Application, Interview, StatusChange

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.now().year + 1


def form_data(**overrides) -> dict:
    data = {
        "kind": "video",
        "starts_local": f"{NEXT_YEAR}-07-14T15:30",
        "timezone": "America/New_York",
        "duration_minutes": "45",
        "location": "",
        "meeting_url": "https://meet.example.com/xyz",
        "interviewers": "Sam Lee\nAlex Kim",
        "preparation": "Review the system design chapter.",
        "move_to_interviewing": "on",
    }
    return {**data, **overrides}


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def test_it_stores_the_local_time_in_utc_and_moves_the_application(owner, owner_client):
    app = application(owner)
    response = owner_client.post(reverse("tracker:interview_create", args=[app.id]), form_data())
    assert response.status_code == 302
    item = Interview.objects.for_user(owner).get()
    # July in New York is EDT (UTC-4).
    assert item.starts_at == datetime(NEXT_YEAR, 7, 14, 19, 30, tzinfo=UTC)
    assert item.timezone == "America/New_York" and item.duration_minutes == 45 and item.sequence == 0
    app.refresh_from_db()
    assert app.status == Application.Status.INTERVIEWING
    assert StatusChange.objects.filter(application=app, to_status="interviewing").exists()


def test_it_leaves_the_status_alone_when_the_box_is_unticked(owner, owner_client):
    app = application(owner)
    data = form_data()
    del data["move_to_interviewing"]
    owner_client.post(reverse("tracker:interview_create", args=[app.id]), data)
    app.refresh_from_db()
    assert Interview.objects.for_user(owner).count() == 1 and app.status == Application.Status.APPLIED


def test_it_does_not_offer_the_move_past_interviewing(owner, owner_client):
    app = application(owner, status="offer")
    page = owner_client.get(reverse("tracker:interview_create", args=[app.id]))
    assert "move_to_interviewing" not in page.content.decode()
    owner_client.post(reverse("tracker:interview_create", args=[app.id]), form_data())
    app.refresh_from_db()
    assert app.status == Application.Status.OFFER


def test_it_defaults_to_the_users_time_zone(owner, owner_client):
    profile = profile_for(owner)
    profile.preferences = {**profile.preferences, "timezone": "Asia/Kolkata"}
    profile.save()
    page = owner_client.get(reverse("tracker:interview_create", args=[application(owner).id])).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in page
    assert 'type="datetime-local"' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "Select a valid choice"),
        ({"timezone": "localtime"}, "Select a valid choice"),
        ({"starts_local": "next tuesday"}, "Enter a date and time"),
        # 02:30 on the spring-forward Sunday does not exist in New York.
        ({"starts_local": "2025-03-09T02:30"}, "does not exist"),
        ({"duration_minutes": "0"}, "Between 5 minutes"),
    ],
)
def test_it_rejects_bad_input_with_a_clear_message(owner, owner_client, overrides, message):
    app = application(owner)
    response = owner_client.post(reverse("tracker:interview_create", args=[app.id]), form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Interview.objects.for_user(owner).exists()


def test_edit_shows_the_time_in_the_interviews_own_zone_and_bumps_sequence(owner, owner_client):
    item = interview(owner, starts_at=datetime(NEXT_YEAR, 1, 10, 8, 0, tzinfo=UTC), timezone="Asia/Kolkata")
    url = reverse("tracker:interview_edit", args=[item.id])
    page = owner_client.get(url).content.decode()
    assert f'value="{NEXT_YEAR}-01-10T13:30"' in page  # UTC+5:30
    assert '<option value="Asia/Kolkata" selected>' in page

    data = form_data(starts_local=f"{NEXT_YEAR}-01-10T14:00", timezone="Asia/Kolkata", outcome="pending")
    assert owner_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.starts_at == datetime(NEXT_YEAR, 1, 10, 8, 30, tzinfo=UTC) and item.sequence == 1
    owner_client.post(url, {**data, "outcome": "cancelled"})
    item.refresh_from_db()
    assert item.sequence == 2 and item.outcome == "cancelled"

    event = parse(owner_client.get(reverse("tracker:interview_ics", args=[item.id])).content).events[0]
    assert int(event["SEQUENCE"]) == 2 and str(event["STATUS"]) == "CANCELLED"


def test_delete_needs_post_and_removes_it(owner, owner_client):
    item = interview(owner)
    url = reverse("tracker:interview_delete", args=[item.id])
    assert owner_client.get(url).status_code == 405
    assert owner_client.post(url).status_code == 302
    assert not Interview.objects.filter(pk=item.pk).exists()


def test_a_stranger_cannot_schedule_on_my_application(owner, stranger_client):
    app = application(owner)
    assert stranger_client.post(reverse("tracker:interview_create", args=[app.id]), form_data()).status_code == 404
    assert not Interview.objects.exists()


def test_the_ics_download_is_one_valid_event_in_its_zone(owner, owner_client):
    starts = datetime(NEXT_YEAR, 1, 15, 15, 0, tzinfo=UTC)  # January: EST, UTC-5
    item = interview(
        owner, starts_at=starts, timezone="America/New_York", location="", interviewers="Sam Lee", duration_minutes=30
    )
    response = owner_client.get(reverse("tracker:interview_ics", args=[item.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;") and ".ics" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]

    calendar = parse(response.content)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["CALSCALE"]) == "GREGORIAN" and calendar["PRODID"]
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    (event,) = calendar.events
    assert str(event["UID"]) == f"{item.id}@careeragent"
    assert event["DTSTAMP"] and int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    start = event["DTSTART"].dt
    assert start.tzinfo == ZoneInfo("America/New_York") and (start.hour, start.minute) == (10, 0)
    assert start.astimezone(UTC) == starts
    assert event["DTEND"].dt.astimezone(UTC) == starts + timedelta(minutes=30)
    assert str(event["SUMMARY"]) == "Interview: Backend Engineer at Acme Analytics (Video call)"
    assert str(event["LOCATION"]) == "https://meet.example.com/abc" == str(event["URL"])
    description = str(event["DESCRIPTION"])
    assert "Sam Lee" in description
    detail = reverse("tracker:detail", args=[item.application_id])
    assert f"Application: http://testserver{detail}" in description  # an absolute link back to the application


def test_the_ics_download_is_not_for_strangers(owner, stranger_client):
    assert stranger_client.get(reverse("tracker:interview_ics", args=[interview(owner).id])).status_code == 404


def test_the_section_shows_each_interview_in_its_own_zone(owner):
    app = application(owner)
    items = [
        interview(owner, app, starts_at=datetime(NEXT_YEAR, 7, 1, 12, 0, tzinfo=UTC), timezone="Europe/Berlin"),
        interview(owner, app, starts_at=datetime(NEXT_YEAR, 7, 2, 12, 0, tzinfo=UTC), timezone="Asia/Kolkata"),
    ]
    request = RequestFactory().get("/")
    request.user = owner
    html = render_to_string(
        "tracker/interviews/_section.html", {"application": app, "interviews": items}, request=request
    )
    assert "14:00" in html and "Europe/Berlin" in html  # CEST, UTC+2
    assert "17:30" in html and "Asia/Kolkata" in html
    assert reverse("tracker:interview_ics", args=[items[0].id]) in html
    assert reverse("tracker:interview_edit", args=[items[1].id]) in html
    assert reverse("tracker:interview_create", args=[app.id]) in html


def test_the_application_page_shows_both_sections(owner, owner_client):
    from tests.tracker.factories import reminder

    app = application(owner)
    item = interview(owner, app, starts_at=datetime(NEXT_YEAR, 2, 1, 9, 0, tzinfo=UTC), timezone="Europe/Berlin")
    note = reminder(owner, app, title="Prepare questions")
    page = owner_client.get(reverse("tracker:detail", args=[app.id])).content.decode()
    assert "10:00" in page and reverse("tracker:interview_ics", args=[item.id]) in page
    assert "Prepare questions" in page and reverse("tracker:reminder_done", args=[note.id]) in page
