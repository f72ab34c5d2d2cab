# ruff: noqa: RUF001  (typographic quotes and dashes here are data this code must handle)
"""The truthfulness guard: refuse any suggestion that adds a fact the source resume does not contain.

A fact is an employer, job title, school, degree, date, number or skill. "Contains" means anywhere in the
resume, not only in the text being replaced: a rewrite may move a true fact (the total years of experience,
a skill from the skills list) into a bullet or the summary. Pure Python; every AI provider's suggestions pass
through ``guard`` in ``optimize.ai.chain``.

How each fact is recognised in a suggestion's ``after`` text:

* skills: ``jobs.skills.extract_skills`` canonical names ("k8s" and "Kubernetes" are the same skill);
* numbers: digits ("1,200" == "1200", "40%" is 40, "$2M" and "2 million" are 2,000,000), number words
  ("five", "a dozen", "two hundred"), "hundreds of"-style magnitudes and "doubled"/"tripled";
* dates: years 1950-2099 and month-year pairs;
* degrees: by level (bachelor, master, MBA, doctorate, associate, JD, MD), then the words of the degree;
* titles: phrases built on title words ("Senior ... Engineer", "Head of ...", "VP") must appear in one
  title or line of the resume, so known words cannot be recombined into a promotion;
* employers and schools: capitalised words that are not sentence openers must be words of the resume.

Ordinary words are not facts: "Responsible for managing the team" -> "Managed the team" passes.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from jobs.skills import extract_skills, normalize_skill
from optimize.ai.types import ADD_SKILL, FLAG_METRIC, REORDER, GuardVerdict, Suggestion

log = logging.getLogger("careeragent.guard")


def _wordlist(words: str) -> list[str]:
    return words.split()


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


EMPLOYER, TITLE, SCHOOL, DEGREE, DATE, NUMBER, SKILL = (
    "employer",
    "title",
    "school",
    "degree",
    "date",
    "number",
    "skill",
)
REORDERED = "reorder"  # a REORDER whose lines are not a permutation of the original lines

# ---------------------------------------------------------------------------------------------------- numbers

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_NUMBER_RE = re.compile(
    r"(?<![\w.,/])(?P<cur>[$€£¥]\s?)?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<unit>%|percent\b|per cent\b|[kKmMbBtT]\b|mm\b|mn\b|bn\b|thousand\b|million\b|billion\b|trillion\b)"
    r"|(?P<other>[xX+]|st\b|nd\b|rd\b|th\b|s\b))?(?![\w])",
)
_WORD_UNITS = {
    w: i
    for i, w in enumerate(
        _wordlist(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen"
        )
    )
}
_WORD_TENS = {w: 10 * i for i, w in enumerate(_wordlist("twenty thirty forty fifty sixty seventy eighty ninety"), 2)}
_SPELLED_RE = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_WORD_TENS) + r")(?:[- ](?P<tu>" + "|".join(list(_WORD_UNITS)[1:10]) + r"))?"
    r"|(?P<unit>" + "|".join(_WORD_UNITS) + r")|(?P<a>an?|a single)(?=\s+(?:hundred|thousand|million|billion|dozen)))"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion|dozen))?\b",
    re.I,
)
# Vague magnitudes: true when the resume uses the same word or has a number in the range.
_MAGNITUDES = {
    "dozens": (24, 144),
    "hundreds": (200, 1e3),
    "thousands": (2e3, 1e6),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
_MAGNITUDE_RE = re.compile(r"\b(" + "|".join(_MAGNITUDES) + r")\b", re.I)
_MULTIPLIERS = {"doubled": (2, 100), "tripled": (3, 200), "quadrupled": (4, 300), "halved": (0.5, 50)}
_MULTIPLIER_RE = re.compile(r"\b(" + "|".join(_MULTIPLIERS) + r")\b", re.I)
# Set phrases whose digits are not a claim.
_IDIOM_RE = re.compile(r"\b(?:24/7|24x7|1:1|1-on-1|one-on-one|one-to-one|360-degree|360°|Web 2\.0)", re.I)

# ------------------------------------------------------------------------------------------------------ dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_YEAR_RE = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<nmonth>0?[1-9]|1[0-2])[/.](?P<nyear>(?:19|20)\d\d)\b"
    r"|\b(?P<iyear>(?:19|20)\d\d)-(?P<imonth>0[1-9]|1[0-2])\b",
    re.I,
)
_YEAR_RE = re.compile(r"(?<![\w$€£¥.,/])(?P<year>19[5-9]\d|20\d\d)(?:s|'s)?(?![\w%]|[.,]\d)")
_WEEKDAYS = _wordset("monday tuesday wednesday thursday friday saturday sunday")

# ------------------------------------------------------------------------------------------ degrees and names

_DEGREE_LEVELS = [
    ("mba", re.compile(r"\bM\.?B\.?A\b")),
    ("mba", re.compile(r"\bmaster'?s? of business administration\b", re.I)),
    ("doctorate", re.compile(r"\bPh\.?\s?D\b|\bD\.?Phil\b|\bEd\.?D\b")),
    ("doctorate", re.compile(r"\bphd\b|\bdoctor(?:ate|al)?\b(?! of medicine)", re.I)),
    ("jd", re.compile(r"\bJ\.D\.|\bJD\b")),
    ("jd", re.compile(r"\bjuris doctor\b", re.I)),
    ("md", re.compile(r"\bM\.D\.")),
    ("md", re.compile(r"\bdoctor of medicine\b", re.I)),
    # "master" alone is no degree ("multi-master replication", "master branch"); "Master of", "Master's" are.
    ("master", re.compile(r"(?<!-)\bmaster'?s?\s+(?:degree|of|in)\b|\bMaster'?s\b|\bMasters\b", re.I)),
    (
        "master",
        re.compile(
            r"\b(?:M\.?S(?!\s+(?:Office|Excel|Word|SQL|Teams|Project|Access|Azure|Visio|Dynamics))\.?c?|M\.S\.|M\.A\."
            r"|MA|M\.?Eng|M\.?Tech|M\.?Phil|MPH|MPA|MFA|LL\.M\.)(?![\w-])"
        ),
    ),
    ("bachelor", re.compile(r"\bbachelor'?s?\b|\bbaccalaureate\b|\bundergraduate degree\b", re.I)),
    ("bachelor", re.compile(r"\b(?:B\.?S\.?c?|B\.S\.|B\.A\.|BA|B\.?Eng|B\.?Tech|B\.?Com|BBA|BFA|LLB)(?![\w-])")),
    ("associate", re.compile(r"\bassociate'?s? (?:degree|of (?:arts|science|applied))\b", re.I)),
]
# Two-letter degrees that are also states, airlines and products ("Boston, MA", "MS Office"): in the resume they
# count only inside an education entry; in a suggestion they pass when the resume writes them too.
_AMBIGUOUS_DEGREES = frozenset({"MA", "MS", "BA", "BS"})
# Words that make a capitalised phrase a degree or a school; checked through levels and the resume's words.
_DEGREE_WORDS = _wordset(
    "bachelor bachelors master masters mba phd dphil edd doctorate doctoral doctor bs bsc ba msc ms ma beng meng "
    "btech mtech bcom bba bfa mfa mph mpa mphil llb jd md degree diploma baccalaureate"
)
_SCHOOL_WORDS = _wordset(
    "university universities college institute school academy polytechnic conservatory seminary universidad "
    "université universität universita università hochschule politecnico"
)
# Title words: a capitalised phrase holding one is a job title and must appear as such in the resume.
_SENIORITY = _wordset(
    "senior sr junior jr lead principal staff chief head associate assistant deputy executive managing general "
    "vice svp evp avp"
)
_ROLES = _wordset(
    "engineer developer programmer manager director architect analyst consultant scientist designer administrator "
    "specialist coordinator officer president vp cto ceo cfo coo cio cmo cpo ciso founder cofounder co-founder "
    "intern researcher technician accountant recruiter strategist representative editor writer supervisor owner "
    "partner lead head"
)
_TITLE_ALIASES = {
    "sr": ("senior",),
    "jr": ("junior",),
    "mgr": ("manager",),
    "vp": ("vice", "president"),
    "svp": ("senior", "vice", "president"),
    "evp": ("executive", "vice", "president"),
    "avp": ("assistant", "vice", "president"),
    "cofounder": ("co-founder",),
}
# A lower-case seniority word directly before a role ("senior software engineer") is a title too. "lead" and
# "head" are left out: in lower case they are verbs and nouns of ordinary sentences ("lead the migration").
_LOWER_TITLE_RE = re.compile(
    r"\b(?:senior|sr\.|junior|jr\.|principal|staff|chief|associate|assistant)\s+(?:[a-z][\w+#.-]*\s+){0,2}?"
    r"(?:" + "|".join(sorted(_ROLES - {"lead", "head", "partner", "owner"}, key=len, reverse=True)) + r")\b(?!-)",
    re.I,
)
_LEGAL_SUFFIXES = _wordset("inc incorporated llc llp ltd limited corp corporation co plc gmbh ag sa bv nv pty")
_CONNECTORS = _wordset("of and & the de la du des del da von van der den y e")
# Capitalised words that name no employer: common business acronyms and department names.
_COMMON_CAPS = _wordset(
    "i kpi kpis okr okrs roi sla slas slo slos sli p&l b2b b2c yoy mom qoq arr mrr nps csat us usa uk eu emea apac "
    "latam r&d q1 q2 q3 q4 h1 h2 fy poc mvp rfp rfc pr prs oss it hr ai ml "
    "engineering product design marketing sales finance operations legal support security data research analytics "
    "infrastructure platform growth leadership executive customer customers success people"
)
_WORD_RE = re.compile(r"[^\W\d_](?:[^\W_]|['’&.\-](?=[^\W_]))*")
# "|", "(" and "," are left out: a name after them ("Engineer | Google", "(Google)") is no sentence opener.
_SENTENCE_BREAK = set('.!?:;•*–—>"“”\n')


def _norm(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.replace("'", "").replace(".", "")


def _stem(word: str) -> str:
    word = _norm(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [_stem(m.group()) for m in _WORD_RE.finditer(text)]


# --------------------------------------------------------------------------------------------- resume facts


@dataclass
class ResumeFacts:
    """Everything the resume says, in the forms the checks compare against."""

    text: str
    vocab: set[str] = field(default_factory=set)
    units: list[list[str]] = field(default_factory=list)  # word lists of titles and text lines
    numbers: set[float] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    months: set[tuple[int, int]] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)
    degrees: set[str] = field(default_factory=set)
    experience_years: tuple[float, ...] = ()


def resume_facts(resume: Mapping) -> ResumeFacts:
    strings = list(_strings(resume))
    text = "\n".join(strings)
    facts = ResumeFacts(text=text)
    for word in _words(text):
        facts.vocab.add(word)
        facts.vocab.update(part for part in word.split("-") if part)
    titles = [str(e.get("title") or "") for e in _entries(resume, "experience")]
    facts.units = [_title_words(line) for line in titles + text.splitlines() if line.strip()]
    for value, written, _ in _numbers(text):
        facts.numbers.update((value, written))  # "$2M" vouches for 2,000,000 and for a plain 2
    facts.numbers.update(value for value, _ in _spelled(text))
    for m in _YEAR_RE.finditer(text):
        facts.years.add(int(m.group("year")))
    for (year, month), _ in _month_years(text):
        facts.months.add((year, month))
        facts.years.add(year)
    for section in ("experience", "education", "projects"):
        for entry in _entries(resume, section):
            for key in ("start", "end"):
                parsed = _parse_ym(entry.get(key))
                if parsed:
                    facts.years.add(parsed[0])
                    if parsed[1]:
                        facts.months.add(parsed)
    facts.experience_years = experience_years(resume)
    for years in facts.experience_years:
        facts.numbers.update(
            {float(math.floor(years)), math.floor(years * 10) / 10, round(years, 1), float(round(years))}
        )
    facts.skills = {m.canonical for m in extract_skills(text)}
    for group in _entries(resume, "skills"):
        for item in group.get("items") or ():
            if isinstance(item, str):
                canonical = normalize_skill(item)
                if canonical:
                    facts.skills.add(canonical)
                facts.skills.update(m.canonical for m in extract_skills(item))
    education = "\n".join(_strings(_entries(resume, "education")))
    for level, pattern in _DEGREE_LEVELS:
        if pattern.search(education) or any(m.group() not in _AMBIGUOUS_DEGREES for m in pattern.finditer(text)):
            facts.degrees.add(level)
    return facts


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            # Dates are read from "start"/"end" as dates: their "-09" is no number the resume states.
            if key not in ("confidence", "schema_version", "start", "end"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _entries(resume: Mapping, section: str) -> list[Mapping]:
    value = resume.get(section) if isinstance(resume, Mapping) else None
    return [e for e in value if isinstance(e, Mapping)] if isinstance(value, list) else []


def _parse_ym(value) -> tuple[int, int] | None:
    """(year, month) from "YYYY-MM" or (year, 0) from "YYYY"; None for "present" and anything else."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*((?:19|20)\d\d)(?:-(0[1-9]|1[0-2]))?\s*", value)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else None


