"""The match score of one posting for one user: 0-100, with its breakdown (pure Python, no Django).

``build_profile(...)`` precomputes what a user brings (skills, title words, level, years, location, remote
preference, minimum salary) once; ``score_row(profile, row)`` then scores a posting from its stored columns
(``ROW_COLUMNS``, as ``values_list`` reads them), fast enough for 100,000 postings in a few seconds.

The parts shared with the optimize score use optimize.scoring's own functions, so for the same resume and posting
the two never disagree on them: the required and preferred skill coverage (``required_skill_list``,
``skill_coverage``), the title words (``title_words``, ``title_overlap``), the level (``seniority_closeness``)
and the years (``job_required_years``, ``years_fraction``).

Points are counted in tenths (as in optimize.scoring), the score is their sum rounded, and the whole points of
the breakdown are then shared out by largest remainder, so they always add up to the score exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from optimize.scoring import (
    OLDER_TITLE_FACTOR,
    job_required_years,
    job_skills,
    required_skill_list,
    seniority_closeness,
    skill_coverage,
    title_overlap,
    title_words,
    years_fraction,
)

# Points of each part (sum 100), in display order. A change here changes every stored score: the daily refresh
# (jobs.actors.refresh_matches) rescores every profile.
WEIGHTS: dict[str, int] = {
    "required_skills": 35,
    "preferred_skills": 10,
    "title": 15,
    "experience": 10,
    "location": 10,
    "salary": 10,
    "recency": 10,
}
LABELS: dict[str, str] = {
    "required_skills": "Required skills",
    "preferred_skills": "Preferred skills",
    "title": "Job title",
    "experience": "Seniority and years",
    "location": "Location and remote",
    "salary": "Salary",
    "recency": "Recency",
}
assert sum(WEIGHTS.values()) == 100

# Matches below this score are not stored (the page never shows them: its lowest threshold is this). The parts
# that count in full when nothing is asked (no salary floor, no level, a recent posting near you) give a posting
# that shares no skill or title word with the profile about 35-40 points: below the floor, so most of the
# postings unrelated to a user take no row at all.
STORE_FLOOR = 40
DEFAULT_THRESHOLD = 50
# Within the experience part: the level asked for, then the years asked for.
SENIORITY_SHARE = 0.5
# Fully recent up to this age, then down to nothing at STALE_DAYS.
FRESH_DAYS = 3
STALE_DAYS = 60
# What an unknown counts for (no salary given, no location to compare, no date): neither for nor against.
UNKNOWN = 0.5
# Salary periods to a year (a posting's salary_period, or the analysis's).
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
# A salary this far below the minimum asked for scores nothing; in between, it scales down linearly.
SALARY_TOLERANCE = 0.5

REMOTE, HYBRID, ONSITE = "remote", "hybrid", "onsite"
# Location fit by (remote preference, the posting's workplace) -> (where the location matches, where it does not).
LOCATION_FIT: dict[tuple[str, str], tuple[float, float]] = {
    ("remote", REMOTE): (1.0, 1.0),
    ("remote", HYBRID): (0.5, 0.2),
    ("remote", ONSITE): (0.3, 0.0),
    ("remote", ""): (0.5, 0.3),
    ("hybrid", REMOTE): (1.0, 1.0),
    ("hybrid", HYBRID): (1.0, 0.3),
    ("hybrid", ONSITE): (0.6, 0.0),
    ("hybrid", ""): (0.8, 0.3),
    ("onsite", REMOTE): (0.5, 0.5),
    ("onsite", HYBRID): (1.0, 0.2),
    ("onsite", ONSITE): (1.0, 0.0),
    ("onsite", ""): (1.0, 0.2),
    ("any", REMOTE): (1.0, 1.0),
    ("any", HYBRID): (1.0, 0.3),
    ("any", ONSITE): (1.0, 0.3),
    ("any", ""): (1.0, 0.3),
}

# The posting columns a score reads, in the order of a row.
ROW_COLUMNS = (
    "id",
    "title",
    "location",
    "remote",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "posted_at",
    "skills",
    "match_features",
)


def features_of(analysis: Mapping) -> dict:
    """What a score reads of a posting's analysis (stored as ``JobPosting.match_features``); {} for no analysis."""
    if not analysis:
        return {}
    salary = analysis.get("salary")
    return {
        "required": job_skills(analysis, "required"),
        "preferred": job_skills(analysis, "preferred"),
        "title": analysis.get("title") if isinstance(analysis.get("title"), str) else None,
        "seniority": analysis.get("seniority"),
        "years": job_required_years(analysis),
        "salary": {k: salary.get(k) for k in ("min", "max", "currency", "period")}
        if isinstance(salary, Mapping)
        else None,
        "workplace": analysis.get("workplace"),
    }


