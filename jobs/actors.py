"""Background jobs of the jobs app. Actors take ids, re-fetch, and call a service."""

import dramatiq
from dramatiq_crontab import cron

from jobs import ingest
from jobs.models import JobSource


# The fetch stops at the source deadline (at most ingest.MAX_DEADLINE_S = 120 s); the limit leaves room to store.
@dramatiq.actor(queue_name="default", max_retries=1, min_backoff=30_000, time_limit=150_000)
def scrape_source_actor(source_id: str) -> None:
    source = JobSource.objects.filter(pk=source_id).first()
    if source is None:
        return  # deleted since it was queued
    ingest.scrape_source(source=source)


# Analysis runs after the postings are stored (see ingest.derived_fields); a batch of 500 takes about a second.
@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=5_000, time_limit=120_000)
def analyze_postings_actor(posting_ids: list[str]) -> None:
    ingest.analyze_postings(ids=posting_ids)


# Every 15 minutes, queue the sources whose schedule (hourly, every 6 hours, daily) is due. The scheduler runs as
# `manage.py crontab` in production (one instance, guarded by a Redis lock) and as a thread of `manage.py serve`
# in the embedded mode; nothing schedules during tests.
@cron("*/15 * * * *")
@dramatiq.actor(queue_name="default", max_retries=0, time_limit=60_000)
def scrape_due_sources() -> None:
    ingest.enqueue_due_sources()
