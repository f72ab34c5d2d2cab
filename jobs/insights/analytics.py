"""Market insights for one user: which skills the postings in their target roles ask for, how that moves, how
much of it the user covers, what learning one more skill would do to their match scores, and what the postings
pay by skill and by level.

    insights_for(user)   # everything the page shows, cached per user (about an hour; see cache_key)

"Postings in the user's target roles" are the postings of the last 90 days (by posted_at, else first seen) that
are not a duplicate and are open or closed within those 90 days, whose title has every word of one of the user's
target roles (accounts.Profile.target_roles; else the most recent title of the match profile's resume; else every
posting, which the page says). Title words are compared as optimize.scoring.title_words reads them, so "Backend
Developer" finds "Sr. Back-end Engineer" (see TITLE_SPELLINGS).

The heavy parts (skill counts per window, the salary percentiles) are one SQL aggregate each on PostgreSQL
(``jsonb_array_elements_text`` over the skills, ``percentile_cont``); elsewhere (SQLite, small data) the same
figures are counted in Python. Tests run both and expect the same answers.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from jobs.matching import score
from jobs.matching.profile import effective_skills
from jobs.models import SENIORITY_CHOICES, JobPosting, Match
from optimize.scoring import resume_titles, title_words

WINDOWS = (7, 30, 90)
DEFAULT_WINDOW = 30
SPAN_DAYS = 90  # the longest window: nothing older is read
RECENT_DAYS = 30  # rising / falling: the last 30 days against the 60 days before
TOP_DEMAND = 15
TOP_COVERAGE = 20
# Rising and falling: both periods need this many postings, the skill this many mentions over both, and the
# change must be at least this many percentage points and significant, so that noise does not show.
TREND_MIN_POSTINGS = 20
TREND_MIN_MENTIONS = 8
TREND_MIN_CHANGE_PP = 1.0
TREND_MIN_Z = 2.5  # and the change must be unlikely to be chance (two-proportion z-test)
TRENDS_SHOWN = 5
# "Learn X": the candidates (most often missing from the user's matches, then the most demanded skills the user
# lacks), each scored again with the skill added over up to UPLIFT_SAMPLE live postings that mention it.
UPLIFT_CANDIDATES = 10
UPLIFT_SAMPLE = 300
UPLIFT_ROWS = 3_000  # newest live postings read for all the candidates' samples together
UPLIFT_SHOWN = 5
# Salaries: no figure from fewer postings than this; yearly amounts outside these bounds are taken for typos
# (a monthly amount labelled yearly, a salary in cents) and left out.
SALARY_MIN_N = 5
SALARY_SKILLS = 12
YEARLY_MIN, YEARLY_MAX = 1_000, 5_000_000
# Yearly normalisation: as the match score assumes (score.PER_YEAR): 40 hours a week, 260 working days a year.
PER_YEAR = score.PER_YEAR
SALARY_ASSUMPTIONS = "hourly \u00d7 2,080 (40 h \u00d7 52 weeks), daily \u00d7 260, weekly \u00d7 52, monthly \u00d7 12"
LEVEL_LABELS = {value: label for value, label in SENIORITY_CHOICES if value}
LEVEL_LABELS["mid"] = "Mid-level"

CACHE_TTL_S = 3600
CACHE_VERSION = 1

# How each word that optimize.scoring.title_words returns may be spelled in a title (regex alternatives, lower
# case); a word not listed is matched as itself. tests/jobs/test_insights.py checks each against title_words.
TITLE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "engineer": ("engineer", "engineers", "engineering", "developer", "developers", "programmer", "dev", "eng",
                 "sre", "swe", "sde"),
    "manager": ("manager", "mgr", "management"),
    "admin": ("admin", "administrator"),
    "backend": (r"back[ -]?end",),
    "frontend": (r"front[ -]?end",),
    "fullstack": (r"full[ -]?stack",),
    "devops": (r"dev[ -]?ops",),
    "site": ("site", "sre"),
    "reliability": ("reliability", "sre"),
    "software": ("software", "swe", "sde"),
    "machine": ("machine", "ml"),
    "learning": ("learning", "ml"),
    "ux": ("ux",),
    "ui": ("ui",),
}  # fmt: skip
_EDGE_BEFORE, _EDGE_AFTER = "(^|[^a-z0-9+#])", "($|[^a-z0-9+#])"


# ---------------------------------------------------------------------------------------------------------------
# Which postings


def role_basis(account, match_profile, today) -> dict:
    """{"kind": "roles" | "resume" | "all", "roles": [...]}: what "the user's target roles" are."""
    roles = [r.strip() for r in account.target_roles or [] if isinstance(r, str) and title_words(r)]
    if roles:
        return {"kind": "roles", "roles": roles}
    resume = match_profile.resume if match_profile is not None else None
    if resume is not None and resume.deleted_at is None and resume.parse_status == resume.Status.COMPLETED:
        titles = [t for t in resume_titles(resume.sections or {}, today) if title_words(t)]
        if titles:
            return {"kind": "resume", "roles": titles[:1]}
    return {"kind": "all", "roles": []}


def role_pattern(role: str) -> list[str]:
    """One case-insensitive regex per title word of ``role`` (all must match); the same in PostgreSQL and Python."""
    patterns = []
    for word in title_words(role):
        spellings = TITLE_SPELLINGS.get(word) or (re.escape(word),)
        patterns.append(f"{_EDGE_BEFORE}({'|'.join(spellings)}){_EDGE_AFTER}")
    return patterns


def role_filter(roles: Sequence[str]) -> Q:
    """Titles with every word of at least one of ``roles`` (an empty Q: every title)."""
    found = Q()
    for role in roles:
        patterns = role_pattern(role)
        if patterns:
            every = Q()
            for pattern in patterns:
                every &= Q(title__iregex=pattern)
            found |= every
    return found


def postings_in_roles(roles: Sequence[str], now: datetime) -> QuerySet[JobPosting]:
    """The postings of the last SPAN_DAYS in ``roles``, with ``day`` (posted, else first seen) and ``live``."""
    since = now - timedelta(days=SPAN_DAYS)
    return (
        JobPosting.objects.filter(duplicate_of__isnull=True)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
        .filter(role_filter(roles))
        .annotate(
            day=Coalesce("posted_at", "first_seen_at"),
            live=ExpressionWrapper(Q(closed_at__isnull=True), output_field=BooleanField()),
        )
        .filter(day__gte=since, day__lte=now + timedelta(days=1))
        .order_by()
    )


def _bounds(now: datetime) -> dict[str, datetime]:
    return {f"d{days}": now - timedelta(days=days) for days in (*WINDOWS, RECENT_DAYS)}


# ---------------------------------------------------------------------------------------------------------------
# Skill demand


def _empty_counts() -> dict[str, int]:
    return {"d7": 0, "d30": 0, "d90": 0, "before": 0, "live": 0}


def skill_counts(postings: QuerySet, now: datetime) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """(postings per window, {skill: postings mentioning it per window}); windows d7 / d30 / d90, ``before`` (30 to
    90 days ago) and ``live`` (open postings of the 90 days)."""
    bounds = _bounds(now)
    if connection.vendor == "postgresql":
        return _skill_counts_sql(postings, bounds)
    totals = _empty_counts()
    counts: dict[str, dict[str, int]] = {}
    for skills, day, live in postings.values_list("skills", "day", "live").iterator(chunk_size=2_000):
        keys = _window_keys(day, live, bounds)
        for key in keys:
            totals[key] += 1
        for skill in dict.fromkeys(s for s in skills or [] if isinstance(s, str)) if isinstance(skills, list) else ():
            row = counts.setdefault(skill, _empty_counts())
            for key in keys:
                row[key] += 1
    return totals, counts


def _window_keys(day: datetime, live: bool, bounds: Mapping[str, datetime]) -> list[str]:
    keys = ["d90"]
    if day >= bounds["d30"]:
        keys.append("d30")
        if day >= bounds["d7"]:
            keys.append("d7")
    else:
        keys.append("before")
    if live:
        keys.append("live")
    return keys


def _compiled(postings: QuerySet) -> tuple[str, tuple] | None:
    """The SQL of a queryset to use as a subquery; None when it can match nothing (``.none()``)."""
    try:
        return postings.query.sql_with_params()
    except EmptyResultSet:
        return None


def _skill_counts_sql(postings: QuerySet, bounds: Mapping[str, datetime]):
    compiled = _compiled(postings.values("skills", "day", "live"))
    if compiled is None:
        return _empty_counts(), {}
    base, params = compiled
    counted = (
        "count(*) FILTER (WHERE p.day >= %s), count(*) FILTER (WHERE p.day >= %s), count(*), "
        "count(*) FILTER (WHERE p.day < %s), count(*) FILTER (WHERE p.live)"
    )
    windows = [bounds["d7"], bounds["d30"], bounds["d30"]]
    sql = (
        f"WITH p AS MATERIALIZED ({base}) "  # noqa: S608 (the ORM's compiled query, values as params)
        f"SELECT NULL, {counted} FROM p "
        "UNION ALL "
        f"SELECT s.skill, {counted} FROM p CROSS JOIN LATERAL (SELECT DISTINCT e AS skill FROM "
        "jsonb_array_elements_text(CASE WHEN jsonb_typeof(p.skills) = 'array' THEN p.skills ELSE '[]'::jsonb END) e"
        ") s GROUP BY s.skill"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *windows, *windows])
        rows = cursor.fetchall()
    totals, counts = _empty_counts(), {}
    for skill, d7, d30, d90, before, live in rows:
        values = {"d7": d7, "d30": d30, "d90": d90, "before": before, "live": live}
        if skill is None:
            totals = values
        else:
            counts[skill] = values
    return totals, counts


def _share(count: int, total: int) -> float:
    return 100 * count / total if total else 0.0


def demand(totals, counts, window: int, have: set[str], top: int = TOP_DEMAND) -> list[dict]:
    """The ``top`` skills by share of the window's postings mentioning them, most asked for first."""
    key = f"d{window}"
    ranked = sorted(((c[key], skill) for skill, c in counts.items() if c[key]), key=lambda t: (-t[0], t[1]))
    return [
        {"skill": skill, "count": n, "share": round(_share(n, totals[key]), 1), "have": skill in have}
        for n, skill in ranked[:top]
    ]


