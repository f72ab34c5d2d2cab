"""Print the analysis of a job description (file or stdin) as JSON: the same analysis the app stores."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobs.analysis import analyze_job
from jobs.text import html_to_text
from resumes.services import ParseFailure, extension_of, parse_file

FILE_TYPES = ("pdf", "docx", "txt")
HTML_TYPES = ("html", "htm")


class Command(BaseCommand):
    help = "Analyse a job description (PDF, DOCX, TXT or HTML file, or - for stdin) and print the result as JSON."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file, or - to read the text (or HTML) from stdin")
        parser.add_argument("--title", default=None, help="the job title, when known (wins over the text)")
        parser.add_argument("--company", default=None, help="the company, when known (wins over the text)")

    def handle(self, *args, path: str, title: str | None, company: str | None, **options):
        text = sys.stdin.read() if path == "-" else self._read(Path(path))
        result = analyze_job(text, title=title, company=company).to_dict()
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _read(self, file: Path) -> str:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        ext = extension_of(file.name)
        if ext in HTML_TYPES:
            return html_to_text(file.read_text(encoding="utf-8", errors="replace"))
        if ext not in FILE_TYPES:
            raise CommandError(f"{file}: expected a .pdf, .docx, .txt, .html or .htm file")
        try:
            return parse_file(file.read_bytes(), ext).text
        except ParseFailure as failure:
            raise CommandError(f"{failure.code}: {failure.message}") from None
