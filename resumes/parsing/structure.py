"""From lines in reading order to the versioned `parsed_sections` dict (see docs/parsed-sections.md)."""

# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re
from collections import Counter

from . import contact as ct
from .dates import find_range
from .entries import education_entry, experience_entry, group_entries, project_entry, strip_bullet
from .headings import emphasised, heading_shape, keyword_kind, signature, vocabulary_kind
from .model import Document, Line

SCHEMA_VERSION = 1
_ITEM_SPLIT = re.compile(r"\s*(?:[,;•|·]|\t|\s/\s)\s*")
_PROFICIENCY = re.compile(
    r"\b(native|fluent|bilingual|proficient|professional(?: working)?|conversational|intermediate|advanced|"
    r"basic|beginner|elementary|limited working|full professional|mother tongue|[abc][12])\b",
    re.IGNORECASE,
)


def body_size(lines: list[Line]) -> float:
    weights = Counter()
    for ln in lines:
        weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def drop_page_furniture(lines: list[Line], pages: int) -> list[Line]:
    """Remove running headers/footers (same text on several pages) and bare page numbers.

    A repeated line at the top of the first page is kept: that is where the document's own heading (usually
    the person's name) sits, and a running header only repeats it on the later pages.
    """
    if not lines:
        return lines
    edge_ids = set()
    first_page_top = set()
    first_page = min(ln.page for ln in lines)
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page, page_lines in by_page.items():
        ordered = sorted(page_lines, key=lambda ln: ln.top)
        edge_ids.update(id(ln) for ln in ordered[:2] + ordered[-2:])
        if page == first_page:
            first_page_top.update(id(ln) for ln in ordered[:2])
    key = lambda ln: re.sub(r"\d+", "#", ln.text.lower())  # noqa: E731
    pages_of = Counter()
    for ln in lines:
        if id(ln) in edge_ids:
            pages_of[key(ln)] += 1
    kept = []
    for ln in lines:
        text = ln.text.strip()
        if id(ln) in edge_ids and re.fullmatch(r"(?:page\s*)?\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?", text, re.I):
            continue
        repeated = id(ln) in edge_ids and pages > 1 and pages_of[key(ln)] >= 2
        if repeated and id(ln) not in first_page_top:
            continue
        if re.fullmatch(r"last updated (?:in|on)\b.*", text, re.I):
            continue
        kept.append(ln)
    return kept


def find_headings(lines: list[Line], body: float) -> dict[int, str]:
    """Index of each heading line -> section kind."""
    found: dict[int, str] = {}
    plain = all(ln.size == 0 for ln in lines)
    for i, ln in enumerate(lines):
        if not heading_shape(ln):
            continue
        kind = vocabulary_kind(ln.text)
        if kind and (plain or emphasised(ln, body) or _standalone(lines, i)):
            found[i] = kind
        elif plain and ln.meta.get("underlined"):
            found[i] = kind or keyword_kind(ln.text)  # "WELCOME TO RENDERCV" over a rule of "=" (setext)
    # Headings we do not know by name ("Welcome to RenderCV", "Campus Involvement") share the typography of
    # the ones we do.
    # Plain text has no typography to compare, so only named (or underlined) headings count there.
    styles = Counter(signature(lines[i]) for i in found) if not plain else Counter()
    for i, ln in enumerate(lines):
        if i in found or not heading_shape(ln) or styles.get(signature(ln), 0) < 2:
            continue
        if (emphasised(ln, body) and not ct.looks_like_name(ln.text)) or signature(ln)[0] > body + 1:
            found[i] = keyword_kind(ln.text)
    return found


def _standalone(lines: list[Line], i: int) -> bool:
    """A short line with clear space above it, as plain exports of Word headings look."""
    return lines[i].space_before > 1.2 * max(lines[i].size, 1)


