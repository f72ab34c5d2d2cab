"""The offline engine's rule-based rewrites: ``suggest(resume, job, analysis, strategy)``.

conservative changes wording only (kinds rewrite and flag_metric); targeted also puts bullets and skill items in
order of relevance to the job, adds to the skills section what the experience already shows, and writes a summary
from resume facts. Every rule works from the resume's own words and dates: nothing it writes is a fact the resume
does not hold, and a missing figure is asked for, never made up.

Deterministic: the same input gives the same suggestions in the same order (resume order: summary, experience,
skills, projects). Only "years of experience" depends on the day, through roles that are still running.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from jobs.skills import taxonomy
from optimize.ai.types import (
    ADD_SKILL,
    FLAG_METRIC,
    REORDER,
    REWRITE,
    STRATEGIES,
    SUMMARY,
    Analysis,
    Job,
    Suggestion,
)
from optimize.rewriting import facts, verbs
from optimize.rewriting.jobterms import JobTerms, skill_of_item, skills_in
from optimize.rewriting.wording import MIN_WORDS, PAST, PRESENT, as_written, join_words, reason_for, reword

TARGETED = "targeted"

# Categories whose groups hold nothing else: a "Languages" or "Soft skills" group is no place for a framework.
_NARROW = ("language", "soft")
# Words in a skills group's heading that say which taxonomy category it holds ("Languages", "Cloud & DevOps").
_GROUP_HINTS: dict[str, tuple[str, ...]] = {
    "language": ("language",),
    "spoken_language": ("language",),
    "framework": ("framework", "librar"),
    "library": ("librar", "framework"),
    "database": ("database", "data", "storage"),
    "data": ("data", "analytic"),
    "cloud": ("cloud", "infra", "devops", "platform"),
    "devops": ("devops", "infra", "cloud", "tool"),
    "tool": ("tool",),
    "software": ("software", "tool", "application"),
    "os": ("operating", "platform"),
    "methodology": ("method", "practice", "process"),
    "markup": ("web", "front", "markup"),
    "soft": ("soft skill", "interpersonal"),
    "concept": ("concept", "practice"),
}
SUMMARY_SKILLS = 4

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundreds? "
    "thousands? millions? billions? dozens? double[ds]? tripled? triples quadrupled half halved twice thrice percent"
)
_METRIC = re.compile(r"[\d%$€£¥]|\b(?:" + "|".join(_NUMBER_WORDS.split()) + r")\b", re.I)

METRIC_REASON = (
    "This line states no measurable result: if you have a real figure, add it (How much? How many? How fast?)."
)


def suggest(
    resume: Mapping, job: Job, analysis: Analysis, strategy: str, *, today: date | None = None
) -> list[Suggestion]:
    """Suggestions for ``strategy`` (one of STRATEGIES), at most one per path and kind.

    ``analysis`` is accepted for the provider interface; the rules read the job's skills from ``job.analysis``
    and the years from the resume's own dates. ``today`` (for running roles) defaults to the current date.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}")
    targeted = strategy == TARGETED
    terms = JobTerms.from_job(job)
    today = today or date.today()

    out: list[Suggestion] = []
    out.extend(_summary_rewrite(resume, terms))
    if targeted:
        out.extend(_summary(resume, terms, today))
    for section in ("experience", "skills", "projects"):
        if section == "skills":
            if targeted:
                out.extend(_skill_order(resume, terms))
                out.extend(_added_skills(resume, terms))
            continue
        for index, entry in enumerate(_entries(resume, section)):
            out.extend(_bullet_suggestions(section, index, entry, terms))
            if targeted:
                out.extend(_bullet_order(section, index, entry, terms))
    return out


# --- wording ----------------------------------------------------------------------------------------------------


def _summary_rewrite(resume: Mapping, terms: JobTerms) -> list[Suggestion]:
    text = _summary_text(resume)
    reworded = reword(text, terms, prose=True)
    if not reworded.changes:
        return []
    return [
        Suggestion(
            "summary", "summary.text", REWRITE, text, reworded.text, reason_for(reworded.changes), reworded.keywords
        )
    ]


