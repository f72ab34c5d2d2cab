"""The daily digest: what it picks, what the e-mail says, and that it is sent once, through the worker."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.services import profile_for
from careeragent.timezones import local_now, zones_at_hour
from tests.tracker.factories import application, interview, reminder
from tracker.digest import (
    DIGEST_HOUR,
    build_digest,
    digest_message,
    send_all_digests,
    send_digest,
    send_morning_digests,
)
from tracker.models import Application
from tracker.services import change_status

TODAY = timezone.localdate()
SITE = "https://careeragent.example"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


def applied(user, days_ago: int, **fields) -> Application:
    # Counted from TODAY (fixed when the module loads), not from now: a run that crosses midnight stays right.
    at = datetime.combine(TODAY, time(12), tzinfo=UTC) - timedelta(days=days_ago)
    return application(user, at=at, **fields)


def at_today(hour: int, minute: int = 0) -> datetime:
    return datetime.combine(TODAY, time(hour, minute), tzinfo=UTC)


@pytest.mark.django_db
def test_it_picks_what_is_due_coming_up_and_waiting(owner, stranger):
    app = application(owner, company="Due Co")
    overdue = reminder(owner, app, title="Overdue", due_on=TODAY - timedelta(days=3))
    due = reminder(owner, None, title="Due today", due_on=TODAY)
    reminder(owner, app, title="Later", due_on=TODAY + timedelta(days=1))
    reminder(owner, app, title="Snoozed", due_on=TODAY - timedelta(days=1), snoozed_until=TODAY + timedelta(days=1))
    reminder(owner, app, title="Done", due_on=TODAY, done_at=timezone.now())
    reminder(stranger, title="Theirs", due_on=TODAY)

    soon = interview(owner, app, starts_at=at_today(23, 30) + timedelta(days=1), timezone="Europe/Berlin")
    interview(owner, app, starts_at=at_today(12) + timedelta(days=3))  # too far
    interview(owner, app, starts_at=at_today(12) + timedelta(days=1), outcome="cancelled")

    waiting = applied(owner, 12, company="Silent Inc")
    applied(owner, 5, company="Too recent")
    replied = applied(owner, 20, company="Replied Ltd")
    change_status(replied, "screening")
    followed = applied(owner, 15, company="Already chasing")
    reminder(owner, followed, title="Chase", due_on=TODAY + timedelta(days=2))
    applied(stranger, 30, company="Their silence")

    digest = build_digest(owner, TODAY)
    assert [r.pk for r in digest.reminders] == [overdue.pk, due.pk]
    assert digest.overdue == [overdue]
    assert [i.pk for i in digest.interviews] == [soon.pk]
    assert [a.pk for a in digest.waiting] == [waiting.pk]
    assert digest.subject == "2 follow-ups due today, 1 interview coming up, 1 application with no reply"


@pytest.mark.django_db
def test_no_reply_days_comes_from_the_profile(owner):
    app = applied(owner, 4)
    assert build_digest(owner, TODAY).waiting == []
    profile = profile_for(owner)
    profile.preferences = {**profile.preferences, "no_reply_days": 3}
    profile.save()
    assert [a.pk for a in build_digest(owner, TODAY).waiting] == [app.pk]


@pytest.mark.django_db
def test_the_message_has_the_items_and_absolute_links(owner, site_url):
    app = application(owner, company="Globex", role="Data Engineer")
    reminder(owner, app, title="Send the thank-you note", due_on=TODAY - timedelta(days=2))
    interview(owner, app, starts_at=at_today(13) + timedelta(days=1), timezone="Asia/Kolkata")
    applied(owner, 11, company="Initech", role="SRE")

    message = digest_message(build_digest(owner, TODAY))
    assert message.to == [owner.email]
    assert message.subject == "1 follow-up due today, 1 interview coming up, 1 application with no reply"
    text = message.body
    assert "Send the thank-you note (Data Engineer at Globex) - overdue by 2 days" in text
    assert "18:30 (Asia/Kolkata)" in text  # 13:00 UTC in Kolkata
    assert "SRE at Initech: applied 11 days ago" in text
    assert f"{SITE}{reverse('tracker:detail', args=[app.id])}" in text and f"{SITE}/tracker/reminders/" in text
    assert all(link.startswith(SITE) for link in _links(text))
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Send the thank-you note" in html and 'href="https://careeragent.example/tracker/reminders/"' in html
    assert 'href="/' not in html  # nothing relative


def _links(text: str) -> list[str]:
    return [word for word in text.split() if "://" in word and "meet.example.com" not in word]


@pytest.mark.django_db
def test_nothing_to_say_sends_nothing(owner):
    assert digest_message(build_digest(owner, TODAY)) is None
    assert send_digest(owner, TODAY) is False


@pytest.mark.django_db
def test_it_respects_the_notification_setting(owner, django_capture_on_commit_callbacks):
    reminder(owner, due_on=TODAY)
    profile = profile_for(owner)
    profile.notify_reminders = False
    profile.save()
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_digest(owner, TODAY) is False
        assert send_all_digests(TODAY) == 0
    assert callbacks == []


def test_the_worker_sends_each_digest_once_a_day(worker, owner, stranger, site_url):
    item = reminder(owner, title="Call Riley back", due_on=TODAY)
    assert send_all_digests(TODAY) == 1  # the stranger has nothing due
    worker.drain()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [owner.email] and sent.subject == "1 follow-up due today"
    assert "Call Riley back" in sent.body
    assert f"{SITE}{reverse('tracker:detail', args=[item.application_id])}" in sent.body
    assert "Call Riley back" in sent.alternatives[0][0]

    assert send_all_digests(TODAY) == 0  # already sent today
    worker.drain()
    assert len(mail.outbox) == 1


def test_the_cron_actor_sends_the_digests(worker, owner, stranger):
    from tracker.actors import send_reminder_digests

    assert send_reminder_digests.queue_name == "email"
    # Hourly: it is 7 in the morning somewhere now; the owner lives there, the stranger 12 hours away.
    now = timezone.now()
    here = sorted(zones_at_hour(now, DIGEST_HOUR))[0]
    elsewhere = sorted(zones_at_hour(now, (DIGEST_HOUR + 12) % 24))[0]
    for user, zone in ((owner, here), (stranger, elsewhere)):
        lives_in(user, zone)
        reminder(user, due_on=local_now(zone, now).date())
    send_reminder_digests()
    worker.drain()
    assert [m.to for m in mail.outbox] == [[owner.email]]


def lives_in(user, zone: str) -> None:
    profile = profile_for(user)
    profile.preferences = {**profile.preferences, "timezone": zone}
    profile.save()


@pytest.mark.django_db
def test_the_digest_goes_out_at_seven_in_each_users_morning_for_their_own_date(owner, stranger, monkeypatch):
    from tests.conftest import make_user
    from tracker import digest

    sent: list[tuple[str, date]] = []
    original = digest.send_digest

    def recording(user, today):
        ok = original(user, today)
        if ok:
            sent.append((user.email, today))
        return ok

    monkeypatch.setattr(digest, "send_digest", recording)
    lives_in(owner, "Asia/Tokyo")
    lives_in(stranger, "America/New_York")
    utc_user = make_user("utc@example.com")  # no time zone chosen: UTC
    reminder(owner, title="Due on Tokyo's Monday", due_on=date(2026, 3, 2))
    reminder(stranger, title="Due on New York's Sunday", due_on=date(2026, 3, 1))
    reminder(utc_user, title="Due on Sunday", due_on=date(2026, 3, 1))

    # 22:00 UTC on Sunday 1 March: 07:00 on Monday in Tokyo, 17:00 in New York, 22:00 in UTC.
    sunday_night = datetime(2026, 3, 1, 22, 0, tzinfo=UTC)
    assert send_morning_digests(sunday_night) == 1
    assert sent == [(owner.email, date(2026, 3, 2))]  # Tokyo's date, though it is still Sunday on the server
    assert send_morning_digests(sunday_night + timedelta(minutes=20)) == 0  # later in the same hour: claimed
    assert send_morning_digests(datetime(2026, 3, 1, 7, 0, tzinfo=UTC)) == 1  # 07:00 UTC
    assert send_morning_digests(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) == 1  # 07:00 in New York
    assert sent[1:] == [("utc@example.com", date(2026, 3, 1)), (stranger.email, date(2026, 3, 1))]


@pytest.mark.django_db
def test_the_command_has_a_dry_run(owner, capsys, django_capture_on_commit_callbacks):
    reminder(owner, due_on=TODAY)
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("send_digests", "--dry-run", "--date", TODAY.isoformat())
    assert callbacks == []
    assert f"1 digest would be sent for {TODAY.isoformat()}" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_nightly_snapshot_actor_writes_this_weeks_row(owner):
    from tracker.actors import snapshot_analytics
    from tracker.models import AnalyticsSnapshot

    application(owner)
    snapshot_analytics()
    assert AnalyticsSnapshot.objects.for_user(owner).exists()
