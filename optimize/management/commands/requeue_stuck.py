from datetime import timedelta

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue again the optimizations, resume parses, cover letters and Stripe events a dead worker left behind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=None, help="Seconds since a run started (default: the settings)."
        )

    def handle(self, *args, older_than=None, **options):
        from billing.payments import events_requeue_unprocessed
        from jobs.generate.services import letter_requeue_stuck
        from optimize.services import requeue_stuck
        from resumes.services import resume_requeue_stuck

        after = timedelta(seconds=older_than) if older_than is not None else None
        runs = requeue_stuck(stuck_after=after)
        parses = resume_requeue_stuck(stuck_after=after)
        letters = letter_requeue_stuck(stuck_after=after)
        events = events_requeue_unprocessed(**({"older_than": after} if after is not None else {}))
        self.stdout.write(
            f"queued {runs} optimization(s), {parses} resume parse(s), {letters} cover letter(s) "
            f"and {events} Stripe event(s)"
        )
