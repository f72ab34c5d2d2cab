"""Applying suggestions to resume sections (pure Python).

Suggestions address text by dotted path: "summary.text", "experience.0.bullets.2" (one bullet),
"experience.0.bullets" / "projects.1.bullets" (the list, for a reorder) and "skills.1.items" (a skill group's
items). A list is carried as text with one item per line.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping

LIST_PATHS = {("experience", "bullets"), ("projects", "bullets"), ("skills", "items")}


class ApplyError(ValueError):
    """A change whose path does not exist in these sections (or is not one a suggestion may change)."""


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    if parts == ["summary", "text"]:
        return parts
    in_list = len(parts) in (3, 4) and isinstance(parts[1], int) and (parts[0], parts[2]) in LIST_PATHS
    if in_list and (len(parts) == 3 or (isinstance(parts[3], int) and parts[2] == "bullets")):
        return parts
    raise ApplyError(f"not a path a suggestion may change: {path!r}")


def read(sections: Mapping, path: str) -> str:
    """The text at ``path`` ("" for an absent summary); a list as one item per line."""
    parts = _parts(path)
    if parts[0] == "summary":
        return ((sections.get("summary") or {}).get("text")) or ""
    try:
        value = sections[parts[0]][parts[1]][parts[2]]
        if len(parts) == 4:
            value = value[parts[3]]
    except (KeyError, IndexError, TypeError):
        raise ApplyError(f"no such place in the resume: {path!r}") from None
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def write(sections: dict, path: str, text: str) -> None:
    """Set ``path`` to ``text`` in place (a list path takes one item per line)."""
    parts = _parts(path)
    read(sections, path)  # raises for a path that is not there
    if parts[0] == "summary":
        summary = sections.get("summary") or {}
        summary["text"] = text.strip() or None
        sections["summary"] = summary
        return
    entry = sections[parts[0]][parts[1]]
    if len(parts) == 3:
        entry[parts[2]] = [line.strip() for line in text.splitlines() if line.strip()]
    else:
        entry[parts[2]][parts[3]] = " ".join(text.split())


def apply(sections: Mapping, changes: Iterable[tuple[str, str]]) -> dict:
    """A copy of ``sections`` with each (path, text) written.

    Bullet rewrites are applied before changes to whole lists, so a reordered list carries the new wording (a
    reorder's text lists the original bullets; each is mapped to its rewritten form). Several changes to one list
    (a reorder and added skills of the same group) are merged: the reordered items, then every added item.
    """
    updated = copy.deepcopy(dict(sections))
    changes = list(changes)
    rewritten: dict[tuple[str, str], str] = {}
    lists: dict[str, list[str]] = {}
    for path, text in changes:
        depth = path.count(".")
        if depth == 3:  # one bullet
            rewritten[(path.rsplit(".", 1)[0], read(updated, path))] = text
            write(updated, path, text)
        elif depth == 2:
            lists.setdefault(path, []).append(text)
        else:
            write(updated, path, text)
    for path, texts in lists.items():
        original = read(sections, path).splitlines()
        order, added = original, []
        for text in texts:
            lines = [line for line in text.splitlines() if line.strip()]
            kept = [line for line in lines if line in original]
            if kept != original and sorted(kept) == sorted(original):
                order = kept
            added += [line for line in lines if line not in original and line not in added]
        merged = [rewritten.get((path, line), line) for line in order] + added
        write(updated, path, "\n".join(merged))
    return updated