def _bullet_suggestions(section: str, index: int, entry: Mapping, terms: JobTerms) -> list[Suggestion]:
    tense, fix_tense = _tense(entry)
    out = []
    for position, bullet in enumerate(_bullets(entry)):
        path = f"{section}.{index}.bullets.{position}"
        if len(bullet.split()) < MIN_WORDS:
            continue
        reworded = reword(bullet, terms, tense=tense, fix_tense=fix_tense)
        if reworded.changes:
            out.append(
                Suggestion(
                    section, path, REWRITE, bullet, reworded.text, reason_for(reworded.changes), reworded.keywords
                )
            )
        if not has_metric(bullet):
            keywords = terms.in_job_order(set(skills_in(bullet)))
            out.append(Suggestion(section, path, FLAG_METRIC, bullet, bullet, METRIC_REASON, keywords))
    return out


def has_metric(text: str) -> bool:
    """Whether a line states a figure: a digit, a currency or percent sign, or a number word."""
    return bool(_METRIC.search(text))


def _tense(entry: Mapping) -> tuple[str, bool]:
    """(tense for new verbs, whether to put present-tense openings in the past) for an entry's bullets.

    An ended role is written in the past. A running one keeps whichever tense most of its bullets open with; an
    entry without an end date is unknown, so new verbs go in the past and existing ones are left alone.
    """
    if facts.has_ended(entry):
        return PAST, True
    if facts.is_current(entry):
        kinds = [verbs.analyse(bullet.split(" ", 1)[0]) for bullet in _bullets(entry) if bullet]
        present = sum(1 for found in kinds if found and found[1] in ("base", "third"))
        past = sum(1 for found in kinds if found and found[1] == "past")
        return (PRESENT if present > past else PAST), False
    return PAST, False


# --- order ------------------------------------------------------------------------------------------------------


def _bullet_order(section: str, index: int, entry: Mapping, terms: JobTerms) -> list[Suggestion]:
    bullets = _bullets(entry)
    mentioned = [skills_in(bullet) for bullet in bullets]
    scores = [sum(terms.weight(name) for name in names) for names in mentioned]
    order = sorted(range(len(bullets)), key=lambda i: -scores[i])  # stable: ties keep the resume's order
    if order == list(range(len(bullets))):
        return []
    keywords = terms.in_job_order({name for names in mentioned for name in names})
    reason = (
        f"Puts the lines that show the job's skills ({join_words(list(keywords))}) first, so a reader meets them "
        "before the rest."
    )
    return [
        Suggestion(
            section,
            f"{section}.{index}.bullets",
            REORDER,
            "\n".join(bullets),
            "\n".join(bullets[i] for i in order),
            reason,
            keywords,
        )
    ]


def _skill_order(resume: Mapping, terms: JobTerms) -> list[Suggestion]:
    out = []
    for index, group in enumerate(_entries(resume, "skills")):
        items = _items(group)
        ranks = [min((terms.rank(name) for name in skill_of_item(item)), default=2) for item in items]
        order = sorted(range(len(items)), key=lambda i: ranks[i])
        if order == list(range(len(items))):
            continue
        keywords = terms.in_job_order({name for item in items for name in skill_of_item(item)})
        out.append(
            Suggestion(
                "skills",
                f"skills.{index}.items",
                REORDER,
                "\n".join(items),
                "\n".join(items[i] for i in order),
                "Lists the skills this job asks for first: required ones, then preferred ones, then the rest.",
                keywords,
            )
        )
    return out


# --- skills the experience shows --------------------------------------------------------------------------------


