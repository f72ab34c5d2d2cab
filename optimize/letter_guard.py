# ruff: noqa: RUF001  (typographic quotes here are data this code must handle)
"""The truthfulness guard for generated documents: cover letters and interview preparation.

Built on optimize.guard: a letter is checked sentence by sentence, and a sentence that states a fact the resume
does not contain (an employer, job title, school, degree, date, number or skill) is dropped. The job may be named:
its title and company are facts of the letter's subject, not claims about the user. The job's skills are not:
"I have used Kubernetes" is refused when the resume never mentions Kubernetes, whatever the posting asks for.

Highlights must quote the resume: the text has to be found at the path it names (trimmed is fine, reworded is
not). Interview notes talk about the job as well as the user ("Kubernetes is required and your resume does not
show it"), so the job's skills may be named there, and a question may quote the posting; invented employers,
numbers and titles are refused in the notes all the same. Pure Python.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from jobs.skills import extract_skills
from optimize.ai.types import REWRITE, CoverLetter, Highlight, InterviewPrep, Job, Question, Suggestion
from optimize.guard import ResumeFacts, check, resume_facts

log = logging.getLogger("careeragent.guard")

DEFAULT_GREETING = "Dear hiring team,"
DEFAULT_CLOSING = "Kind regards,"

# Words before a full stop that do not end a sentence.


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ABBREVIATIONS = _wordset(
    "e.g i.e etc vs mr mrs ms dr prof st inc ltd co corp jr sr no approx dept est fig jan feb mar apr jun jul aug "
    "sep sept oct nov dec"
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Dropped:
    """One piece of generated text the guard removed, with what it would have added."""

    where: str  # "paragraph", "greeting", "closing", "highlight", "question"
    text: str
    violations: tuple[tuple[str, str], ...]


def split_sentences(text: str, protect: tuple[str, ...] = ()) -> list[str]:
    """Sentences of a paragraph; abbreviations ("e.g.", "Inc.") and initials ("U.S.") do not end one, nor does a
    full stop inside one of the ``protect`` names (a job title such as "Product Manager. Full-time.")."""
    sentences: list[str] = []
    start = 0
    inside = [
        m.span()
        for name in protect
        if len(name) >= 2
        for m in re.finditer(rf"(?<!\w){re.escape(name)}", text, flags=re.I)
    ]
    for m in _BOUNDARY.finditer(text):
        if any(a < m.start() < b for a, b in inside):
            continue
        before = text[start : m.start()].rstrip('"”’)]')
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.rstrip(".!?…").lower()
        if last.endswith(".") and (word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word)):
            continue
        sentences.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def letter_facts(resume: Mapping, job: Job, *, job_skills: bool = False) -> ResumeFacts:
    """The resume's facts, plus the words and numbers of the job's company (so "Acme" of "Acme Analytics Inc."
    is no invented employer); with ``job_skills`` the job's skills as well. The job's title is not added word by
    word (a title such as "Customer Service Representative - Spanish Speaker" would vouch for "Spanish"): it is
    blanked out where it is named whole (``violations``)."""
    facts = resume_facts(resume)
    _, company = _job_names(job)
    named = resume_facts({"other": [{"lines": [company]}]})
    facts.vocab |= named.vocab
    facts.numbers |= named.numbers
    if job_skills:
        for kind in ("required", "preferred"):
            for item in (job.analysis.get("skills") or {}).get(kind) or []:
                name = item.get("skill") if isinstance(item, Mapping) else item
                if isinstance(name, str) and name:
                    facts.skills.add(name)
        facts.skills |= {m.canonical for m in extract_skills(job.text or "")}
    return facts


def _job_names(job: Job) -> tuple[str, str]:
    analysis = job.analysis or {}
    title = job.title or analysis.get("title") or ""
    company = job.company or analysis.get("company") or ""
    return str(title).strip(), str(company).strip()


def _named(job: Job) -> list[str]:
    """The ways a letter may name the job whole: its title, the title without what follows a dash, bar, comma or
    bracket ("Senior Backend Engineer (Remote)" -> "Senior Backend Engineer"), and its company."""
    title, company = _job_names(job)
    names = [title, company]
    short = re.split(r"\s[-–—|/]\s|[,(\[|]", title, maxsplit=1)[0].strip()
    if len(short.split()) >= 2:  # "C++ / Python Developer" must not make a bare "C++" a name of the job
        names.append(short)
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def _without_job_names(text: str, job: Job) -> str:
    """``text`` with the job's title and company blanked out where named whole: naming them is no claim (a title
    such as "Kubernetes Engineer" names a skill the user need not have)."""
    for name in sorted(_named(job), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", lambda m: " " * len(m.group()), text, flags=re.I)
    return text


def violations(facts: ResumeFacts, job: Job, sentence: str) -> tuple[tuple[str, str], ...]:
    """What ``sentence`` would add to the resume's facts (empty when it adds nothing)."""
    text = _without_job_names(sentence, job)
    if not text.strip():
        return ()
    probe = Suggestion(section="summary", path="summary.text", kind=REWRITE, before="", after=text, reason="")
    return check({}, probe, facts=facts).violations


