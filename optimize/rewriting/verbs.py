"""The action verbs resume bullets open with, and their forms: base, past, gerund ("-ing") and third person.

Only verbs listed here are ever conjugated, so an unknown word is left alone rather than guessed at.
"""

from __future__ import annotations

from functools import cache


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list (long word lists read better as text)."""
    return frozenset(text.split())


IRREGULAR_PAST: dict[str, str] = {
    "begin": "began",
    "bring": "brought",
    "build": "built",
    "buy": "bought",
    "choose": "chose",
    "do": "did",
    "drive": "drove",
    "find": "found",
    "give": "gave",
    "grow": "grew",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "make": "made",
    "meet": "met",
    "oversee": "oversaw",
    "rebuild": "rebuilt",
    "rewrite": "rewrote",
    "run": "ran",
    "seek": "sought",
    "sell": "sold",
    "send": "sent",
    "spend": "spent",
    "speak": "spoke",
    "take": "took",
    "teach": "taught",
    "undertake": "undertook",
    "win": "won",
    "write": "wrote",
}

# Verbs that double their last consonant before -ed and -ing.
DOUBLING = frozenset(
    {"begin", "commit", "control", "drop", "equip", "map", "plan", "prep", "run", "scan", "ship", "stop", "submit"}
    | {"transfer", "win", "log", "tag"}
)

REGULAR = word_set(
    """
    achieve administer advise analyse analyze architect assess audit automate benchmark champion clean coach
    collaborate collect compile complete conduct configure consolidate construct consult contribute convert
    coordinate create debug decrease define deliver deploy design develop devise diagnose direct document
    draft educate eliminate enable engineer enhance establish estimate evaluate execute expand facilitate fix
    forecast generate guide handle help identify implement improve increase initiate inspect install integrate
    interview introduce investigate launch maintain manage market mentor migrate model modernize monitor
    negotiate onboard operate optimise optimize orchestrate organise organize own partner perform pilot
    prepare present prioritize process produce program prototype provide publish recommend recruit redesign
    reduce refactor release remove reorganize report research resolve restructure review revamp scale schedule
    secure serve simplify solve standardize streamline strengthen structure supervise support survey
    test track train translate triage troubleshoot unify update upgrade validate verify
    """
)

BASES = frozenset(REGULAR | DOUBLING | set(IRREGULAR_PAST))

# Forms that read as nouns or adjectives at least as often as verbs ("Test automation for ...", "Leading
# provider of ...", "Training materials ..."): they only count as verbs before a word that starts an object.
AMBIGUOUS = word_set(
    """
    audit benchmark budget building champion design document engineer forecast forecasting interview lead
    leading map mapping market model modeling modelling partner pilot plan planning process processing program
    programming release report reporting research review schedule scheduling structure support survey test
    testing track tracking training update
    """
)


def past(base: str) -> str:
    if base in IRREGULAR_PAST:
        return IRREGULAR_PAST[base]
    if base in DOUBLING:
        return base + base[-1] + "ed"
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ied"
    return base + "ed"


def gerund(base: str) -> str:
    if base in DOUBLING:
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


def third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
        return base[:-1] + "ies"
    return base + "s"


@cache
def _forms() -> dict[str, tuple[str, str]]:
    """Every known form (lower case) -> (base, form kind: "base" | "past" | "gerund" | "third")."""
    forms: dict[str, tuple[str, str]] = {}
    for base in sorted(BASES):
        forms.setdefault(gerund(base), (base, "gerund"))
        forms.setdefault(third_person(base), (base, "third"))
        forms.setdefault(past(base), (base, "past"))
    for base in sorted(BASES):
        forms[base] = (base, "base")  # "read"/"set" style overlaps: the base reading wins
    return forms


def analyse(word: str) -> tuple[str, str] | None:
    """(base, kind) for a known verb form, whatever its case; None for any other word."""
    return _forms().get(word.lower())


def base_of_gerund(word: str) -> str | None:
    found = analyse(word)
    return found[0] if found and found[1] == "gerund" else None


def match_case(word: str, like: str) -> str:
    """``word`` capitalised when ``like`` starts with a capital letter."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word
