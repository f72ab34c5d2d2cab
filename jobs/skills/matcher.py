# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
"""Find skill mentions in free text with one Aho-Corasick automaton over every alias.

Pipeline per text: lower-case (length-preserving) -> automaton hits -> boundary and case checks ->
leftmost-longest overlap resolution -> context check for ambiguous names ("Go", "R", "C", "Spring").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from jobs.skills.taxonomy import Skill, Taxonomy, taxonomy

# Characters that may sit between two items of a skills list ("Java, Go / Rust (and C)").
_LIST_GAP = re.compile(
    r"[\s,/|&()+;:·•*\[\]-]*(?:(?:and|or|as well as|including|e\.g\.|plus)[\s,/|&()+;:·•*-]*)?", re.I
)
_RIGHT_CUE = re.compile(
    r"\s*(?:\(golang\)|programming|language|lang\b|developers?|engineers?|engineering|code|coding|programmers?|"
    r"scripts?|scripting|ecosystem|stack|backend|back-end|services|microservices|runtime|modules?|framework|"
    r"applications?|developer|experience|libraries|skills|sdk|toolchain|compiler|projects?)\b",
    re.I,
)
_LEFT_CUE_SHORT = re.compile(
    r"\b(?:in|using|with|write|writing|written in|knowledge of|proficient in|proficiency in|fluent in|expert in|"
    r"experience in|experience with|languages? (?:like|such as)|like|e\.g\.)\s+$",
    re.I,
)
_SPOKEN_CUE = re.compile(
    r"\b(?:fluent|fluency|fluently|proficient|proficiency|speak|speaks|speaking|spoken|written|native|"
    r"bilingual|conversational|business[- ]level|mother tongue|language|languages|C1|C2|B2)\b",
    re.I,
)
# Words before a single capital letter that make it a label, not a language ("Series C", "Vitamin C").
_LETTER_LABELS = frozenset(
    [
        "series",
        "vitamin",
        "type",
        "class",
        "grade",
        "level",
        "tier",
        "plan",
        "part",
        "section",
        "category",
        "round",
        "option",
        "group",
        "model",
        "schedule",
        "form",
        "exhibit",
        "appendix",
        "phase",
        "stage",
        "unit",
        "block",
        "building",
        "team",
        "hepatitis",
        "size",
        "step",
        "item",
        "point",
        "b",
        "a",
    ]
)
# Odd spaces that should still join the words of a multi-word alias. (str.replace is much faster than translate.)
_ODD_SPACES = ("\t", "\xa0", "\u2009", "\u202f")


@dataclass(frozen=True, slots=True)
class SkillMention:
    skill: Skill
    canonical: str
    start: int
    end: int
    surface: str

    @property
    def category(self) -> str:
        return self.skill.category


@dataclass(frozen=True, slots=True)
class _Entry:
    skill: Skill
    alias: str
    mode: str


class Matcher:
    def __init__(self, tax: Taxonomy):
        self.automaton = ahocorasick.Automaton()
        grouped: dict[str, list[_Entry]] = {}
        # One-letter names (C, R) would hit at every c and r in the text; they are found by one small regex
        # over exact-case letters instead, which keeps the automaton's hits to plausible words.
        self.letters: dict[str, _Entry] = {}
        for skill in tax.skills:
            for alias in skill.aliases:
                if len(alias.text) == 1:
                    self.letters[alias.text] = _Entry(skill, alias.text, "x")
                    continue
                for variant in _variants(alias.text, alias.mode):
                    grouped.setdefault(variant.lower(), []).append(_Entry(skill, variant, alias.mode))
        for key, entries in grouped.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        self.automaton.make_automaton()
        letters = "".join(sorted(re.escape(c) for c in self.letters))
        self.letter_re = re.compile(rf"(?<![\w.+#@$-])[{letters}](?![\w+#])") if letters else None

    def extract(self, text: str) -> list[SkillMention]:
        if not text:
            return []
        low = _lower(text)
        hits = []
        for end, (length, entries) in self.automaton.iter(low):
            start = end - length + 1
            if not _boundary_ok(text, start, end + 1, entries[0].alias):
                continue
            entry = _pick(entries, text[start : end + 1])
            if entry is not None and entry.mode == "c" and entry.alias.istitle() and _word_like(text, start, end + 1):
                # "Swift delivery ..." opening a sentence is capitalised for grammar, not because it is a name;
                # "Ruby-red" is a compound word. Both need context to count.
                entry = _Entry(entry.skill, entry.alias, "x")
            if entry is not None:
                hits.append((start, end + 1, entry))
        if self.letter_re is not None:
            for m in self.letter_re.finditer(text):
                if _boundary_ok(text, m.start(), m.end(), m.group()):
                    hits.append((m.start(), m.end(), self.letters[m.group()]))
        kept = _leftmost_longest(hits)
        return _resolve_context(text, kept)


def _variants(alias: str, mode: str) -> list[str]:
    """Hyphenated spelling of multi-word aliases too ("spring-boot", "ruby-on-rails" in tag lists)."""
    out = [alias]
    words = alias.split(" ")
    if mode == "i" and 2 <= len(words) <= 4 and all(w[:1].isalnum() for w in words):
        out.append("-".join(words))
    return out


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        # A few characters ("İ") lower-case to two; keep offsets aligned by leaving those as they are.
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for ch in _ODD_SPACES:
        if ch in low:
            low = low.replace(ch, " ")
    return low


def _boundary_ok(text: str, start: int, end: int, alias: str) -> bool:
    """Word boundaries that also work for names with symbols (C++, .NET, CI/CD, Node.js)."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_@$":
            return False
        if before == "." and alias[0].isalnum() and start > 1 and text[start - 2].isalnum():
            return False  # "js" inside "node.js"
    if end < len(text):
        after = text[end]
        if after.isalnum() or after == "_":
            return False
        if alias[-1].isalnum() and after in "+#":
            return False  # "C" inside "C++" or "C#"
        if after == "." and end + 1 < len(text) and text[end + 1].isalnum():
            return False  # "Node" inside "Node.js", "C" inside "C.V."
    return True


