"""The new-matches e-mail: which matches, the threshold, daily / weekly / off, nothing to say, links, no repeats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accounts.services import profile_for
from careeragent.timezones import zones_at_hour
from jobs.insights.digest import (
    DIGEST_HOUR,
    SENT_KEY,
    build_match_digest,
    match_digest_message,
    send_all_match_digests,
    send_match_digest,
)
from jobs.models import Match, MatchProfile
from tests.jobs.factories import job_posting

SITE = "https://careeragent.example"
MONDAY = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    settings.TIME_ZONE = "UTC"
    return SITE


def subscribe(user, frequency="daily", threshold=60):
    account = profile_for(user)
    account.notify_matches = frequency
    account.save()
    MatchProfile.objects.get_or_create(user=user, defaults={"threshold": threshold})
    return account


def match(user, score, *, title="Backend Engineer", seen=None, created=None, **fields):
    seen = seen or MONDAY - timedelta(hours=3)
    posting = job_posting(title, company=f"{title} Co", first_seen_at=seen, last_seen_at=seen, posted_at=seen, **fields)
    found = Match.objects.create(user=user, posting=posting, score=score, breakdown={})
    Match.objects.filter(pk=found.pk).update(created_at=created or seen)
    return found


@pytest.mark.django_db
def test_it_picks_new_matches_at_or_above_the_threshold(owner, stranger, site_url):
    subscribe(owner)
    best = match(owner, 90, title="Staff Engineer")
    at_threshold = match(owner, 60, title="Platform Engineer")
    match(owner, 59, title="Below Threshold")
    rescored = match(owner, 70, title="Old Posting, New Match", seen=MONDAY - timedelta(days=20),
                     created=MONDAY - timedelta(hours=1))  # fmt: skip
    match(owner, 95, title="Old News", seen=MONDAY - timedelta(days=5))
    match(owner, 95, title="Closed", closed_at=MONDAY - timedelta(hours=1))
    match(stranger, 99, title="Theirs")
    digest = build_match_digest(owner, MONDAY)
    assert [m.pk for m in digest.matches] == [best.pk, rescored.pk, at_threshold.pk]
    assert digest.subject == "3 new job matches for you"


@pytest.mark.django_db
def test_at_most_ten_best_first(owner, site_url):
    subscribe(owner)
    for score in range(61, 73):
        match(owner, score, title=f"Role {score}")
    scores = [m.score for m in build_match_digest(owner, MONDAY).matches]
    assert scores == list(range(72, 62, -1))


@pytest.mark.django_db
def test_the_message_has_scores_and_absolute_links(owner, site_url):
    subscribe(owner)
    found = match(owner, 88, title="Data <Engineer>", location="Lisbon, Portugal", workplace="remote")
    message = match_digest_message(build_match_digest(owner, MONDAY))
    assert message.to == [owner.email] and message.subject == "1 new job match for you"
    detail = f"{SITE}{reverse('jobs:posting_detail', args=[found.posting_id])}"
    text = message.body
    assert "88/100  Data <Engineer> at Data <Engineer> Co (Lisbon, Portugal) - remote" in text
    assert (
        detail in text
        and f"{SITE}{reverse('jobs:matches')}" in text
        and f"{SITE}{reverse('accounts:settings')}" in text
    )
    assert all(word.startswith(SITE) for word in text.split() if "://" in word)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{detail}"' in html and "Data &lt;Engineer&gt;" in html and "<Engineer>" not in html
    assert 'href="/' not in html


@pytest.mark.django_db
def test_daily_weekly_and_off(owner, site_url, django_capture_on_commit_callbacks):
    account = subscribe(owner, "weekly")
    match(owner, 80, seen=TUESDAY - timedelta(hours=2))
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_match_digest(owner, TUESDAY) is False  # weekly: Mondays only
    assert callbacks == []
    account.notify_matches = "off"
    account.save()
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_match_digest(owner, TUESDAY) is False
        assert send_all_match_digests(TUESDAY) == 0
    assert callbacks == []
    account.notify_matches = "daily"
    account.save()
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_match_digest(owner, TUESDAY) is True
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_weekly_looks_back_a_week_on_monday(owner, site_url):
    subscribe(owner, "weekly")
    match(owner, 80, seen=MONDAY - timedelta(days=6))
    match(owner, 80, title="Too Old", seen=MONDAY - timedelta(days=9))
    assert [m.posting.title for m in build_match_digest(owner, MONDAY).matches] == ["Backend Engineer"]


@pytest.mark.django_db
def test_nothing_to_say_sends_nothing(owner, site_url, django_capture_on_commit_callbacks):
    subscribe(owner)
    match(owner, 50)  # below the threshold
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_match_digest(owner, MONDAY) is False
    assert callbacks == []
    assert SENT_KEY not in profile_for(owner).preferences


@pytest.mark.django_db
def test_the_last_sent_time_advances_and_nothing_repeats(owner, site_url, django_capture_on_commit_callbacks):
    subscribe(owner)
    match(owner, 80, title="First")
    version = MatchProfile.objects.get(user=owner).version
    with django_capture_on_commit_callbacks():
        assert send_match_digest(owner, MONDAY) is True
    assert profile_for(owner).preferences[SENT_KEY] == MONDAY.isoformat()
    assert MatchProfile.objects.get(user=owner).version == version  # recording it is no change of the scores
    assert build_match_digest(owner, TUESDAY).matches == []
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_match_digest(owner, TUESDAY) is False  # the same match is not sent again
    assert callbacks == []
    match(owner, 75, title="Second", seen=TUESDAY - timedelta(hours=1))
    assert [m.posting.title for m in build_match_digest(owner, TUESDAY).matches] == ["Second"]


def test_the_cron_actor_sends_each_digest_once_a_day(worker, owner, stranger, site_url):
    from jobs.actors import send_match_digests

    assert send_match_digests.queue_name == "email"
    subscribe(owner)
    subscribe(stranger)  # it is 7:30 in their morning too, but nothing is new for them
    now = datetime.now(UTC)
    here = sorted(zones_at_hour(now, DIGEST_HOUR))[0]  # hourly: somewhere it is now the hour of the e-mail
    for user in (owner, stranger):
        lives_in(user, here)
    match(owner, 80, title="Found For You", seen=now - timedelta(hours=1))
    send_match_digests()
    worker.drain()
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Found For You" in mail.outbox[0].body
    assert send_all_match_digests() == 0  # claimed for today already
    worker.drain()
    assert len(mail.outbox) == 1


def lives_in(user, zone: str) -> None:
    account = profile_for(user)
    account.preferences = {**account.preferences, "timezone": zone}
    account.save()


@pytest.mark.django_db
def test_the_hourly_run_sends_at_the_users_morning_and_weekly_on_their_monday(owner, stranger, site_url):
    subscribe(owner, "weekly")
    subscribe(stranger, "weekly")
    lives_in(owner, "Asia/Tokyo")
    lives_in(stranger, "America/New_York")
    # 22:30 UTC on Sunday 1 March: 07:30 on Monday in Tokyo; 17:30 on Sunday in New York.
    sunday_night = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)
    for user in (owner, stranger):
        match(user, 80, seen=sunday_night - timedelta(hours=2))
    assert send_all_match_digests(sunday_night, at_hour=DIGEST_HOUR) == 1  # Tokyo's Monday, the server's Sunday
    assert send_all_match_digests(sunday_night, at_hour=DIGEST_HOUR) == 0  # claimed for Tokyo's day
    # Monday 07:30 in New York: their weekly one.
    assert send_all_match_digests(datetime(2026, 3, 2, 12, 30, tzinfo=UTC), at_hour=DIGEST_HOUR) == 1
    # Tuesday 07:30 in Tokyo: weekly, so nothing.
    assert send_all_match_digests(datetime(2026, 3, 2, 22, 30, tzinfo=UTC), at_hour=DIGEST_HOUR) == 0
