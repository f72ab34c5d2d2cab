from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tracker.digest import send_all_digests


class Command(BaseCommand):
    help = "Send the daily digest of due reminders, upcoming interviews and applications with no reply."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", dest="day", help="The day to send for (YYYY-MM-DD); today by default.")
        parser.add_argument("--dry-run", action="store_true", help="Count the digests without sending them.")

    def handle(self, *args, day: str | None = None, dry_run: bool = False, **options) -> None:
        day = self._parse(day) if day else timezone.localdate()
        count = send_all_digests(day, dry_run=dry_run)
        verb = "would be sent" if dry_run else "queued"
        self.stdout.write(f"{count} digest{'s' if count != 1 else ''} {verb} for {day.isoformat()}.")

    @staticmethod
    def _parse(value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--date {value!r} is not a date like 2025-03-14.") from None