def _added_skills(resume: Mapping, terms: JobTerms) -> list[Suggestion]:
    groups = _entries(resume, "skills")
    if not groups:
        return []
    listed = {name for group in groups for item in _items(group) for name in skill_of_item(item)}
    shown = {name for section in ("experience", "projects") for name in _skills_in_bullets(resume, section)}
    missing = [name for name in terms.skills if name in shown and name not in listed]
    by_group: dict[int, list[str]] = {}
    for name in missing:
        by_group.setdefault(_best_group(groups, name), []).append(name)
    out = []
    for index in sorted(by_group):
        added = by_group[index]
        items = _items(groups[index])
        out.append(
            Suggestion(
                "skills",
                f"skills.{index}.items",
                ADD_SKILL,
                "\n".join(items),
                "\n".join([*items, *added]),
                f"Your experience already shows {join_words(added)}, which this job asks for, but your skills "
                "section does not list " + ("them." if len(added) > 1 else "it."),
                tuple(added),
            )
        )
    return out


def _best_group(groups: list[Mapping], name: str) -> int:
    """The group for a new skill: the one holding most skills of its category (a group named for the category
    breaks ties); with no such group, the first with no category in its name, then the first not named for a
    narrow kind ("Languages" takes no framework), else the first."""
    skill = taxonomy().get(name)
    category = skill.category if skill else ""
    scores = []
    for group in groups:
        same = sum(
            1
            for item in _items(group)
            for found in skill_of_item(item)
            if (other := taxonomy().get(found)) and other.category == category
        )
        scores.append(2 * same + _names_category(group, category))
    if max(scores) > 0:
        return scores.index(max(scores))
    unnamed = [index for index, group in enumerate(groups) if not any(_names_category(group, c) for c in _GROUP_HINTS)]
    broad = [index for index, group in enumerate(groups) if not any(_names_category(group, c) for c in _NARROW)]
    return (unnamed or broad or [0])[0]


def _names_category(group: Mapping, category: str) -> bool:
    heading = str(group.get("group") or "").lower()
    return any(hint in heading for hint in _GROUP_HINTS.get(category, ()))


def _skills_in_bullets(resume: Mapping, section: str) -> list[str]:
    names: list[str] = []
    for entry in _entries(resume, section):
        for bullet in _bullets(entry):
            names.extend(name for name in skills_in(bullet) if name not in names)
    return names


# --- summary ----------------------------------------------------------------------------------------------------


def _summary(resume: Mapping, terms: JobTerms, today: date) -> list[Suggestion]:
    """A summary of resume facts only: the latest title, the years and the job's skills the resume shows. Nothing
    else goes in, so every word of it can be traced back to the resume.

    A resume with a summary keeps it: the facts make a new opening sentence, which takes the place of the old one
    only when that one says the same kind of thing (the title, the years); every other sentence stays as written.
    Years the summary states are never contradicted: the new sentence repeats the user's own figure, or leaves the
    years out when a sentence that stays states them.
    """
    experience = _entries(resume, "experience")
    title = facts.latest_title(experience)
    dated = facts.experience_years(experience, today) or None
    skills = terms.in_job_order(_resume_skills(resume))[:SUMMARY_SKILLS]
    before = _summary_text(resume)
    if not " ".join(before.split()):
        return _new_summary(before, title, dated, skills)
    return _summary_over(before, title, dated, skills)


def _new_summary(before: str, title: str | None, years: int | None, skills: tuple[str, ...]) -> list[Suggestion]:
    text = summary_text(title, years, skills)
    if not text:
        return []
    shown = []
    if title:
        shown.append("your latest title")
    if years:
        shown.append("the years your dates add up to")
    if skills:
        shown.append(f"the job's skills you already show ({join_words(list(skills))})")
    reason = f"Adds a summary written only from your resume: {join_words(shown)}."
    return [Suggestion("summary", "summary.text", SUMMARY, before, text, reason, skills)]


