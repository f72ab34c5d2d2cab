"""Job search: 200 common two-word queries over 100,000 open postings, the first page (20) as the postings page
reads it (``search_postings`` with the list's fields).

PostgreSQL only (the embedded SQLite mode has small data and no full-text index). The synthetic postings are
bulk-inserted under one throw-away source and deleted afterwards.

Run: ``DEBUG=true .venv/bin/python -m bench.jobs_search`` with DATABASE_URL set.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOTAL = 100_000
BATCH = 5_000
QUERIES = 200
TARGET = "<= 25"

LEVELS = ["Junior", "Senior", "Staff", "Lead", "Principal", ""]
ROLES = ["Backend", "Frontend", "Data", "Platform", "Mobile", "Security", "Machine Learning", "Full Stack", "QA"]
KINDS = ["Engineer", "Developer", "Analyst", "Scientist", "Manager", "Architect", "Designer"]
SKILLS = ["Python", "Django", "PostgreSQL", "React", "TypeScript", "Go", "Rust", "Kubernetes", "AWS", "Terraform"]
PLACES = ["Berlin", "London", "Lisbon", "Remote", "New York", "Paris", "Amsterdam", "Toronto"]
COMPANY_A = ["Harbour", "North", "Copper", "Blue", "Lark", "Tide", "Oak", "Meadow", "Silver", "Granite"]
COMPANY_B = ["line", "wind", "leaf", "fin", "spur", "water", "ridge", "bank", "works", "labs"]
WORDS = [
    "python developer",
    "data engineer",
    "senior backend",
    "frontend react",
    "machine learning",
    "remote python",
    "kubernetes aws",
    "staff engineer",
    "data analyst",
    "go developer",
    "security engineer",
    "platform engineer",
    "typescript react",
    "django postgresql",
    "lead developer",
    "mobile developer",
    "rust engineer",
    "terraform aws",
    "full stack",
    "qa engineer",
]


def _postings(source, now):
    from jobs.models import JobPosting

    rnd = random.Random(7)
    for i in range(TOTAL):
        title = " ".join(w for w in (rnd.choice(LEVELS), rnd.choice(ROLES), rnd.choice(KINDS)) if w)
        company = rnd.choice(COMPANY_A) + rnd.choice(COMPANY_B)
        skills = rnd.sample(SKILLS, 3)
        description = (
            f"{company} is hiring a {title}. You will build and run services with {skills[0]}, {skills[1]} and "
            f"{skills[2]}, review code, and work with product and design. We offer a learning budget, "
            f"flexible hours and {rnd.randint(20, 30)} days of holiday. Location: {rnd.choice(PLACES)}."
        )
        yield JobPosting(
            source=source,
            external_id=f"bench-{i}",
            title=title,
            company=company,
            location=rnd.choice(PLACES),
            description_text=description,
            skills=skills,
            posted_at=now - timedelta(minutes=i),
            first_seen_at=now,
            last_seen_at=now,
        )


def run() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.db import connection
    from django.utils import timezone

    from bench.common import percentile, row, summary
    from jobs.models import JobPosting, JobSource
    from jobs.search import search_postings
    from jobs.views import POSTING_LIST_FIELDS

    def first_page(words: str) -> list:
        # Exactly what the postings page asks for: the list fields of the first 20.
        return list(search_postings(query=words).select_related("source").only(*POSTING_LIST_FIELDS)[:20])

    if connection.vendor != "postgresql":
        print("jobs.search: PostgreSQL only (set DATABASE_URL); skipped")
        return {}
    source = JobSource.objects.create(name=f"bench-search-{os.getpid()}-{time.time_ns()}", kind="feed", config={})
    try:
        started = time.perf_counter()
        batch = []
        for posting in _postings(source, timezone.now()):
            batch.append(posting)
            if len(batch) == BATCH:
                JobPosting.objects.bulk_create(batch)
                batch = []
        if batch:
            JobPosting.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE jobs_jobposting")  # the steady state autovacuum keeps
        print(f"inserted {TOTAL:,} postings in {time.perf_counter() - started:.1f} s")

        for words in WORDS:  # warm the caches once
            first_page(words)
        timings = []
        for i in range(QUERIES):
            words = WORDS[i % len(WORDS)]
            begun = time.perf_counter()
            page = first_page(words)
            timings.append((time.perf_counter() - begun) * 1000)
            assert page, words
        print(f"jobs.search {QUERIES} queries, first page: {summary(timings)}")
    finally:
        started = time.perf_counter()
        JobPosting.objects.filter(source=source)._raw_delete(JobPosting.objects.db)
        source.delete()
        print(f"deleted in {time.perf_counter() - started:.1f} s")
    return {"jobs.search_100k_p95_ms": row(percentile(timings, 0.95), "ms", TARGET)}


if __name__ == "__main__":
    print(run())
