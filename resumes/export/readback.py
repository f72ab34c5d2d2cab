"""Read an exported file back with our own parser and score, field by field, how much of the source survived.

`read_back(data, ext, source)` parses `data` with `resumes.parsing.parse_bytes` and compares it with the
sections it was exported from. Values are compared normalised (case, whitespace, dashes, quotes, a leading
bullet, trailing punctuation; phones by their digits; dates as YYYY-MM / YYYY / "present").

A field is recovered when the parser put the value in the same field of the matching entry. Non-critical fields
(bullets, locations, skills, education, projects, ...) also count when the text appears anywhere in the same
section of the parse (the parser may split or merge differently). Critical fields (name, email, phone, each
employer, job title and experience date) count only in their own field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["CRITICAL", "Fidelity", "normalise", "normalise_date", "read_back"]

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_SQUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032\u00b4`]")
_DQUOTES = re.compile("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
_LEAD = re.compile(r"^[\s\u2022\u25cf\u25aa\u25e6\u2023\u2043\u00b7*\-\u2013\u2014>]+")
_TRAIL = re.compile(r"[\s.,;:]+$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?$")
_PRESENT = {"present", "current", "now", "today", "ongoing"}

# Path suffixes of the critical fields.
CRITICAL = ("contact.name", "contact.email", "contact.phone", ".title", ".company", ".start", ".end")


@dataclass
class Fidelity:
    score: float
    critical_score: float
    fields: list[tuple[str, str, str | None, bool]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    text: str = ""
    critical_missing: list[str] = field(default_factory=list)


def normalise(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = _DASHES.sub("-", text)
    text = _SQUOTES.sub("'", text)
    text = _DQUOTES.sub('"', text)
    text = " ".join(text.split()).lower()
    text = _LEAD.sub("", text)
    return _TRAIL.sub("", text)


def normalise_date(value: object) -> str:
    text = normalise(value)
    if not text:
        return ""
    if text in _PRESENT:
        return "present"
    match = _DATE.match(text)
    if match:
        month = match.group(2)
        return f"{match.group(1)}-{int(month):02d}" if month and 1 <= int(month) <= 12 else match.group(1)
    return text


def _digits(value: object) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _records(value: object) -> list[Mapping]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list | tuple) else []


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list | tuple) else []


def _blob(value: object) -> str:
    """Every string inside `value`, normalised and joined, for "somewhere in this section" look-ups."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            out.append(normalise(v))
        elif isinstance(v, Mapping):
            for key, item in v.items():
                if key not in ("confidence", "current", "schema_version"):
                    walk(item)
        elif isinstance(v, list | tuple):
            for item in v:
                walk(item)

    walk(value)
    return " \n ".join(out)


_CONNECTORS = {"in", "at", "of", "and", "the", "&"}


def _loose(text: str) -> str:
    """Words only, without the connectors a parser drops when it splits "BS in Physics" or "Engineer at Acme"."""
    return " ".join(w for w in re.findall(r"[\w&+#@.]+", text) if w.strip(".") and w not in _CONNECTORS)


def _in_blob(expected: str, blob: str) -> bool:
    """Whole-word containment of a normalised value in a section's text (also across fields or lines the parser
    split differently). Used for non-critical fields only."""
    if not expected:
        return False
    flat = " ".join(blob.split())
    if re.search(r"(?<!\w)" + re.escape(expected) + r"(?!\w)", flat):
        return True
    want = _loose(expected)
    return bool(want) and re.search(r"(?<!\S)" + re.escape(want) + r"(?!\S)", _loose(flat)) is not None


