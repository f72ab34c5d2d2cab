"""A user's skills for matching: those of the chosen resume, each with where it was found, and the hand edits.

The skill set is exactly optimize.scoring.resume_skills(sections) (so matching and the optimize score agree on
what a resume shows); the evidence says where each one is: "experience: Acme — Built the billing API in Go…".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from jobs.skills import extract_skills, normalize_skill
from optimize.scoring import resume_skills

EVIDENCE_PER_SKILL = 3
EVIDENCE_CHARS = 90
DASH = "\u2014"


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _entries(sections: Mapping, key: str) -> list[Mapping]:
    return [e for e in sections.get(key) or [] if isinstance(e, Mapping)]


def _strings(values: Any) -> list[str]:
    return [t for t in (_text(v) for v in values) if t] if isinstance(values, list) else []


def _where(section: str, *names: Any) -> str:
    label = f" {DASH} ".join(t for t in (_text(n) for n in names) if t)
    return f"{section}: {label}" if label else section


def _labelled_lines(sections: Mapping) -> Iterator[tuple[str, str]]:
    """(where, line) for every line of the resume that the score reads (optimize.scoring._resume_lines)."""
    summary = _text((sections.get("summary") or {}).get("text"))
    if summary:
        yield "summary", summary
    for entry in _entries(sections, "experience"):
        where = _where("experience", entry.get("company"), entry.get("title"))
        for line in [*_strings([entry.get("title"), entry.get("company")]), *_strings(entry.get("bullets"))]:
            yield where, line
    for entry in _entries(sections, "projects"):
        where = _where("project", entry.get("name"))
        for line in [*_strings([entry.get("name"), entry.get("description")]), *_strings(entry.get("bullets"))]:
            yield where, line
    for group in _entries(sections, "skills"):
        for item in _strings(group.get("items")):
            yield _where("skills", group.get("group")), item
    for entry in _entries(sections, "education"):
        where = _where("education", entry.get("school"))
        for line in [*_strings([entry.get("degree"), entry.get("field"), entry.get("school")])]:
            yield where, line
        for line in _strings(entry.get("details")):
            yield where, line
    for entry in _entries(sections, "certifications"):
        yield "certification", " ".join(_strings([entry.get("name"), entry.get("issuer")]))
    for entry in _entries(sections, "awards"):
        for line in _strings([entry.get("title"), entry.get("description")]):
            yield "award", line
    for entry in _entries(sections, "other"):
        for line in _strings(entry.get("lines")):
            yield _where("other", entry.get("heading")), line
    for entry in _entries(sections, "languages"):
        for line in _strings([entry.get("language")]):
            yield "languages", line


def _snippet(line: str) -> str:
    return line if len(line) <= EVIDENCE_CHARS else line[: EVIDENCE_CHARS - 1].rstrip() + "\u2026"


def resume_skill_evidence(sections: Mapping) -> list[dict]:
    """[{"skill", "evidence": [where: line, ...]}] for every skill of the resume, in the order first found."""
    found = resume_skills(sections or {})
    evidence: dict[str, list[str]] = {}
    for where, line in _labelled_lines(sections or {}):
        names = [m.canonical for m in extract_skills(line)]
        if where.startswith("skills") or where == "languages":  # an item read alone, as resume_skills reads it
            canonical = normalize_skill(line)
            if canonical:
                names.insert(0, canonical)
        for name in dict.fromkeys(names):
            if name not in found:
                continue
            notes = evidence.setdefault(name, [])
            note = (
                where
                if where.startswith(("skills", "certification", "languages"))
                else f"{where} {DASH} {_snippet(line)}"
            )
            if len(notes) < EVIDENCE_PER_SKILL and note not in notes:
                notes.append(note)
    for name in sorted(found - evidence.keys()):  # cannot happen unless the two readers drift apart
        evidence[name] = ["resume"]
    return [{"skill": name, "evidence": notes} for name, notes in evidence.items()]


def canonical_skill(name: str) -> str:
    """A skill as typed by hand, in the taxonomy's spelling when it knows it."""
    text = " ".join((name or "").split())[:80]
    return normalize_skill(text) or text


def parse_skill_list(text: str) -> list[str]:
    return list(dict.fromkeys(s for s in (canonical_skill(p) for p in (text or "").split(",")) if s))


def effective_skills(computed: Iterable[Mapping], added: Sequence[str], removed: Sequence[str]) -> set[str]:
    """The skills matched on: the resume's, plus those added by hand, less those removed by hand."""
    skills = {item["skill"] for item in computed if isinstance(item, Mapping) and item.get("skill")}
    skills.update(s for s in added if isinstance(s, str))
    return skills - {s for s in removed if isinstance(s, str)}