def trends(totals, counts) -> tuple[list[dict], list[dict]]:
    """(rising, falling): share in the last 30 days against the 60 days before, in percentage points."""
    if totals["d30"] < TREND_MIN_POSTINGS or totals["before"] < TREND_MIN_POSTINGS:
        return [], []
    moved = []
    for skill, c in counts.items():
        if c["d30"] + c["before"] < TREND_MIN_MENTIONS:
            continue
        now_share, then_share = _share(c["d30"], totals["d30"]), _share(c["before"], totals["before"])
        change = now_share - then_share
        if abs(change) >= TREND_MIN_CHANGE_PP and _significant(c["d30"], totals["d30"], c["before"], totals["before"]):
            moved.append(
                {"skill": skill, "change": round(change, 1), "now": round(now_share, 1), "before": round(then_share, 1)}
            )
    rising = sorted((m for m in moved if m["change"] > 0), key=lambda m: (-m["change"], m["skill"]))
    falling = sorted((m for m in moved if m["change"] < 0), key=lambda m: (m["change"], m["skill"]))
    return rising[:TRENDS_SHOWN], falling[:TRENDS_SHOWN]


def _significant(a: int, n_a: int, b: int, n_b: int) -> bool:
    """A two-proportion z-test: is the difference between a/n_a and b/n_b larger than chance would make it?"""
    pooled = (a + b) / (n_a + n_b)
    error = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return error == 0 or abs(a / n_a - b / n_b) / error >= TREND_MIN_Z


