"""The offline provider: deterministic scoring, rule-based suggestions, cover letters and interview questions, no
network and no model. It always answers, which is why the chain asks it last.

Letters and interview notes are composed from facts only: the user's name, roles, employers, years and bullets
from the resume; the job's title, company, skills and keywords from the posting. A bullet is quoted as the user
wrote it (or trimmed), never reworded; no skill the resume lacks is claimed, and missing skills are not mentioned
in a letter at all. The chain's letter guard (optimize.letter_guard) checks the result like any provider's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from optimize.ai.types import Analysis, CoverLetter, Highlight, InterviewPrep, Job, Question, SuggestResult

LETTER_VERSION = "offline-letter-v1"
INTERVIEW_VERSION = "offline-interview-v1"
MAX_HIGHLIGHTS = 5
MIN_HIGHLIGHTS = 3
HIGHLIGHT_CHARS = 280  # a longer bullet is trimmed at a clause boundary
MAX_QUESTIONS = 9


class OfflineProvider:
    name = "offline"
    # No prompt: these version the composition rules (part of a stored letter's cache key).
    prompt_versions = {"cover_letter": LETTER_VERSION, "interview_questions": INTERVIEW_VERSION}

    def analyze(self, resume: Mapping, job: Job) -> Analysis:
        from optimize.scoring import score

        return score(resume, job)

    def suggest(self, resume: Mapping, job: Job, analysis: Analysis, strategy: str) -> SuggestResult:
        from optimize.rewrite import suggest

        return SuggestResult(suggestions=tuple(suggest(resume, job, analysis, strategy)), provider=self.name)

    def write_cover_letter(self, resume: Mapping, job: Job) -> CoverLetter:
        return compose_letter(resume, job)

    def interview_questions(self, resume: Mapping, job: Job) -> InterviewPrep:
        return compose_interview(resume, job)


# ---------------------------------------------------------------------------------------------------------------
# What the composition reads


@dataclass(frozen=True)
class Bullet:
    path: str  # "experience.0.bullets.2"
    text: str  # as written (whitespace tidied)
    section: str  # "experience" | "projects"
    title: str  # the role's title (experience) or ""
    place: str  # the employer (experience) or the project's name
    recency: int  # 0 for the most recent entry of its section
    skills: frozenset[str]
    stems: frozenset[str]


@dataclass(frozen=True)
class Pick:
    bullet: Bullet
    score: float
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    name: str
    job_title: str
    company: str
    role: Mapping | None  # the most recent experience entry with a title
    role_current: bool
    years: int  # whole years of experience (the guard's most cautious reading), 0 when unknown
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    matched_required: tuple[str, ...]
    matched_preferred: tuple[str, ...]
    missing_required: tuple[str, ...]
    listed: tuple[str, ...]  # the resume's skills section, canonical names, in order
    bullets: tuple[Bullet, ...]
    keywords: tuple  # optimize.scoring.Keyword


def _clean(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _entries(resume: Mapping, key: str) -> list[tuple[int, Mapping]]:
    value = resume.get(key) if isinstance(resume, Mapping) else None
    return [(i, e) for i, e in enumerate(value) if isinstance(e, Mapping)] if isinstance(value, list) else []


def _end_key(entry: Mapping) -> int:
    """A sortable end month: ongoing roles last forever, undated ones sort after dated ones."""
    end = entry.get("end")
    if entry.get("current") is True or (isinstance(end, str) and end.strip().lower() in ("present", "current", "now")):
        return 10**6
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?\s*", end) if isinstance(end, str) else None
    return int(m.group(1)) * 12 + int(m.group(2) or 12) if m else -1


def _by_recency(entries: list[tuple[int, Mapping]]) -> list[tuple[int, Mapping]]:
    return sorted(entries, key=lambda pair: (-_end_key(pair[1]), pair[0]))


def gather(resume: Mapping, job: Job) -> Facts:
    from jobs.skills import extract_skills, normalize_skill
    from optimize.guard import experience_years
    from optimize.scoring import _line_stems, job_keywords, job_skills, resume_skills

    analysis = job.analysis or {}
    have = resume_skills(resume)
    required = tuple(job_skills(analysis, "required"))
    preferred = tuple(s for s in job_skills(analysis, "preferred") if s not in required)

    bullets: list[Bullet] = []
    for section in ("experience", "projects"):
        for recency, (index, entry) in enumerate(_by_recency(_entries(resume, section))):
            lines = entry.get("bullets") if isinstance(entry.get("bullets"), list) else []
            for j, raw in enumerate(lines):
                text = _clean(raw).lstrip("-•*▪◦· ").strip()
                if len(text) < 12:
                    continue
                bullets.append(
                    Bullet(
                        path=f"{section}.{index}.bullets.{j}",
                        text=text,
                        section=section,
                        title=_clean(entry.get("title")) if section == "experience" else "",
                        place=_clean(entry.get("company") if section == "experience" else entry.get("name")),
                        recency=recency,
                        skills=frozenset(m.canonical for m in extract_skills(text)),
                        stems=frozenset(_line_stems([text])[0]),
                    )
                )

    roles = [(i, e) for i, e in _by_recency(_entries(resume, "experience")) if _clean(e.get("title"))]
    role = roles[0][1] if roles else None
    readings = experience_years(resume)
    listed: list[str] = []
    for _, group in _entries(resume, "skills"):
        for item in group.get("items") or ():
            name = normalize_skill(item) if isinstance(item, str) else None
            if name and name not in listed:
                listed.append(name)
    contact = resume.get("contact") if isinstance(resume.get("contact"), Mapping) else {}
    return Facts(
        name=_clean(contact.get("name")),
        job_title=_clean(job.title or analysis.get("title")),
        company=_clean(job.company or analysis.get("company")),
        role=role,
        role_current=role is not None and _end_key(role) == 10**6,
        years=int(min(readings)) if readings else 0,
        required=required,
        preferred=preferred,
        matched_required=tuple(s for s in required if s in have),
        matched_preferred=tuple(s for s in preferred if s in have),
        missing_required=tuple(s for s in required if s not in have),
        listed=tuple(listed),
        bullets=tuple(bullets),
        keywords=tuple(job_keywords(job)),
    )


def rank(facts: Facts) -> list[Pick]:
    """Every bullet scored by what of the job it shows: required skills count most, then preferred skills, then
    the posting's keywords; a measurable result and recency break ties."""
    from optimize.scoring import is_measurable

    picks = []
    for b in facts.bullets:
        required = tuple(s for s in facts.required if s in b.skills)
        preferred = tuple(s for s in facts.preferred if s in b.skills)
        keywords = tuple(k.text for k in facts.keywords if set(k.stems) <= b.stems)
        score = 3 * len(required) + 2 * len(preferred) + len(keywords)
        score += 0.5 * is_measurable(b.text) + (0.3 if b.section == "experience" else 0) - 0.1 * min(b.recency, 5)
        picks.append(Pick(b, score, required, preferred, keywords))
    return sorted(picks, key=lambda p: -p.score)