class _Checker:
    def __init__(self) -> None:
        self.fields: list[tuple[str, str, str | None, bool]] = []

    def add(self, path: str, expected: object, found: object, recovered: bool) -> None:
        self.fields.append((path, str(expected), None if found in (None, "") else str(found), recovered))

    def text(self, path: str, expected: object, own: list[object], blob: str | None = None) -> None:
        """`own`: the parsed values that are this field; `blob`: the section's text (non-critical fields only)."""
        want = normalise(expected)
        if not want:
            return
        for value in own:
            if normalise(value) == want:
                self.add(path, expected, value, True)
                return
        if blob is not None and _in_blob(want, blob):
            self.add(path, expected, "(in section text)", True)
            return
        self.add(path, expected, next((v for v in own if v), None), False)

    def date(self, path: str, expected: object, found: object) -> None:
        want = normalise_date(expected)
        if not want:
            return
        self.add(path, expected, found, normalise_date(found) == want)


def _end(entry: Mapping) -> object:
    end = entry.get("end")
    return "present" if not end and entry.get("current") else end


def _similarity(source: Mapping, parsed: Mapping, keys: tuple[str, ...], list_key: str) -> float:
    score = 0.0
    for key in keys:
        want = normalise(source.get(key))
        if want and want == normalise(parsed.get(key)):
            score += 2
        elif want and want in _blob([parsed.get(k) for k in keys]):
            score += 1
    for key in ("start", "end"):
        if source.get(key) and normalise_date(source.get(key)) == normalise_date(parsed.get(key)):
            score += 1
    theirs = {normalise(b) for b in _strings(parsed.get(list_key))}
    score += 0.5 * sum(normalise(b) in theirs for b in _strings(source.get(list_key)))
    return score


def _align(sources: list[Mapping], parsed: list[Mapping], keys: tuple[str, ...], list_key: str) -> list[Mapping]:
    """For each source entry, its parsed counterpart (best similarity, one-to-one; {} when none is left)."""
    pairs = sorted(
        (
            (_similarity(s, p, keys, list_key), -abs(i - j), i, j)
            for i, s in enumerate(sources)
            for j, p in enumerate(parsed)
        ),
        reverse=True,
    )
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for score, _, i, j in pairs:
        if score <= 0 or i in chosen or j in used:
            continue
        chosen[i] = j
        used.add(j)
    return [parsed[chosen[i]] if i in chosen else {} for i in range(len(sources))]


