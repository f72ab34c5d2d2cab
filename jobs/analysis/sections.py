# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
"""Split a plain-text job description into labelled sections by heading vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Checked in this order: "preferred qualifications" must be nice-to-have before "qualifications" says
# requirements.
HEADINGS: list[tuple[str, tuple[str, ...]]] = [
    (
        "nice_to_have",
        (
            "nice to have",
            "nice-to-have",
            "nice to haves",
            "preferred qualifications",
            "preferred skills",
            "preferred experience",
            "preferred",
            "bonus",
            "bonus points",
            "pluses",
            "good to have",
            "desirable",
            "desired",
            "it would be great if",
            "extra credit",
            "even better if",
            "ideally",
            "what would make you stand out",
            "what sets you apart",
            "plus",
            "additional qualifications",
        ),
    ),
    (
        "benefits",
        (
            "benefits",
            "perks",
            "what we offer",
            "we offer",
            "why join us",
            "why join",
            "why you'll love",
            "what's in it for you",
            "whats in it for you",
            "our offer",
            "compensation",
            "salary and benefits",
            "what you'll get",
            "what you get",
            "why work with us",
            "why us",
            "rewards",
            "the package",
            "why candidates choose this role",
            "what we provide",
        ),
    ),
    (
        "requirements",
        (
            "requirements",
            "qualifications",
            "what we're looking for",
            "what we are looking for",
            "what you'll need",
            "what you need",
            "what you bring",
            "what you'll bring",
            "who you are",
            "skills",
            "must have",
            "must-have",
            "required",
            "minimum qualifications",
            "basic qualifications",
            "about you",
            "you have",
            "you should have",
            "your profile",
            "profile",
            "what we need",
            "experience",
            "skills and experience",
            "skills & experience",
            "key skills",
            "you are",
            "you might be a good fit",
            "ideal candidate",
            "the ideal candidate",
            "who we're looking for",
            "requirements and qualifications",
            "what you should have",
            "we're looking for",
        ),
    ),
    (
        "responsibilities",
        (
            "responsibilities",
            "key responsibilities",
            "what you'll do",
            "what you will do",
            "the role",
            "your role",
            "duties",
            "in this role",
            "day to day",
            "day-to-day",
            "what you'll be doing",
            "what you will be doing",
            "your impact",
            "your mission",
            "the job",
            "about the role",
            "role overview",
            "job description",
            "the opportunity",
            "what you'll work on",
            "you will",
            "responsibilities include",
            "your responsibilities",
            "the position",
            "about the job",
            "what you'll achieve",
            "the challenge",
            "mission",
        ),
    ),
    (
        "about",
        (
            "about us",
            "about the company",
            "who we are",
            "our company",
            "company overview",
            "the company",
            "our mission",
            "about the team",
            "the team",
            "our team",
            "company description",
            "our story",
            "about",
            "who are we",
        ),
    ),
]
SECTION_NAMES = tuple(name for name, _ in HEADINGS)
_MARKUP = re.compile(r"^[#*_>\s\-–—•|]+|[#*_:\s\-–—|!.?]+$")
_EMOJI = re.compile(r"[\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]")


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int
    section: str | None  # None: before any recognised heading ("intro")


def heading_kind(line: str) -> tuple[str | None, str]:
    """(section, rest-of-line) when ``line`` is a heading, e.g. "Requirements:" or "Requirements: Python, SQL"."""
    raw = _EMOJI.sub("", line).strip()
    if not raw or raw.startswith(("- ", "* ", "• ")) or len(raw) > 90:
        return None, ""
    head, sep, rest = raw.partition(":")
    if sep and len(head) <= 60:
        kind = _kind(head, loose=True)
        if kind:
            return kind, rest.strip()
    if len(raw.split()) > 9 or raw.endswith((".", ",")):
        return None, ""
    # Without a colon, only a line that looks like a heading may extend the phrase ("ABOUT THE TEAM", "## Perks").
    return _kind(raw, loose=raw.isupper() or raw.startswith("#") or _title_case(raw)), ""


def _title_case(line: str) -> bool:
    words = line.split()
    small = {"and", "of", "the", "&", "to", "we", "you", "a", "at", "in", "for", "our"}
    return len(words) <= 6 and all(w[0].isupper() or w.lower() in small for w in words if w[0].isalpha())


def _kind(head: str, loose: bool) -> str | None:
    norm = _MARKUP.sub("", head.lower().replace("’", "'")).strip()
    norm = re.sub(r"\s+", " ", norm)
    for kind, phrases in HEADINGS:
        for phrase in phrases:
            if norm == phrase:
                return kind
            if loose and norm.startswith(phrase + " ") and len(norm) <= len(phrase) + 30:
                return kind
    return None


def split_lines(text: str) -> list[Line]:
    """Every non-empty line with its offset and section."""
    out: list[Line] = []
    section: str | None = None
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        kind, rest = heading_kind(raw)
        if kind:
            section = kind
            if rest:
                out.append(Line(rest, start + raw.index(rest), section))
            continue
        out.append(Line(raw, start, section))
    return out


def group_sections(lines: list[Line]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {name: [] for name in SECTION_NAMES}
    for line in lines:
        if line.section:
            sections[line.section].append(line.text.strip().removeprefix("- ").strip())
    return sections