def _pick(entries: tuple[_Entry, ...], surface: str) -> _Entry | None:
    """Best matching alias for this surface: any-case first, then exact-case, then context-bound.

    An all-lower-case surface of a case-sensitive name ("spring", "rest", "qa") is how tag lists are written;
    it is kept as context-bound, so it survives only next to other technologies or a cue word. So is a
    capitalised surface of a name spelt in lower case ("Pandas, Celery").
    """
    best = None
    for entry in entries:
        if entry.mode == "i":
            return entry
        if surface == entry.alias and (best is None or entry.mode == "c"):
            best = entry
    if best is None and len(surface) > 1 and (surface.islower() or _capitalised_lower(surface, entries[0].alias)):
        best = _Entry(entries[0].skill, entries[0].alias, "x")
    return best


def _capitalised_lower(surface: str, alias: str) -> bool:
    """ "Pandas" for a name spelt in lower case ("pandas"): a list item or sentence start capitalises it."""
    return alias.islower() and surface[0].isupper() and surface[1:] == alias[1:]


def _word_like(text: str, start: int, end: int) -> bool:
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].islower():
        return True
    return _sentence_start(text, start)


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘":
        i -= 1
    return i < 0 or text[i] in ".!?\n\r•*-–—>"


def _leftmost_longest(hits: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    hits.sort(key=lambda h: (h[0], -h[1]))
    kept: list[tuple[int, int, _Entry]] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def _resolve_context(text: str, kept: list[tuple[int, int, _Entry]]) -> list[SkillMention]:
    accepted = [h[2].mode != "x" for h in kept]
    # Repeat so that a chain of ambiguous names ("C, R, Go, Rust") leans on each other once one is anchored.
    changed = True
    while changed:
        changed = False
        for i in range(len(kept)):
            if not accepted[i] and _has_context(text, kept, accepted, i):
                accepted[i] = changed = True
    return [
        SkillMention(entry.skill, entry.skill.name, start, end, text[start:end])
        for ok, (start, end, entry) in zip(accepted, kept, strict=True)
        if ok
    ]


def _has_context(text: str, kept: list, accepted: list[bool], i: int) -> bool:
    start, end, entry = kept[i]
    if entry.skill.category == "spoken_language":
        return _spoken_context(text, kept, accepted, i)
    short = len(entry.alias) <= 2
    if short and not _letter_ok(text, start, end):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(kept) and accepted[j] and kept[j][2].skill.is_tech:
            gap = text[kept[j][1] : start] if j < i else text[end : kept[j][0]]
            if len(gap) <= 30 and _LIST_GAP.fullmatch(gap):
                return True
    if _RIGHT_CUE.match(text, end) or _alone_on_line(text, start, end):
        return True
    return short and bool(_LEFT_CUE_SHORT.search(text, max(0, start - 30), start))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """A bullet that is just the name ("- Rust") is a skills-list item."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line.strip(" \t-*•·.,;:") == text[start:end]


def _spoken_context(text: str, kept: list, accepted: list[bool], i: int) -> bool:
    start, end, _entry = kept[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(kept) and kept[j][2].skill.category == "spoken_language":
            gap = text[kept[j][1] : start] if j < i else text[end : kept[j][0]]
            if len(gap) <= 20 and _LIST_GAP.fullmatch(gap):
                return True
    window = text[max(0, start - 40) : end + 40]
    return bool(_SPOKEN_CUE.search(window))


def _letter_ok(text: str, start: int, end: int) -> bool:
    """Reject label uses of one- and two-letter names: "C-level", "Series C", "R&D", "Go-to-market"."""
    if end < len(text) and text[end] in "-&'’":
        return False
    if start > 0 and text[start - 1] in "-&":
        return False
    words = text[max(0, start - 20) : start].split()
    return not (words and words[-1].lower().strip(".,:") in _LETTER_LABELS)


@cache
def default_matcher() -> Matcher:
    return Matcher(taxonomy())


def extract_skills(text: str) -> list[SkillMention]:
    """Skill mentions in ``text`` in order of appearance, with character offsets into ``text``."""
    return default_matcher().extract(text)