def split_sections(lines: list[Line], headings: dict[int, str]) -> list[tuple[str, str, list[Line]]]:
    sections: list[tuple[str, str, list[Line]]] = [("header", "", [])]
    for i, ln in enumerate(lines):
        if i in headings:
            sections.append((headings[i], ln.text.strip().rstrip(":"), []))
        else:
            sections[-1][2].append(ln)
    return sections


def parse_contact(doc_lines: list[Line], header: list[Line], contact_lines: list[Line], links: list[str]) -> dict:
    name, name_conf = ct.pick_name(header + contact_lines if header else doc_lines)
    if name is None:
        name, name_conf = ct.pick_name(doc_lines)
    pool = header + contact_lines
    text = "\n".join(ln.text for ln in pool)
    everything = "\n".join(ln.text for ln in doc_lines)
    email = ct.EMAIL.search(text) or ct.EMAIL.search(everything)
    phone = ct.find_phone(text.replace("\t", "\n")) or ct.find_phone(everything[:1500])
    location = None
    for ln in pool:
        for span in ln.spans:
            for piece in re.split(r"\s*[|•·]\s*|\t", span.text):
                loc = ct.search_location(piece) if piece and "@" not in piece else None
                if loc and location is None and loc.lower() != "remote":
                    location = loc
    found_links = _collect_links(text, links)
    return {
        "name": name,
        "email": email.group(0) if email else None,
        "phone": phone,
        "location": location,
        "links": found_links,
        "confidence": {
            "name": name_conf,
            "email": 0.99 if email else 0.0,
            "phone": 0.9 if phone else 0.0,
            "location": 0.7 if location else 0.0,
        },
    }


def _collect_links(text: str, annotation_links: list[str]) -> list[dict]:
    seen: set[str] = set()
    out = []
    for url in [*annotation_links, *ct.find_links(text)]:
        if url.lower().startswith("mailto:") or url.lower().startswith("tel:"):
            continue
        key = re.sub(r"^https?://(www\.)?|/$", "", url.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append({"label": ct.link_label(url), "url": url})
    return out


def parse_skills(lines: list[Line]) -> list[dict]:
    groups: list[dict] = []
    pending_group: str | None = None
    for ln in lines:
        text, _ = strip_bullet(ln.text.replace("\t", ", "))
        if not text:
            continue
        label, sep, rest = text.partition(":")
        if sep and 0 < len(label.split()) <= 4 and rest.strip():
            groups.append({"group": label.strip(), "items": _split_items(rest)})
            pending_group = None
            continue
        if (sep and not rest.strip()) or (ln.bold and len(text.split()) <= 3 and "," not in text):
            pending_group = text.rstrip(":").strip()
            continue
        items = _split_items(text)
        if groups and groups[-1]["group"] == pending_group and pending_group is not None:
            groups[-1]["items"].extend(items)
        else:
            groups.append({"group": pending_group, "items": items})
    return [g for g in groups if g["items"]]


def _split_items(text: str) -> list[str]:
    items = [re.sub(r"^(?:and|or|&)\s+", "", i.strip(" .")) for i in _ITEM_SPLIT.split(text)]
    return [i for i in items if i and len(i) <= 60]


def parse_languages(lines: list[Line]) -> list[dict]:
    out = []
    for ln in lines:
        text, _ = strip_bullet(ln.text)
        label, sep, rest = text.partition(":")
        if sep and label.strip().lower().startswith("language"):
            text = rest
        for chunk in re.split(r"\s*[,;•|]\s*", text.replace("\t", " | ")) if "\t" not in text else [text]:
            lang, prof = _language_pair(chunk)
            if lang:
                out.append({"language": lang, "proficiency": prof})
    return out


def _language_pair(chunk: str) -> tuple[str | None, str | None]:
    chunk = chunk.strip()
    if "\t" in chunk:
        lang, _, prof = chunk.partition("\t")
        return lang.strip(), prof.strip() or None
    m = _PROFICIENCY.search(chunk)
    prof = m.group(0) if m else None
    lang = re.sub(r"\(.*?\)|[-–:]|\b(in)\b", " ", _PROFICIENCY.sub("", chunk)).strip()
    lang = re.sub(r"\s+", " ", lang)
    return (lang or None), prof


def parse_dated_items(lines: list[Line], kind: str) -> list[dict]:
    """Certifications and awards: one item per line, date and issuer split off."""
    out: list[dict] = []
    for ln in lines:
        text, bullet = strip_bullet(ln.text)
        if out and not bullet and (text[:1].islower() or ln.x0 > lines[0].x0 + 10):
            key = "description" if kind == "awards" else "name"
            out[-1][key] = f"{out[-1].get(key) or ''} {text.strip()}".strip()
            continue
        found, rest = find_range(text.replace("\t", " | "))
        rest = rest.replace(" | ", ", ").strip(" ,")
        name, issuer = rest, None
        if ", " in rest:
            head, _, tail = rest.rpartition(", ")
            if len(tail.split()) <= 6:
                name, issuer = head, tail
        date = (found.end or found.start) if found else None
        if kind == "awards":
            out.append({"title": name, "issuer": issuer, "date": date, "description": None})
        else:
            out.append({"name": name, "issuer": issuer, "date": date})
    return [o for o in out if o.get("name") or o.get("title")]


def empty_sections() -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "contact": {
            "name": None,
            "email": None,
            "phone": None,
            "location": None,
            "links": [],
            "confidence": {},
        },
        "summary": {"text": None, "confidence": 0.0},
        "experience": [],
        "education": [],
        "skills": [],
        "projects": [],
        "certifications": [],
        "awards": [],
        "languages": [],
        "other": [],
    }


