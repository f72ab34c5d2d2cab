from datetime import timedelta

from django.core.management.base import BaseCommand

from resumes.services import resume_purge_deleted


class Command(BaseCommand):
    help = "Remove the files and rows of soft-deleted resumes."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, default=0)

    def handle(self, *args, older_than_days: int, **options):
        count = resume_purge_deleted(older_than=timedelta(days=older_than_days))
        self.stdout.write(self.style.SUCCESS(f"Purged {count} deleted resume(s)."))
