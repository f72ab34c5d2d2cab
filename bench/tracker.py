"""Tracker: the board, the list and the dashboard for a user with 2,000 applications and 500 interviews.

The applications cover every status and source, with their status history, some notes, contacts and reminders,
and twelve weekly snapshots; they are bulk-inserted for a throw-away bench user, who is deleted afterwards. Each
page is requested through Django's test client (server time: URL routing, middleware, queries and rendering):
10 warm-up requests, then 60 timed ones. The number of queries each page makes is recorded too.

Run alone: ``DEBUG=true .venv/bin/python -m bench.tracker`` (embedded SQLite, or PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

from bench.common import percentile, row, summary

BENCH_EMAIL = "bench-tracker@careeragent.local"
APPLICATIONS = 2_000
INTERVIEWS = 500
WARMUP = 10
TIMED = 60
TARGET = "<= 100"
# (result key, URL name): names another area owns may be missing while it is being built; those are skipped.
PAGES = [("board", "tracker:board"), ("list", "tracker:list"), ("dashboard", "tracker:index")]

SOURCES = ["LinkedIn", "Referral", "Company site", "Indeed", "Recruiter", "Hacker News", "Otta", "Wellfound",
           "Glassdoor", "Meetup", "Twitter", "Newsletter", ""]  # fmt: skip
RESUMES = ["Backend v1", "Backend v2", "Platform", "Data", "Generic", ""]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent"]
ROLES = ["Backend Engineer", "Platform Engineer", "Data Engineer", "Staff Engineer", "Python Developer"]
# Paths through the pipeline (each step a few days after the one before) and how often each is taken.
WALKS = [
    (["saved"], 14),
    (["saved", "applied"], 25),
    (["applied", "screening"], 8),
    (["applied", "screening", "interviewing"], 8),
    (["applied", "interviewing", "offer"], 2),
    (["applied", "screening", "interviewing", "offer", "accepted"], 1),
    (["applied", "screening", "rejected"], 12),
    (["applied", "screening", "interviewing", "rejected"], 8),
    (["applied", "rejected"], 10),
    (["applied", "ghosted"], 10),
    (["saved", "withdrawn"], 2),
]
AFTER_APPLYING = {"applied", "screening", "interviewing", "offer", "accepted", "rejected", "ghosted"}
RESPONDED = {"screening", "interviewing", "offer", "accepted", "rejected"}
CLOSED = {"accepted", "rejected", "withdrawn", "ghosted"}


def _populate(user) -> None:
    from django.utils import timezone

    from tracker.models import Application, Contact, Interview, Note, Reminder, StatusChange

    rnd = random.Random(7)
    now = timezone.now()
    today = timezone.localdate()
    paths = [path for path, weight in WALKS for _ in range(weight)]
    apps, history = [], []
    for i in range(APPLICATIONS):
        path = rnd.choice(paths)
        at = now - timedelta(days=rnd.randint(5, 200), hours=rnd.randint(0, 23))
        app = Application(
            user=user,
            company=f"{rnd.choice(COMPANIES)} {i}",
            role=rnd.choice(ROLES),
            source=rnd.choice(SOURCES),
            resume_label=rnd.choice(RESUMES),
            workplace=rnd.choice(["", "remote", "hybrid", "onsite"]),
            salary_min=rnd.choice([None, 70_000, 90_000, 120_000]),
            excitement=rnd.choice([None, 1, 2, 3, 4, 5]),
            match_score=rnd.choice([None, rnd.randint(30, 95)]),
            priority_score=rnd.randint(0, 100),
            next_action="Follow up" if i % 9 == 0 else "",
            next_action_on=today + timedelta(days=rnd.randint(-5, 10)) if i % 9 == 0 else None,
        )
        app.created_at = at
        previous = ""
        for status in path:
            if status in AFTER_APPLYING and app.applied_on is None:
                app.applied_on = timezone.localdate(at)
            if status in RESPONDED and app.first_response_at is None:
                app.first_response_at = at
            history.append(
                StatusChange(user=user, application=app, from_status=previous, to_status=status, changed_at=at)
            )
            previous = status
            app.status, app.status_changed_at = status, at
            at = min(at + timedelta(days=rnd.randint(1, 9)), now)
        if app.status in CLOSED:
            app.closed_at = app.status_changed_at
        apps.append(app)
    Application.objects.bulk_create(apps, batch_size=500)
    StatusChange.objects.bulk_create(history, batch_size=1000)
    Note.objects.bulk_create(
        [Note(user=user, application=a, text="Spoke to the recruiter.") for a in apps[::4]], batch_size=1000
    )
    Contact.objects.bulk_create(
        [Contact(user=user, application=a, name="Riley Recruiter", role="Recruiter") for a in apps[::7]],
        batch_size=1000,
    )
    interviewing = [a for a in apps if a.status in ("interviewing", "offer", "accepted", "rejected")] or apps
    Interview.objects.bulk_create(
        [
            Interview(
                user=user,
                application=interviewing[i % len(interviewing)],
                # Most are in the past; one in ten is coming up in the next three weeks.
                starts_at=now + timedelta(days=rnd.randint(1, 21) if i % 10 == 0 else -rnd.randint(1, 180)),
                timezone="Europe/Berlin",
            )
            for i in range(INTERVIEWS)
        ],
        batch_size=1000,
    )
    Reminder.objects.bulk_create(
        [
            Reminder(user=user, application=a, title="Follow up", due_on=today + timedelta(days=rnd.randint(-10, 10)))
            for a in apps[::20]
        ],
        batch_size=1000,
    )


def _analyze() -> None:
    """PostgreSQL: fresh statistics after the bulk insert, the steady state autovacuum keeps."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("tracker_application", "tracker_statuschange", "tracker_interview", "tracker_reminder"):
                cursor.execute(f"ANALYZE {table}")


def run() -> dict:
    from allauth.account.models import EmailAddress
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from accounts.models import User
    from tracker.analytics import snapshot_all

    User.objects.filter(email=BENCH_EMAIL).delete()
    user = User.objects.create_user(email=BENCH_EMAIL, password=None)
    EmailAddress.objects.create(user=user, email=BENCH_EMAIL, verified=True, primary=True)
    results = {}
    try:
        started = time.perf_counter()
        _populate(user)
        snapshot_all(weeks=12, users=[user])
        _analyze()
        print(
            f"{APPLICATIONS:,} applications and {INTERVIEWS} interviews ({connection.vendor}) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        client = Client()
        client.force_login(user)
        for key, name in PAGES:
            try:
                url = reverse(name)
            except NoReverseMatch:
                print(f"tracker.{key}: {name} is not registered yet; skipped")
                continue
            for _ in range(WARMUP):
                response = client.get(url)
                assert response.status_code == 200, f"{url} answered {response.status_code}"
            queries: list[str] = []

            def count(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            # Counted with a wrapper: the query log is reset at each request, which CaptureQueriesContext misses.
            with connection.execute_wrapper(count):
                client.get(url)
            timings = []
            for _ in range(TIMED):
                begun = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - begun) * 1000)
            print(f"tracker.{key} ({url}): {summary(timings)}, {len(queries)} queries")
            results[f"tracker.{key}_p95_ms"] = row(percentile(timings, 0.95), "ms", TARGET)
            results[f"tracker.{key}_queries"] = row(len(queries), "queries")
    finally:
        user.delete()
    return results


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # host "testserver" for the test client, as `python -m bench` does
    print(run())
