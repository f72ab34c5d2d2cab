"""Background jobs of the jobs app. Actors take ids, re-fetch, and call a service."""

import dramatiq
from dramatiq_crontab import cron

from careeragent.tasks import enqueue_on_commit
from jobs import ingest
from jobs.matching import rescore
from jobs.models import JobSource, MatchProfile


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
    # Matches read the analysis (required and preferred skills, years, level), so they are scored after it.
    if MatchProfile.objects.exists():
        enqueue_on_commit(match_postings_actor, posting_ids)


# Every 15 minutes, queue the sources whose schedule (hourly, every 6 hours, daily) is due. The scheduler runs as
# `manage.py crontab` in production (one instance, guarded by a Redis lock) and as a thread of `manage.py serve`
# in the embedded mode; nothing schedules during tests.
@cron("*/15 * * * *")
@dramatiq.actor(queue_name="default", max_retries=0, time_limit=60_000)
def scrape_due_sources() -> None:
    ingest.enqueue_due_sources()


# ---------------------------------------------------------------------------------------------------------------
# Matching (jobs.matching)


# All live postings for one user after a change of their match profile, resume or preferences: 100,000 postings
# take a few seconds (bench/matching.py).
@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=5_000, time_limit=300_000)
def rescore_matches(user_id: str, force: bool = False) -> None:
    rescore.rescore_user(user_id=user_id, force=force)


# New or changed postings (a batch of the analysis actor) for every user with a match profile.
@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=5_000, time_limit=300_000)
def match_postings_actor(posting_ids: list[str]) -> None:
    rescore.score_postings(posting_ids=posting_ids)


# Every night, every profile again: the recency part of a stored score ages with the posting.
@cron("40 3 * * *")
@dramatiq.actor(queue_name="default", max_retries=0, time_limit=60_000)
def refresh_matches() -> None:
    for user_id in MatchProfile.objects.values_list("user_id", flat=True).iterator():
        rescore_matches.send(str(user_id), True)


# Hourly, at half past: the new-matches e-mail of each user who wants it (daily, or weekly on Mondays), at 7:30 in
# the morning of their own time zone. Each user's e-mail is claimed before it is sent, so a redelivery sends
# nothing twice.
@cron("30 * * * *")
@dramatiq.actor(queue_name="email", max_retries=0, time_limit=600_000)
def send_match_digests() -> None:
    from jobs.insights.digest import DIGEST_HOUR, send_all_match_digests

    send_all_match_digests(at_hour=DIGEST_HOUR)


# ---------------------------------------------------------------------------------------------------------------
# Cover letters (jobs.generate)


# The offline engine writes in well under a second; the Anthropic one takes up to two calls of
# ANTHROPIC_TIMEOUT_SECONDS (default 60 s) each, with the SDK's retries: the limit leaves room for both.
@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=5_000, time_limit=300_000)
def generate_cover_letter(letter_id: str) -> None:
    from jobs.generate import services

    services.letter_run(letter_id=letter_id)
