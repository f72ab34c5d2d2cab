"""Find and normalise resume dates ("Sept 2018 – May 2023", "06/2020 - Present", "Summer 2022")."""

# ruff: noqa: RUF001, RUF002 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
YEAR = r"(?:19|20)\d\d"
PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|till date|to date)"
DATE = (
    rf"(?:(?:{MONTH}|{SEASON}),?\s*{YEAR}|\d{{1,2}}\s*/\s*{YEAR}"
    rf"|{YEAR}\s*[-/.]\s*(?:0?[1-9]|1[0-2])(?!\d)|{YEAR})"
)
_SEP = r"\s*(?:-|–|—|to|until|till|~)\s*"
RANGE = re.compile(rf"(?<![\w/])({DATE})(?:{_SEP}({DATE}|{PRESENT}))?(?![\w/])", re.IGNORECASE)
_OPEN_RANGE = re.compile(rf"(?<![\w/])({DATE}){_SEP}$", re.IGNORECASE)
DURATION = re.compile(r"^\s*\d+\s+(?:years?|yrs?|months?|mos?)(?:\s+\d+\s+(?:months?|mos?))?\s*$", re.IGNORECASE)
_EXPECTED = re.compile(
    r"\b(?:expected(?: graduation)?|anticipated|graduation|graduating|grad\.)(?!\w)\s*:?\s*", re.IGNORECASE
)


@dataclass
class DateRange:
    start: str | None
    end: str | None
    current: bool
    raw: str


def normalize_date(text: str) -> str | None:
    """'Sept 2018' -> '2018-09', '06/2020' -> '2020-06', 'Summer 2022' -> '2022', '2021' -> '2021'."""
    text = text.strip().lower()
    year = re.search(YEAR, text)
    if not year:
        return None
    month = re.match(r"([a-z]{3})", text)
    if month and month.group(1) in _MONTHS:
        return f"{year.group(0)}-{_MONTHS[month.group(1)]:02d}"
    numeric = re.match(r"(\d{1,2})\s*/", text) or re.search(rf"{YEAR}\s*[-/.]\s*(\d{{1,2}})$", text)
    if numeric and 1 <= int(numeric.group(1)) <= 12:
        return f"{year.group(0)}-{int(numeric.group(1)):02d}"
    return year.group(0)


def _to_range(match: re.Match) -> DateRange:
    first, second = match.group(1), match.group(2)
    if second is None:
        return DateRange(None, normalize_date(first), False, match.group(0))
    if re.fullmatch(PRESENT, second.strip(), re.IGNORECASE):
        return DateRange(normalize_date(first), "present", True, match.group(0))
    return DateRange(normalize_date(first), normalize_date(second), False, match.group(0))


def find_range(text: str) -> tuple[DateRange | None, str]:
    """The best date (range) in `text` and the text with it removed.

    A range wins over a lone date; a lone date is only taken when it sits at an edge of the text, so that
    "Published at NeurIPS 2022 with ..." is not read as an entry date.
    """
    matches = list(RANGE.finditer(text))
    ranged = [m for m in matches if m.group(2)]
    pick = ranged[0] if ranged else None
    if pick is None:
        for m in matches:
            before, after = text[: m.start()], text[m.end() :]
            if not before.strip(" \t|,–—-:•(") or not after.strip(" \t|,–—-:•).") or _EXPECTED.search(before):
                pick = m
                break
    if pick is None:
        return None, text
    rest = (text[: pick.start()] + " " + text[pick.end() :]).strip()
    rest = _EXPECTED.sub("", rest)
    rest = re.sub(r"^[\s|,–—:•-]+|[\s|,–—:•(-]+$", "", rest)
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest).strip()
    return _to_range(pick), re.sub(r"\s{2,}", " ", rest)


def is_date_only(text: str) -> bool:
    found, rest = find_range(text)
    return found is not None and not re.sub(r"[\W_]+", "", rest)


def ends_with_open_range(text: str) -> bool:
    """'June 2022 –' whose 'Present' wrapped onto the next line (moderncv date column)."""
    return bool(_OPEN_RANGE.search(text.strip()))
