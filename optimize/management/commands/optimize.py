"""Score a resume against a job description and print the suggestions, as the app would, touching no data."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobs.analysis import analyze_job
from jobs.management.commands.analyze_job import Command as AnalyzeJob
from optimize.ai.types import STRATEGIES, Job
from resumes.services import ParseFailure, extension_of, parse_file


class Command(BaseCommand):
    help = (
        "Run the analysis, score and suggestions (truthfulness guard included) for a resume file and a job "
        "description file (or - for stdin), without touching any user's data."
    )

    def add_arguments(self, parser):
        parser.add_argument("resume", help="a resume: .pdf, .docx or .txt")
        parser.add_argument("job", help="a job description: .pdf, .docx, .txt, .html, or - for stdin")
        parser.add_argument("--strategy", choices=STRATEGIES, default="conservative")
        parser.add_argument("--json", dest="as_json", action="store_true", help="print one JSON object")

    def handle(self, *args, resume: str, job: str, strategy: str, as_json: bool = False, **options):
        from optimize.ai import chain

        sections = self._resume(Path(resume))
        text = sys.stdin.read() if job == "-" else AnalyzeJob()._read(Path(job))
        job_input = Job(text=text, analysis=analyze_job(text).to_dict())
        calls = []
        analysis = chain.run_analyze(sections, job_input, record=calls.append)
        result = chain.run_suggest(sections, job_input, analysis, strategy, record=calls.append)
        if as_json:
            self.stdout.write(self._json(analysis, result, calls))
            return
        self._print(analysis, result)

    def _resume(self, file: Path) -> dict:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        ext = extension_of(file.name)
        if ext not in ("pdf", "docx", "txt"):
            raise CommandError(f"{file}: expected a .pdf, .docx or .txt resume")
        try:
            return parse_file(file.read_bytes(), ext).sections
        except ParseFailure as failure:
            raise CommandError(f"{failure.code}: {failure.message}") from None

    def _json(self, analysis, result, calls) -> str:
        return json.dumps(
            {
                "analysis": analysis.to_dict(),
                "provider": result.provider,
                "model": result.model,
                "guard_dropped": result.dropped,
                "suggestions": [s.to_dict() for s in result.suggestions],
                "calls": [{"provider": c.provider, "operation": c.operation, "outcome": c.outcome} for c in calls],
            },
            indent=2,
            ensure_ascii=False,
        )

    def _print(self, analysis, result) -> None:
        out = self.stdout.write
        out(f"Score: {analysis.score}/100")
        for c in analysis.components:
            out(f"  {c.label:<22} {c.earned:>5} / {c.weight:<3} {c.detail}")
        gaps = analysis.gaps
        out(f"Missing required:  {', '.join(gaps.missing_required) or '-'}")
        out(f"Missing preferred: {', '.join(gaps.missing_preferred) or '-'}")
        out(f"Not evidenced:     {', '.join(gaps.unevidenced) or '-'}")
        out(f"\n{len(result.suggestions)} suggestion(s) by {result.provider}; {result.dropped} removed by the guard")
        for s in result.suggestions:
            out(f"\n[{s.kind}] {s.path}: {s.reason}")
            if s.before != s.after:
                out(f"  - {s.before}")
                out(f"  + {s.after}")
            else:
                out(f"  {s.before}")