def experience_years(resume: Mapping, today: date | None = None) -> tuple[float, ...]:
    """Total years of experience from the experience dates, overlaps counted once.

    Dates without a month make the total uncertain by up to a year, and people count a range either inclusively
    or not; each reading is returned (largest first) so a summary's "6 years" is accepted under any of them.
    """
    today = today or date.today()
    spans: list[tuple[tuple[int, int], tuple[int, int], bool, bool]] = []
    for entry in _entries(resume, "experience"):
        start = _parse_ym(entry.get("start"))
        end_raw = entry.get("end")
        if start is None:
            continue
        if entry.get("current") or (isinstance(end_raw, str) and end_raw.strip().lower() == "present"):
            end, end_known = (today.year, today.month), True
        else:
            end = _parse_ym(end_raw)
            if end is None:
                continue
            end_known = bool(end[1])
        spans.append((start, end, bool(start[1]), end_known))
    if not spans:
        return ()
    totals = set()
    for year_end_month in (1, 12):
        for inclusive in (0, 1):
            intervals = []
            for (sy, sm), (ey, em), _, _ in spans:
                first = sy * 12 + (sm or 1) - 1
                last = ey * 12 + (em or year_end_month) - 1 + inclusive
                if last > first:
                    intervals.append((first, last))
            totals.add(round(_union_months(intervals) / 12, 4))
    return tuple(sorted(totals, reverse=True))