def coverage(top: Sequence[dict]) -> dict:
    have = [row["skill"] for row in top if row["have"]]
    missing = [row["skill"] for row in top if not row["have"]]
    total = len(top)
    return {"have": have, "missing": missing, "total": total, "pct": round(100 * len(have) / total) if total else 0}


# ---------------------------------------------------------------------------------------------------------------
# "Learn X"


def missing_in_matches(user, limit: int = UPLIFT_CANDIDATES) -> list[str]:
    """The skills most often missing from the user's stored matches, most often first."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT s, count(*) FROM jobs_match m CROSS JOIN LATERAL jsonb_array_elements_text("
            "CASE WHEN jsonb_typeof(m.missing_skills) = 'array' THEN m.missing_skills ELSE '[]'::jsonb END) s "
            "WHERE m.user_id = %s GROUP BY s ORDER BY count(*) DESC, s LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [user.pk, limit * 3])
            return [skill for skill, _n in cursor.fetchall()]
    found: Counter[str] = Counter()
    for skills in Match.objects.for_user(user).values_list("missing_skills", flat=True):
        found.update(s for s in skills or [] if isinstance(s, str))
    return [skill for skill, _n in sorted(found.items(), key=lambda t: (-t[1], t[0]))[: limit * 3]]


def uplift_candidates(from_matches: Sequence[str], by_demand: Sequence[str], have: set[str]) -> list[str]:
    """Skills the user lacks: alternately the most missing from their matches and the most demanded."""
    out: list[str] = []
    for pair in zip(_padded(from_matches, by_demand), _padded(by_demand, from_matches), strict=True):
        for skill in pair:
            if skill and skill not in have and skill not in out:
                out.append(skill)
    return out[:UPLIFT_CANDIDATES]


def _padded(values: Sequence[str], other: Sequence[str]) -> list[str | None]:
    return [*values, *([None] * max(0, len(other) - len(values)))]


def uplift(profile: score.Profile, postings: QuerySet, candidates: Sequence[str], live_counts: Mapping) -> list[dict]:
    """For each candidate, the average score gain if the user had it, over up to UPLIFT_SAMPLE live postings that
    mention it (the newest), and how many live postings in the target roles mention it; the best UPLIFT_SHOWN."""
    if not candidates:
        return []
    rows_qs = postings.filter(closed_at__isnull=True)
    if connection.vendor == "postgresql":
        rows_qs = rows_qs.filter(skills__has_any_keys=list(candidates))  # jsonb ?| : any of these array elements
    rows = list(rows_qs.order_by("-day").values_list(*score.ROW_COLUMNS)[:UPLIFT_ROWS])
    baseline: dict = {}
    out = []
    for skill in candidates:
        sample = [r for r in rows if isinstance(r[10], list) and skill in r[10]][:UPLIFT_SAMPLE]
        if not sample:
            continue
        learned = replace(profile, skills=profile.skills | {skill})
        gains = []
        for row in sample:
            if row[0] not in baseline:
                baseline[row[0]] = score.score_row(profile, row).score
            gains.append(score.score_row(learned, row).score - baseline[row[0]])
        average = sum(gains) / len(gains)
        if average <= 0:
            continue
        postings_count = live_counts.get(skill, len(sample))
        out.append(
            {
                "skill": skill,
                "gain": round(average, 1),
                "postings": postings_count,
                "sample": len(sample),
                "raised": sum(1 for g in gains if g > 0),
            }
        )
    out.sort(key=lambda u: (-u["gain"] * u["postings"], -u["gain"], u["skill"]))
    return out[:UPLIFT_SHOWN]


# ---------------------------------------------------------------------------------------------------------------
# Salaries


def yearly_salary(low, high, currency, period) -> tuple[str, float] | None:
    """(currency, the yearly midpoint) of a stated salary, or None (no amount, no currency, an unknown period, or
    an amount outside YEARLY_MIN..YEARLY_MAX once yearly)."""
    amounts = [v for v in (low, high) if isinstance(v, int | float) and not isinstance(v, bool) and v > 0]
    if not amounts or not isinstance(currency, str) or not currency.strip():
        return None
    per = PER_YEAR.get((period or "year").strip().lower()) if isinstance(period, str) or period is None else None
    if per is None:
        return None
    yearly = sum(amounts) / len(amounts) * per
    if not YEARLY_MIN <= yearly <= YEARLY_MAX:
        return None
    return currency.strip().upper(), yearly


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (PostgreSQL's percentile_cont)."""
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def _spread(label: str, values: list[float]) -> dict:
    n = len(values)
    if n < SALARY_MIN_N:
        return {"label": label, "n": n, "p25": None, "median": None, "p75": None}
    ordered = sorted(values)
    return {
        "label": label,
        "n": n,
        "p25": round(percentile(ordered, 0.25)),
        "median": round(percentile(ordered, 0.5)),
        "p75": round(percentile(ordered, 0.75)),
    }


