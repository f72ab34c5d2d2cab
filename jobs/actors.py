"""Background jobs of the jobs app. Actors take ids, re-fetch, and call a service."""

import dramatiq

from jobs import ingest
from jobs.models import JobSource


# The fetch stops at the source deadline (at most ingest.MAX_DEADLINE_S = 120 s); the limit leaves room to store.
@dramatiq.actor(queue_name="default", max_retries=1, min_backoff=30_000, time_limit=150_000)
def scrape_source_actor(source_id: str) -> None:
    source = JobSource.objects.filter(pk=source_id).first()
    if source is None:
        return  # deleted since it was queued
    ingest.scrape_source(source=source)
