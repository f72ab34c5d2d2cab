"""Plain text for pasting into application forms: no wrapping, no tabs, no trailing spaces, deterministic.

Layout (which `resumes.parsing` reads back from a .txt file):

    Dana Whitfield
    dana@example.com | +1 (415) 555-0134 | Austin, TX | https://linkedin.com/in/dana

    EXPERIENCE
    ==========
    Senior Software Engineer — Acme Inc. | Austin, TX | Jan 2020 – Present
    - Led the migration ...

    Software Engineer — Globex | Denver, CO | Jun 2016 – Dec 2019
    - ...
"""

# ruff: noqa: RUF002 (the example shows the en dash of date ranges)

from __future__ import annotations

from collections.abc import Mapping

from . import SEP, resume_view

__all__ = ["render_text"]

FIELD_SEP = " | "


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _head(entry: dict, org_sep: str = SEP, extra: list[str | None] | None = None) -> str:
    head = entry["title"] or ""
    if entry.get("org"):
        head = f"{head}{org_sep}{entry['org']}" if head else entry["org"]
    parts = [head, *(extra or []), entry.get("dates")]
    return FIELD_SEP.join(p for p in parts if p)


def _section_lines(section: dict) -> list[list[str]]:
    """The blocks (entries) of one section; blocks are separated by a blank line."""
    kind = section["kind"]
    if kind == "summary":
        return [[section["text"]]]
    if kind == "dated":
        blocks = []
        for e in section["entries"]:
            lines = [_head(e, extra=[e["sub"]])]
            if e["desc"]:
                lines.append(e["desc"])
            lines.extend(f"- {b}" for b in e["bullets"])
            blocks.append(lines)
        return blocks
    if kind == "skills":
        return [[f"{g['group']}: {g['items']}" if g["group"] else g["items"] for g in section["entries"]]]
    if kind == "items":
        blocks = []
        for e in section["entries"]:
            lines = [_head(e, org_sep=", ")]
            if e.get("desc"):
                lines.append(e["desc"])
            blocks.append(lines)
        # one line per certification/award reads best; a description needs the blank line to stay attached
        if not any(len(b) > 1 for b in blocks):
            return [[b[0] for b in blocks]]
        return blocks
    if kind == "languages":
        return [
            [
                f"{lang['language']} ({lang['proficiency']})" if lang["proficiency"] else lang["language"]
                for lang in section["entries"]
            ]
        ]
    return [list(section["lines"])]


def render_text(sections: Mapping) -> str:
    """Plain-text resume: name, contact line, then each non-empty section under its heading in capitals."""
    view = resume_view(sections)
    out: list[str] = []
    if view["name"]:
        out.append(view["name"])
    if view["contact"]:
        out.append(FIELD_SEP.join(c["text"] for c in view["contact"]))
    for section in view["sections"]:
        if out:
            out.append("")
        heading = _clean(section["heading"].upper())
        # underlined, so that a heading the parser does not know by name ("WELCOME TO RENDERCV") still reads as one
        out.extend([heading, "=" * len(heading)])
        for i, block in enumerate(_section_lines(section)):
            if i:
                out.append("")
            out.extend(block)
    text = "\n".join(_clean(line) for line in out)
    return text + "\n" if text else ""
