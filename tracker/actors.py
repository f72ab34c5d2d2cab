"""Background jobs of the tracker: the daily digest and the nightly analytics snapshot.

The scheduler runs as `manage.py crontab` in production and as a thread of `manage.py serve` in the embedded
mode; nothing schedules during tests.
"""

import dramatiq
from dramatiq_crontab import cron


# Hourly: the users for whom it is now 7 in the morning, in their own time zone, get their digest. Each user's
# digest is claimed before it is sent, so a redelivery sends nothing twice.
@cron("0 * * * *")
@dramatiq.actor(queue_name="email", max_retries=0, time_limit=600_000)
def send_reminder_digests() -> None:
    from tracker.digest import send_morning_digests

    send_morning_digests()


# Nightly: the week's figures per user, for the dashboard's trends (tracker.analytics is the dashboard's module).
@cron("40 2 * * *")
@dramatiq.actor(queue_name="default", max_retries=0, time_limit=600_000)
def snapshot_analytics() -> None:
    from tracker.analytics import snapshot_all

    snapshot_all()
