"""Resume exports: HTML (printed to PDF), plain text and JSON Resume, all from schema-v1 `parsed_sections`.

This module holds what the renderers share: date formatting and the presentation model (`resume_view`) that
turns a sections dict, whose keys may be missing or null, into the lines every format prints.
"""

# ruff: noqa: RUF001, RUF002 (en dashes are the typographic convention for date ranges)

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["DASH", "format_date", "format_range", "resume_view"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = " – "  # between the two ends of a date range
SEP = " — "  # between a title and its organisation
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?$")


def format_date(value: object) -> str | None:
    """'2020-01' -> 'Jan 2020', '2020' -> '2020', 'present' -> 'Present'; anything else is returned as written."""
    text = _text(value)
    if text is None:
        return None
    if text.lower() == "present":
        return "Present"
    m = _ISO.match(text)
    if m and m.group(2) and 1 <= int(m.group(2)) <= 12:
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    if m:
        return m.group(1)
    return text


def format_range(entry: Mapping) -> str | None:
    """'Jan 2020 – Present' from start/end/current; `dates_raw` when neither end is known."""
    start = format_date(entry.get("start"))
    end = format_date(entry.get("end"))
    if end is None and entry.get("current"):
        end = "Present"
    if start and end:
        return start if start == end else f"{start}{DASH}{end}"
    if start or end:
        return start or end
    return _text(entry.get("dates_raw"))


def _text(value: object) -> str | None:
    """A stripped, single-line string, or None for null/empty values."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _lines(values: object) -> list[str]:
    if not isinstance(values, list | tuple):
        return []
    return [t for v in values if (t := _text(v))]


def _records(values: object) -> list[Mapping]:
    if not isinstance(values, list | tuple):
        return []
    return [v for v in values if isinstance(v, Mapping)]


def _join(parts: list[str | None], sep: str) -> str | None:
    kept = [p for p in parts if p]
    return sep.join(kept) if kept else None


def _degree_line(entry: Mapping) -> str | None:
    degree, field = _text(entry.get("degree")), _text(entry.get("field"))
    if degree and field:
        return f"{degree} in {field}"
    return degree or field


def resume_view(sections: Mapping | None) -> dict:
    """What every export prints, in order, with empty values and empty sections dropped.

    Returns {"name", "contact": [{"text", "href"}], "sections": [{"kind", "heading", "entries"}]}. Entries of
    dated sections carry "title" (bold part), "org" (after the dash), "dates", "sub" (second line: location,
    GPA), "desc" (a paragraph) and "bullets"; skills, languages, certifications, awards and other sections use
    the keys their templates name.
    """
    sections = sections if isinstance(sections, Mapping) else {}
    contact = sections.get("contact") if isinstance(sections.get("contact"), Mapping) else {}
    items: list[dict] = []
    for key in ("email", "phone", "location"):
        text = _text(contact.get(key))
        if text:
            href = f"mailto:{text}" if key == "email" else None
            items.append({"text": text, "href": href})
    for link in _records(contact.get("links")):
        url = _text(link.get("url"))
        if url:
            href = url if re.match(r"(?i)https?://", url) else None
            items.append({"text": url, "href": href})

    out: list[dict] = []
    summary = sections.get("summary")
    summary_text = _text(summary.get("text")) if isinstance(summary, Mapping) else _text(summary)
    if summary_text:
        out.append({"kind": "summary", "heading": "Summary", "text": summary_text})

    experience = []
    for e in _records(sections.get("experience")):
        title, company = _text(e.get("title")), _text(e.get("company"))
        entry = {
            "title": title or company,
            "org": company if title else None,
            "dates": format_range(e),
            "sub": _text(e.get("location")),
            "desc": None,
            "bullets": _lines(e.get("bullets")),
        }
        if entry["title"] or entry["dates"] or entry["bullets"]:
            experience.append(entry)
    if experience:
        out.append({"kind": "dated", "heading": "Experience", "entries": experience})

    education = []
    for e in _records(sections.get("education")):
        school, degree = _text(e.get("school")), _degree_line(e)
        gpa = _text(e.get("gpa"))
        entry = {
            "title": school or degree,
            "org": degree if school else None,
            "dates": format_range(e),
            "sub": _join([_text(e.get("location")), f"GPA: {gpa}" if gpa else None], " | "),
            "desc": None,
            "bullets": _lines(e.get("details")),
        }
        if entry["title"] or entry["dates"] or entry["bullets"]:
            education.append(entry)
    if education:
        out.append({"kind": "dated", "heading": "Education", "entries": education})

    skills = []
    for g in _records(sections.get("skills")):
        group_items = _lines(g.get("items"))
        if group_items:
            skills.append({"group": _text(g.get("group")), "items": ", ".join(group_items)})
    if skills:
        out.append({"kind": "skills", "heading": "Skills", "entries": skills})

    projects = []
    for p in _records(sections.get("projects")):
        name, url = _text(p.get("name")), _text(p.get("url"))
        entry = {
            "title": name or url,
            "org": url if name else None,
            "dates": format_range(p),
            "sub": None,
            "desc": _text(p.get("description")),
            "bullets": _lines(p.get("bullets")),
        }
        if entry["title"] or entry["desc"] or entry["bullets"]:
            projects.append(entry)
    if projects:
        out.append({"kind": "dated", "heading": "Projects", "entries": projects})

    certs = []
    for c in _records(sections.get("certifications")):
        name = _text(c.get("name"))
        if name:
            certs.append({"title": name, "org": _text(c.get("issuer")), "dates": format_date(c.get("date"))})
    if certs:
        out.append({"kind": "items", "heading": "Certifications", "entries": certs})

    awards = []
    for a in _records(sections.get("awards")):
        title = _text(a.get("title"))
        if title:
            awards.append(
                {
                    "title": title,
                    "org": _text(a.get("issuer")),
                    "dates": format_date(a.get("date")),
                    "desc": _text(a.get("description")),
                }
            )
    if awards:
        out.append({"kind": "items", "heading": "Awards", "entries": awards})

    languages = []
    for lang in _records(sections.get("languages")):
        name = _text(lang.get("language"))
        if name:
            languages.append({"language": name, "proficiency": _text(lang.get("proficiency"))})
    if languages:
        out.append({"kind": "languages", "heading": "Languages", "entries": languages})

    for other in _records(sections.get("other")):
        heading, lines = _text(other.get("heading")), _lines(other.get("lines"))
        if heading and lines:
            out.append({"kind": "other", "heading": heading, "lines": lines})

    return {"name": _text(contact.get("name")), "contact": items, "sections": out}
