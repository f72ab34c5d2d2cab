"""Background jobs of the accounts app. Actors take ids or plain JSON, re-fetch, and call a service."""

import dramatiq

from accounts import services


@dramatiq.actor(queue_name="email", max_retries=8, min_backoff=5_000, max_backoff=600_000, time_limit=60_000)
def send_email(payload: dict) -> None:
    services.email_from_payload(payload).send()


@dramatiq.actor(queue_name="default", max_retries=3, min_backoff=2_000, time_limit=120_000)
def build_data_export(export_id: str) -> None:
    services.data_export_build(export_id=export_id)
