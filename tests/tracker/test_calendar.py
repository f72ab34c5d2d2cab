"""The private calendar feed: a secret address, valid iCalendar, the right zones, and a token that can die."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.tracker.factories import application, interview
from tracker.models import CalendarFeed

pytestmark = pytest.mark.django_db
NEXT_YEAR = timezone.now().year + 1


def feed_path(feed: CalendarFeed) -> str:
    return reverse("tracker:calendar_feed", kwargs={"token": feed.token})


def test_the_page_offers_to_create_an_address_then_shows_it(owner, owner_client):
    page = owner_client.get(reverse("tracker:calendar")).content.decode()
    assert "Create my private calendar address" in page
    assert owner_client.post(reverse("tracker:calendar_create")).status_code == 302
    feed = CalendarFeed.objects.for_user(owner).get()
    page = owner_client.get(reverse("tracker:calendar")).content.decode()
    assert f'value="http://testserver{feed_path(feed)}"' in page
    assert f'href="webcal://testserver{feed_path(feed)}"' in page
    assert "From URL" in page and "New Calendar Subscription" in page
    # Creating again keeps the same address.
    owner_client.post(reverse("tracker:calendar_create"))
    assert CalendarFeed.objects.for_user(owner).get().token == feed.token


@pytest.mark.parametrize("name", ["calendar_create", "calendar_rotate", "calendar_revoke"])
def test_the_address_changes_only_by_post(owner_client, name):
    assert owner_client.get(reverse(f"tracker:{name}")).status_code == 405


def test_anonymous_users_are_sent_to_log_in_for_the_page(client):
    response = client.get(reverse("tracker:calendar"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_feed_renders_every_interview_in_its_own_zone(owner, stranger):
    app = application(owner)
    cases = {
        # New York on both sides of a DST change: EST (UTC-5) in January, EDT (UTC-4) in July.
        "ny-winter": ("America/New_York", datetime(NEXT_YEAR, 1, 20, 15, 0, tzinfo=UTC), (10, 0)),
        "ny-summer": ("America/New_York", datetime(NEXT_YEAR, 7, 20, 15, 0, tzinfo=UTC), (11, 0)),
        "berlin": ("Europe/Berlin", datetime(NEXT_YEAR, 2, 3, 8, 0, tzinfo=UTC), (9, 0)),
        "kolkata": ("Asia/Kolkata", datetime(NEXT_YEAR, 2, 4, 4, 0, tzinfo=UTC), (9, 30)),
    }
    made = {
        key: interview(owner, app, starts_at=starts, timezone=zone, location="Office, 5th floor")
        for key, (zone, starts, _) in cases.items()
    }
    interview(owner, app, starts_at=timezone.now() - timedelta(days=200))  # too old for the feed
    interview(stranger, starts_at=timezone.now() + timedelta(days=1))  # someone else's
    feed = CalendarFeed.objects.create(user=owner)

    response = Client().get(feed_path(feed))  # no login: the token is the credential
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"].startswith("private")

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) and str(calendar["METHOD"]) == "PUBLISH"
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["America/New_York", "Asia/Kolkata", "Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()
    events = {str(e["UID"]): e for e in calendar.events}
    assert set(events) == {f"{item.id}@careeragent" for item in made.values()}
    for key, (zone, starts, wall) in cases.items():
        event = events[f"{made[key].id}@careeragent"]
        start = event["DTSTART"].dt
        assert event["DTSTART"].params["TZID"] == zone, key
        assert start.tzinfo == ZoneInfo(zone), key
        assert (start.hour, start.minute) == wall, key
        assert start.astimezone(UTC) == starts, key
        assert str(event["LOCATION"]) == "Office, 5th floor"


def test_the_feed_marks_cancelled_interviews_and_carries_the_sequence(owner):
    item = interview(owner, outcome="cancelled", sequence=3)
    feed = CalendarFeed.objects.create(user=owner)
    (event,) = Calendar.from_ical(Client().get(feed_path(feed)).content).events
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 3
    assert str(event["UID"]) == f"{item.id}@careeragent"


def test_the_feed_answers_head(owner):
    feed = CalendarFeed.objects.create(user=owner)
    response = Client().head(feed_path(feed))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert Client().post(feed_path(feed)).status_code == 405


def test_a_wrong_token_is_404(owner):
    CalendarFeed.objects.create(user=owner)
    assert Client().get(reverse("tracker:calendar_feed", kwargs={"token": "not-the-token"})).status_code == 404


def test_turning_it_off_kills_the_address(owner, owner_client):
    feed = CalendarFeed.objects.create(user=owner)
    assert owner_client.post(reverse("tracker:calendar_revoke")).status_code == 302
    assert not CalendarFeed.objects.filter(user=owner).exists()
    assert Client().get(feed_path(feed)).status_code == 404


def test_resetting_makes_a_new_address_and_kills_the_old(owner, owner_client):
    old = CalendarFeed.objects.create(user=owner)
    owner_client.post(reverse("tracker:calendar_rotate"))
    new = CalendarFeed.objects.for_user(owner).get()
    assert new.token != old.token
    assert Client().get(feed_path(old)).status_code == 404
    assert Client().get(feed_path(new)).status_code == 200


def test_a_stranger_cannot_reset_or_turn_off_my_address(owner, stranger_client):
    feed = CalendarFeed.objects.create(user=owner)
    stranger_client.post(reverse("tracker:calendar_rotate"))
    stranger_client.post(reverse("tracker:calendar_revoke"))
    assert CalendarFeed.objects.get(user=owner).token == feed.token


def test_an_inactive_account_has_no_feed(owner):
    feed = CalendarFeed.objects.create(user=owner)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert Client().get(feed_path(feed)).status_code == 404


def test_last_fetched_is_written_at_most_once_a_minute(owner):
    feed = CalendarFeed.objects.create(user=owner)
    Client().get(feed_path(feed))
    feed.refresh_from_db()
    first = feed.last_fetched_at
    assert first is not None
    Client().get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_fetched_at == first
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=first - timedelta(minutes=2))
    Client().get(feed_path(feed))
    feed.refresh_from_db()
    assert feed.last_fetched_at > first - timedelta(minutes=2)


def test_the_feed_costs_the_same_queries_for_many_interviews(owner, django_assert_max_num_queries):
    feed = CalendarFeed.objects.create(user=owner)
    for day in range(1, 4):
        interview(owner, starts_at=timezone.now() + timedelta(days=day))
    with django_assert_max_num_queries(4) as few:
        Client().get(feed_path(feed))
    for day in range(4, 12):
        interview(owner, starts_at=timezone.now() + timedelta(days=day))
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = Client().get(feed_path(feed))
    assert len(Calendar.from_ical(response.content).events) == 11