@dataclass(frozen=True)
class Profile:
    """What one user brings, precomputed once for scoring many postings."""

    skills: frozenset[str]
    titles: tuple[tuple[float, frozenset[str]], ...]  # (factor, title words) of each title to compare with
    seniority: str | None
    years: float | None
    location: frozenset[str]  # words of the user's location; empty: anywhere
    remote: str  # any / remote / hybrid / onsite
    min_salary: int | None  # per year
    currency: str
    now: datetime


def build_profile(
    *,
    skills: Iterable[str],
    target_roles: Sequence[str] = (),
    resume_titles: Sequence[str] = (),
    seniority: str | None = None,
    years: float | None = None,
    location: str = "",
    remote: str | None = "any",
    min_salary: int | None = None,
    currency: str = "USD",
    now: datetime,
) -> Profile:
    """The profile to score with. Titles: the target roles when there are any, else the resume's titles (the most
    recent in full, older ones at optimize's OLDER_TITLE_FACTOR)."""
    if target_roles:
        titles = [(1.0, t) for t in target_roles]
    else:
        titles = [(1.0 if i == 0 else OLDER_TITLE_FACTOR, t) for i, t in enumerate(resume_titles)]
    title_sets = tuple((f, frozenset(title_words(t))) for f, t in titles if title_words(t))
    salary = min_salary if isinstance(min_salary, int) and not isinstance(min_salary, bool) and min_salary > 0 else None
    return Profile(
        skills=frozenset(skills),
        titles=title_sets,
        seniority=seniority or None,
        years=years,
        location=location_words(location),
        remote=remote if remote in ("remote", "hybrid", "onsite") else "any",
        min_salary=salary,
        currency=(currency or "USD").upper(),
        now=now,
    )


class Result(NamedTuple):
    score: int
    points: dict[str, int]  # whole points per part, adding up to score
    fractions: dict[str, float]  # each part's share of its weight, 0..1
    matched: list[str]
    missing: list[str]


# ---------------------------------------------------------------------------------------------------------------
# Parts


_LOCATION_WORD = re.compile(r"[^\W\d_]{2,}")
_LOCATION_STOP = frozenset(
    ["remote", "hybrid", "onsite", "on", "site", "anywhere", "worldwide", "and", "or", "the", "of", "in", "area"]
)


@lru_cache(maxsize=20_000)
def location_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _LOCATION_WORD.findall((text or "").casefold()) if w not in _LOCATION_STOP)


_title_words = lru_cache(maxsize=50_000)(title_words)


@lru_cache(maxsize=50_000)
def _title_fraction(title: str, titles: tuple[tuple[float, frozenset[str]], ...]) -> float:
    """The best overlap of the posting title's words with one of the profile's titles (cached: titles repeat)."""
    words = _title_words(title)
    if not words:
        return 1.0
    if not titles:
        return UNKNOWN
    return max(f * title_overlap(words, have_words) for f, have_words in titles)


def _workplace(remote: bool | None, workplace: str, analysed: str | None) -> str:
    if remote is True or workplace == REMOTE:
        return REMOTE
    if workplace in (HYBRID, ONSITE):
        return workplace
    if analysed in (REMOTE, HYBRID, ONSITE):
        return analysed
    return ONSITE if remote is False else ""


def _salary_fraction(profile: Profile, low, high, currency: str, period: str) -> float:
    if profile.min_salary is None:
        return 1.0
    top = high if isinstance(high, int | float) and high else low
    if not isinstance(top, int | float) or top <= 0:
        return UNKNOWN
    if currency and currency.upper() != profile.currency:
        return UNKNOWN  # no exchange rates here: a salary in another currency says nothing either way
    yearly = top * PER_YEAR.get((period or "year").lower(), 1)
    if yearly >= profile.min_salary:
        return 1.0
    shortfall = (profile.min_salary - yearly) / profile.min_salary
    return max(0.0, 1 - shortfall / SALARY_TOLERANCE)


def _recency_fraction(profile: Profile, posted_at: datetime | None) -> float:
    if posted_at is None:
        return UNKNOWN
    age = (profile.now - posted_at).total_seconds() / 86400
    if age <= FRESH_DAYS:
        return 1.0
    return max(0.0, 1 - (age - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS))


def _tenths(value: float) -> int:
    return int(value * 10 + 0.5 + 1e-9)


def apportion(fractions: Mapping[str, float]) -> tuple[int, dict[str, int]]:
    """The score (points in tenths, summed, rounded half up) and whole points per part that add up to it.

    Each part gets its whole points, and the points still missing go to the parts with the largest remainders
    (the first part first on a tie); no part ever gets more than its weight.
    """
    keys = tuple(fractions)
    score, points = _apportion_tenths(
        keys, tuple(_tenths(WEIGHTS[k] * min(1.0, max(0.0, f))) for k, f in fractions.items())
    )
    return score, dict(zip(keys, points, strict=True))


