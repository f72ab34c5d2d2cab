"""Write this week's tracker snapshot (AnalyticsSnapshot) for every user with applications, or for one."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from tracker.analytics import snapshot_all


class Command(BaseCommand):
    help = (
        "Snapshot each user's tracker figures for the current week (Monday start). With --weeks N, also fill in "
        "the N-1 weeks before it where no snapshot exists yet (past weeks are never rewritten)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=1, help="how many weeks, this one included (default 1)")
        parser.add_argument("--user", default=None, help="only this user (their e-mail address)")

    def handle(self, *args, weeks: int, user: str | None, **options):
        if weeks < 1 or weeks > 520:
            raise CommandError("--weeks must be from 1 to 520.")
        users = None
        if user:
            users = User.objects.filter(email__iexact=user.strip())
            if not users.exists():
                raise CommandError(f"No user with the e-mail address {user!r}.")
        written = snapshot_all(weeks=weeks, users=users)
        self.stdout.write(f"Wrote {written} snapshot row{'s' if written != 1 else ''}.")
