"""``analyze_job``: structured fields, sections and required/preferred skills from a job description."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from jobs.analysis import fields
from jobs.analysis.salary import Salary, find_salary
from jobs.analysis.sections import Line, group_sections, split_lines
from jobs.skills import extract_skills
from jobs.text import clean_text

_PREFERRED_CUE = re.compile(
    r"\b(?:preferred|nice[- ]to[- ]have|bonus|(?:is|are|would be|a) (?:big |huge |strong )?plus|pluses|"
    r"familiarity with|exposure to|ideally|desirable|desired|would be great|advantage|advantageous|"
    r"good to have|not required|optional|is a bonus|even better)\b",
    re.I,
)
# Sentences, and clauses after ";" (a cue like "familiarity with" covers only its own clause).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])|;\s*")
# Mentions here describe the employer or the perks, not what the candidate needs.
_IGNORED_SECTIONS = frozenset({"about", "benefits"})
# The anti-spam footer RemoteOK appends ("Please mention the word **X** and tag RM...") is not part of the job.
_FOOTERS = re.compile(r"Please mention the word \*\*\w+\*\*.*$", re.S)


@dataclass(frozen=True, slots=True)
class SkillRequirement:
    skill: str
    category: str
    sentence: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class JobAnalysis:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    workplace: str | None = None  # "remote" | "hybrid" | "onsite"
    employment_type: str | None = None  # "full-time" | "part-time" | "contract" | "internship" | "temporary"
    salary: Salary | None = None
    seniority: str | None = None  # intern | junior | mid | senior | staff | lead | director
    years_min: int | None = None
    years_max: int | None = None
    sections: dict[str, list[str]] = field(default_factory=dict)
    required_skills: list[SkillRequirement] = field(default_factory=list)
    preferred_skills: list[SkillRequirement] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "workplace": self.workplace,
            "employment_type": self.employment_type,
            "salary": self.salary.to_dict() if self.salary else None,
            "seniority": self.seniority,
            "years_experience": {"min": self.years_min, "max": self.years_max},
            "sections": self.sections,
            "skills": {
                "required": [s.to_dict() for s in self.required_skills],
                "preferred": [s.to_dict() for s in self.preferred_skills],
            },
        }


def analyze_job(text: str, *, title: str | None = None, company: str | None = None) -> JobAnalysis:
    """Analyse a job description (plain text or HTML). ``title``/``company``, when the job board gives them,
    win over what the text suggests. Deterministic: the same input gives the same output."""
    body = _FOOTERS.sub("", clean_text(text)).strip()
    lines = split_lines(body)
    wanted = [ln.text for ln in lines if ln.section not in _IGNORED_SECTIONS | {"nice_to_have"}]
    years_min, years_max = fields.find_years(wanted)
    job_title = _tidy(title) or fields.find_title(body)
    required, preferred = _skills(body, lines)
    return JobAnalysis(
        title=job_title,
        company=_tidy(company) or fields.find_company(body),
        location=fields.find_location(body),
        workplace=fields.find_workplace(body),
        employment_type=fields.find_employment_type(body),
        salary=find_salary(body),
        seniority=fields.find_seniority(job_title, body, years_min),
        years_min=years_min,
        years_max=years_max,
        sections=group_sections(lines),
        required_skills=required,
        preferred_skills=preferred,
        text=body,
    )


def _tidy(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _skills(body: str, lines: list[Line]) -> tuple[list[SkillRequirement], list[SkillRequirement]]:
    required: dict[str, SkillRequirement] = {}
    preferred: dict[str, SkillRequirement] = {}
    for line in lines:
        if line.section in _IGNORED_SECTIONS:
            continue
        for sentence in _sentences(line.text):
            is_preferred = line.section == "nice_to_have" or bool(_PREFERRED_CUE.search(sentence))
            for mention in extract_skills(sentence):
                item = SkillRequirement(mention.canonical, mention.category, sentence.strip())
                bucket = preferred if is_preferred else required
                bucket.setdefault(mention.canonical, item)
    # Asked for as required anywhere: required wins over a later "nice to have" mention of the same skill.
    for name in required:
        preferred.pop(name, None)
    return list(required.values()), list(preferred.values())


def _sentences(line: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(line.strip().removeprefix("- ")) if s.strip()]
