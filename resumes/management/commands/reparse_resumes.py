from django.core.management.base import BaseCommand

from resumes import services
from resumes.models import Resume


class Command(BaseCommand):
    help = "Queue resumes to be read again (all live ones, or only those that failed)."

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="only resumes whose last parse failed")
        parser.add_argument("--code", help="only failures with this error code (implies --failed)")

    def handle(self, *args, failed: bool, code: str | None, **options):
        queryset = Resume.objects.alive().exclude(parse_status__in=[Resume.Status.PENDING, Resume.Status.PARSING])
        if failed or code:
            queryset = queryset.filter(parse_status=Resume.Status.FAILED)
        if code:
            queryset = queryset.filter(parse_error_code=code)
        count = 0
        for resume in queryset.iterator():
            services.resume_reparse(resume=resume)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Queued {count} resume(s)."))
