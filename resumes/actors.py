import dramatiq
from dramatiq_crontab import cron

from resumes import services


# The parse itself runs in a sandboxed child with its own wall-clock kill (RESUME_PARSE_TIMEOUT_S); the actor's
# time limit is a backstop above it. Retries cover a worker lost mid-message, and claiming makes them harmless.
@dramatiq.actor(queue_name="parse", max_retries=2, min_backoff=1_000, max_backoff=10_000, time_limit=120_000)
def parse_resume(resume_id: str) -> None:
    services.resume_parse(resume_id=resume_id)


# One Chromium is kept warm per worker process (resumes.export.pdf); the render has its own time-out below this.
@dramatiq.actor(queue_name="export", max_retries=2, min_backoff=500, max_backoff=5_000, time_limit=60_000)
def render_export(export_id: str) -> None:
    from accounts import notifications
    from resumes.exports import export_render

    export = export_render(export_id=export_id)
    if export is not None:  # this call rendered it: tell the owner if they left the page
        notifications.resume_export_finished(export)


# Hourly, by the scheduler (`manage.py crontab`, or the thread of `manage.py serve`).
@cron("23 * * * *")
@dramatiq.actor(queue_name="export", max_retries=0, time_limit=300_000)
def expire_exports() -> None:
    from resumes.exports import expire_exports as expire

    expire()
