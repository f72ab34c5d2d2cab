"""Background jobs of the billing app. Actors take ids, re-fetch, and call a service."""

import dramatiq

from billing import payments


# Retries cover a lost database connection and events that arrive before the purchase they are about (an early
# refund or dispute); a processed event is skipped, so a redelivered message is harmless.
@dramatiq.actor(queue_name="billing", max_retries=8, min_backoff=2_000, max_backoff=600_000, time_limit=60_000)
def process_stripe_event(event_id: str) -> None:
    payments.event_process(event_id=event_id)
