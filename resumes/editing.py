"""Corrections to parsed sections: addressing a field by path, editing, adding and removing entries.

A path is dotted: "contact.name", "summary.text", "experience.0.title", "experience.0.bullets.2",
"skills.1.items". Only paths the schema knows are accepted, so a crafted request cannot write anywhere else.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

# section -> editable scalar fields of each entry, and the list fields each entry holds.
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "experience": ("title", "company", "location", "start", "end"),
    "education": ("school", "degree", "field", "location", "start", "end", "gpa"),
    "skills": ("group",),
    "projects": ("name", "description", "url", "start", "end"),
    "certifications": ("name", "issuer", "date"),
    "awards": ("title", "issuer", "date", "description"),
    "languages": ("language", "proficiency"),
    "other": ("heading",),
}
ENTRY_LISTS: dict[str, str] = {
    "experience": "bullets",
    "education": "details",
    "projects": "bullets",
    "other": "lines",
}
# List fields edited as one comma-separated value rather than item by item.
INLINE_LISTS = {("skills", "items")}
CONTACT_FIELDS = ("name", "email", "phone", "location")
SECTION_TITLES = {
    "contact": "Contact",
    "summary": "Summary",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "projects": "Projects",
    "certifications": "Certifications",
    "awards": "Awards",
    "languages": "Languages",
    "other": "Other sections",
}
LABELS = {"gpa": "GPA", "url": "URL", "start": "Start", "end": "End"}
MULTILINE = {"summary.text", "description"}
MAX_VALUE = 5_000


class PathError(ValueError):
    pass


@dataclass
class Field:
    path: str
    label: str
    value: str
    multiline: bool = False
    confidence: float | None = None
    removable: bool = False

    @property
    def low_confidence(self) -> bool:
        return self.confidence is not None and 0 < self.confidence < 0.6


@dataclass
class Entry:
    section: str
    index: int
    fields: list[Field]
    items: list[Field] = field(default_factory=list)
    items_path: str | None = None
    items_label: str = ""


@dataclass
class Section:
    key: str
    title: str
    fields: list[Field] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    is_list: bool = False


def label_for(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def parse_path(path: str) -> list[str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    if not parts or not isinstance(parts[0], str):
        raise PathError(path)
    section = parts[0]
    if section == "contact":
        if len(parts) == 2 and parts[1] in CONTACT_FIELDS:
            return parts
    elif section == "summary":
        if parts == ["summary", "text"]:
            return parts
    elif section in ENTRY_FIELDS and len(parts) >= 3 and isinstance(parts[1], int):
        name = parts[2]
        if len(parts) == 3 and (name in ENTRY_FIELDS[section] or (section, name) in INLINE_LISTS):
            return parts
        if len(parts) == 4 and name == ENTRY_LISTS.get(section) and isinstance(parts[3], int):
            return parts
    raise PathError(path)


def _container(sections: dict, parts: list[str | int]):
    node = sections
    for part in parts[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            raise PathError(".".join(map(str, parts))) from None
    return node


def get_value(sections: dict, path: str) -> str:
    parts = parse_path(path)
    node = _container(sections, parts)
    try:
        value = node[parts[-1]]
    except (KeyError, IndexError, TypeError):
        raise PathError(path) from None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def set_value(sections: dict, path: str, raw: str) -> dict:
    """Return a copy of `sections` with `path` set to the cleaned `raw` value."""
    parts = parse_path(path)
    updated = copy.deepcopy(sections)
    node = _container(updated, parts)
    key = parts[-1]
    value = raw.strip()[:MAX_VALUE]
    if (parts[0], key) in INLINE_LISTS:
        cleaned: object = [item.strip() for item in value.split(",") if item.strip()]
    elif isinstance(node, list):
        cleaned = " ".join(value.split())  # a bullet stays a string, even when emptied
    elif path in MULTILINE or key in MULTILINE:
        cleaned = value or None
    else:
        cleaned = " ".join(value.split()) or None
    if isinstance(node, list) and not (isinstance(key, int) and 0 <= key < len(node)):
        raise PathError(path)
    if isinstance(node, dict) and not isinstance(key, str):
        raise PathError(path)
    node[key] = cleaned
    if parts[0] in ("experience", "education") and key == "end" and isinstance(node, dict):
        node["current"] = str(cleaned or "").lower() == "present"
    return updated


def add_entry(sections: dict, section: str) -> dict:
    if section not in ENTRY_FIELDS:
        raise PathError(section)
    updated = copy.deepcopy(sections)
    entry: dict = {name: None for name in ENTRY_FIELDS[section]}
    if section in ENTRY_LISTS:
        entry[ENTRY_LISTS[section]] = []
    if section == "skills":
        entry["items"] = []
    updated.setdefault(section, []).append(entry)
    return updated


def add_item(sections: dict, section: str, index: int) -> dict:
    name = ENTRY_LISTS.get(section)
    if not name:
        raise PathError(section)
    updated = copy.deepcopy(sections)
    try:
        updated[section][index].setdefault(name, []).append("")
    except (KeyError, IndexError, TypeError, AttributeError):
        raise PathError(f"{section}.{index}") from None
    return updated


def remove(sections: dict, path: str) -> dict:
    """Remove an entry ("experience.1") or a list item ("experience.1.bullets.0")."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    valid_entry = len(parts) == 2 and parts[0] in ENTRY_FIELDS and isinstance(parts[1], int)
    valid_item = len(parts) == 4 and parse_path(path) == parts
    if not (valid_entry or valid_item):
        raise PathError(path)
    updated = copy.deepcopy(sections)
    node = _container(updated, parts)
    try:
        del node[parts[-1]]
    except (IndexError, TypeError, KeyError):
        raise PathError(path) from None
    return updated