def _summary_over(before: str, title: str | None, dated: int | None, skills: tuple[str, ...]) -> list[Suggestion]:
    current = " ".join(before.split())
    lowered = current.lower()
    if title and title.lower() in lowered and set(skills) <= set(skills_in(current)):
        return []  # it already names the latest title and the job's skills the resume shows
    sentences = _SENTENCE_BREAK.split(current)
    opening = sentences[0]
    stated = _STATED_YEARS.search(current)
    replaces = bool(
        (title and title.lower() in opening.lower())
        or (stated and stated.start() < len(opening))
        or _words_of(opening) <= _words_of(summary_text(title, None, skills) or "")
    )
    kept = sentences[1:] if replaces else sentences
    if stated is None:
        years: int | str | None = dated
        years_note = "the years your dates add up to" if dated else ""
    elif any(_STATED_YEARS.search(sentence) for sentence in kept):
        years, years_note = None, ""  # a sentence that stays says it already
    else:
        years = " ".join(stated.group(0).split())
        years_note = f'the years as your summary states them ("{years}")'
    first = summary_text(title, years, skills)
    if not first:
        return []
    text = " ".join([first, *kept])
    if text == current:
        return []
    shown = []
    if title:
        shown.append("your latest title")
    if years_note:
        shown.append(years_note)
    if skills:
        shown.append(f"the job's skills you already show ({join_words(list(skills))})")
    lead = "Replaces your opening sentence with" if replaces else "Adds before your summary"
    reason = f"{lead} one written only from your resume: {join_words(shown)}."
    if kept:
        reason += " The rest of your summary stays as you wrote it."
    return [Suggestion("summary", "summary.text", SUMMARY, before, text, reason, skills)]


# "8 years", "15+ years", "over 20 years": a figure the user states, which a suggestion must not contradict.
_STATED_YEARS = re.compile(
    r"\b(?:(?:over|more than|nearly|almost|about|around|some|close to)\s+)?\d{1,2}\s*\+?\s*(?:years?|yrs?)\b", re.I
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SMALL_WORDS = verbs.word_set("a an and in of the with")


def _words_of(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9+#]+", text.lower()) if word not in _SMALL_WORDS}


def summary_text(title: str | None, years: int | str | None, skills: tuple[str, ...]) -> str | None:
    """The facts sentence. ``years`` is a count from the dates or the user's own phrase for it ("over 20 years")."""
    if isinstance(years, str):
        span = f"{years} of experience"
    else:
        span = f"{years} year{'s' if years != 1 else ''} of experience" if years else ""
    listed = join_words([as_written(name, at_start=False) for name in skills])
    if title and span and listed:
        return f"{title} with {span} in {listed}."
    if title and listed:
        return f"{title} experienced in {listed}."
    if span and listed:
        return f"Professional with {span} in {listed}."
    if title and span:
        return f"{title} with {span}."
    return None


def _resume_skills(resume: Mapping) -> set[str]:
    """Every skill the resume names anywhere a reader would see it."""
    texts = [_summary_text(resume)]
    for section in ("experience", "projects"):
        for entry in _entries(resume, section):
            texts.extend([str(entry.get("title") or ""), str(entry.get("name") or "")])
            texts.append(str(entry.get("description") or ""))
            texts.extend(_bullets(entry))
    names = {name for text in texts for name in skills_in(text)}
    names.update(name for group in _entries(resume, "skills") for item in _items(group) for name in skill_of_item(item))
    return names


# --- reading the resume -----------------------------------------------------------------------------------------


def _entries(resume: Mapping, section: str) -> list[Mapping]:
    # A malformed entry reads as empty rather than dropped, so the indices of the paths stay the resume's own.
    return [entry if isinstance(entry, Mapping) else {} for entry in resume.get(section) or []]


def _bullets(entry: Mapping) -> list[str]:
    return [bullet if isinstance(bullet, str) else "" for bullet in entry.get("bullets") or []]


def _items(group: Mapping) -> list[str]:
    return ["" if item is None else str(item) for item in group.get("items") or []]


def _summary_text(resume: Mapping) -> str:
    return str((resume.get("summary") or {}).get("text") or "")