@lru_cache(maxsize=100_000)
def _apportion_tenths(keys: tuple[str, ...], tenths: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    """``apportion`` on the parts' tenths; cached, since 100,000 postings share far fewer combinations."""
    score = (sum(tenths) + 5) // 10
    points = [t // 10 for t in tenths]
    extra = score - sum(points)
    if extra:
        order = sorted(range(len(tenths)), key=lambda i: -(tenths[i] % 10))  # stable: display order on a tie
        for i in order[:extra]:
            points[i] += 1
    return score, tuple(points)


# ---------------------------------------------------------------------------------------------------------------
# Scoring


def score_row(profile: Profile, row: Sequence[Any]) -> Result:
    """Score one posting row (``ROW_COLUMNS``) for ``profile``."""
    _id, title, location, remote, workplace, salary_min, salary_max, salary_currency, salary_period, posted_at = row[
        :10
    ]
    skills, features = row[10], row[11] or {}
    have = profile.skills

    # Skills: as optimize scores them; a posting not analysed yet is compared on the skills found at ingest.
    if features:
        required, preferred = features["required"], features["preferred"]
    else:
        required = [s for s in dict.fromkeys(skills) if isinstance(s, str)] if isinstance(skills, list) else []
        preferred = []
    _kind, wanted = required_skill_list(required, preferred)
    required_fraction = skill_coverage(wanted, have)
    preferred_fraction = skill_coverage(preferred, have)
    matched = [s for s in wanted if s in have]
    missing = [s for s in wanted if s not in have]
    for s in preferred:
        if s not in wanted:
            (matched if s in have else missing).append(s)
    a_title, a_seniority = features.get("title"), features.get("seniority")

    # Title: the best overlap of the posting's title words with a title of the profile.
    title_fraction = _title_fraction(
        a_title if isinstance(a_title, str) and a_title.strip() else title or "", profile.titles
    )

    # Level and years.
    wanted_years = features.get("years")
    experience_fraction = SENIORITY_SHARE * seniority_closeness(a_seniority, profile.seniority) + (
        1 - SENIORITY_SHARE
    ) * min(1.0, years_fraction(profile.years, wanted_years))

    # Location and remote.
    place = _workplace(remote, workplace, features.get("workplace"))
    here = not profile.location or bool(profile.location & location_words(location or ""))
    fit = LOCATION_FIT[(profile.remote, place)]
    location_fraction = fit[0] if here else fit[1]

    # Salary: the board's fields, else what the analysis read in the text.
    a_salary = features.get("salary")
    if salary_min is None and salary_max is None and isinstance(a_salary, Mapping):
        salary_min, salary_max = a_salary.get("min"), a_salary.get("max")
        salary_currency, salary_period = a_salary.get("currency") or "", a_salary.get("period") or ""
    salary_fraction = _salary_fraction(profile, salary_min, salary_max, salary_currency, salary_period)

    recency_fraction = _recency_fraction(profile, posted_at)
    fractions = {
        "required_skills": required_fraction,
        "preferred_skills": preferred_fraction,
        "title": title_fraction,
        "experience": experience_fraction,
        "location": location_fraction,
        "salary": salary_fraction,
        "recency": recency_fraction,
    }
    # apportion(fractions), unrolled: this line runs 100,000 times a rescore.
    score, parts = _apportion_tenths(
        _KEYS,
        (
            _tenths(_W_REQUIRED * _clamp(required_fraction)),
            _tenths(_W_PREFERRED * _clamp(preferred_fraction)),
            _tenths(_W_TITLE * _clamp(title_fraction)),
            _tenths(_W_EXPERIENCE * _clamp(experience_fraction)),
            _tenths(_W_LOCATION * _clamp(location_fraction)),
            _tenths(_W_SALARY * _clamp(salary_fraction)),
            _tenths(_W_RECENCY * _clamp(recency_fraction)),
        ),
    )
    return Result(score, dict(zip(_KEYS, parts, strict=True)), fractions, matched, missing)


_KEYS = ("required_skills", "preferred_skills", "title", "experience", "location", "salary", "recency")
assert tuple(WEIGHTS) == _KEYS  # the unrolled apportion in score_row lists the parts in this order
_W_REQUIRED, _W_PREFERRED, _W_TITLE, _W_EXPERIENCE, _W_LOCATION, _W_SALARY, _W_RECENCY = WEIGHTS.values()


def _clamp(value: float) -> float:
    return 0.0 if value < 0 else 1.0 if value > 1 else value


def posting_row(posting) -> tuple:
    """``ROW_COLUMNS`` of a JobPosting instance (features from its analysis when they were not stored yet)."""
    values = [getattr(posting, column) for column in ROW_COLUMNS[:-1]]
    return (*values, posting.match_features or features_of(posting.analysis or {}))


def breakdown_rows(points: Mapping[str, int]) -> list[dict]:
    """The breakdown for display: label, points, weight and percentage of each part, in display order."""
    return [
        {
            "key": k,
            "label": LABELS[k],
            "points": points.get(k, 0),
            "weight": w,
            "percent": round(100 * points.get(k, 0) / w),
        }
        for k, w in WEIGHTS.items()
    ]
