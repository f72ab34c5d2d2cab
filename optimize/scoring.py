# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
"""The deterministic resume-vs-job score of the offline engine (pure Python, no Django).

``score(resume, job)`` compares parsed resume sections (schema v1) with a job's analysis
(``jobs.analysis.analyze_job(...).to_dict()``) and returns an ``Analysis``: six components worth the points of
``WEIGHTS`` (see docs/scoring.md), the gaps, and the years of experience. The same inputs (and the same
``today``) always give the same result to the digit: every collection is ordered by the job's text or sorted, and
points are added up in tenths as integers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from jobs.analysis.fields import find_seniority
from jobs.skills import extract_skills, normalize_skill
from jobs.text import clean_text
from optimize.ai.types import LABELS, WEIGHTS, Analysis, Gaps, Job, ScoreComponent
from optimize.rewriting import verbs

# How many keywords (besides skills) are taken from the job description.
KEYWORD_COUNT = 10
# A resume of this many words is neither thin nor padded (roughly one to two pages).
GOOD_LENGTH = (300, 1000)
# Share of bullets with a measurable result that earns the full points for it: not every bullet needs a number.
MEASURABLE_TARGET = 0.5
# How much an older title or the summary counts against the most recent title when matching the job title.
OLDER_TITLE_FACTOR = 0.85
SUMMARY_TITLE_FACTOR = 0.75
# Within the title component: the words of the title, then the seniority level.
TITLE_WORDS_SHARE = 0.85
NAMES_SHOWN = 5

# Points of the quality component (WEIGHTS["quality"] in all) by part.
QUALITY_PARTS = {"contact": 4, "measurable": 5, "sections": 3, "length": 3}


# ---------------------------------------------------------------------------------------------------------------
# Resume text


def resume_text(resume: Mapping) -> str:
    """All the text of the resume's sections, one item per line (for matching skills and keywords)."""
    return "\n".join(_resume_lines(resume))


def _resume_lines(resume: Mapping) -> list[str]:
    lines: list[str] = []
    summary = _text((resume.get("summary") or {}).get("text"))
    if summary:
        lines.append(summary)
    for entry in _entries(resume, "experience"):
        lines.extend(_present(entry.get("title"), entry.get("company")))
        lines.extend(_strings(entry.get("bullets")))
    for entry in _entries(resume, "projects"):
        lines.extend(_present(entry.get("name"), entry.get("description")))
        lines.extend(_strings(entry.get("bullets")))
    for group in _entries(resume, "skills"):
        lines.extend(_strings(group.get("items")))
    for entry in _entries(resume, "education"):
        lines.extend(_present(entry.get("degree"), entry.get("field"), entry.get("school")))
        lines.extend(_strings(entry.get("details")))
    for entry in _entries(resume, "certifications"):
        lines.extend(_present(entry.get("name"), entry.get("issuer")))
    for entry in _entries(resume, "awards"):
        lines.extend(_present(entry.get("title"), entry.get("description")))
    for entry in _entries(resume, "other"):
        lines.extend(_strings(entry.get("lines")))
    return lines


def _evidence_lines(resume: Mapping) -> list[str]:
    """Where a skill is shown in use rather than listed: summary, experience and projects."""
    lines = _present((resume.get("summary") or {}).get("text"))
    for entry in _entries(resume, "experience"):
        lines.extend(_present(entry.get("title")))
        lines.extend(_strings(entry.get("bullets")))
    for entry in _entries(resume, "projects"):
        lines.extend(_present(entry.get("name"), entry.get("description")))
        lines.extend(_strings(entry.get("bullets")))
    return lines


def _entries(resume: Mapping, key: str) -> list[Mapping]:
    return [e for e in resume.get(key) or [] if isinstance(e, Mapping)]


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _present(*values: Any) -> list[str]:
    return [t for t in (_text(v) for v in values) if t]


def _strings(values: Any) -> list[str]:
    return _present(*values) if isinstance(values, list) else []


