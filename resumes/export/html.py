"""Standalone, ATS-friendly HTML for a resume: one column, real text, inline CSS, print rules per paper size.

The markup is shared by every design (`resumes/templates/resumes/export/base.html`); the designs differ only in
their CSS. It is laid out so that `resumes.parsing` reads the printed PDF back: the name is the largest text,
section headings use the standard words in capitals, each entry opens with its title and date range on one line
(far enough to the right to be a separate span), a second line holds the organisation and location the same way
(so a long title or organisation never wraps into the other's line), and bullets are list items whose "•" is
real text.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.template.loader import render_to_string

from . import SEP, resume_view

__all__ = ["PAPERS", "TEMPLATES", "render_html"]

TEMPLATES = {"classic": "Classic", "modern": "Modern", "compact": "Compact"}
PAPERS = ("a4", "letter")
_PAGE_SIZE = {"a4": "A4", "letter": "Letter"}
_SCREEN_WIDTH = {"a4": "210mm", "letter": "8.5in"}


def render_html(sections: Mapping, *, template: str = "classic", paper: str = "a4") -> str:
    """A complete HTML document for `sections` (schema v1). Raises ValueError for an unknown template/paper."""
    if template not in TEMPLATES:
        raise ValueError(f"Unknown template {template!r}; choose one of {', '.join(TEMPLATES)}.")
    if paper not in PAPERS:
        raise ValueError(f"Unknown paper size {paper!r}; choose one of {', '.join(PAPERS)}.")
    resume = resume_view(sections)
    context = {
        "resume": resume,
        "template": template,
        "page_size": _PAGE_SIZE[paper],
        "screen_width": _SCREEN_WIDTH[paper],
        "title": f"{resume['name']} — Resume" if resume["name"] else "Resume",
        "lang": "en",
        "sep": SEP,
    }
    return render_to_string(f"resumes/export/{template}.html", context)
