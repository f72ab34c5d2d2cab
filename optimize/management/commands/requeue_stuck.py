from datetime import timedelta

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue again the optimizations (and resume parses) a dead worker left behind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=int, default=None, help="Seconds since a run started (default: the settings)."
        )

    def handle(self, *args, older_than=None, **options):
        from optimize.services import requeue_stuck
        from resumes.services import resume_requeue_stuck

        after = timedelta(seconds=older_than) if older_than is not None else None
        runs = requeue_stuck(stuck_after=after)
        parses = resume_requeue_stuck(stuck_after=after)
        self.stdout.write(f"queued {runs} optimization(s) and {parses} resume parse(s)")
