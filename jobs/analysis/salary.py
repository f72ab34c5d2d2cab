# ruff: noqa: RUF001, RUF002  (typographic dashes and quotes here are data this code must handle)
"""Salary ranges in job-description text: "$120k–$150k", "120,000 - 150,000 USD", "€60.000", "£45k per annum"."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY"}
_CURRENCY_PREFIXES = {"us$": "USD", "usd$": "USD", "ca$": "CAD", "c$": "CAD", "a$": "AUD", "au$": "AUD"}
_CODES = "USD|EUR|GBP|CAD|AUD|CHF|INR|SEK|NOK|DKK|PLN|NZD|SGD|JPY|BRL|MXN|ZAR"

_NUM = r"\d{1,3}(?:[,.\u202f ]\d{3})+(?:\.\d{1,2})?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"
_PREFIX = rf"(?:(?:US|USD|CA|C|AU|A)?\$|€|£|₹|(?:{_CODES})\s?)"
_AMOUNT = rf"(?P<curN>{_PREFIX})?\s*(?P<numN>{_NUM})\s*(?P<kN>[kK](?![a-zA-Z])|[mM](?:illion)?\b)?"
_AMOUNT1 = _AMOUNT.replace("N>", "1>")
_AMOUNT2 = _AMOUNT.replace("N>", "2>")
_RANGE_SEP = r"\s*(?:-|–|—|to|and|/)\s*"
_SALARY = re.compile(
    rf"(?<![\w.,$€£])(?:{_AMOUNT1})(?:{_RANGE_SEP}(?:{_AMOUNT2}))?"
    rf"(?P<code>\s*(?:{_CODES})\b)?",
    re.I,
)
_PERIODS = [
    ("hour", re.compile(r"^\s*(?:/\s*(?:hr|hour|h)\b|per\s+hour|an\s+hour|hourly|p/h|ph\b)", re.I)),
    ("day", re.compile(r"^\s*(?:/\s*day|per\s+day|a\s+day|daily)", re.I)),
    ("week", re.compile(r"^\s*(?:/\s*(?:wk|week)|per\s+week|a\s+week|weekly)", re.I)),
    ("month", re.compile(r"^\s*(?:/\s*(?:mo|month)|per\s+month|a\s+month|monthly|pcm)", re.I)),
    (
        "year",
        re.compile(
            r"^\s*(?:/\s*(?:yr|year|annum|y)\b|per\s+(?:year|annum)|a\s+year|annually|annual|p\.?a\.?|yearly)",
            re.I,
        ),
    ),
]
_CUE = re.compile(
    r"\b(salary|salaries|compensation|pay|paid|base|OTE|earn|earning|wage|wages|rate|range|remuneration|"
    r"per annum|annually|hourly|stipend|package|USD|EUR|GBP)\b",
    re.I,
)
_NOT_SALARY = re.compile(
    r"\b(raised|funding|funded|revenue|valuation|ARR|series [A-F]|investors?|customers|users|budget|"
    r"grant|assets|AUM|million|billion|401\(?k)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: str | None  # "year" | "month" | "week" | "day" | "hour"
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


def _number(raw: str) -> float:
    raw = raw.replace("\u202f", " ").replace(" ", "")
    # "60.000" / "60,000" are thousands; "60.5" / "52,50" are decimals. Decide by the digits after the last mark.
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    if re.fullmatch(r"\d{1,3}(,\d{3})+\.\d{1,2}", raw):
        return float(raw.replace(",", ""))
    return float(raw.replace(",", "."))


def _scale(value: float, suffix: str | None) -> float:
    if not suffix:
        return value
    return value * (1_000 if suffix.lower() == "k" else 1_000_000)


def _currency(prefix: str | None, code: str | None) -> str | None:
    for raw in (prefix, code):
        if not raw:
            continue
        raw = raw.strip()
        if raw.lower() in _CURRENCY_PREFIXES:
            return _CURRENCY_PREFIXES[raw.lower()]
        if raw in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[raw]
        if raw.upper() in _CODES.split("|"):
            return raw.upper()
    return None


def _stated_period(text: str, end: int) -> str | None:
    tail = text[end : end + 25]
    for name, pattern in _PERIODS:
        if pattern.match(tail):
            return name
    return None


def _guess_period(low: float) -> str | None:
    # Not stated: guess from magnitude (typical pay figures), else leave unknown.
    if low >= 15_000:
        return "year"
    if low <= 300:
        return "hour"
    return None


def _candidate(text: str, m: re.Match) -> tuple[int, Salary] | None:
    cur1, cur2, code = m.group("cur1"), m.group("cur2"), m.group("code")
    k1, k2 = m.group("k1"), m.group("k2")
    if (k1 and k1.lower().startswith("m")) or (k2 and k2.lower().startswith("m")):
        return None  # "$5M" is funding or revenue, not pay
    try:
        low = _scale(_number(m.group("num1")), k1 or k2 if m.group("num2") else k1)
        high = _scale(_number(m.group("num2")), k2 or k1) if m.group("num2") else low
    except ValueError:
        return None
    currency = _currency(cur1 or cur2, code)
    sentence = text[max(0, m.start() - 120) : m.end() + 60]
    period = _stated_period(text, m.end())
    score = 0
    score += 2 if currency else 0
    score += 1 if period or (currency and low >= 1000) else 0
    score += 2 if _CUE.search(sentence) else 0
    score += 1 if m.group("num2") else 0
    score -= 4 if _NOT_SALARY.search(sentence) and not _CUE.search(text[max(0, m.start() - 40) : m.end()]) else 0
    if score < 3 or low <= 0 or high < low or low < 7:
        return None
    if not currency and low < 1000 and not k1:
        return None  # bare small numbers are counts, ages, percentages
    period = period or _guess_period(low)
    return score, Salary(min=low, max=high, currency=currency, period=period, text=m.group().strip())


def find_salary(text: str) -> Salary | None:
    """The most salary-like money amount or range in ``text``, or None."""
    best: tuple[int, Salary] | None = None
    for m in _SALARY.finditer(text):
        has_unit = m.group("cur1") or m.group("cur2") or m.group("code") or m.group("k1")
        if not has_unit and not _CUE.search(text[max(0, m.start() - 60) : m.start()]):
            continue  # a bare number needs a pay word just before it
        cand = _candidate(text, m)
        if cand and (best is None or cand[0] > best[0]):
            best = cand
    return best[1] if best else None
