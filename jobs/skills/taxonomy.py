"""Runtime view of the built skills taxonomy (``data/taxonomy.json.gz``); JSON only, no third-party parsers."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "taxonomy.json.gz"

# Categories whose mentions count as "technology" context for ambiguous names such as Go or R.
TECH_CATEGORIES = frozenset(
    {"language", "markup", "data", "framework", "library", "database", "cloud", "devops", "tool", "os"}
)


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    mode: str  # "i" any case, "c" exact case, "x" exact case and needs programming context


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    category: str
    aliases: tuple[Alias, ...]
    sources: tuple[str, ...]
    hot: bool = False
    in_demand: bool = False

    @property
    def is_tech(self) -> bool:
        return self.category in TECH_CATEGORIES


class Taxonomy:
    def __init__(self, skills: list[Skill]):
        self.skills = skills
        self._by_key: dict[str, Skill] = {}
        for skill in skills:
            for alias in skill.aliases:
                self._by_key.setdefault(_key(alias.text), skill)
        for skill in skills:
            # The canonical name always resolves to itself, whatever an alias of another skill says.
            self._by_key[_key(skill.name)] = skill

    def __len__(self) -> int:
        return len(self.skills)

    def get(self, name: str) -> Skill | None:
        """Look a skill up by canonical name or alias, ignoring case and surrounding space."""
        return self._by_key.get(_key(name))

    def normalize(self, name: str) -> str | None:
        skill = self.get(name)
        return skill.name if skill else None

    def alias_count(self) -> int:
        return sum(len(s.aliases) for s in self.skills)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def load(path: Path = DATA_FILE) -> Taxonomy:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    skills = [
        Skill(
            name=row["name"],
            category=row["category"],
            aliases=tuple(Alias(text, mode) for text, mode in row["aliases"]),
            sources=tuple(row["sources"]),
            hot=row.get("hot", False),
            in_demand=row.get("in_demand", False),
        )
        for row in data["skills"]
    ]
    return Taxonomy(skills)


@cache
def taxonomy() -> Taxonomy:
    """The packaged taxonomy, loaded once per process."""
    return load()


def normalize_skill(name: str) -> str | None:
    """Canonical name for a skill name or alias ("k8s" -> "Kubernetes"), or None when unknown."""
    return taxonomy().normalize(name)
