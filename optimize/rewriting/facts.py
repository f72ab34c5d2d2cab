"""Facts read off a resume's dates: whether a role has ended, the years of experience, the most recent title."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def is_current(entry: Mapping) -> bool:
    return bool(entry.get("current")) or str(entry.get("end") or "").strip().lower() == "present"


def has_ended(entry: Mapping) -> bool:
    """True only for an entry whose end is a date: an entry with no end date may be current."""
    return not is_current(entry) and _month_index(entry.get("end")) is not None


def experience_years(experience: list[Mapping], today: date) -> int | None:
    """Whole years covered by the dated roles, overlaps counted once; None when no role has a start and an end.

    Months are counted inclusively ("2020-01" to "2020-12" is 12 months). A year without a month counts from
    January, so "2019" to "2021" is 24 months: the figure errs short rather than long.
    """
    periods = []
    for entry in experience:
        start = _month_index(entry.get("start"))
        if start is None:
            continue
        if is_current(entry):
            end = today.year * 12 + today.month  # the running month counts
        else:
            end_value = entry.get("end")
            end = _month_index(end_value)
            if end is None:
                continue
            end += 1 if _DATE.match(str(end_value)).group(2) else 0
        if end > start:
            periods.append((start, end))
    if not periods:
        return None
    months = 0
    covered_until = None
    for start, end in sorted(periods):
        if covered_until is not None and start < covered_until:
            start = covered_until
        if end > start:
            months += end - start
            covered_until = end
    return months // 12


def latest_title(experience: list[Mapping]) -> str | None:
    """The title of the most recent role: a current one first, then the latest end, then the latest start; a tie
    (or no dates at all) goes to the role listed first, as resumes list the newest role first."""
    best = None
    best_key = None
    for position, entry in enumerate(experience):
        title = " ".join(str(entry.get("title") or "").split())
        if not title:
            continue
        end = _month_index(entry.get("end"))
        start = _month_index(entry.get("start"))
        if start is None:
            start = end  # an unread start says nothing against the role: the same end and listing order decide
        key = (is_current(entry), -1 if end is None else end, -1 if start is None else start, -position)
        if best_key is None or key > best_key:
            best, best_key = title, key
    return best


def _month_index(value) -> int | None:
    match = _DATE.match(str(value or "").strip())
    if not match:
        return None
    month = int(match.group(2) or 1)
    return int(match.group(1)) * 12 + (month - 1 if 1 <= month <= 12 else 0)