def _skills_in(lines: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for line in lines:
        found.update(m.canonical for m in extract_skills(line))
    return found


def resume_skills(resume: Mapping) -> set[str]:
    """Every skill the resume names: found in any of its lines, listed as an item of the skills section, or a
    spoken language of its languages section. The skill set the score (and job matching, jobs.matching)
    compares with a job's skills."""
    return _skills_in(_resume_lines(resume)) | _listed_skills(resume) | _listed_languages(resume)


def _listed_languages(resume: Mapping) -> set[str]:
    """The spoken languages of the languages section ("German", proficiency aside): a posting asking for fluent
    German finds it there. Each entry is a language by its place, so its name is looked up alone."""
    found: set[str] = set()
    for entry in _entries(resume, "languages"):
        canonical = normalize_skill(_text(entry.get("language")))
        if canonical:
            found.add(canonical)
    return found


def _listed_skills(resume: Mapping) -> set[str]:
    """Skills named in the skills section: each item read alone, so "k8s" or "Go" on its own is recognised."""
    found: set[str] = set()
    for group in _entries(resume, "skills"):
        for item in _strings(group.get("items")):
            canonical = normalize_skill(item)
            if canonical:
                found.add(canonical)
            found.update(m.canonical for m in extract_skills(item))
    return found


# ---------------------------------------------------------------------------------------------------------------
# Years of experience


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?\s*$")


def _month_index(value: Any, *, is_end: bool) -> int | None:
    """Months since year 0 at the start of ``value``'s month, or at the end of it for an end date.

    A year alone ("2019") stands for the middle of that year at either end, so "2019 - 2021" counts two years.
    """
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    if not m.group(2):
        return year * 12 + 6
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    return year * 12 + month - 1 + (1 if is_end else 0)


def _intervals(entries: Iterable[Mapping], today: date) -> list[tuple[int, int]]:
    now = today.year * 12 + today.month - 1  # "present" counts up to the start of this month
    spans = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        start = _month_index(entry.get("start"), is_end=False)
        end_raw = entry.get("end")
        ongoing = entry.get("current") is True or (isinstance(end_raw, str) and end_raw.strip().lower() == "present")
        end = now if ongoing else _month_index(end_raw, is_end=True)
        if start is None or end is None:
            continue
        end = min(end, now)
        if end > start:
            spans.append((start, end))
    return sorted(spans)


def _merged_months(spans: Sequence[tuple[int, int]]) -> int:
    total = 0
    current: tuple[int, int] | None = None
    for start, end in spans:  # sorted
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return total


def dated_years(resume: Mapping, today: date) -> float | None:
    """``experience_years`` of the resume's experience, or None when no entry has readable dates."""
    experience = _entries(resume, "experience")
    return experience_years(experience, today) if _intervals(experience, today) else None


def experience_years(entries: Iterable[Mapping], today: date | None = None) -> float:
    """Years covered by experience entries' start/end dates, overlapping periods counted once (one decimal).

    "present" (or ``current``) runs to ``today``; entries without a readable start and end are left out, so a
    resume with no dated entry gives 0.0.
    """
    months = _merged_months(_intervals(entries, today or date.today()))
    return _tenths(months / 12) / 10


# ---------------------------------------------------------------------------------------------------------------
# Job title

_SENIORITY_RANK = {"intern": 0, "junior": 1, "mid": 2, "senior": 3, "lead": 4, "staff": 4, "director": 5}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SENIORITY_WORDS = _words(
    "senior sr snr junior jr lead principal staff intern internship entry level mid i ii iii iv v trainee "
    "graduate experienced"
)
_TITLE_STOP = _words("of and the a an for to in at with on remote hybrid onsite m f d w x")
_TITLE_PHRASES = [
    (re.compile(r"\bback[\s-]end\b"), "backend"),
    (re.compile(r"\bfront[\s-]end\b"), "frontend"),
    (re.compile(r"\bfull[\s-]stack\b"), "fullstack"),
    (re.compile(r"\bdev[\s-]?ops\b"), "devops"),
    (re.compile(r"\bsre\b"), "site reliability engineer"),
    (re.compile(r"\b(?:swe|sde)\b"), "software engineer"),
    (re.compile(r"\bml\b"), "machine learning"),
    (re.compile(r"\bui/ux\b|\bux/ui\b"), "ux ui"),
]
_TITLE_SYNONYMS = {
    "developer": "engineer",
    "developers": "engineer",
    "programmer": "engineer",
    "dev": "engineer",
    "eng": "engineer",
    "engineers": "engineer",
    "engineering": "engineer",
    "mgr": "manager",
    "management": "manager",
    "administrator": "admin",
}


def title_words(title: str) -> list[str]:
    """The words of a job title that say what the job is: lower-case, seniority and filler removed, synonyms
    merged ("Sr. Back-End Developer" -> ["backend", "engineer"])."""
    text = (title or "").lower()
    for pattern, replacement in _TITLE_PHRASES:
        text = pattern.sub(replacement, text)
    words: list[str] = []
    for raw in re.findall(r"[a-z0-9+#]+", text):
        word = _TITLE_SYNONYMS.get(raw, raw)
        if word in _SENIORITY_WORDS or word in _TITLE_STOP or word in words:
            continue
        words.append(word)
    return words


def seniority_closeness(wanted: str | None, have: str | None) -> float:
    """1.0 for the level asked for (or when none is asked for), 0.5 one level off or unknown, else 0.0."""
    if wanted not in _SENIORITY_RANK:
        return 1.0
    if have not in _SENIORITY_RANK:
        return 0.5
    gap = abs(_SENIORITY_RANK[wanted] - _SENIORITY_RANK[have])
    return 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0


def _most_recent_first(entries: Sequence[Mapping], today: date) -> list[Mapping]:
    """Experience entries with a title, the most recently ended first (undated ones keep document order after)."""
    now = today.year * 12 + today.month

    def end_key(pair: tuple[int, Mapping]) -> tuple[int, int]:
        index, entry = pair
        end_raw = entry.get("end")
        if entry.get("current") is True or (isinstance(end_raw, str) and end_raw.strip().lower() == "present"):
            end = now
        else:
            end = _month_index(end_raw, is_end=True) or -1
        return (-end, index)

    titled = [(i, e) for i, e in enumerate(entries) if _text(e.get("title"))]
    return [e for _, e in sorted(titled, key=end_key)]


# ---------------------------------------------------------------------------------------------------------------
# Keywords

_STOP_WORDS = _words(
    """
    a about above across after again against all almost also although always am among an and another any anyone
    anything are around as at be because been before being below between both but by can could day days did do
    does doing done down during each either else enough etc even ever every everything few for from further get
    gets getting given go goes going good great had has have having he her here hers high how however i if in
    including into is it its itself just keep kind know known least less like likely lot lots low made make makes
    making many may me might more most much must my need needed needs new next no non nor not now of off often on
    once one only onto or other others our ours out over own part per plus quite rather really same see seek
    seeking several shall she should since so some someone something such take takes taking than that the their
    them then there these they thing things this those though through throughout thus to together too toward
    towards under unless until up upon us use used uses using very via want wants was way ways we well were what
    whatever when where whether which while who whom whose why will with within without work worked working works
    would year years yet you your yours yourself able ability abilities apply applicant applicants benefit
    benefits best bring building candidate candidates career closely company companies competitive
    comfortable culture deep degree demonstrated desire drive driven eager employee employees environment
    equal excellent excited exciting expect expected experience experienced experiences familiar familiarity field
    help helping ideal ideally impact include includes join joining knowledge looking love member members mission
    must-have nice opportunities opportunity passion passionate people plus position preferred proficiency
    proficient proven related relevant required requirement requirements responsibilities responsibility role
    roles skill skilled skills solid strong successful support team teams thrive understanding world wide
    run runs running own owns owning ensure ensuring sound fast paced high-quality top great closely daily
    senior junior lead principal staff mid level entry write writes writing
    """
)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}/|•*\"“”<>=\n\t]|\s[-–—]\s|\s&\s")
_WORD = re.compile(r"[a-z][a-z0-9+#'’-]*[a-z0-9+#]|[a-z]")


