"""A letter as a file: plain text, DOCX (python-docx) and PDF (the export layer's warm Chromium).

The layout is a plain business letter: the sender block from the resume's contact details, the date, then the
letter as the user edited it (greeting, paragraphs, sign-off), one paragraph per block of text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date

from django.template.loader import render_to_string
from django.utils.text import slugify

from jobs.models import CoverLetter

FORMATS = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def filename(letter: CoverLetter, fmt: str) -> str:
    stem = slugify(f"cover letter {letter.job_company} {letter.job_title}")[:80] or "cover-letter"
    return f"{stem}.{fmt}"


def sender(letter: CoverLetter) -> list[str]:
    """Name, then e-mail, phone and location, as the resume gives them."""
    contact = (letter.resume_sections or {}).get("contact")
    if not isinstance(contact, Mapping):
        return []
    lines = [contact.get(k) for k in ("name", "email", "phone", "location")]
    return [" ".join(str(v).split()) for v in lines if isinstance(v, str) and v.strip()]


def blocks(text: str) -> list[list[str]]:
    """The letter's paragraphs (split on blank lines), each a list of its lines."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if lines:
            out.append(lines)
    return out


def letter_date(today: date | None = None) -> str:
    today = today or date.today()
    return f"{today.day} {today:%B %Y}"


def render_txt(letter: CoverLetter) -> bytes:
    return (letter.text.strip() + "\n").encode("utf-8")


def render_docx(letter: CoverLetter, today: date | None = None) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, line in enumerate(sender(letter)):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(line).bold = i == 0
    document.add_paragraph()
    document.add_paragraph(letter_date(today))
    for lines in blocks(letter.text):
        paragraph = document.add_paragraph()
        for j, line in enumerate(lines):
            run = paragraph.add_run(line)
            if j < len(lines) - 1:
                run.add_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_html(letter: CoverLetter, today: date | None = None) -> str:
    return render_to_string(
        "jobs/generate/letter_print.html",
        {"letter": letter, "sender": sender(letter), "date": letter_date(today), "blocks": blocks(letter.text)},
    )


def render_pdf(letter: CoverLetter, today: date | None = None) -> bytes:
    from django.conf import settings

    from resumes.export.pdf import render_pdf as html_to_pdf

    return html_to_pdf(render_html(letter, today), timeout_s=settings.RESUME_EXPORT_RENDER_TIMEOUT_S)


def render(letter: CoverLetter, fmt: str) -> bytes:
    if fmt == "txt":
        return render_txt(letter)
    if fmt == "docx":
        return render_docx(letter)
    if fmt == "pdf":
        return render_pdf(letter)
    raise ValueError(f"unknown format {fmt!r}")