def guard_letter(resume: Mapping, job: Job, letter: CoverLetter) -> tuple[CoverLetter, list[Dropped]]:
    """The letter with every sentence that adds a fact removed (a paragraph left empty goes too), an invented
    greeting or sign-off replaced by a plain one, and highlights that do not quote the resume removed.
    ``dropped`` on the result counts every removal."""
    facts = letter_facts(resume, job)
    dropped: list[Dropped] = []

    def keep(where: str, text: str) -> bool:
        found = violations(facts, job, text)
        if found:
            dropped.append(Dropped(where, text, found))
        return not found

    greeting = letter.greeting.strip()
    if greeting and not keep("greeting", greeting):
        greeting = DEFAULT_GREETING
    closing_lines = [line.strip() for line in letter.closing.splitlines() if line.strip()]
    if closing_lines and not all(keep("closing", line) for line in closing_lines):
        closing_lines = [DEFAULT_CLOSING]
    paragraphs = []
    for paragraph in letter.paragraphs:
        kept = [s for s in split_sentences(paragraph, tuple(_named(job))) if keep("paragraph", s)]
        if kept:
            paragraphs.append(" ".join(kept))
    highlight_facts = letter_facts(resume, job, job_skills=True)
    highlights = []
    for highlight in letter.highlights:
        problem = _ungrounded(resume, highlight)
        found = violations(highlight_facts, job, highlight.why)
        if problem or found:
            dropped.append(Dropped("highlight", highlight.text, ((problem, highlight.path),) if problem else found))
            continue
        highlights.append(highlight)
    _log(dropped, "letter")
    result = replace(
        letter,
        greeting=greeting,
        paragraphs=tuple(paragraphs),
        closing="\n".join(closing_lines),
        highlights=tuple(highlights),
        dropped=len(dropped),
    )
    return result, dropped


def letter_violations(resume: Mapping, job: Job, letter: CoverLetter) -> list[tuple[str, str]]:
    """Every fact the letter (greeting, paragraphs, sign-off) adds to the resume, as the guard reads it: empty for
    a letter that ``guard_letter`` returned. For checking a letter as shown (bench/cover_letters.py)."""
    facts = letter_facts(resume, job)
    pieces = [letter.greeting, *letter.closing.splitlines()]
    pieces += [s for paragraph in letter.paragraphs for s in split_sentences(paragraph, tuple(_named(job)))]
    return [v for piece in pieces if piece.strip() for v in violations(facts, job, piece)]


def claimed_text(text: str, job: Job) -> str:
    """``text`` without the job's own title and company: what is left is what the text claims."""
    return _without_job_names(text, job)


def guard_interview(resume: Mapping, job: Job, prep: InterviewPrep) -> tuple[InterviewPrep, list[Dropped]]:
    """The questions whose notes add no fact about the user. A question may quote the posting (its numbers and
    names are the job's); its "why" and "prepare" notes may name the job's skills, nothing else new."""
    notes_facts = letter_facts(resume, job, job_skills=True)
    question_facts = letter_facts(resume, job, job_skills=True)
    quoted = resume_facts({"other": [{"lines": [job.text or ""]}]})
    question_facts.vocab |= quoted.vocab
    question_facts.units = [*question_facts.units, *quoted.units]
    question_facts.numbers |= quoted.numbers
    question_facts.years |= quoted.years
    question_facts.months |= quoted.months
    question_facts.degrees |= quoted.degrees
    question_facts.text = f"{question_facts.text}\n{quoted.text}"

    kept: list[Question] = []
    dropped: list[Dropped] = []
    for question in prep.questions:
        found = violations(question_facts, job, question.question)
        notes = split_sentences(f"{question.why} {question.prepare}", tuple(_named(job)))
        found += tuple(v for s in notes for v in violations(notes_facts, job, s))
        if found:
            dropped.append(Dropped("question", question.question, found))
            continue
        kept.append(question)
    _log(dropped, "interview prep")
    return replace(prep, questions=tuple(kept), dropped=len(dropped)), dropped


def _ungrounded(resume: Mapping, highlight: Highlight) -> str:
    """Why a highlight does not quote the resume ("" when it does)."""
    from optimize.ai.anthropic import resolve_path

    source = resolve_path(resume, highlight.path)
    if source is None:
        return "path"
    quoted = _squash(highlight.text.strip().strip('"“”').rstrip("….").strip())
    if not quoted or quoted not in _squash(source):
        return "quote"
    return ""


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _log(dropped: list[Dropped], what: str) -> None:
    if not dropped:
        return
    counts = Counter(kind for d in dropped for kind, _ in d.violations)
    # Kinds and counts only: the offending text may echo the user's resume.
    log.info(
        "guard dropped %d piece(s) of a %s: %s",
        len(dropped),
        what,
        ", ".join(f"{kind}={n}" for kind, n in sorted(counts.items())),
        extra={"document": what, "violations": dict(counts)},
    )