# Compounds written as two words that name one thing ("front end website" is a front-end website, not an "end
# website"): joined with a hyphen before the words are read, as the hyphenated spelling is.
_OPEN_COMPOUNDS = [
    (re.compile(r"\b" + r"[\s-]+".join(phrase.split()) + r"\b"), "-".join(phrase.split()))
    for phrase in (
        "front end",
        "back end",
        "full stack",
        "end to end",
        "real time",
        "open source",
        "server side",
        "client side",
        "cross platform",
        "on call",
    )
]


def _join_compounds(text: str) -> str:
    for pattern, joined in _OPEN_COMPOUNDS:
        text = pattern.sub(joined, text)
    return text


# -ing forms of listed verbs that name a field or an activity more often than they say what someone does.
_NOUN_GERUNDS = _words("engineering monitoring onboarding consulting troubleshooting mentoring recruiting scaling")


def _is_verb(word: str) -> bool:
    """A verb form that is not also a common noun ("developing", "optimize", but not "design" or "testing")."""
    return verbs.analyse(word) is not None and word not in verbs.AMBIGUOUS and word not in _NOUN_GERUNDS


def _stem(word: str) -> str:
    word = word.replace("-", "").replace("'", "").replace("’", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _content_words(clause: str) -> list[str | None]:
    """The clause's words, with None in place of a stop word (it breaks a phrase)."""
    out: list[str | None] = []
    for word in _WORD.findall(clause.lower()):
        if word in _STOP_WORDS or len(word) < 3 or word.endswith("ly"):
            out.append(None)
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class Keyword:
    text: str  # as first written in the job description (lower case)
    stems: tuple[str, ...]


def job_keywords(job: Job, limit: int = KEYWORD_COUNT) -> list[Keyword]:
    """Significant terms of the job description that are not skills: the most frequent phrases of two words and
    words from the requirements and responsibilities (the whole text when it has no such headings), ties broken
    by first appearance."""
    analysis = job.analysis or {}
    sections = analysis.get("sections") or {}
    lines = [*(sections.get("requirements") or []), *(sections.get("responsibilities") or [])]
    if not lines:
        lines = clean_text(job.text or "").splitlines()
    lines = _mend_broken_words(lines)
    # The title is scored on its own, and the employer's name and place are no skill of the candidate.
    title = analysis.get("title") or job.title or ""
    named = f"{title} {analysis.get('company') or job.company or ''} {analysis.get('location') or ''}"
    excluded = {_title_stem(w) for w in _WORD.findall(_join_compounds(named.lower()))}

    counts: dict[tuple[str, ...], int] = {}
    first_seen: dict[tuple[str, ...], tuple[int, str]] = {}
    # Terms seen at the end of a phrase at least once. One with a hyphenated word that is always followed by
    # another word is cut off its noun ("hands-on" and "hands-on software" of "hands-on software development",
    # "fundamental front-end" of "fundamental front-end languages"): no term of its own.
    ends_phrase: set[tuple[str, ...]] = set()
    position = 0
    for line in lines:
        # Skills are scored on their own; cut them out so they neither count nor join two words into a phrase.
        cut = list(line)
        for mention in extract_skills(line):
            cut[mention.start : mention.end] = ["|"] * (mention.end - mention.start)
        for clause in _CLAUSE_BREAK.split("".join(cut)):
            words = _content_words(_join_compounds(clause.lower()))
            for i, word in enumerate(words):
                if word is None:
                    continue
                grams = [(word,)]
                if i + 1 < len(words) and words[i + 1] is not None:
                    grams.append((word, words[i + 1]))
                for gram in grams:
                    stems = tuple(_stem(w) for w in gram)
                    if all(_title_stem(w) in excluded for w in gram) or _is_fragment(gram):
                        continue
                    counts[stems] = counts.get(stems, 0) + 1
                    first_seen.setdefault(stems, (position, " ".join(gram)))
                    after = i + len(gram)
                    if after >= len(words) or words[after] is None:
                        ends_phrase.add(stems)
                position += 1
    for stems in list(counts):
        if "-" in first_seen[stems][1] and stems not in ends_phrase:
            del counts[stems]

    # A phrase of two words says more than a single word: it counts double.
    ranked = sorted(counts, key=lambda s: (-counts[s] * len(s), first_seen[s][0], len(s)))
    chosen: list[Keyword] = []
    for stems in ranked:
        if len(chosen) >= limit:
            break
        if len(stems) == 1 and any(stems[0] in k.stems for k in chosen):
            continue
        if len(stems) == 1 and counts[stems] < 2 and len(lines) > 3:
            continue  # a word said once in a long posting is noise
        chosen.append(Keyword(first_seen[stems][1], stems))
    return chosen


def _mend_broken_words(lines: list[str]) -> list[str]:
    """Lines with a word broken across them ("transaction man-" / "agement") joined, so no half word is read."""
    out: list[str] = []
    for line in lines:
        if out and re.search(r"[a-z]-$", out[-1]) and line[:1].islower():
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
    return out


def _title_stem(word: str) -> str:
    stem = _stem(word)
    return _TITLE_SYNONYMS.get(stem, stem)


def _is_fragment(gram: tuple[str, ...]) -> bool:
    """A lone verb ("developing") or a pair that opens or closes with one ("developing applications"): a duty as
    the job phrases it, not a term a resume would share."""
    return _is_verb(gram[0]) or _is_verb(gram[-1])


def _line_stems(lines: Iterable[str]) -> list[set[str]]:
    """Per resume line, the stems of its words and of each pair of neighbours joined ("on call" ~ "on-call")."""
    out = []
    for line in lines:
        words = [_stem(w) for w in _WORD.findall(line.lower())]
        out.append(set(words) | {a + b for a, b in itertools.pairwise(words)})
    return out


# ---------------------------------------------------------------------------------------------------------------
# Quality

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PERCENT = re.compile(r"\d\s*(?:%|percent\b)", re.I)
_MONEY = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:usd|eur|gbp|dollars|euros)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*(?:\s?[kmbx]\b|\+)?")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def is_measurable(bullet: str) -> bool:
    """Whether a bullet states a result in numbers: a percentage, an amount of money or a count (a year alone,
    as in "since 2019", does not count)."""
    if _PERCENT.search(bullet) or _MONEY.search(bullet):
        return True
    return any(not _YEAR.match(m.group().rstrip(",.")) for m in _NUMBER.finditer(bullet))


