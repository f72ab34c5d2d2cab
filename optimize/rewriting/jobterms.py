"""What the rewriting rules need to know about the job: the skills it asks for and the words it uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobs.skills import extract_skills, normalize_skill
from optimize.ai.types import Job

REQUIRED_WEIGHT = 2
PREFERRED_WEIGHT = 1


@dataclass(frozen=True)
class JobTerms:
    required: tuple[str, ...]  # canonical skill names, in the job's order
    preferred: tuple[str, ...]
    text: str  # the job's own words, to tell whether it already writes a term the resume uses

    @classmethod
    def from_job(cls, job: Job) -> JobTerms:
        skills = (job.analysis or {}).get("skills") or {}
        required = _names(skills.get("required"))
        preferred = tuple(name for name in _names(skills.get("preferred")) if name not in required)
        sentences = [row.get("sentence") or "" for key in ("required", "preferred") for row in skills.get(key) or []]
        text = job.text or "\n".join([job.title, *sentences])
        return cls(required=required, preferred=preferred, text=text)

    @property
    def skills(self) -> tuple[str, ...]:
        return self.required + self.preferred

    def weight(self, canonical: str) -> int:
        if canonical in self.required:
            return REQUIRED_WEIGHT
        return PREFERRED_WEIGHT if canonical in self.preferred else 0

    def rank(self, canonical: str | None) -> int:
        """0 for a required skill, 1 for a preferred one, 2 for anything else (for sorting)."""
        if canonical in self.required:
            return 0
        return 1 if canonical in self.preferred else 2

    def writes(self, term: str) -> bool:
        """Whether the job text contains ``term`` exactly as written (case-sensitive, as a whole word)."""
        return bool(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", self.text))

    def in_job_order(self, names: set[str] | frozenset[str]) -> tuple[str, ...]:
        return tuple(name for name in self.skills if name in names)


def _names(rows) -> tuple[str, ...]:
    names: list[str] = []
    for row in rows or []:
        name = row.get("skill") if isinstance(row, dict) else None
        if name and name not in names:
            names.append(name)
    return tuple(names)


def skills_in(text: str) -> list[str]:
    """Canonical names of the skills ``text`` mentions, first mention first, each once."""
    names: list[str] = []
    for mention in extract_skills(text or ""):
        if mention.canonical not in names:
            names.append(mention.canonical)
    return names


def skill_of_item(item: str) -> list[str]:
    """Canonical skills a skills-section item names: the item itself when it is a known name or alias, else the
    mentions inside it ("Python (Django, Flask)")."""
    whole = normalize_skill(item or "")
    return [whole] if whole else skills_in(item)
