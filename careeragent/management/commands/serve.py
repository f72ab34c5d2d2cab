import atexit

from django.core.management import call_command
from django.core.management.base import BaseCommand

from careeragent import worker


class Command(BaseCommand):
    help = (
        "Serve the app for the embedded default: the web server plus an in-process Dramatiq worker. "
        "With REDIS_URL set, the worker is skipped (run `manage.py rundramatiq` instead) unless --worker is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--worker", action="store_true", help="start the in-process worker even with Redis")
        parser.add_argument("--no-worker", action="store_true", help="never start the in-process worker")
        parser.add_argument("--no-scheduler", action="store_true", help="don't run periodic jobs in this process")

    def handle(self, *args, addrport, **options):
        wanted = options["worker"] or worker.is_embedded_broker()
        if wanted and not options["no_worker"]:
            worker.start_worker()
            atexit.register(worker.stop_worker)
            self.stdout.write(self.style.SUCCESS("In-process worker started."))
            if not options["no_scheduler"]:
                worker.start_scheduler()
                self.stdout.write(self.style.SUCCESS("In-process scheduler started (periodic jobs)."))
        # The autoreloader would fork a second server process with its own in-memory broker and no worker.
        call_command("runserver", addrport, use_reloader=False)
