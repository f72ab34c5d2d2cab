"""Contact details: name, email, phone, links and location."""

# ruff: noqa: RUF001, RUF002 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re

from .model import Line

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# International and North-American shapes: +82 10-9030-1843, (909) 555-5555, 607.379.5733, +44 20 7946 0958
PHONE = re.compile(r"(?<![\w/.])(?:\(?\+?|\+?\(?)\d[\d\s().\-]{5,}\d(?![\w/])")
URL = re.compile(
    r"(?:https?://)?(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|ai|app|"
    r"edu|info|xyz|tech|page|site|us|uk|de|fr|in|ca)(?:/[^\s|,;]*)?",
    re.IGNORECASE,
)
US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "DC",
]
STATE_NAMES = [
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "wisconsin",
    "wyoming",
]
_COUNTRY_SET = {
    *[
        "usa",
        "us",
        "uk",
        "canada",
        "india",
        "germany",
        "france",
        "spain",
        "italy",
        "netherlands",
        "sweden",
        "norway",
        "denmark",
        "finland",
        "ireland",
    ],
    *[
        "poland",
        "portugal",
        "switzerland",
        "austria",
        "belgium",
        "australia",
        "japan",
        "china",
        "korea",
        "s.korea",
        "singapore",
        "brazil",
    ],
    *[
        "mexico",
        "argentina",
        "israel",
        "turkey",
        "türkiye",
        "egypt",
        "nigeria",
        "kenya",
        "pakistan",
        "bangladesh",
        "vietnam",
        "philippines",
    ],
    *["indonesia", "malaysia", "ukraine", "romania", "greece", "hungary", "uae", "remote"],
    "united states",
    "united kingdom",
    "new zealand",
    "south korea",
    "republic of korea",
    "south africa",
    "czech republic",
    "united arab emirates",
}
_PLACE = r"[A-ZÀ-Ý][\wÀ-ÿğüşöçıİ.'’-]*(?: (?:of |de |la |du |del )?[A-ZÀ-Ý][\wÀ-ÿğüşöçıİ.'’-]*){0,3}"
LOCATION = re.compile(rf"({_PLACE}), ?({_PLACE}|[A-Z]{{2}})(?:, ?({_PLACE}))?(?: \d{{5}})?$")

_LINK_LABELS = (
    ("linkedin", "LinkedIn"),
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("twitter", "Twitter"),
    ("x.com", "X"),
    ("stackoverflow", "Stack Overflow"),
    ("medium.com", "Medium"),
    ("behance", "Behance"),
    ("dribbble", "Dribbble"),
    ("kaggle", "Kaggle"),
    ("youtube", "YouTube"),
    ("facebook", "Facebook"),
    ("fb.co", "Facebook"),
    ("quora", "Quora"),
    ("orcid", "ORCID"),
    ("scholar.google", "Google Scholar"),
)


def is_region(text: str) -> bool:
    t = text.strip().strip(".").lower()
    if len(t) == 2:
        return t.upper() in US_STATES or t in _COUNTRY_SET
    return t in STATE_NAMES or t in _COUNTRY_SET


def match_location(text: str, allow_three: bool = False) -> str | None:
    """'San Francisco, CA', 'Istanbul, Türkiye', 'Kent, Ohio'; with allow_three also
    'Mapo-gu, Seoul, Republic of Korea' (three parts are only trusted in a contact block: in an entry header
    "LionLike MindState, Pomona, CA" is an organisation followed by a place)."""
    text = text.strip(" •|·,;")
    if text.lower() == "remote":
        return "Remote"
    m = LOCATION.fullmatch(text)
    if not m or (m.group(3) and not allow_three):
        return None
    last = m.group(3) or m.group(2)
    if is_region(last) or (m.group(3) and is_region(m.group(2))):
        return text
    return None


def search_location(text: str) -> str | None:
    """A place at the end of an address line: "2222 McCoy Road Columbus, Ohio 44444" -> "Columbus, Ohio"."""
    text = re.sub(r"\s+\d{5}(?:-\d{4})?$", "", text.strip(" •|·,;"))
    found = match_location(text, allow_three=True)
    if found:
        return found
    words = text.split()
    for i in range(len(words) - 1, 0, -1):
        found = match_location(" ".join(words[i:]))
        if found and "," in found:
            return found
    return None


def find_location_suffix(text: str) -> tuple[str | None, str]:
    """Split a trailing location off "Nexus AI – San Francisco, CA" or "Kent State University, Kent, Ohio"."""
    for sep in (" – ", " — ", " | ", " - ", " · ", " • "):
        if sep in text:
            head, _, tail = text.rpartition(sep)
            loc = match_location(tail)
            if loc and head.strip():
                return loc, head.strip()
    parts = [p.strip() for p in text.split(",")]
    for take in (2,):
        if len(parts) > take:
            loc = match_location(", ".join(parts[-take:]))
            if loc:
                return loc, ", ".join(parts[:-take]).strip()
    return None, text


def normalize_phone(text: str) -> str:
    return re.sub(r"[^\d+]", "", text)


def find_phone(text: str) -> str | None:
    for m in PHONE.finditer(text):
        candidate = m.group(0).strip()
        tokens = candidate.split()
        # "Ohio 44444 614-555-5555": a ZIP code glued in front of the number
        while len(tokens) > 1 and re.fullmatch(r"\d{5}", tokens[0]) and len(re.sub(r"\D", "", candidate)) > 11:
            tokens = tokens[1:]
            candidate = " ".join(tokens)
        digits = re.sub(r"\D", "", candidate)
        if not 7 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", candidate) or re.search(r"\d+\.\d+\s*/", candidate):
            continue  # date ranges and GPAs
        return candidate
    return None


def link_label(url: str) -> str:
    lowered = url.lower()
    for needle, label in _LINK_LABELS:
        if needle in lowered:
            return label
    return "Website"


def find_links(text: str) -> list[str]:
    # Parts of an e-mail address look like domains ("dana.demo@example.com" holds "dana.de"): skip them.
    emails = [m.span() for m in EMAIL.finditer(text)]
    found = []
    for m in URL.finditer(text):
        if any(start <= m.start() < end for start, end in emails):
            continue
        url = m.group(0).rstrip(".)")
        if "@" in text[max(0, m.start() - 1) : m.start() + 1] or EMAIL.search(url):
            continue
        found.append(url)
    return found


def looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 50:
        return False
    if EMAIL.search(text) or any(ch.isdigit() for ch in text):
        return False
    return all(
        (w[0].isalpha() and w[0].isupper()) or w.lower() in ("de", "van", "von", "da", "le", "bin") for w in words
    )


def display_name(text: str) -> str:
    """'JOHN DOE' -> 'John Doe'; mixed case is kept as written ("McKee", "DeAndre")."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(w.capitalize() if len(w) > 2 or "." not in w else w for w in text.split())
    return text


def pick_name(lines: list[Line]) -> tuple[str | None, float]:
    """The most prominent name-shaped line near the top of page one."""
    candidates = [ln for ln in lines[:15] if ln.page == 0 and looks_like_name(ln.spans[0].text)]
    if not candidates:
        return None, 0.0
    best = max(candidates, key=lambda ln: (ln.size, ln.bold, -lines.index(ln)))
    sizes = sorted({ln.size for ln in lines[:40]}, reverse=True)
    confidence = 0.95 if sizes and best.size >= sizes[0] else 0.75 if best.bold else 0.6
    return display_name(best.spans[0].text), confidence
