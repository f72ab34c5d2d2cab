import dramatiq

from resumes import services


# The parse itself runs in a sandboxed child with its own wall-clock kill (RESUME_PARSE_TIMEOUT_S); the actor's
# time limit is a backstop above it. Retries cover a worker lost mid-message, and claiming makes them harmless.
@dramatiq.actor(queue_name="parse", max_retries=2, min_backoff=1_000, max_backoff=10_000, time_limit=120_000)
def parse_resume(resume_id: str) -> None:
    services.resume_parse(resume_id=resume_id)