def _board_salary(row) -> tuple:
    """(low, high, currency, period) of a posting: the board's fields, else what the analysis read in the text."""
    low, high, currency, period, features = row
    if low is not None or high is not None:
        return low, high, currency, period
    salary = (features or {}).get("salary") if isinstance(features, Mapping) else None
    if not isinstance(salary, Mapping):
        return None, None, None, None
    return salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("period")


def salaries(postings: QuerySet, *, preferred: str | None, skills: Sequence[str]) -> dict:
    """Yearly salary spreads (p25 / median / p75, n) by skill (``skills``) and by level, in one currency: the
    preferred one when any posting states it, else the most common."""
    if connection.vendor == "postgresql":
        per_currency = _salary_sql(postings, skills)
    else:
        per_currency = _salary_python(postings, skills)
    if not per_currency:
        return {"currency": None, "total": 0, "other": 0, "by_skill": [], "by_level": []}
    counts = {cur: data["all"] for cur, data in per_currency.items()}
    preferred = (preferred or "").upper()
    currency = preferred if counts.get(preferred) else max(counts, key=lambda c: (counts[c], c == "USD", c))
    chosen = per_currency[currency]
    by_skill = [chosen["skills"].get(s) or _spread(s, []) for s in skills]
    by_skill = [{**row, "label": s} for row, s in zip(by_skill, skills, strict=True)]
    levels = [value for value in LEVEL_LABELS if value in chosen["levels"]]
    by_level = [{**chosen["levels"][v], "label": LEVEL_LABELS[v]} for v in levels]
    return {
        "currency": currency,
        "preferred": currency == preferred,
        "total": counts[currency],
        "other": sum(counts.values()) - counts[currency],
        "by_skill": by_skill,
        "by_level": by_level,
    }


