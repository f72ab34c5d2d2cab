"""Keys for grouping the same job seen on several boards (a Greenhouse job re-posted on RemoteOK, say).

Three independent keys, each cheap to index:

- ``canonical_apply_url``: the apply URL without tracking noise. Equal URLs are the strongest signal.
- ``company_title_location_key``: "company|title|location" normalised (case, punctuation, legal suffixes).
- ``description_fingerprint``: SHA-1 of the normalised first 2,000 characters of the description. Exact match
  after normalisation: robust to markup, whitespace, case, punctuation and mojibake, not to edits; for edited
  copies ``description_simhash`` (64-bit simhash over word 3-shingles) with ``simhash_distance`` <= 6 is the
  near-duplicate test.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jobs.text import fix_mojibake

TRACKING_PARAMS = frozenset(
    {"ref", "source", "gh_src", "lever-source", "lever-origin", "gclid", "fbclid", "mc_cid", "mc_eid", "src"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "ltd",
        "limited",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "sa",
        "sas",
        "sarl",
        "ag",
        "bv",
        "nv",
        "srl",
        "spa",
        "pty",
        "oy",
        "ab",
        "as",
        "aps",
        "kk",
        "kg",
        "ug",
        "pte",
        "pvt",
    }
)
FINGERPRINT_CHARS = 2000


def canonical_apply_url(url: str | None) -> str:
    """Lowercase scheme and host, default port dropped, tracking parameters (utm_*, ref, source, gh_src,
    lever-source, ...) removed, remaining parameters sorted, fragment and trailing slashes stripped."""
    if not url or not url.strip():
        return ""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and _DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


_NON_WORD = re.compile(r"[^\w]+")


def _words(value: str | None) -> list[str]:
    value = fix_mojibake(value or "")
    if not value.isascii():  # NFKD leaves ASCII as it is, and ASCII has no combining marks
        value = unicodedata.normalize("NFKD", value)
        if not value.isascii():
            value = "".join(c for c in value if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", value.lower().replace("&", " and ")).split()


def normalise_company(company: str | None) -> str:
    words = _words(company)
    singles = 0
    while singles < len(words) and len(words[-1 - singles]) == 1:
        singles += 1
    if singles >= 2:  # "S.A.", "L.L.C." -> "sa", "llc"
        words = [*words[:-singles], "".join(words[-singles:])]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def normalise_phrase(value: str | None) -> str:
    return " ".join(_words(value))


def company_title_location_key(company: str | None, title: str | None, location: str | None = "") -> str:
    """``"acme|senior backend engineer|berlin germany"`` for ("ACME GmbH", "Senior Backend Engineer!",
    "Berlin,  Germany")."""
    return "|".join((normalise_company(company), normalise_phrase(title), normalise_phrase(location)))


def _normalised_text(text: str | None) -> str:
    return " ".join(_words(text))


def description_fingerprint(text: str | None) -> str:
    """SHA-1 (hex) of the first ~2,000 characters of the normalised description (cut at a word boundary);
    "" when there is no text."""
    # Only the start is hashed, so only the start is normalised (twice the budget covers markup and spacing
    # that normalisation removes).
    norm = _normalised_text((text or "")[: FINGERPRINT_CHARS * 2])
    if not norm:
        return ""
    if len(norm) > FINGERPRINT_CHARS:
        norm = norm[:FINGERPRINT_CHARS].rsplit(" ", 1)[0]
    return hashlib.sha1(norm.encode("utf-8"), usedforsecurity=False).hexdigest()


def description_simhash(text: str | None, *, shingle: int = 3) -> int:
    """64-bit simhash over word shingles of the normalised description; 0 when there is no text."""
    words = _words(text)
    if not words:
        return 0
    grams = [" ".join(words[i : i + shingle]) for i in range(max(1, len(words) - shingle + 1))]
    weights = [0] * 64
    for gram in grams:
        h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def simhash_distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def posting_keys(posting) -> dict[str, str]:
    """All three grouping keys of a ``NormalizedPosting``."""
    return {
        "apply_url": canonical_apply_url(posting.apply_url or posting.url),
        "company_title_location": company_title_location_key(posting.company, posting.title, posting.location),
        "description": description_fingerprint(posting.description_text),
    }