def _compare(source: Mapping, parsed: Mapping) -> _Checker:
    check = _Checker()
    src_contact = source.get("contact") if isinstance(source.get("contact"), Mapping) else {}
    got_contact = parsed.get("contact") if isinstance(parsed.get("contact"), Mapping) else {}
    check.text("contact.name", src_contact.get("name"), [got_contact.get("name")])
    email = src_contact.get("email")
    if normalise(email):
        found = got_contact.get("email")
        check.add("contact.email", email, found, normalise(found) == normalise(email))
    phone = src_contact.get("phone")
    if _digits(phone):
        found = got_contact.get("phone")
        check.add("contact.phone", phone, found, bool(_digits(found)) and _digits(found) == _digits(phone))
    check.text("contact.location", src_contact.get("location"), [got_contact.get("location")], _blob(got_contact))

    summary = source.get("summary")
    summary_text = summary.get("text") if isinstance(summary, Mapping) else summary
    got_summary = parsed.get("summary")
    got_summary_text = got_summary.get("text") if isinstance(got_summary, Mapping) else got_summary
    check.text("summary.text", summary_text, [got_summary_text], _blob(got_summary_text))

    experience = _records(source.get("experience"))
    got_experience = _records(parsed.get("experience"))
    blob = _blob(got_experience)
    for i, (entry, got) in enumerate(
        zip(experience, _align(experience, got_experience, ("title", "company"), "bullets"), strict=True)
    ):
        path = f"experience[{i}]"
        check.text(f"{path}.title", entry.get("title"), [got.get("title")])
        check.text(f"{path}.company", entry.get("company"), [got.get("company")])
        check.text(f"{path}.location", entry.get("location"), [got.get("location")], blob)
        check.date(f"{path}.start", entry.get("start"), got.get("start"))
        check.date(f"{path}.end", _end(entry), _end(got) if got else None)
        theirs = _strings(got.get("bullets"))
        for j, bullet in enumerate(_strings(entry.get("bullets"))):
            check.text(f"{path}.bullets[{j}]", bullet, theirs, blob)

    education = _records(source.get("education"))
    got_education = _records(parsed.get("education"))
    blob = _blob(got_education)
    for i, (entry, got) in enumerate(
        zip(education, _align(education, got_education, ("school", "degree"), "details"), strict=True)
    ):
        path = f"education[{i}]"
        # "Bachelor of Science in Physics" may come back split into degree and field: the same words.
        joined = [f"{got.get('degree')} in {got.get('field')}"] if got.get("degree") and got.get("field") else []
        check.text(f"{path}.school", entry.get("school"), [got.get("school")], blob)
        check.text(f"{path}.degree", entry.get("degree"), [got.get("degree"), *joined], blob)
        check.text(f"{path}.field", entry.get("field"), [got.get("field")], blob)
        check.date(f"{path}.start", entry.get("start"), got.get("start"))
        check.date(f"{path}.end", _end(entry), _end(got) if got else None)
        for j, detail in enumerate(_strings(entry.get("details"))):
            check.text(f"{path}.details[{j}]", detail, _strings(got.get("details")), blob)

    got_skills = [item for g in _records(parsed.get("skills")) for item in _strings(g.get("items"))]
    blob = _blob(parsed.get("skills"))
    for i, group in enumerate(_records(source.get("skills"))):
        for j, item in enumerate(_strings(group.get("items"))):
            check.text(f"skills[{i}].items[{j}]", item, got_skills, blob)

    projects = _records(source.get("projects"))
    got_projects = _records(parsed.get("projects"))
    blob = _blob(got_projects)
    for i, (entry, got) in enumerate(zip(projects, _align(projects, got_projects, ("name",), "bullets"), strict=True)):
        check.text(f"projects[{i}].name", entry.get("name"), [got.get("name")], blob)
        for j, bullet in enumerate(_strings(entry.get("bullets"))):
            check.text(f"projects[{i}].bullets[{j}]", bullet, _strings(got.get("bullets")), blob)

    for key, name_key in (("certifications", "name"), ("awards", "title"), ("languages", "language")):
        theirs = [r.get(name_key) for r in _records(parsed.get(key))]
        blob = _blob(parsed.get(key))
        for i, record in enumerate(_records(source.get(key))):
            check.text(f"{key}[{i}].{name_key}", record.get(name_key), theirs, blob)

    got_other = _records(parsed.get("other"))
    for i, record in enumerate(_records(source.get("other"))):
        heading = normalise(record.get("heading"))
        same = [o for o in got_other if normalise(o.get("heading")) == heading] or got_other
        theirs = [line for o in same for line in _strings(o.get("lines"))]
        blob = _blob(same)
        for j, line in enumerate(_strings(record.get("lines"))):
            check.text(f"other[{i}].lines[{j}]", line, theirs, blob)
    return check


def is_critical(path: str) -> bool:
    if path.startswith("contact."):
        return path in CRITICAL
    return path.startswith("experience[") and path.endswith(CRITICAL[3:])


def score_fields(source: Mapping, parsed: Mapping, text: str = "") -> Fidelity:
    """Compare two sections dicts (no parsing): what `read_back` does after `parse_bytes`."""
    fields = _compare(source, parsed).fields
    critical = [f for f in fields if is_critical(f[0])]
    return Fidelity(
        score=sum(f[3] for f in fields) / len(fields) if fields else 1.0,
        critical_score=sum(f[3] for f in critical) / len(critical) if critical else 1.0,
        fields=fields,
        missing=[f[0] for f in fields if not f[3]],
        text=text,
        critical_missing=[f[0] for f in critical if not f[3]],
    )


def read_back(data: bytes, ext: str, source: Mapping) -> Fidelity:
    """Parse `data` (an export of `source`) and score the recovered fields. ParseError propagates."""
    from resumes.parsing import parse_bytes

    result = parse_bytes(data, ext)
    return score_fields(source, result.sections, result.text)