def review_model(sections: dict) -> list[Section]:
    """The sections as a list of editable fields and entries, in the order a resume reads."""
    contact = sections.get("contact") or {}
    confidence = contact.get("confidence") or {}
    out = [
        Section(
            "contact",
            SECTION_TITLES["contact"],
            fields=[
                Field(f"contact.{name}", label_for(name), _text(contact.get(name)), confidence=confidence.get(name))
                for name in CONTACT_FIELDS
            ],
        ),
        Section(
            "summary",
            SECTION_TITLES["summary"],
            fields=[
                Field(
                    "summary.text",
                    "Summary",
                    _text((sections.get("summary") or {}).get("text")),
                    multiline=True,
                    confidence=(sections.get("summary") or {}).get("confidence"),
                )
            ],
        ),
    ]
    for key, names in ENTRY_FIELDS.items():
        section = Section(key, SECTION_TITLES[key], is_list=True)
        for index, raw in enumerate(sections.get(key) or []):
            conf = raw.get("confidence") or {}
            fields = [
                Field(
                    f"{key}.{index}.{name}",
                    label_for(name),
                    _text(raw.get(name)),
                    multiline=name in MULTILINE,
                    confidence=conf.get(name, conf.get("dates") if name in ("start", "end") else None),
                )
                for name in names
            ]
            if (key, "items") in INLINE_LISTS:
                fields.append(Field(f"{key}.{index}.items", "Items", ", ".join(raw.get("items") or [])))
            entry = Entry(key, index, fields)
            list_name = ENTRY_LISTS.get(key)
            if list_name:
                entry.items_path = f"{key}.{index}.{list_name}"
                entry.items_label = label_for(list_name)
                entry.items = [
                    Field(f"{key}.{index}.{list_name}.{i}", f"{label_for(list_name)} {i + 1}", _text(v), removable=True)
                    for i, v in enumerate(raw.get(list_name) or [])
                ]
            section.entries.append(entry)
        out.append(section)
    return out


def _text(value) -> str:
    return "" if value is None else str(value)