def _union_months(intervals: list[tuple[int, int]]) -> int:
    total, current_end = 0, None
    for first, last in sorted(intervals):
        if current_end is None or first > current_end:
            total += last - first
            current_end = last
        elif last > current_end:
            total += last - current_end
            current_end = last
    return total


# -------------------------------------------------------------------------------------- facts in the text


def _numbers(text: str) -> list[tuple[float, float, str]]:
    """(value with its scale, value as written, surface) for each number written in digits."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        written = float(m.group("int").replace(",", "") + (m.group("dec") or ""))
        unit = (m.group("unit") or "").lower()
        scale = _SCALES.get(unit, 1.0)
        out.append((round(written * scale, 6), written, m.group().strip()))
    return out


def _spelled(text: str) -> list[tuple[float, str]]:
    out = []
    for m in _SPELLED_RE.finditer(text):
        if m.group("tens"):
            value = _WORD_TENS[m.group("tens").lower()] + (_WORD_UNITS[m.group("tu").lower()] if m.group("tu") else 0)
        elif m.group("unit"):
            value = _WORD_UNITS[m.group("unit").lower()]
        else:
            value = 1
        scale = (m.group("scale") or "").lower()
        if scale == "dozen":
            value *= 12
        elif scale:
            value *= {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}[scale]
        elif value in (0, 1):
            continue  # "one of the", "zero-downtime": not a count anybody could invent
        out.append((float(value), m.group()))
    return out


def _month_years(text: str) -> list[tuple[tuple[int, int], re.Match]]:
    out = []
    for m in _MONTH_YEAR_RE.finditer(text):
        if m.group("month"):
            ym = (int(m.group("year")), _MONTHS[m.group("month").lower()])
        elif m.group("nmonth"):
            ym = (int(m.group("nyear")), int(m.group("nmonth")))
        else:
            ym = (int(m.group("iyear")), int(m.group("imonth")))
        out.append((ym, m))
    return out


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _title_words(text: str) -> list[str]:
    out: list[str] = []
    for word in _words(text):
        if word in _CONNECTORS or word in _LEGAL_SUFFIXES:
            continue
        out.extend(_TITLE_ALIASES.get(word, (word,)))
    return out


def _in_unit(phrase: list[str], units: list[list[str]], slack: int = 2) -> bool:
    """Whether ``phrase`` occurs in order in one unit, with at most ``slack`` extra words in between."""
    if not phrase:
        return True
    for unit in units:
        for i, word in enumerate(unit):
            if word != phrase[0]:
                continue
            j, gaps, k = i + 1, 0, 1
            while k < len(phrase) and j < len(unit) and gaps <= slack:
                if unit[j] == phrase[k]:
                    k += 1
                else:
                    gaps += 1
                j += 1
            if k == len(phrase) and gaps <= slack:
                return True
    return False


# ------------------------------------------------------------------------------------------------- checks


def check(resume: Mapping, suggestion: Suggestion, *, facts: ResumeFacts | None = None) -> GuardVerdict:
    """Whether ``suggestion`` only uses facts of ``resume``; the violations name what it would add.

    ``facts`` (from ``resume_facts(resume)``) saves rebuilding them when checking many suggestions."""
    facts = facts or resume_facts(resume)
    after, before = suggestion.after, suggestion.before
    if suggestion.kind == FLAG_METRIC and after == before:
        return GuardVerdict(True)
    violations: list[tuple[str, str]] = []
    if suggestion.kind == ADD_SKILL:
        violations = _check_added_skills(facts, before, after)
    else:
        violations = _check_text(facts, after)
        if suggestion.kind == REORDER:
            violations += _check_permutation(before, after)
    violations = list(dict.fromkeys(violations))
    return GuardVerdict(not violations, tuple(violations))


def guard(
    resume: Mapping, suggestions: Iterable[Suggestion]
) -> tuple[list[Suggestion], list[tuple[Suggestion, GuardVerdict]]]:
    """Split ``suggestions`` into those kept and those dropped (with the verdict saying why)."""
    facts = resume_facts(resume)
    kept: list[Suggestion] = []
    dropped: list[tuple[Suggestion, GuardVerdict]] = []
    for suggestion in suggestions:
        verdict = check(resume, suggestion, facts=facts)
        if verdict.allowed:
            kept.append(suggestion)
            continue
        dropped.append((suggestion, verdict))
        counts = dict(Counter(kind for kind, _ in verdict.violations))
        # Kinds and counts only: the offending text may echo the user's resume.
        log.info(
            "guard dropped a %s suggestion: %s",
            suggestion.kind,
            ", ".join(f"{kind}={n}" for kind, n in sorted(counts.items())),
            extra={"suggestion_kind": suggestion.kind, "section": suggestion.section, "violations": counts},
        )
    return kept, dropped


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _check_permutation(before: str, after: str) -> list[tuple[str, str]]:
    old, new = Counter(_lines(before)), Counter(_lines(after))
    if old == new:
        return []
    extra = list((new - old).elements()) or list((old - new).elements())
    return [(REORDERED, extra[0])]


def _known_surface(facts: ResumeFacts, surface: str) -> bool:
    """Whether the resume writes this exact name (any case from three letters on) with word boundaries."""
    if len(surface) < 2:
        return False
    flags = re.I if len(surface) >= 3 else 0
    return re.search(rf"(?<![\w]){re.escape(surface)}(?![\w])", facts.text, flags) is not None


def _check_added_skills(facts: ResumeFacts, before: str, after: str) -> list[tuple[str, str]]:
    old = {line.casefold() for line in _lines(before)}
    violations: list[tuple[str, str]] = []
    for item in _lines(after):
        if item.casefold() in old or _known_surface(facts, item):
            continue
        canonical = normalize_skill(item)
        mentions = extract_skills(item)
        names = [canonical] if canonical else [m.canonical for m in mentions]
        if not names:
            violations.append((SKILL, item))
            continue
        violations += [(SKILL, name) for name in names if name not in facts.skills]
        blanked = _blank(item, [(m.start, m.end) for m in mentions]) if not canonical else ""
        violations += _check_numbers(facts, blanked)
    return violations


def _check_text(facts: ResumeFacts, text: str) -> list[tuple[str, str]]:
    mentions = extract_skills(text)
    violations = _check_skills(facts, mentions)
    # Numbers and dates inside skill names ("ISO 27001", "Python 3") belong to the skill.
    blanked = _blank(_IDIOM_RE.sub(lambda m: " " * len(m.group()), text), [(m.start, m.end) for m in mentions])
    dates, blanked = _check_dates(facts, blanked)
    violations += dates
    violations += _check_numbers(facts, blanked)
    violations += _check_degrees(facts, blanked)
    skill_spans = [(m.start, m.end) for m in mentions]
    violations += _check_names(facts, text, skill_spans)
    return violations


def _check_skills(facts: ResumeFacts, mentions) -> list[tuple[str, str]]:
    out = []
    for m in mentions:
        if m.canonical in facts.skills or _known_surface(facts, m.surface):
            continue
        if m.skill.category == "soft" and "curated" in m.skill.sources:
            continue  # traits ("leadership", "communication") are judgements a rewrite may name, not facts
        out.append((SKILL, m.canonical))
    return out


def _check_dates(facts: ResumeFacts, text: str) -> tuple[list[tuple[str, str]], str]:
    out = []
    spans = []
    for (year, month), m in _month_years(text):
        spans.append(m.span())
        if (year, month) not in facts.months:
            out.append((DATE, m.group()))
    text = _blank(text, spans)
    spans = []
    for m in _YEAR_RE.finditer(text):
        spans.append(m.span())
        year = int(m.group("year"))
        if year not in facts.years and float(year) not in facts.numbers:
            out.append((DATE, m.group("year")))
    return out, _blank(text, spans)


def _check_numbers(facts: ResumeFacts, text: str) -> list[tuple[str, str]]:
    out = []
    known = facts.numbers
    for value, _, surface in _numbers(text):
        if value not in known:
            out.append((NUMBER, surface))
    for value, surface in _spelled(text):
        if value not in known:
            out.append((NUMBER, surface))
    for m in _MAGNITUDE_RE.finditer(text):
        word = m.group().lower()
        low, high = _MAGNITUDES[word]
        # Years ("2019") in the resume are no count of anything.
        counts = (v for v in known if not (1950 <= v <= 2099 and v == int(v)))
        if _stem(word) not in facts.vocab and not any(low <= v < high for v in counts):
            out.append((NUMBER, m.group()))
    for m in _MULTIPLIER_RE.finditer(text):
        word = m.group().lower()
        if word not in facts.vocab and not set(_MULTIPLIERS[word]) & known:
            out.append((NUMBER, m.group()))
    return out


def _check_degrees(facts: ResumeFacts, text: str) -> list[tuple[str, str]]:
    out = []
    for level, pattern in _DEGREE_LEVELS:
        for m in pattern.finditer(text):
            if level in facts.degrees or (m.group() in _AMBIGUOUS_DEGREES and _known_surface(facts, m.group())):
                continue
            out.append((DEGREE, m.group()))
    return out


@dataclass
class _Token:
    text: str
    start: int
    end: int
    word: str  # stemmed, normalised
    initial: bool  # opens a line or sentence: capitalised by grammar, not because it is a name
    skill: bool  # part of a skill mention (checked as a skill)

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def _tokens(text: str, skill_spans: list[tuple[int, int]]) -> list[_Token]:
    tokens = []
    for m in _WORD_RE.finditer(text):
        if m.start() and text[m.start() - 1].isdigit():
            continue  # the unit of a number ("2B", "10x", "5th")
        i = m.start() - 1
        while i >= 0 and text[i] in " \t\u00a0'‘\"-":
            i -= 1
        initial = i < 0 or text[i] in _SENTENCE_BREAK
        if text[i : i + 1] == "." and i > 0 and text[i - 1 : i].isdigit():
            initial = False  # "3.5" is no sentence end
        skill = any(s <= m.start() and m.end() <= e for s, e in skill_spans)
        tokens.append(_Token(m.group(), m.start(), m.end(), _stem(m.group()), initial, skill))
    return tokens


def _runs(tokens: list[_Token], text: str) -> list[list[_Token]]:
    """Maximal runs of capitalised tokens, joined across connectors ("University of Porto", "AT&T")."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    pending: list[_Token] = []
    for i, token in enumerate(tokens):
        adjacent = i > 0 and _joined(text, tokens[i - 1], token)
        if token.capital and (current and adjacent):
            current += [*pending, token]
            pending = []
        elif token.capital:
            if current:
                runs.append(current)
            current, pending = [token], []
        elif current and adjacent and token.word in _CONNECTORS and len(pending) < 2:
            pending.append(token)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
    if current:
        runs.append(current)
    return runs


