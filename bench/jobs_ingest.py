"""Job-board ingestion: store 10,000 postings of one source with ``jobs.ingest.upsert`` (no HTTP).

Half the postings exist beforehand (their descriptions change, so they are updated and re-analysed), half are new.
The timed step is the same ``upsert`` that ``scrape_source`` runs, in one transaction, including skill extraction
and ``analyze_job`` for every new or changed posting. Its rows are deleted afterwards.

Run: ``DEBUG=true .venv/bin/python -m bench.jobs_ingest`` (PostgreSQL with DATABASE_URL set).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOTAL = 10_000
TARGET = "<= 5"

_SKILLS = ["Python", "Django", "PostgreSQL", "Redis", "AWS", "Kubernetes", "React", "TypeScript", "Go", "Terraform"]


def _postings(n: int, *, version: int):
    from jobs.sources import NormalizedPosting

    base = datetime(2025, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        a, b, c = _SKILLS[i % 10], _SKILLS[(i + 3) % 10], _SKILLS[(i + 7) % 10]
        description = (
            f"Company {i % 300} is hiring a backend engineer (role {i}, revision {version}).\n"
            "Responsibilities:\n- Build and run services\n- Review code\n"
            f"Requirements:\n- 4+ years of {a}\n- Experience with {b} and {c}\n"
            "Benefits:\n- Remote work\n- $120,000 - $150,000 per year\n"
        )
        out.append(
            NormalizedPosting(
                source_id=f"bench-{i}",
                title=f"Backend Engineer {i}",
                company=f"Company {i % 300}",
                location="Remote",
                remote=True,
                workplace="remote",
                salary_min=120000,
                salary_max=150000,
                salary_currency="USD",
                salary_period="year",
                tags=["engineering", a.lower()],
                description_text=description,
                apply_url=f"https://bench.example/jobs/{i}?utm_source=bench",
                url=f"https://bench.example/jobs/{i}",
                posted_at=base + timedelta(minutes=i),
                employment_type="full_time",
            )
        )
    return out


def run() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.db import transaction

    from bench.common import row
    from jobs.ingest import upsert
    from jobs.models import JobSource

    source = JobSource.objects.create(name=f"bench-ingest-{os.getpid()}-{time.time_ns()}", kind="feed", config={})
    try:
        half = TOTAL // 2
        with transaction.atomic():
            upsert(source=source, postings=_postings(half, version=1))  # the existing half (not timed)
        batch = _postings(TOTAL, version=2)  # first half changed, second half new
        started = time.perf_counter()
        with transaction.atomic():
            result = upsert(source=source, postings=batch)
        seconds = time.perf_counter() - started
        print(
            f"jobs.ingest upsert of {TOTAL:,}: {seconds:.2f}s "
            f"(found {result.found}, new {result.new}, updated {result.updated}, closed {result.closed})"
        )
    finally:
        source.delete()  # cascades to its postings and runs
    return {"jobs.ingest_10k_s": row(seconds, "s", TARGET)}


if __name__ == "__main__":
    print(run())