def build_sections(doc: Document, links: list[str] | None = None) -> dict:
    lines = doc.lines
    body = body_size(lines)
    headings = find_headings(lines, body)
    sections = split_sections(lines, headings)
    result = empty_sections()
    header = sections[0][2]
    contact_lines = [ln for kind, _, sec in sections if kind == "contact" for ln in sec]
    result["contact"] = parse_contact(lines, header, contact_lines, links or [])
    summary_parts: list[str] = []
    for kind, title, sec in sections[1:]:
        _fill(result, kind, title, sec, summary_parts)
    if not summary_parts:
        summary_parts = _header_summary(header, result["contact"])
    if summary_parts:
        result["summary"] = {"text": " ".join(summary_parts), "confidence": 0.9 if headings else 0.5}
    return result


def _fill(result: dict, kind: str, title: str, sec: list[Line], summary_parts: list[str]) -> None:
    if kind == "summary":
        summary_parts.extend(strip_bullet(ln.text.replace("\t", " "))[0] for ln in sec)
    elif kind == "experience":
        result["experience"].extend(experience_entry(e) for e in group_entries(sec))
    elif kind == "education":
        result["education"].extend(education_entry(e) for e in group_entries(sec))
    elif kind == "projects":
        result["projects"].extend(project_entry(e) for e in group_entries(sec))
    elif kind == "skills":
        result["skills"].extend(parse_skills(sec))
    elif kind == "languages":
        result["languages"].extend(parse_languages(sec))
    elif kind in ("certifications", "awards"):
        result[kind].extend(parse_dated_items(sec, kind))
    elif kind != "contact":
        result["other"].append({"heading": title, "lines": [ln.text.replace("\t", " ") for ln in sec]})


def _header_summary(header: list[Line], contact: dict) -> list[str]:
    """A tagline under the name (OpenResume puts the summary there, without a heading)."""
    out = []
    for ln in header:
        text = ln.text.strip()
        if text == contact.get("name") or ct.EMAIL.search(text) or ct.find_phone(text):
            continue
        if len(text.split()) >= 6 and ln.size <= (header[0].size if header else 0):
            out.append(text.replace("\t", " "))
    return out