def _joined(text: str, a: _Token, b: _Token) -> bool:
    gap = text[a.end : b.start]
    return len(gap) <= 3 and all(c in " \t&-" for c in gap)


def _is_title_word(token: _Token) -> bool:
    word = _norm(token.text)
    return word in _ROLES or word in _SENIORITY or _stem(word) in _ROLES


def _check_names(facts: ResumeFacts, text: str, skill_spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    tokens = _tokens(text, skill_spans)
    out: list[tuple[str, str]] = []
    for run in _runs(tokens, text):
        if len(run) == 1 and run[0].initial and not _is_title_word(run[0]):
            continue  # a capitalised sentence opener ("Managed", "Built")
        if len(run) == 1 and run[0].initial and run[0].word in ("lead", "head", "staff", "principal", "associate"):
            continue  # "Lead the migration", "Head count": verbs and nouns more often than titles
        words = {_norm(t.text) for t in run}
        title_positions = [i for i, t in enumerate(run) if _is_title_word(t) and not t.skill]
        core = (title_positions[0], title_positions[-1]) if title_positions else None
        if core is not None and core[1] + 2 < len(run) and run[core[1] + 1].word == "of":
            core = (core[0], len(run) - 1)  # "Director of Engineering": what one heads is part of the title
        if core is not None:
            # A single seniority word is an adjective here ("Senior leadership"); it needs a role word too.
            span = run[core[0] : core[1] + 1]
            if any(_norm(t.text) in _ROLES or _stem(t.text) in _ROLES for t in span):
                phrase = _title_words(" ".join(t.text for t in span))
                if not _in_unit(phrase, facts.units):
                    out.append((TITLE, text[span[0].start : span[-1].end]))
        kind = SCHOOL if words & _SCHOOL_WORDS else DEGREE if words & _DEGREE_WORDS else EMPLOYER
        if kind == SCHOOL and core is None:
            # Known words in a new order are a new school ("Stanford University" from "Stanford HAI" and
            # "Princeton University"): the name must be written as such in one line of the resume.
            opener = run[0].initial and _norm(run[0].text) not in _SCHOOL_WORDS and len(run) > 1
            name = run[1:] if opener else run
            if not _in_unit(_title_words(text[name[0].start : name[-1].end]), facts.units, slack=0):
                out.append((SCHOOL, text[name[0].start : name[-1].end]))
            continue
        unknown = []
        for i, token in enumerate(run):
            if i == 0 and token.initial and not (_is_title_word(token) or _norm(token.text) in _SCHOOL_WORDS):
                continue
            if core is not None and core[0] <= i <= core[1]:
                continue  # judged with its title phrase above
            if not _known_word(facts, token):
                unknown.append(token)
        if unknown:
            if kind != EMPLOYER:  # name the whole school or degree ("Stanford University"), opener aside
                opener = run[0].initial and not _known_word(facts, run[0]) and len(run) > 1
                unknown = run[1:] if opener else run
            out.append((kind, text[unknown[0].start : unknown[-1].end]))
    for m in _LOWER_TITLE_RE.finditer(text):
        if any(s <= m.start() < e for s, e in skill_spans):
            continue
        if not _in_unit(_title_words(m.group()), facts.units):
            out.append((TITLE, m.group()))
    return out


def _known_word(facts: ResumeFacts, token: _Token) -> bool:
    word = token.word
    if token.skill or not token.capital or word in facts.vocab or word in _CONNECTORS:
        return True
    norm = _norm(token.text)
    if norm in _COMMON_CAPS or norm in _MONTHS or norm in _WEEKDAYS or norm in _LEGAL_SUFFIXES:
        return True
    if norm in _DEGREE_WORDS and norm not in ("degree", "diploma"):
        return True  # judged by level in _check_degrees
    parts = [p for p in word.split("-") if p]
    return len(parts) > 1 and all(_stem(p) in facts.vocab for p in parts)