def _salary_python(postings: QuerySet, skills: Sequence[str]) -> dict:
    wanted = set(skills)
    found: dict[str, dict] = {}
    columns = ("salary_min", "salary_max", "salary_currency", "salary_period", "match_features", "skills")
    for row in postings.values_list(*columns).iterator(chunk_size=2_000):
        stated = yearly_salary(*_board_salary(row[:5]))
        if stated is None:
            continue
        currency, yearly = stated
        data = found.setdefault(currency, {"all": [], "skills": {}, "levels": {}})
        data["all"].append(yearly)
        for skill in dict.fromkeys(row[5] if isinstance(row[5], list) else []):
            if skill in wanted:
                data["skills"].setdefault(skill, []).append(yearly)
        level = (row[4] or {}).get("seniority") if isinstance(row[4], Mapping) else None
        if level in LEVEL_LABELS:
            data["levels"].setdefault(level, []).append(yearly)
    return {
        currency: {
            "all": len(data["all"]),
            "skills": {s: _spread(s, v) for s, v in data["skills"].items()},
            "levels": {lv: _spread(lv, v) for lv, v in data["levels"].items()},
        }
        for currency, data in found.items()
    }


def _salary_sql(postings: QuerySet, skills: Sequence[str]) -> dict:
    """The same as _salary_python, aggregated in PostgreSQL (rows: kind, currency, key, n, p25, median, p75)."""
    columns = ("salary_min", "salary_max", "salary_currency", "salary_period", "match_features", "skills")
    has_salary = Q(salary_min__isnull=False) | Q(salary_max__isnull=False) | Q(match_features__salary__isnull=False)
    compiled = _compiled(postings.filter(has_salary).values(*columns))
    if compiled is None:
        return {}
    base, params = compiled
    per_year = " ".join(f"WHEN '{period}' THEN {n}" for period, n in PER_YEAR.items())
    # Nested CASEs: the cast runs only on a JSON number (AND does not promise to test the type first).
    number = (
        "CASE WHEN jsonb_typeof(p.match_features->'salary'->'{0}') = 'number' THEN "
        "NULLIF(GREATEST((p.match_features->'salary'->>'{0}')::float, 0), 0) END"
    )
    board = "(p.salary_min IS NOT NULL OR p.salary_max IS NOT NULL)"
    # Board amounts of 0 count as not stated (yearly_salary keeps amounts > 0 only).
    low = f"CASE WHEN {board} THEN NULLIF(p.salary_min, 0)::float ELSE {number.format('min')} END"
    high = f"CASE WHEN {board} THEN NULLIF(p.salary_max, 0)::float ELSE {number.format('max')} END"
    currency = (
        f"upper(btrim(CASE WHEN {board} THEN p.salary_currency ELSE p.match_features->'salary'->>'currency' END))"
    )
    period = f"lower(btrim(COALESCE(NULLIF(CASE WHEN {board} THEN p.salary_period ELSE p.match_features->'salary'->>'period' END, ''), 'year')))"  # noqa: E501
    stated = (
        f"SELECT {currency} AS currency, (COALESCE({low}, {high}) + COALESCE({high}, {low})) / 2 "  # noqa: S608
        f"* (CASE {period} {per_year} END) AS yearly, "
        "p.match_features->>'seniority' AS level, p.skills FROM p"
    )
    spread = (
        "count(*), percentile_cont(0.25) WITHIN GROUP (ORDER BY yearly), "
        "percentile_cont(0.5) WITHIN GROUP (ORDER BY yearly), percentile_cont(0.75) WITHIN GROUP (ORDER BY yearly)"
    )
    sql = (
        f"WITH p AS ({base}), s AS MATERIALIZED (SELECT * FROM ({stated}) x WHERE currency <> '' "  # noqa: S608
        "AND yearly BETWEEN %s AND %s) "
        f"SELECT 'all', currency, NULL, {spread} FROM s GROUP BY currency "
        "UNION ALL "
        f"SELECT 'level', currency, level, {spread} FROM s WHERE level = ANY(%s) GROUP BY currency, level "
        "UNION ALL "
        f"SELECT 'skill', currency, k.skill, {spread} FROM s CROSS JOIN LATERAL (SELECT DISTINCT e AS skill FROM "
        "jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.skills) = 'array' THEN s.skills ELSE '[]'::jsonb END) e"
        ") k WHERE k.skill = ANY(%s) GROUP BY currency, k.skill"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, YEARLY_MIN, YEARLY_MAX, list(LEVEL_LABELS), list(skills)])
        rows = cursor.fetchall()
    found: dict[str, dict] = {}
    for kind, cur, key, n, p25, median, p75 in rows:
        data = found.setdefault(cur, {"all": 0, "skills": {}, "levels": {}})
        if kind == "all":
            data["all"] = n
            continue
        spread_row = (
            {"label": key, "n": n, "p25": None, "median": None, "p75": None}
            if n < SALARY_MIN_N
            else {"label": key, "n": n, "p25": round(p25), "median": round(median), "p75": round(p75)}
        )
        data["skills" if kind == "skill" else "levels"][key] = spread_row
    return found


