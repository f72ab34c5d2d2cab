"""Scrape the enabled job sources now (or one, by name) and print a table of the runs."""

from django.core.management.base import BaseCommand, CommandError

from jobs.ingest import scrape_all
from jobs.models import JobSource

COLUMNS = ("source", "status", "found", "new", "updated", "closed", "failed", "duration", "error")


class Command(BaseCommand):
    help = "Fetch every enabled job source (or --source NAME) and store its postings; prints one line per run."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", dest="sources", metavar="NAME", help="only this source")

    def handle(self, *args, sources: list[str] | None = None, **options):
        if sources:
            known = set(JobSource.objects.filter(name__in=sources, enabled=True).values_list("name", flat=True))
            missing = [name for name in sources if name not in known]
            if missing:
                raise CommandError(f"no enabled job source named {', '.join(map(repr, missing))}")
        runs = scrape_all(only=sources)
        if not runs:
            self.stdout.write("No enabled job sources.")
            return
        rows = [
            (
                run.source.name,
                run.status,
                str(run.found),
                str(run.new),
                str(run.updated),
                str(run.closed),
                str(run.failed),
                f"{(run.duration_ms or 0) / 1000:.1f}s",
                (run.error.splitlines() or [""])[0][:120],
            )
            for run in runs
        ]
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(COLUMNS)]
        for line in (COLUMNS, *rows):
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