def choose_highlights(facts: Facts) -> list[Pick]:
    """3-5 bullets that best answer the job: those that show one of its skills or keywords, then (to reach
    three) the most recent ones."""
    ranked = rank(facts)
    chosen = [p for p in ranked if p.required or p.preferred or p.keywords][:MAX_HIGHLIGHTS]
    for p in ranked:
        if len(chosen) >= MIN_HIGHLIGHTS:
            break
        if p not in chosen:
            chosen.append(p)
    seen: set[str] = set()
    unique = []
    for p in chosen:
        key = p.bullet.text.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def trim(text: str, limit: int = HIGHLIGHT_CHARS) -> str:
    """``text`` cut at a clause boundary before ``limit`` characters (with "…"); never reworded."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in ("; ", ", ", " – ", " - ", " "):  # noqa: RUF001
        at = cut.rfind(mark)
        if at >= limit // 2:
            return cut[:at].rstrip(" ,;–-") + "…"  # noqa: RUF001
    return cut.rstrip() + "…"


def why(pick: Pick) -> str:
    skills = [*pick.required, *pick.preferred]
    if skills:
        kind = "requires" if pick.required else "names as a plus"
        return f"Shows {_join(skills[:4])} in use, which the posting {kind}."
    if pick.keywords:
        return f"Speaks to “{pick.keywords[0]}”, a theme of the posting."
    b = pick.bullet
    if b.section == "experience" and b.title:
        return f"Recent work from your role as {b.title}."
    return "Recent work that shows what you deliver."


# ---------------------------------------------------------------------------------------------------------------
# The letter


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_IRREGULAR_PAST = _wordset(
    "built led ran wrote made drove grew won cut set took gave began brought sold taught found kept held met spent "
    "rebuilt oversaw undertook drew chose became saw got put shipped co-led co-founded rewrote overhauled"
)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _as_clause(bullet: str) -> str | None:
    """A bullet that opens with a past-tense verb ("Built the API") as a clause ("built the API"), else None."""
    first = bullet.split(" ", 1)[0]
    word = first.lower()
    if not (first[:1].isupper() and first[1:].islower()):
        return None
    if word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed")):
        return word + bullet[len(first) :]
    return None


_SKILL_TIES = (
    "That is the same {skills} experience this role calls for.",
    "It is the kind of {skills} work the posting asks for.",
    "That speaks directly to your need for {skills}.",
)


def _tie(pick: Pick, previous: Pick | None = None, index: int = 0) -> str:
    b = pick.bullet
    text = trim(b.text)
    same_place = previous is not None and (previous.bullet.section, previous.bullet.place) == (b.section, b.place)
    if same_place:
        clause = _as_clause(text)
        first = f"I also {clause}" if clause else f"Another example of my work there: {text}"
        return _tie_rest(pick, [_sentence(first)], index)
    if b.section == "experience":
        lead = f"At {b.place}" if b.place else f"As {_article(b.title)} {b.title}" if b.title else "In a previous role"
    else:
        lead = f"In my project {b.place}" if b.place else "In one of my projects"
    clause = _as_clause(text)
    first = f"{lead}, I {clause}" if clause else f"{lead}, one example of my work: {text}"
    return _tie_rest(pick, [_sentence(first)], index)


def _tie_rest(pick: Pick, out: list[str], index: int) -> str:
    skills = [*pick.required, *pick.preferred]
    if skills:
        out.append(_SKILL_TIES[index % len(_SKILL_TIES)].format(skills=_join(skills[:3])))
    elif pick.keywords:
        out.append(f"It speaks directly to the posting's focus on {pick.keywords[0]}.")
    return " ".join(out)


def compose_letter(resume: Mapping, job: Job) -> CoverLetter:
    facts = gather(resume, job)
    picks = choose_highlights(facts)
    at = f" at {facts.company}" if facts.company else ""

    greeting = f"Dear {facts.company} hiring team," if facts.company else "Dear hiring team,"
    if facts.job_title:
        opening = [f"I am writing to apply for the {facts.job_title} position{at}."]
    else:
        opening = [f"I am writing to apply for the open position{at}."]
    if facts.role is not None:
        title, employer = _clean(facts.role.get("title")), _clean(facts.role.get("company"))
        where = f" at {employer}" if employer else ""
        lead = "I currently work as" if facts.role_current else "Most recently, I worked as"
        years = ""
        if facts.years >= 1:
            years = f", and I bring {facts.years} year{'s' if facts.years != 1 else ''} of professional experience"
        opening.append(f"{lead} {_article(title)} {title}{where}{years}.")

    paragraphs = [" ".join(opening)]
    if picks:
        paragraphs.append(" ".join(_tie(p, picks[i - 1] if i else None, i) for i, p in enumerate(picks[:2])))
    if len(picks) > 2:
        paragraphs.append(_tie(picks[2], index=2))

    if facts.matched_required:
        skills = f"My background covers {_join(facts.matched_required[:6])}, which you list as requirements"
        if facts.matched_preferred:
            skills += f", as well as {_join(facts.matched_preferred[:4])} from your list of nice-to-haves"
        paragraphs.append(skills + ".")
    elif facts.matched_preferred:
        paragraphs.append(f"My background includes {_join(facts.matched_preferred[:4])}, which the posting names.")
    elif facts.listed:
        paragraphs.append(f"My toolkit includes {_join(facts.listed[:5])}.")

    target = facts.company or "your team"
    paragraphs.append(
        f"I would welcome the chance to talk about how I could contribute to {target}. I am available for a "
        "conversation at a time that suits you. Thank you for your time and consideration."
    )
    closing = "Kind regards," + (f"\n{facts.name}" if facts.name else "")
    highlights = tuple(Highlight(path=p.bullet.path, text=trim(p.bullet.text), why=why(p)) for p in picks)
    return CoverLetter(greeting, tuple(paragraphs), closing, highlights, provider="offline")


# ---------------------------------------------------------------------------------------------------------------
# Interview questions


def _evidence(facts: Facts, skill: str) -> Bullet | None:
    return next((b for b in sorted(facts.bullets, key=lambda b: (b.recency, b.section)) if skill in b.skills), None)


def _source(b: Bullet) -> str:
    if b.section == "experience":
        role = " at ".join(p for p in (b.title, b.place) if p)
        return f" ({role})" if role else ""
    return f" (project {b.place})" if b.place else ""


def _responsibilities(job: Job) -> list[str]:
    sections = (job.analysis or {}).get("sections") or {}
    lines = [_clean(line).lstrip("-•*▪◦· ").strip() for line in sections.get("responsibilities") or []]
    return [line for line in lines if 20 <= len(line) <= 220]


def compose_interview(resume: Mapping, job: Job) -> InterviewPrep:
    from optimize.scoring import _line_stems

    facts = gather(resume, job)
    questions: list[Question] = []
    target = f"the {facts.job_title} role" if facts.job_title else "this role"
    company = facts.company or "us"

    if facts.role is not None:
        title, employer = _clean(facts.role.get("title")), _clean(facts.role.get("company"))
        recent = [b for b in facts.bullets if b.section == "experience" and b.recency == 0][:2]
        notes = "Keep it short: what the team did, what you owned, and one result."
        if recent:
            notes += " Draw on: " + " and ".join(f"“{trim(b.text, 160)}”" for b in recent) + "."
        where = f" at {employer}" if employer else ""
        questions.append(
            Question(
                f"Walk us through your role as {title}{where}.",
                "Interviewers open with your most recent role to see how it maps to this one.",
                notes,
            )
        )
    questions.append(
        Question(
            f"Why do you want to join {company} for {target}?",
            "Every interview tests motivation and what you know about the employer.",
            "Read the posting again and connect its requirements to your own highlights; learn what the "
            "company builds and who its customers are.",
        )
    )

    for skill in facts.matched_required[:3]:
        bullet = _evidence(facts, skill)
        if bullet is not None:
            notes = (
                f"Use this from your resume: “{trim(bullet.text, 200)}”{_source(bullet)}. Describe the situation, "
                "what you did yourself and the result."
            )
        else:
            notes = (
                f"Your resume lists {skill} but no bullet shows it in use: prepare one concrete example of where and "
                "how you used it."
            )
        questions.append(
            Question(
                f"Tell us about a time you used {skill} on a real project.",
                f"The posting lists {skill} as a requirement.",
                notes,
            )
        )

    for line in _responsibilities(job)[:2]:
        stems = _line_stems([line])[0]
        best = max(facts.bullets, key=lambda b: (len(stems & b.stems), -b.recency), default=None)
        if best is not None and len(stems & best.stems) >= 2:
            notes = f"Closest in your resume: “{trim(best.text, 200)}”{_source(best)}. Use the STAR structure."
        else:
            notes = "Pick an example from your own work where you did something similar; use the STAR structure."
        questions.append(
            Question(
                f"This role involves: “{line.rstrip('.')}”. Tell us about a time you did something similar.",
                "A behavioural question built from the posting's responsibilities.",
                notes,
            )
        )

    for skill in facts.missing_required[:2]:
        related = [s for s in facts.matched_required if s != skill][:2]
        notes = f"Your resume does not show {skill}: say so plainly, then explain how you would learn it"
        notes += f", pointing to how you picked up {_join(related)}." if related else " and by when."
        questions.append(
            Question(
                f"How would you get up to speed with {skill}?",
                f"{skill} is required and your resume does not show it.",
                notes,
            )
        )

    return InterviewPrep(tuple(questions[:MAX_QUESTIONS]), provider="offline")
