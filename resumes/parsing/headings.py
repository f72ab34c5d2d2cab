"""Section headings: a vocabulary (with typo tolerance) plus typography."""

# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .model import Line

VOCABULARY: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "summary of qualifications",
        "qualifications summary",
        "profile",
        "professional profile",
        "career profile",
        "personal profile",
        "objective",
        "career objective",
        "professional objective",
        "about",
        "about me",
        "overview",
        "personal statement",
        "introduction",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "relevant experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "professional background",
        "internships",
        "internship experience",
        "experience and internships",
        "research experience",
        "research",
        "teaching experience",
        "leadership experience",
        "volunteer experience",
        "volunteering",
        "military experience",
        "positions of responsibility",
    ),
    "education": (
        "education",
        "academic background",
        "education and training",
        "academics",
        "academic history",
        "educational background",
        "academic qualifications",
        "education and certifications",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "skills and tools",
        "skills and expertise",
        "core competencies",
        "competencies",
        "computer skills",
        "technologies",
        "tools",
        "tech stack",
        "areas of expertise",
        "expertise",
        "technical proficiencies",
        "programming skills",
        "skills and interests",
        "skills summary",
    ),
    "projects": (
        "projects",
        "project",
        "personal projects",
        "selected projects",
        "academic projects",
        "side projects",
        "key projects",
        "open source",
        "open source projects",
        "project experience",
    ),
    "certifications": (
        "certifications",
        "certification",
        "certificates",
        "licenses and certifications",
        "licenses",
        "certifications and licenses",
        "courses and certifications",
        "professional certifications",
    ),
    "awards": (
        "awards",
        "honors",
        "honours",
        "honors and awards",
        "awards and honors",
        "honors awards",
        "achievements",
        "accomplishments",
        "scholarships",
        "awards and achievements",
    ),
    "languages": ("languages", "language skills", "spoken languages"),
    "contact": (
        "contact",
        "contact information",
        "contact details",
        "personal details",
        "personal information",
    ),
    "other": (
        "publications",
        "coursework",
        "relevant coursework",
        "significant coursework",
        "interests",
        "hobbies",
        "activities",
        "references",
        "links",
        "volunteer",
        "community",
        "involvement",
        "campus involvement",
        "extracurricular activities",
        "presentations",
        "patents",
        "memberships",
        "affiliations",
        "additional information",
        "talks",
    ),
}

_LOOKUP = {phrase: kind for kind, phrases in VOCABULARY.items() for phrase in phrases}
# Words that put an unknown heading into a known section ("Leadership Experience", "Computer Skills").
_KEYWORDS = (
    ("experience", "experience"),
    ("employment", "experience"),
    ("education", "education"),
    ("skill", "skills"),
    ("project", "projects"),
    ("certif", "certifications"),
    ("award", "awards"),
    ("honor", "awards"),
    ("language", "languages"),
    ("summary", "summary"),
    ("objective", "summary"),
    ("profile", "summary"),
)
MAX_HEADING_WORDS = 5


def heading_key(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("/", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z ]+", "", text)).strip()


@lru_cache(maxsize=2048)
def vocabulary_kind(text: str) -> str | None:
    """Section kind for a heading text, tolerating case, punctuation and small typos ("Experiance")."""
    key = heading_key(text)
    if not key or len(key.split()) > MAX_HEADING_WORDS:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    if len(key) >= 6:
        best = max(_LOOKUP, key=lambda p: SequenceMatcher(None, key, p).ratio())
        if SequenceMatcher(None, key, best).ratio() >= 0.88:
            return _LOOKUP[best]
    return None


def keyword_kind(text: str) -> str:
    key = heading_key(text)
    for word, kind in _KEYWORDS:
        if word in key:
            return kind
    return "other"


def heading_shape(line: Line) -> bool:
    """Short, single-span, no digits or contact details: the shape a heading can have."""
    text = line.text.strip().rstrip(":").strip()
    if len(line.spans) != 1 or not text or len(text) > 45:
        return False
    if any(c.isdigit() for c in text) or "@" in text or text.startswith(("•", "- ", "* ", "– ")):
        return False
    return len(text.split()) <= MAX_HEADING_WORDS and not text.endswith((".", ","))


def emphasised(line: Line, body_size: float) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    return line.bold or caps or (body_size > 0 and line.size >= body_size + 1.0) or line.text.rstrip().endswith(":")


def signature(line: Line) -> tuple:
    letters = [c for c in line.text if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    return (round(line.size), line.bold, caps)
