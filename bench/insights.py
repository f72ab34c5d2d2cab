"""Market insights: the insights page for one user over 100,000 postings, computed (uncached) and from the cache.

PostgreSQL only (the embedded SQLite mode has small data and counts in Python). Synthetic postings over the last
120 days (titles, skills whose demand drifts with time, a stated salary on about half, in four periods and two
currencies, an analysis's match features) are inserted under a throw-away source, with one throw-away user whose
matches are scored first (as the worker would have); everything is deleted afterwards.

- ``insights.page_uncached_ms``: GET of the page (Django test client, signed in) with the user's cache entry
  removed first: every figure computed (the slowest of 3).
- ``insights.page_cached_p95_ms``: the same page from the cache, switching between the 7 / 30 / 90-day windows.
- ``insights.page_all_postings_uncached_ms``: uncached, for a user with no target roles and no resume, whose
  figures cover every posting (the worst case).

Run: ``DEBUG=true .venv/bin/python -m bench.insights`` with DATABASE_URL set.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.vocab import KINDS, LEVELS, PLACES, ROLES, SENIORITY

TOTAL = 100_000
BATCH = 5_000
DAYS = 120
UNCACHED_RUNS = 3
CACHED_REQUESTS = 100
UNCACHED_TARGET = "<= 1500"
CACHED_TARGET = "<= 50"

STEADY = ["Python", "Django", "PostgreSQL", "React", "TypeScript", "Go", "AWS", "Docker", "SQL", "Redis", "Linux"]
STEADY += ["GraphQL", "Kafka", "Terraform", "Node.js", "GCP", "Azure", "Spark", "Airflow", "CI/CD", "Elasticsearch"]
RISING = ["Kubernetes", "Rust", "PyTorch"]  # more likely the newer the posting
FALLING = ["Java", "jQuery", "Perl"]  # less likely the newer the posting
PERIODS = [("year", 1), ("year", 1), ("year", 1), ("month", 12), ("hour", 2080), ("day", 260)]


def _postings(source, now):
    from jobs.matching.score import features_of
    from jobs.models import JobPosting

    rnd = random.Random(23)
    for i in range(TOTAL):
        age = rnd.random() * DAYS  # days
        fresh = 1 - age / DAYS
        level = rnd.choice(LEVELS)
        title = " ".join(w for w in (level, rnd.choice(ROLES), rnd.choice(KINDS)) if w)
        picked = rnd.sample(STEADY, rnd.randint(2, 6))
        picked += [s for s in RISING if rnd.random() < 0.1 + 0.4 * fresh]
        picked += [s for s in FALLING if rnd.random() < 0.5 - 0.4 * fresh]
        cut = max(1, len(picked) * 2 // 3)
        required, preferred = picked[:cut], picked[cut:]
        salary = None
        fields: dict = {}
        if rnd.random() < 0.5:
            period, per = rnd.choice(PERIODS)
            yearly = rnd.randint(40, 200) * 1_000 + (20_000 if level in ("Senior", "Staff", "Principal") else 0)
            low = round(yearly / per)
            currency = "USD" if rnd.random() < 0.8 else "EUR"
            if rnd.random() < 0.7:  # the board's fields
                fields = {"salary_min": low, "salary_max": round(low * 1.2), "salary_currency": currency,
                          "salary_period": period}  # fmt: skip
            else:  # only the text says it
                salary = {"min": float(low), "max": float(round(low * 1.2)), "currency": currency, "period": period}
        analysis = {
            "title": title,
            "seniority": SENIORITY.get(level),
            "years_experience": {"min": rnd.choice([None, 2, 3, 5, 8]), "max": None},
            "salary": salary,
            "workplace": None,
            "skills": {
                "required": [{"skill": s, "category": "tool", "sentence": ""} for s in required],
                "preferred": [{"skill": s, "category": "tool", "sentence": ""} for s in preferred],
            },
        }
        posted = now - timedelta(days=age)
        yield JobPosting(
            source=source,
            external_id=f"bench-insights-{i}",
            title=title,
            company=f"Company {rnd.randint(1, 3_000)}",
            location=rnd.choice(PLACES),
            description_text=f"{title}: {', '.join(picked)}.",
            skills=picked,
            analysis=analysis,
            match_features=features_of(analysis),
            posted_at=posted,
            first_seen_at=posted,
            last_seen_at=now - timedelta(hours=rnd.random() * 24),
            closed_at=None if rnd.random() < 0.85 or age < 7 else posted + timedelta(days=age / 2),
            **fields,
        )


def _user(tag: str, *, with_resume: bool):
    from django.core.files.base import ContentFile

    from accounts.models import Profile, User
    from bench.matching import SECTIONS
    from jobs.matching.profile import resume_skill_evidence
    from jobs.models import MatchProfile
    from resumes.models import Resume

    user = User.objects.create_user(email=f"bench-insights-{tag}-{os.getpid()}-{time.time_ns()}@example.com")
    Profile.objects.create(
        user=user,
        location="Berlin, Germany",
        target_roles=["Backend Engineer", "Platform Engineer"] if with_resume else [],
        preferences={"remote": "hybrid", "min_salary": 80_000, "salary_currency": "USD"},
    )
    resume = None
    if with_resume:
        resume = Resume(
            user=user,
            title="Bench resume",
            original_filename="cv.txt",
            file_ext="txt",
            parse_status=Resume.Status.COMPLETED,
            parsed_text="Bench",
            parsed_sections=SECTIONS,
        )
        resume.file.save("original", ContentFile(b"Bench"), save=False)
        resume.save()
    MatchProfile.objects.create(user=user, resume=resume, skills=resume_skill_evidence(SECTIONS) if with_resume else [])
    return user


def run() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from bench.common import percentile, row, summary
    from jobs.ingest import insert_rows
    from jobs.insights import analytics
    from jobs.matching.rescore import rescore_user
    from jobs.models import JobPosting, JobSource, Match, MatchProfile

    if connection.vendor != "postgresql":
        print("insights: PostgreSQL only (set DATABASE_URL); skipped")
        return {}

    def drop_cached(user) -> None:
        from accounts.models import Profile

        profile = MatchProfile.objects.get(user=user)
        cache.delete(analytics.cache_key(user, profile, Profile.objects.get(user=user)))

    def uncached(client, user, label: str) -> list[float]:
        timings = []
        for _ in range(UNCACHED_RUNS):
            drop_cached(user)
            begun = time.perf_counter()
            response = client.get(reverse("jobs:insights"))
            timings.append((time.perf_counter() - begun) * 1000)
            assert response.status_code == 200
        print(f"insights page, uncached, {label}: {', '.join(f'{t:.0f} ms' for t in timings)}")
        return timings

    source = JobSource.objects.create(name=f"bench-insights-{os.getpid()}-{time.time_ns()}", kind="feed", config={})
    users = []
    result: dict = {}
    try:
        now = timezone.now()
        started = time.perf_counter()
        batch = []
        for posting in _postings(source, now):
            batch.append(posting)
            if len(batch) == BATCH:
                insert_rows(batch)
                batch = []
        if batch:
            insert_rows(batch)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE jobs_jobposting")
        print(f"inserted {TOTAL:,} postings in {time.perf_counter() - started:.1f} s")

        reader = _user("roles", with_resume=True)
        users.append(reader)
        kept = rescore_user(user_id=reader.pk)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE jobs_match")
        print(f"scored {kept:,} matches for the reader")
        client = Client()
        client.force_login(reader)
        client.get(reverse("jobs:index"))  # warm the connection and the session
        data = analytics.insights_for(reader)
        print(
            f"reader: {data['totals']['d90']:,} postings in their roles over 90 days; rising "
            f"{[r['skill'] for r in data['rising']]}, falling {[r['skill'] for r in data['falling']]}, learn "
            f"{[(u['skill'], u['gain'], u['postings']) for u in data['learn']]}, salaries in "
            f"{data['salaries']['currency']} from {data['salaries']['total']:,} postings"
        )
        timings = uncached(client, reader, "target roles")
        result["insights.page_uncached_ms"] = row(max(timings), "ms", UNCACHED_TARGET)

        cached = []
        for i in range(CACHED_REQUESTS):
            begun = time.perf_counter()
            response = client.get(reverse("jobs:insights"), {"days": str(analytics.WINDOWS[i % 3])})
            cached.append((time.perf_counter() - begun) * 1000)
            assert response.status_code == 200
        print(f"insights page, cached: {summary(cached)}")
        result["insights.page_cached_p95_ms"] = row(percentile(cached, 0.95), "ms", CACHED_TARGET)

        everyone = _user("all", with_resume=False)
        users.append(everyone)
        other = Client()
        other.force_login(everyone)
        other.get(reverse("jobs:index"))
        timings = uncached(other, everyone, "all postings (no roles, no resume)")
        result["insights.page_all_postings_uncached_ms"] = row(max(timings), "ms", UNCACHED_TARGET)
    finally:
        started = time.perf_counter()
        for user in users:
            Match.objects.filter(user=user)._raw_delete(Match.objects.db)
            user.delete()
        JobPosting.objects.filter(source=source)._raw_delete(JobPosting.objects.db)
        source.delete()
        print(f"deleted in {time.perf_counter() - started:.1f} s")
    return result


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # as bench/__main__.py does: the test client's host, e-mail kept in memory
    print(run())