# ---------------------------------------------------------------------------------------------------------------
# Everything, cached


def watermark() -> str:
    """Changes when a posting comes in: the newest created_at, read from its index (max(last_seen_at) would read
    every row, about 90 ms at 100,000 postings). Closures and new analyses show when the entry expires (an hour)."""
    latest = JobPosting.objects.aggregate(latest=Max("created_at"))["latest"]
    return latest.isoformat() if latest else "none"


def cache_key(user, match_profile, account) -> str:
    account_part = repr((sorted(account.target_roles or [], key=str), account.preference("salary_currency")))
    digest = hashlib.blake2b(f"{account_part}|{watermark()}".encode(), digest_size=8).hexdigest()
    return f"jobs:insights:{CACHE_VERSION}:{user.pk}:{match_profile.version}:{digest}"


def compute(user, *, match_profile, account, now: datetime) -> dict:
    """Every figure of the page for every window (plain data, cacheable)."""
    from jobs.matching.services import scoring_profile

    basis = role_basis(account, match_profile, now.date())
    have = effective_skills(match_profile.skills, match_profile.skills_added, match_profile.skills_removed)
    postings = postings_in_roles(basis["roles"], now)
    totals, counts = skill_counts(postings, now)
    windows = {}
    for window in WINDOWS:
        top = demand(totals, counts, window, have, TOP_COVERAGE)
        windows[window] = {"total": totals[f"d{window}"], "demand": top[:TOP_DEMAND], "coverage": coverage(top)}
    rising, falling = trends(totals, counts)
    by_demand = [row["skill"] for row in demand(totals, counts, 90, have, TOP_COVERAGE * 2)]
    candidates = uplift_candidates(missing_in_matches(user), by_demand, have) if totals["live"] else []
    learn = uplift(
        scoring_profile(match_profile, account=account, now=now),
        postings,
        candidates,
        {skill: c["live"] for skill, c in counts.items()},
    )
    pay = salaries(postings, preferred=account.preference("salary_currency"), skills=by_demand[:SALARY_SKILLS])
    return {
        "basis": basis,
        "computed_at": now,
        "totals": totals,
        "windows": windows,
        "rising": rising,
        "falling": falling,
        "learn": learn,
        "salaries": pay,
        "have_count": len(have),
    }


def insights_for(user, *, now: datetime | None = None, match_profile=None, account=None) -> dict:
    """The user's insights, from the cache when nothing they depend on changed (about an hour at most)."""
    from accounts.services import profile_for
    from jobs.matching.services import match_profile_for

    account = account or profile_for(user)
    match_profile = match_profile or match_profile_for(user)
    key = cache_key(user, match_profile, account)
    found = cache.get(key)
    if found is None:
        found = compute(user, match_profile=match_profile, account=account, now=now or timezone.now())
        cache.set(key, found, CACHE_TTL_S)
    return found
