"""Print the parsed JSON of any file, through the same guard and sandbox as uploads."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resumes.services import ParseFailure, extension_of, parse_file


class Command(BaseCommand):
    help = "Parse a resume file (PDF, DOCX, TXT) and print the parsed sections as JSON."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--text", action="store_true", help="also print the extracted text")

    def handle(self, *args, path: str, text: bool, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = parse_file(file.read_bytes(), extension_of(file.name))
        except ParseFailure as failure:
            self.stderr.write(f"{failure.code}: {failure.message}")
            sys.exit(2)
        payload = {"pages": result.pages, "warnings": result.warnings, "sections": result.sections}
        if text:
            payload["text"] = result.text
        self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
