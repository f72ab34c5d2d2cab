"""The shape every adapter returns, and the small normalisation helpers they share. No Django imports."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import lxml.etree
import lxml.html

from jobs.analysis import find_salary
from jobs.text import fix_mojibake, html_to_text, looks_like_html

Workplace = str  # "remote" | "hybrid" | "onsite"


@dataclass(slots=True)
class NormalizedPosting:
    """One job posting in a board-independent shape.

    ``source_id`` is the board's own id for the posting (stable across fetches of the same board), so the pair
    (source, source_id) identifies a posting. Text fields are plain text with mojibake repaired; ``description_html``
    is the board's markup after an allow-list sanitiser (see ``sanitize_html``), kept for display.
    """

    source_id: str
    title: str
    company: str = ""
    location: str = ""
    remote: bool | None = None
    workplace: Workplace | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_period: str | None = None  # "year" | "month" | "week" | "day" | "hour"
    tags: list[str] = field(default_factory=list)
    description_text: str = ""
    description_html: str | None = None
    apply_url: str = ""
    url: str = ""
    posted_at: datetime | None = None
    expires_at: datetime | None = None
    employment_type: str | None = None  # "full_time" | "part_time" | "contract" | "internship" | "temporary" | other
    raw: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class FetchResult:
    postings: list[NormalizedPosting] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # a document failed: fetch, HTTP, parse, deadline
    skipped: list[str] = field(default_factory=list)  # single records left out (no title, unlisted shape, ...)

    @property
    def ok(self) -> bool:
        return not self.errors


class SourceError(Exception):
    """A document could not be fetched or understood; its message goes into ``FetchResult.errors``."""


# ---------------------------------------------------------------------------------------------------- text


def text(value) -> str:
    """A plain-text field from a board: mojibake repaired, whitespace collapsed."""
    if value is None:
        return ""
    return " ".join(fix_mojibake(str(value)).split())


def html_text(markup: str | None) -> str:
    """Plain text from board HTML (escaped HTML too): mojibake repaired first, then flattened."""
    if not markup:
        return ""
    return html_to_text(fix_mojibake(markup))


_SAFE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
_KILL_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "head",
        "svg",
        "math",
        "form",
        "input",
        "button",
    }
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def sanitize_html(markup: str | None) -> str | None:
    """Allow-list sanitiser for display: safe tags only, no attributes except http(s)/mailto ``href`` on links.
    Scripts, styles, iframes, images and event handlers are gone. Entity-escaped HTML is unescaped first."""
    if not markup or not markup.strip():
        return None
    markup = fix_mojibake(markup)
    if "<" not in markup and looks_like_html(markup):
        markup = html.unescape(markup)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None
    for el in list(root.iterdescendants()):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _KILL_TAGS:
            el.drop_tree()  # comments and processing instructions too
        elif tag not in _SAFE_TAGS:
            el.drop_tag()
        else:
            href = el.get("href") if tag == "a" else None
            el.attrib.clear()
            if href and href.strip().lower().startswith(_SAFE_SCHEMES):
                el.set("href", href.strip())
                el.set("rel", "nofollow noopener")
    inner = (root.text or "") + "".join(lxml.html.tostring(c, encoding="unicode") for c in root)
    return inner.strip() or None


# ---------------------------------------------------------------------------------------------------- dates


def parse_datetime(value) -> datetime | None:
    """An aware datetime from ISO 8601, RFC 822 (RSS) or a Unix epoch in seconds or milliseconds; naive -> UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if s.isdigit():
        return parse_datetime(int(s))
    dt = None
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            dt = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            return None
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# ---------------------------------------------------------------------------------------------------- fields

_WORKPLACE_WORDS = {
    "remote": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on-site": "onsite",
    "on site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
    "office": "onsite",
}


def workplace_from(value: str | None) -> Workplace | None:
    """Normalise an explicit workplace field (Lever "on-site", Ashby "OnSite", ...)."""
    if not value:
        return None
    v = re.sub(r"[\s_]+", " ", str(value).strip().lower())
    return _WORKPLACE_WORDS.get(v) or _WORKPLACE_WORDS.get(v.replace(" ", ""))


_REMOTE_RE = re.compile(r"\b(remote|anywhere|work from home|wfh|distributed)\b", re.I)
_HYBRID_RE = re.compile(r"\bhybrid\b", re.I)
_ONSITE_RE = re.compile(r"\b(on-?site|in[- ]office)\b", re.I)


def workplace_from_location(location: str | None) -> Workplace | None:
    """A guess from a location string ("Hybrid - London", "Remote, US"); None when it says nothing."""
    if not location:
        return None
    if _HYBRID_RE.search(location):
        return "hybrid"
    if _REMOTE_RE.search(location):
        return "remote"
    if _ONSITE_RE.search(location):
        return "onsite"
    return None


def remote_flag(workplace: Workplace | None) -> bool | None:
    return None if workplace is None else workplace == "remote"


_EMPLOYMENT = {
    "fulltime": "full_time",
    "permanent": "full_time",
    "parttime": "part_time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "intern": "internship",
    "internship": "internship",
    "temporary": "temporary",
    "temp": "temporary",
}


def employment_type(value: str | None) -> str | None:
    """ "Full-Time", "FullTime", "full time", "Permanent" -> "full_time"; unknown values pass through trimmed."""
    if not value or not str(value).strip():
        return None
    key = re.sub(r"[^a-z]", "", str(value).lower())
    return _EMPLOYMENT.get(key, str(value).strip())


_PERIODS = {
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "peryearsalary": "year",
    "1year": "year",
    "month": "month",
    "monthly": "month",
    "permonthsalary": "month",
    "1month": "month",
    "week": "week",
    "weekly": "week",
    "perweeksalary": "week",
    "1week": "week",
    "day": "day",
    "daily": "day",
    "perdaywage": "day",
    "1day": "day",
    "hour": "hour",
    "hourly": "hour",
    "perhourwage": "hour",
    "1hour": "hour",
}


def salary_period(value: str | None) -> str | None:
    """Lever "per-year-salary", Ashby "1 YEAR", "annual" ... -> "year" etc."""
    if not value:
        return None
    return _PERIODS.get(re.sub(r"[^a-z0-9]", "", str(value).lower()))


def number(value) -> float | None:
    """A positive amount, or None (boards use 0 and "" for unknown)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        n = float(str(value).replace(",", "")) if not isinstance(value, int | float) else float(value)
    except ValueError:
        return None
    return n if n > 0 else None


def apply_salary_from_text(posting: NormalizedPosting) -> None:
    """Fill the salary from the description (``jobs.analysis.find_salary``) when the board gave none."""
    if posting.salary_min is not None or posting.salary_max is not None or not posting.description_text:
        return
    found = find_salary(posting.description_text)
    if not found:
        return
    posting.salary_min, posting.salary_max = found.min, found.max
    posting.salary_currency = posting.salary_currency or found.currency
    posting.salary_period = posting.salary_period or found.period


def dedupe_tags(tags) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags or []:
        t = text(tag)
        if t and t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def trim_raw(item: dict, keys) -> dict:
    """A small subset of the board's record, for debugging (never the description)."""
    return {k: item[k] for k in keys if k in item and item[k] not in (None, "", [], {})}