def _bullets(resume: Mapping) -> list[str]:
    out: list[str] = []
    for key in ("experience", "projects"):
        for entry in _entries(resume, key):
            out.extend(_strings(entry.get("bullets")))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Scoring


def score(resume: Mapping, job: Job, today: date | None = None) -> Analysis:
    """Score ``resume`` (parsed sections, schema v1) against ``job``: 0-100 with its breakdown and gaps.

    ``today`` ends the roles marked "present"; pass it to get the same score on another day.
    """
    today = today or date.today()
    analysis = job.analysis or {}
    lines = _resume_lines(resume)
    # resume_skills(resume), the lines read once
    have_skills = _skills_in(lines) | _listed_skills(resume) | _listed_languages(resume)
    required = job_skills(analysis, "required")
    preferred = job_skills(analysis, "preferred")

    matched_required = tuple(s for s in required if s in have_skills)
    missing_required = tuple(s for s in required if s not in have_skills)
    matched_preferred = tuple(s for s in preferred if s in have_skills)
    missing_preferred = tuple(s for s in preferred if s not in have_skills)

    resume_years = dated_years(resume, today)
    required_years = job_required_years(analysis)

    components = [
        _required_component(required, preferred, have_skills),
        _skills_component("preferred_skills", "preferred", preferred, have_skills),
        _title_component(resume, job, today, resume_years),
        _experience_component(resume_years, required_years),
        _keywords_component(job, lines),
        _quality_component(resume, lines),
    ]
    total_tenths = sum(_tenths(c.earned) for c in components)
    listed = _listed_skills(resume)
    evidenced = _skills_in(_evidence_lines(resume))
    unevidenced = tuple(s for s in [*required, *preferred] if s in listed and s not in evidenced)
    return Analysis(
        score=max(0, min(100, (total_tenths + 5) // 10)),
        components=tuple(components),
        gaps=Gaps(missing_required=missing_required, missing_preferred=missing_preferred, unevidenced=unevidenced),
        matched_required=matched_required,
        matched_preferred=matched_preferred,
        resume_years=resume_years,
        required_years=required_years,
    )


def job_skills(analysis: Mapping, kind: str) -> list[str]:
    """Canonical skill names of the job in the order the description names them, each once."""
    names: list[str] = []
    for item in (analysis.get("skills") or {}).get(kind) or []:
        name = item.get("skill") if isinstance(item, Mapping) else item
        if isinstance(name, str) and name and name not in names:
            names.append(name)
    return names


def job_required_years(analysis: Mapping) -> int | None:
    """The minimum years of experience the job asks for, or None."""
    value = analysis.get("years_experience")
    if isinstance(value, Mapping):
        value = value.get("min")
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return int(value)


def _tenths(value: float) -> int:
    """``value`` in tenths, half rounded up (exact for the one-decimal values components carry)."""
    return int(value * 10 + 0.5 + 1e-9)


def _component(key: str, fraction: float, detail: str) -> ScoreComponent:
    weight = WEIGHTS[key]
    earned = _tenths(weight * max(0.0, min(1.0, fraction))) / 10
    return ScoreComponent(key=key, label=LABELS[key], weight=weight, earned=earned, detail=detail)


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def required_skill_list(required: Sequence[str], preferred: Sequence[str]) -> tuple[str, list[str]]:
    """What the required-skills part compares: ("required", the required skills) or, when the job marks none as
    required, ("listed", every skill it names); ("", []) when it names none (the part then counts in full)."""
    if required:
        return "required", list(required)
    everything = [*required, *(s for s in preferred if s not in required)]
    return ("listed", everything) if everything else ("", [])


def skill_coverage(wanted: Sequence[str], have: set[str] | frozenset[str]) -> float:
    """Share of ``wanted`` found in ``have``; 1.0 when nothing is wanted."""
    if not wanted:
        return 1.0
    return sum(1 for s in wanted if s in have) / len(wanted)


def _required_component(required: list[str], preferred: list[str], resume_skills: set[str]) -> ScoreComponent:
    kind, wanted = required_skill_list(required, preferred)
    if not wanted:
        return _component(
            "required_skills", 1.0, "The job description names no specific skills, so this part counts in full."
        )
    return _skills_component("required_skills", kind, wanted, resume_skills)


def _skills_component(key: str, kind: str, wanted: list[str], resume_skills: set[str]) -> ScoreComponent:
    if not wanted:
        return _component(key, 1.0, f"The job lists no {kind} skills, so this part counts in full.")
    missing = [s for s in wanted if s not in resume_skills]
    have = len(wanted) - len(missing)
    detail = f"Your resume shows {have} of the {len(wanted)} {kind} skills"
    detail += f"; missing: {_names(missing)}." if missing else "."
    return _component(key, skill_coverage(wanted, resume_skills), detail)


def _title_component(resume: Mapping, job: Job, today: date, resume_years: float | None) -> ScoreComponent:
    analysis = job.analysis or {}
    job_title = _text(analysis.get("title") or job.title)
    wanted = title_words(job_title)
    if not wanted:
        return _component("title", 1.0, "The job description gives no clear title, so this part counts in full.")

    candidates: list[tuple[float, str]] = []
    recent = _most_recent_first(_entries(resume, "experience"), today)
    for index, entry in enumerate(recent):
        title = _text(entry.get("title"))
        factor = 1.0 if index == 0 else OLDER_TITLE_FACTOR
        candidates.append((factor * _overlap(wanted, title_words(title)), title))
    summary = _text((resume.get("summary") or {}).get("text"))
    if summary:
        candidates.append((SUMMARY_TITLE_FACTOR * _overlap(wanted, title_words(summary)), ""))
    words, source = max(candidates, key=lambda c: c[0], default=(0.0, ""))
    source = f'"{source}"' if source else "Your summary"

    level = _level(recent, resume_years)
    closeness = seniority_closeness(analysis.get("seniority"), level)
    fraction = TITLE_WORDS_SHARE * words + (1 - TITLE_WORDS_SHARE) * closeness

    if not candidates:
        detail = f'Your resume has no job title to compare with "{job_title}".'
    elif words >= 1.0:
        detail = f'{source} matches the job title "{job_title}".'
    elif words > 0:
        detail = f'{source} is close to the job title "{job_title}" but not the same.'
    else:
        detail = f'None of your titles resembles the job title "{job_title}".'
    if analysis.get("seniority") in _SENIORITY_RANK and closeness < 1.0:
        detail = detail[:-1] + f", and the level asked for is {analysis['seniority']}."
    return _component("title", fraction, detail)


def _level(recent: Sequence[Mapping], resume_years: float | None) -> str | None:
    years = int(resume_years) if resume_years is not None else None
    latest_title = _text(recent[0].get("title")) if recent else ""
    return find_seniority(latest_title, "", years) if latest_title or years is not None else None


def resume_level(resume: Mapping, today: date, resume_years: float | None) -> str | None:
    """The seniority the resume shows: from its most recent title, else from its years (as the title part of the
    score reads it)."""
    return _level(_most_recent_first(_entries(resume, "experience"), today), resume_years)


def resume_titles(resume: Mapping, today: date) -> list[str]:
    """The resume's job titles, the most recent first."""
    return [_text(e.get("title")) for e in _most_recent_first(_entries(resume, "experience"), today)]


def title_overlap(wanted: Sequence[str], have: Sequence[str] | frozenset[str]) -> float:
    """Share of the job title's words (``title_words``) found among ``have``; ``wanted`` must not be empty."""
    return sum(1 for w in wanted if w in have) / len(wanted)


_overlap = title_overlap


def _experience_component(resume_years: float | None, required_years: int | None) -> ScoreComponent:
    if required_years is None:
        return _component(
            "experience", 1.0, "The job asks for no particular number of years, so this part counts in full."
        )
    if resume_years is None:
        return _component(
            "experience",
            0.0,
            f"The job asks for {required_years}+ years, but no dates could be read from your experience; "
            "add start and end dates (e.g. Jan 2020 - Present).",
        )
    if resume_years >= required_years:
        detail = f"Your dates add up to {resume_years:.1f} years, meeting the {required_years}+ years asked for."
    else:
        detail = f"Your dates add up to {resume_years:.1f} years of the {required_years}+ years asked for."
    return _component("experience", years_fraction(resume_years, required_years), detail)


def years_fraction(resume_years: float | None, required_years: int | None) -> float:
    """The experience part's share: 1.0 when no years are asked for, 0.0 when the resume has no dates."""
    if required_years is None:
        return 1.0
    if resume_years is None:
        return 0.0
    return resume_years / required_years


def _keywords_component(job: Job, lines: list[str]) -> ScoreComponent:
    keywords = job_keywords(job)
    if not keywords:
        return _component("keywords", 1.0, "No other keywords stand out in the job description.")
    per_line = _line_stems(lines)
    missing = [k.text for k in keywords if not any(set(k.stems) <= stems for stems in per_line)]
    have = len(keywords) - len(missing)
    detail = f"Your resume uses {have} of {len(keywords)} other key terms of the job description"
    detail += f"; missing: {_names(missing)}." if missing else "."
    return _component("keywords", have / len(keywords), detail)


def _quality_component(resume: Mapping, lines: list[str]) -> ScoreComponent:
    contact = resume.get("contact") or {}
    email = _text(contact.get("email"))
    contact_missing = [
        label
        for label, ok in (
            ("name", bool(_text(contact.get("name")))),
            ("email", bool(_EMAIL.fullmatch(email))),
            ("phone", sum(c.isdigit() for c in _text(contact.get("phone"))) >= 7),
        )
        if not ok
    ]
    bullets = _bullets(resume)
    measurable = sum(1 for b in bullets if is_measurable(b))
    sections_missing = [
        name
        for name, present in (
            ("experience", bool(_entries(resume, "experience"))),
            ("education", bool(_entries(resume, "education"))),
            ("skills", any(_strings(g.get("items")) for g in _entries(resume, "skills"))),
        )
        if not present
    ]
    word_count = sum(len(line.split()) for line in lines) + len(_text(contact.get("name")).split())
    low, high = GOOD_LENGTH
    if word_count < low:
        length = word_count / low
    elif word_count > high:
        length = max(0.0, 1 - (word_count - high) / high)
    else:
        length = 1.0

    parts = {
        "contact": (3 - len(contact_missing)) / 3,
        "measurable": min(1.0, measurable / len(bullets) / MEASURABLE_TARGET) if bullets else 0.0,
        "sections": (3 - len(sections_missing)) / 3,
        "length": length,
    }
    fraction = sum(QUALITY_PARTS[k] * v for k, v in parts.items()) / WEIGHTS["quality"]

    notes = [f"contact details miss {_and(contact_missing)}" if contact_missing else "contact details complete"]
    notes.append(f"{measurable} of {len(bullets)} bullets show a measurable result" if bullets else "no bullet points")
    if sections_missing:
        notes.append(f"no {_and(sections_missing)} section")
    if word_count < low:
        notes.append(f"{word_count} words is short")
    elif word_count > high:
        notes.append(f"{word_count} words is long")
    else:
        notes.append(f"{word_count} words is a good length")
    detail = "; ".join(notes)
    return _component("quality", fraction, detail[0].upper() + detail[1:] + ".")


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
