"""Wording rules for one bullet or sentence: filler cut, weak openings replaced by action verbs, tense made
consistent with the role's dates, and the job's name for a skill the line already shows.

Each rule changes words only: no figure, employer, skill or claim is added, and a rule that cannot tell what a
word is leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jobs.skills import extract_skills, normalize_skill, taxonomy
from optimize.rewriting import verbs
from optimize.rewriting.jobterms import JobTerms
from optimize.rewriting.verbs import word_set

PAST = "past"
PRESENT = "present"

MIN_WORDS = 3


def _drop_etc(match: re.Match[str]) -> str:
    # "Python, Go, etc. Mentored ..." keeps the full stop that ended the sentence.
    following = match.string[match.end() :].lstrip()
    return "." if match.group(0).endswith(".") and following[:1].isupper() else ""


# (pattern, replacement, the words named in the reason). Applied in order.
FILLERS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], str], ...] = (
    (re.compile(r"\bin order to\b", re.I), "to", "in order to"),
    (re.compile(r"\bsuccessfully\s+", re.I), "", "successfully"),
    (re.compile(r"\bvarious\s+", re.I), "", "various"),
    (re.compile(r"\ba number of\s+", re.I), "", "a number of"),
    (re.compile(r"\s*,?\s*\betc\b\.?(?=\s*[),;:]|\s*$|\s+\w)", re.I), _drop_etc, "etc."),
    (re.compile(r"\bvery\s+", re.I), "", "very"),
    (re.compile(r"\breally\s+", re.I), "", "really"),
    (re.compile(r"\bbasically,?\s+", re.I), "", "basically"),
)

_SUBJECT = r"(?:I\s+(?:was\s+|am\s+)?|was\s+|am\s+)?"
_RESPONSIBLE = re.compile(rf"^{_SUBJECT}(?:(?:primarily|mainly|solely|directly|fully)\s+)?responsible\s+for\s+", re.I)
_DUTIES = re.compile(r"^(?:my\s+)?(?:duties|responsibilities)\s+(?:included|include|involved|were)\s*:?\s+", re.I)
_TASKED = re.compile(rf"^{_SUBJECT}tasked\s+with\s+", re.I)
_INVOLVED = re.compile(rf"^{_SUBJECT}involved\s+(?:in|with)\s+", re.I)
_HELPED_WITH = re.compile(r"^(?:I\s+)?(?:helped|assisted)\s+(?:with|in)\s+", re.I)
_HELPED_VERB = re.compile(r"^(?:I\s+)?helped\s+(?:to\s+)?(?=[a-z])", re.I)
_WORKED_ON = re.compile(r"^(?:I\s+)?worked\s+on\s+", re.I)

# "Worked on <object>": the verb follows the object's head noun; any other object is left alone.
_DEVELOPED_OBJECTS = word_set(
    """
    api app application backend component dashboard engine extension feature framework frontend integration
    interface library microservice model module pipeline platform plugin prototype script sdk service site
    software system tool tooling ui website
    """
)
_DELIVERED_OBJECTS = word_set(
    """
    campaign initiative launch migration program programme project redesign release roadmap rollout upgrade
    """
)
# A "worked on <gerund>" whose verb makes something may take that verb ("Worked on building X" -> "Built X");
# "worked on improving X" does not become "Improved X", which would claim a result the line does not state.
_MAKING_VERBS = word_set(
    "architect automate build code create deploy design develop implement integrate launch migrate prototype "
    "refactor rewrite ship write"
)
# Words that end the object of "worked on" (its head noun is the word before).
_OBJECT_END = word_set("across at by for from in into on that to using which who with within")

# After a verb-or-noun word ("Test", "Lead"), these start an object, so the word is a verb.
_OBJECT_STARTERS = word_set(
    """
    a all an and company-wide core cross-functional daily end-to-end external her his internal into its key
    monthly multiple my new on or our over several the their to up weekly with
    """
)
# After a verb form, these make it a noun or adjective instead ("Support for ...", "Lead engineer on ...").
_NOUN_FOLLOWERS = word_set(
    """
    analyst architect consultant developer developers director editor engineer engineers for is manager managers
    member of partner position
    role was were are
    """
)
# Openings never put in the past: "Present" is as often the end of a date range bled into the line ("2019 -
# Present Working on ...") as a verb, and "Presented" would then be wrong.
_NEVER_SHIFTED = word_set("present")
# Words that start a clause of its own, whose verbs do not follow the opening verb's tense.
_CLAUSE_BREAKS = word_set("because by so that to until when which while who")
# Words ending in -ing that are not verbs, so they do not end a list of gerunds.
_NOT_GERUNDS = word_set("bring ceiling during everything king morning nothing evening something spring string thing")

_WORD = re.compile(r"^([A-Za-z][A-Za-z-]*)([^A-Za-z]*)$")


@dataclass(frozen=True)
class Reworded:
    text: str
    changes: tuple[str, ...]  # what changed, as phrases for the reason
    keywords: tuple[str, ...]  # job terms the rewrite brought in


def reword(text: str, terms: JobTerms, *, tense: str = PAST, fix_tense: bool = False, prose: bool = False) -> Reworded:
    """Apply every wording rule to ``text``. New opening verbs are written in ``tense``; ``fix_tense`` (a role that
    has ended) also puts a present-tense opening in the past. ``prose`` (a summary) skips the opening-verb rules.
    Returns ``text`` unchanged, with no changes, when no rule applies."""
    current = " ".join(text.split())
    if len(current.split()) < MIN_WORDS:
        return Reworded(text, (), ())
    changes: list[str] = []
    respaced = current != text

    current, removed = _cut_filler(current)
    if removed:
        changes.append("cuts filler (" + ", ".join(f'"{word}"' for word in removed) + ")")
        if text.lstrip()[:1].isupper():
            current = _capitalise(current)
    # A line that opens in lower case is most often the end of the line before it, cut off by the parser ("and UX
    # designers. Led ...", "meet business goals."): its first word is no opening, so the opening rules leave it.
    if not prose and not _is_fragment(current):
        opened = _strengthen_opening(current, tense)
        shifted = None if opened or not fix_tense else _to_past(current)
        if opened:
            weak, current = opened
            changes.append(f'replaces the weak opening "{weak}" with "{_first_words(current)}"')
        elif shifted:
            old, current = shifted
            changes.append(f'puts "{old}" in the past tense, as this role has ended')
    current, swaps = _use_job_terms(current, terms)
    if swaps:
        listed = ", ".join(f'"{canonical}" for "{surface}"' for surface, canonical in swaps)
        changes.append(f"uses the job's term{'s' if len(swaps) > 1 else ''} {listed}")
    if respaced and not changes:
        changes.append("tidies the spacing")
    if current == text or not changes:
        return Reworded(text, (), ())
    keywords = tuple(dict.fromkeys(canonical for _surface, canonical in swaps))
    return Reworded(current, tuple(changes), keywords)


def _is_fragment(text: str) -> bool:
    return text[:1].islower()


def reason_for(changes: tuple[str, ...]) -> str:
    return _capitalise(join_words(list(changes))) + "."


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- filler -----------------------------------------------------------------------------------------------------


def _cut_filler(text: str) -> tuple[str, list[str]]:
    removed: list[str] = []
    for pattern, replacement, label in FILLERS:
        new = _sub_keeping_capitals(pattern, replacement, text)
        if new != text:
            removed.append(label)
            text = new
    return " ".join(text.split()), removed


def _sub_keeping_capitals(pattern: re.Pattern[str], replacement, text: str) -> str:
    """``pattern.sub``, but a cut word that opened a sentence passes its capital on ("... budget. Successfully
    delivered X" -> "... budget. Delivered X", not "... budget. delivered X")."""
    parts: list[str] = []
    position = 0
    capital_next = False
    for match in pattern.finditer(text):
        between = text[position : match.start()]
        parts.append(_capitalise_leading(between) if capital_next else between)
        new = replacement(match) if callable(replacement) else match.expand(replacement)
        opened = match.group(0)[:1].isupper()
        if opened and new:
            new = _capitalise(new)
        parts.append(new)
        capital_next = opened and not new
        position = match.end()
    rest = text[position:]
    parts.append(_capitalise_leading(rest) if capital_next else rest)
    return "".join(parts)


def _capitalise_leading(text: str) -> str:
    stripped = text.lstrip()
    return text[: len(text) - len(stripped)] + _capitalise(stripped)


# --- openings ---------------------------------------------------------------------------------------------------


def _strengthen_opening(text: str, tense: str) -> tuple[str, str] | None:
    """(the weak opening as written, the new text), or None when the line opens well or cannot be helped."""
    for pattern, convert in (
        (_RESPONSIBLE, _responsible_for),
        (_DUTIES, _duties_included),
        (_TASKED, _tasked_with),
        (_INVOLVED, _contributed_to),
        (_HELPED_WITH, _contributed_to),
        (_WORKED_ON, _worked_on),
        (_HELPED_VERB, _helped_verb),
    ):
        match = pattern.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        new = convert(rest, tense) if rest else None
        if new:
            return match.group(0).strip(), _capitalise(new)
    return None


def _responsible_for(rest: str, tense: str) -> str | None:
    # "Responsible for managing X" -> "Managed X"; "Responsible for the billing system" -> "Owned the ...".
    return _gerund_clause(rest, tense) or f"{_verb('own', tense)} {rest}"


def _duties_included(rest: str, tense: str) -> str | None:
    return _gerund_clause(rest, tense) or f"{_verb('handle', tense)} {rest}"


def _tasked_with(rest: str, tense: str) -> str | None:
    return _gerund_clause(rest, tense)


def _contributed_to(rest: str, tense: str) -> str | None:
    # Helping or being involved is not owning: the new verb keeps the share of the work as the line gave it.
    return f"{_verb('contribute', tense)} to {rest}"


def _helped_verb(rest: str, tense: str) -> str | None:
    first, _, remainder = rest.partition(" ")
    found = verbs.analyse(first)
    if not found or found[1] != "base" or not remainder:
        return None
    return f"{_verb('contribute', tense)} to {verbs.gerund(found[0])} {remainder}"


def _worked_on(rest: str, tense: str) -> str | None:
    first = rest.split(" ", 1)[0]
    base = verbs.base_of_gerund(first)
    if base:
        return _gerund_clause(rest, tense) if base in _MAKING_VERBS else None
    head = _head_noun(rest)
    if head in _DEVELOPED_OBJECTS:
        return f"{_verb('develop', tense)} {rest}"
    if head in _DELIVERED_OBJECTS:
        return f"{_verb('deliver', tense)} {rest}"
    return None


def _head_noun(phrase: str) -> str:
    """The last word before the phrase's first preposition or clause break, lower case and singular."""
    head = ""
    for token in phrase.split():
        word = token.strip("()[]\"'").rstrip(",;:.").lower()
        if word in _OBJECT_END:
            break
        head = word
        if token.endswith((",", ";", ":", ".")):
            break
    if head.endswith("ies"):
        return head[:-3] + "y"
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _gerund_clause(rest: str, tense: str) -> str | None:
    """ "managing vendors and training staff" -> "Managed vendors and trained staff"; None when ``rest`` does not
    open with a known verb's -ing form used as a verb ("testing of the API" is a noun)."""
    tokens = rest.split(" ")
    head = _split_word(tokens[0])
    base = verbs.base_of_gerund(head[0]) if head else None
    if not base or (len(tokens) > 1 and tokens[1].lower() == "of"):
        return None
    tokens[0] = _verb(base, tense) + head[1]
    for index in range(1, len(tokens)):
        word = _split_word(tokens[index])
        if not word or not word[0].lower().endswith("ing") or word[0].lower() in _NOT_GERUNDS:
            continue
        previous = tokens[index - 1]
        gerund_base = verbs.base_of_gerund(word[0])
        # A gerund joined to the list ("X, training Y", "X and training Y") is one more duty; any other -ing
        # word ("using", "including") starts a phrase whose gerunds are not duties, so conversion stops there.
        if gerund_base and (previous.endswith(",") or previous.lower() in ("and", "or")):
            tokens[index] = verbs.match_case(_verb(base=gerund_base, tense=tense).lower(), word[0]) + word[1]
        else:
            break
    return " ".join(tokens)


# --- tense ------------------------------------------------------------------------------------------------------


def _to_past(text: str) -> tuple[str, str] | None:
    """("Manage", "Managed a team ...") for a line that opens in the present tense or with a gerund."""
    tokens = text.split(" ")
    head = _split_word(tokens[0])
    found = verbs.analyse(head[0]) if head else None
    if not head or not found or found[1] == "past" or len(tokens) < 2:
        return None
    base, kind = found
    if verbs.past(base) == base or head[0].lower() in _NEVER_SHIFTED:
        return None
    following = tokens[1].lower().strip(",;:")
    if head[1] == "" and following in _NOUN_FOLLOWERS:
        return None
    if head[1] == "" and _verb_like_after(tokens[1]):
        return None
    if head[0].lower() in verbs.AMBIGUOUS and not _starts_object(tokens[1]) and head[1] != ",":
        return None
    if kind == "gerund":
        clause = _gerund_clause(text, PAST)
        return (head[0], clause) if clause else None
    tokens[0] = _capitalise(verbs.past(base)) + head[1]
    # Verbs joined to the first move with it: right after it ("Design, build and test APIs"), or later after "and"
    # when not also a noun ("Manage a team and oversee hiring", not "... and test suites") and not closing a list
    # of nouns ("Manage clients, builds and deploys").
    adjacent = True
    listing = False
    for index in range(1, len(tokens)):
        lowered = tokens[index].lower()
        if lowered in ("and", "or"):
            continue
        if lowered in _CLAUSE_BREAKS:
            break
        word = _split_word(tokens[index])
        other = verbs.analyse(word[0]) if word else None
        previous = tokens[index - 1].lower()
        if adjacent:
            joined = previous.endswith(",") or previous in ("and", "or")
            convert = joined and other is not None and other[1] in ("base", "third")
        else:
            convert = (
                previous == "and"
                and not listing
                and other is not None
                and other[1] == kind
                and lowered not in verbs.AMBIGUOUS
            )
        if word and other and convert:
            tokens[index] = verbs.past(other[0]) + word[1]
        else:
            adjacent = False
            listing = listing or tokens[index].endswith(",")
    return head[0], " ".join(tokens)


def _verb_like_after(token: str) -> bool:
    """Whether the word right after an opening shows the opening is no verb of the line: a capitalised verb-like
    word ("Present Working on ...", a date word bled into the line) or a gerund ("Lead Developing ...")."""
    word = _split_word(token)
    if not word:
        return False
    found = verbs.analyse(word[0])
    lowered = word[0].lower()
    gerund = lowered.endswith("ing") and len(lowered) > 4 and lowered not in _NOT_GERUNDS
    if gerund or (found and found[1] == "gerund"):
        return True
    return word[0][:1].isupper() and (found is not None or lowered.endswith("ed"))


def _starts_object(token: str) -> bool:
    word = token.lower().strip(",;:")
    found = verbs.analyse(word)
    # "Research integrated into X": a past form after a verb-or-noun word makes that word the subject.
    return word in _OBJECT_STARTERS or word[:1].isdigit() or (found is not None and found[1] != "past")


# --- the job's terms --------------------------------------------------------------------------------------------


def _use_job_terms(text: str, terms: JobTerms) -> tuple[str, list[tuple[str, str]]]:
    """Write a skill the way the job names it ("k8s" -> "Kubernetes") when the job asks for that very skill."""
    wanted = set(terms.skills)
    mentions = extract_skills(text)
    named = {m.canonical for m in mentions if m.surface == m.canonical}
    chosen = [
        m
        for m in mentions
        if m.canonical in wanted
        and m.surface != m.canonical
        and m.canonical not in named  # "Kubernetes (k8s)" already names it
        and not terms.writes(m.surface)  # the job uses the resume's word too
        and not _contains_word(m.surface, m.canonical)  # "REST APIs" -> "REST" would lose "APIs"
        and not _job_writes_part(m.surface, m.canonical, terms)  # "AWS cloud" when the job writes "AWS"
        and _swappable(m.surface, m.canonical)
    ]
    replaced = []
    for mention in reversed(chosen):
        written = as_written(mention.canonical, at_start=not text[: mention.start].strip())
        text = text[: mention.start] + written + text[mention.end :]
        replaced.append((mention.surface, mention.canonical))
    swaps = list(dict.fromkeys(reversed(replaced)))
    return text, swaps


# Skill categories whose names are common nouns ("Microservices", "Problem solving"), written in sentence case by
# the taxonomy: mid-sentence they take a small letter, and an alias of theirs is often a different idea.
COMMON_NOUN_CATEGORIES = frozenset({"concept", "methodology", "soft", "field"})


def is_common_noun(canonical: str) -> bool:
    skill = taxonomy().get(canonical)
    return bool(skill) and skill.category in COMMON_NOUN_CATEGORIES


def as_written(canonical: str, *, at_start: bool) -> str:
    """The skill's name as a sentence writes it: "machine learning" mid-sentence, "Kubernetes" anywhere."""
    if at_start or not is_common_noun(canonical) or not canonical[1:2].islower():
        return canonical
    return canonical[:1].lower() + canonical[1:]


def _swappable(surface: str, canonical: str) -> bool:
    """A tool's alias may take its name ("k8s" -> "Kubernetes", "docker" -> "Docker"). A common noun's may not:
    its own word in another case or number ("microservice", "machine learning") gains nothing and can break the
    grammar, and another word ("troubleshooting" for "Problem solving") changes what the line says. Only an
    abbreviation ("TDD") is spelled out."""
    if not is_common_noun(canonical):
        return True
    return surface.isupper() and surface.isalpha() and len(surface) <= 5


def _job_writes_part(surface: str, canonical: str, terms: JobTerms) -> bool:
    """Whether the job writes a word of ``surface`` that is itself a name of the same skill ("AWS" of "AWS cloud"):
    the line then already uses the job's word."""
    words = surface.split()
    return len(words) > 1 and any(terms.writes(word) and normalize_skill(word) == canonical for word in words)


def _contains_word(outer: str, inner: str) -> bool:
    if outer.lower() == inner.lower():
        return False
    return bool(re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer, re.I))


# --- helpers ----------------------------------------------------------------------------------------------------


def _verb(base: str, tense: str) -> str:
    return _capitalise(verbs.past(base) if tense == PAST else base)


def _split_word(token: str) -> tuple[str, str] | None:
    """(word, trailing punctuation) for a plain word token, else None."""
    match = _WORD.match(token)
    return (match.group(1), match.group(2)) if match else None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_words(text: str) -> str:
    """The new opening, as many words as it takes ("Contributed to", "Managed")."""
    words = text.split(" ")
    if words[0] in ("Contributed", "Contribute") and len(words) > 1:
        return " ".join(words[:2])
    return words[0].rstrip(",;:")
