"""The typed results every AI provider returns, and the inputs they take (pure Python, no Django).

A resume is its parsed sections (schema v1, docs/parsed-sections.md). A job is its text and the analysis of
``jobs.analysis.analyze_job`` (``.to_dict()``). Suggestions address the resume by the dotted paths of
``resumes.editing`` ("summary.text", "experience.0.bullets.2", "skills.1.items").

Every result converts to and from plain JSON (``to_dict``/``from_dict``) so it can be stored on a model, cached
and compared; ``from_dict`` raises ``SchemaError`` on anything that does not fit, which is how a model's answer
is validated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

SCHEMA_VERSION = 1

STRATEGIES = ("conservative", "targeted")

# Suggestion kinds.
REWRITE = "rewrite"  # a bullet or sentence reworded (stronger verb, filler removed, tense, the JD's term)
REORDER = "reorder"  # a list put in order of relevance to the job (bullets of an entry, skill items)
ADD_SKILL = "add_skill"  # a skill the experience proves, added to the skills section
SUMMARY = "summary"  # a summary written (or rewritten) from resume facts only
FLAG_METRIC = "flag_metric"  # a bullet with no measurable result: a prompt to the user, never an invented number
KINDS = (REWRITE, REORDER, ADD_SKILL, SUMMARY, FLAG_METRIC)

# Score components, in display order, with the points each can earn (sum 100). Documented on the "how scoring
# works" page; a change here is a change of every score, so it bumps SCORING_VERSION.
SCORING_VERSION = 1
WEIGHTS: dict[str, int] = {
    "required_skills": 40,
    "preferred_skills": 10,
    "title": 10,
    "experience": 15,
    "keywords": 10,
    "quality": 15,
}
LABELS: dict[str, str] = {
    "required_skills": "Required skills",
    "preferred_skills": "Preferred skills",
    "title": "Job title",
    "experience": "Years of experience",
    "keywords": "Other keywords",
    "quality": "Resume quality",
}


class SchemaError(ValueError):
    """A result (typically a model's answer) that does not fit the schema."""


@dataclass(frozen=True)
class Job:
    """What a provider knows of the job: the text and its analysis (``analyze_job(...).to_dict()``)."""

    text: str
    analysis: Mapping[str, Any]
    title: str = ""
    company: str = ""


@dataclass(frozen=True)
class ScoreComponent:
    key: str  # one of WEIGHTS
    label: str
    weight: int  # points available
    earned: float  # 0..weight, one decimal
    detail: str  # one sentence a person understands: what counted and what did not


@dataclass(frozen=True)
class Gaps:
    missing_required: tuple[str, ...] = ()
    missing_preferred: tuple[str, ...] = ()
    # Listed in the resume (skills section) but shown nowhere in the experience, projects or summary.
    unevidenced: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    score: int  # 0..100: round(sum of earned)
    components: tuple[ScoreComponent, ...]
    gaps: Gaps
    matched_required: tuple[str, ...] = ()
    matched_preferred: tuple[str, ...] = ()
    resume_years: float | None = None  # experience arithmetic from the parsed dates (overlaps counted once)
    required_years: int | None = None
    scoring_version: int = SCORING_VERSION

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Analysis:
        try:
            components = tuple(ScoreComponent(**c) for c in data["components"])
            gaps = Gaps(**{k: tuple(v) for k, v in data["gaps"].items()})
            return cls(
                score=int(data["score"]),
                components=components,
                gaps=gaps,
                matched_required=tuple(data.get("matched_required", ())),
                matched_preferred=tuple(data.get("matched_preferred", ())),
                resume_years=data.get("resume_years"),
                required_years=data.get("required_years"),
                scoring_version=int(data.get("scoring_version", SCORING_VERSION)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"analysis: {exc}") from exc


@dataclass(frozen=True)
class Suggestion:
    section: str  # "summary" | "experience" | "skills" | "projects"
    path: str  # dotted path of the value it replaces (resumes.editing); for REORDER/ADD_SKILL the list's path
    kind: str  # one of KINDS
    before: str  # the resume's text at ``path`` (a list is joined with "\n")
    after: str  # the proposed text (a list joined with "\n"); equal to ``before`` for FLAG_METRIC
    reason: str  # why, in one sentence a person understands
    keywords: tuple[str, ...] = ()  # the JD terms it serves

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Suggestion:
        if not isinstance(data, Mapping):
            raise SchemaError("suggestion: not an object")
        try:
            values = {name: data[name] for name in ("section", "path", "kind", "before", "after", "reason")}
        except KeyError as exc:
            raise SchemaError(f"suggestion: missing {exc}") from exc
        for name, value in values.items():
            if not isinstance(value, str):
                raise SchemaError(f"suggestion: {name} is not a string")
        if values["kind"] not in KINDS:
            raise SchemaError(f"suggestion: unknown kind {values['kind']!r}")
        keywords = data.get("keywords", ())
        if not isinstance(keywords, list | tuple) or not all(isinstance(k, str) for k in keywords):
            raise SchemaError("suggestion: keywords is not a list of strings")
        return cls(**values, keywords=tuple(keywords))


@dataclass(frozen=True)
class GuardVerdict:
    """The truthfulness guard's answer on one suggestion (optimize.guard)."""

    allowed: bool
    # What the suggestion would have added, by kind: "employer", "title", "school", "degree", "date", "number",
    # "skill"; or "reorder" for a reorder that is not a permutation of the lines it reorders. Each with the
    # offending text.
    violations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class SuggestResult:
    suggestions: tuple[Suggestion, ...]
    provider: str  # which provider answered ("offline", "anthropic")
    model: str = ""
    usage: Usage = field(default_factory=Usage)
    dropped: int = 0  # suggestions the guard removed
    cached: bool = False


class ProviderError(Exception):
    """A provider could not answer; the chain asks the next one. ``code`` is machine-readable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Provider(Protocol):
    name: str

    def analyze(self, resume: Mapping, job: Job) -> Analysis:
        """Score 0-100 with its breakdown and the gaps. Deterministic for the offline provider."""

    def suggest(self, resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> SuggestResult:
        """Rewrites for ``strategy`` (STRATEGIES). Unguarded: the chain applies the truthfulness guard."""

    def write_cover_letter(self, resume: Mapping, job: Job) -> CoverLetter:
        """A cover letter with the resume's highlights for the job. Unguarded: the chain applies the letter guard
        (optimize.letter_guard)."""

    def interview_questions(self, resume: Mapping, job: Job) -> InterviewPrep:
        """Likely interview questions with preparation notes. Unguarded, like ``write_cover_letter``."""


# ---------------------------------------------------------------------------------------------------------------
# Generated documents (issue 8): cover letters and interview preparation.


def _string(data: Mapping, name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise SchemaError(f"{where}: {name} is not a string")
    return value


def _strings(data: Mapping, name: str, where: str) -> tuple[str, ...]:
    value = data.get(name)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{where}: {name} is not a list of strings")
    return tuple(value)


def _objects(data: Mapping, name: str, where: str) -> list[Mapping]:
    value = data.get(name, ())
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise SchemaError(f"{where}: {name} is not a list of objects")
    return list(value)


@dataclass(frozen=True)
class Highlight:
    """A piece of the user's own resume that answers the posting, quoted (or trimmed), never rewritten."""

    path: str  # where it is in the resume (resumes.editing paths): "experience.0.bullets.2"
    text: str
    why: str  # the job's requirement it answers, in one sentence

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Highlight:
        if not isinstance(data, Mapping):
            raise SchemaError("highlight: not an object")
        return cls(**{name: _string(data, name, "highlight") for name in ("path", "text", "why")})


@dataclass(frozen=True)
class CoverLetter:
    greeting: str  # "Dear Acme hiring team,"
    paragraphs: tuple[str, ...]
    closing: str  # the sign-off, lines joined with "\n": "Kind regards,\nJane Roe"
    highlights: tuple[Highlight, ...] = ()
    provider: str = ""  # which provider wrote it
    model: str = ""
    usage: Usage = field(default_factory=Usage)
    dropped: int = 0  # sentences (and highlights) the guard removed
    cached: bool = False

    @property
    def text(self) -> str:
        """The letter as plain text: greeting, paragraphs and sign-off separated by blank lines."""
        parts = [self.greeting, *self.paragraphs, self.closing]
        return "\n\n".join(p.strip() for p in parts if p and p.strip())

    def to_dict(self) -> dict:
        return {
            "greeting": self.greeting,
            "paragraphs": list(self.paragraphs),
            "closing": self.closing,
            "highlights": [h.to_dict() for h in self.highlights],
            "provider": self.provider,
            "model": self.model,
            "dropped": self.dropped,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> CoverLetter:
        if not isinstance(data, Mapping):
            raise SchemaError("cover letter: not an object")
        where = "cover letter"
        dropped = data.get("dropped", 0)
        if isinstance(dropped, bool) or not isinstance(dropped, int):
            raise SchemaError(f"{where}: dropped is not a number")
        return cls(
            greeting=_string(data, "greeting", where),
            paragraphs=_strings(data, "paragraphs", where),
            closing=_string(data, "closing", where),
            highlights=tuple(Highlight.from_dict(h) for h in _objects(data, "highlights", where)),
            provider=str(data.get("provider") or ""),
            model=str(data.get("model") or ""),
            dropped=dropped,
        )


@dataclass(frozen=True)
class Question:
    question: str
    why: str  # why an interviewer for this job would ask it
    prepare: str  # preparation notes drawn from the user's own experience

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping) -> Question:
        if not isinstance(data, Mapping):
            raise SchemaError("question: not an object")
        return cls(**{name: _string(data, name, "question") for name in ("question", "why", "prepare")})


@dataclass(frozen=True)
class InterviewPrep:
    questions: tuple[Question, ...]
    provider: str = ""
    model: str = ""
    usage: Usage = field(default_factory=Usage)
    dropped: int = 0  # questions or notes the guard removed
    cached: bool = False

    def to_dict(self) -> dict:
        return {
            "questions": [q.to_dict() for q in self.questions],
            "provider": self.provider,
            "model": self.model,
            "dropped": self.dropped,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> InterviewPrep:
        if not isinstance(data, Mapping):
            raise SchemaError("interview prep: not an object")
        dropped = data.get("dropped", 0)
        if isinstance(dropped, bool) or not isinstance(dropped, int):
            raise SchemaError("interview prep: dropped is not a number")
        return cls(
            questions=tuple(Question.from_dict(q) for q in _objects(data, "questions", "interview prep")),
            provider=str(data.get("provider") or ""),
            model=str(data.get("model") or ""),
            dropped=dropped,
        )
