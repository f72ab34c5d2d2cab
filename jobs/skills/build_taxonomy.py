"""Build ``jobs/skills/data/taxonomy.json.gz`` from the licensed skills sources plus our curated table.

Usage: ``python -m jobs.skills.build_taxonomy $CORPUS_DIR/skills [--out PATH] [--esco-cross-sector]``

Sources (see ATTRIBUTION.md): O*NET Technology Skills (CC BY 4.0), GitHub Linguist languages.yml (MIT), ESCO
skills (European Commission). Order of precedence: curated, Linguist, O*NET, ESCO. A later source whose name or
alias is already known merges into the existing skill instead of creating a near-duplicate.

Alias modes written to the file: ``i`` case-insensitive, ``c`` case-sensitive (exact case), ``x`` case-sensitive
and needs programming context (see matcher).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jobs.skills.curated import (
    LINGUIST_KEEP,
    SPOKEN_LANGUAGES,
    STOP_NAMES,
    VENDORS,
    curated_rows,
)

DEFAULT_OUT = Path(__file__).parent / "data" / "taxonomy.json.gz"

# O*NET "Commodity Title" -> our category. Anything unlisted is "software".
ONET_CATEGORIES = {
    "Data base management system software": "database",
    "Data base user interface and query software": "database",
    "Object or component oriented development software": "language",
    "Development environment software": "tool",
    "Web platform development software": "framework",
    "Program testing software": "tool",
    "Operating system software": "os",
    "Cloud-based data access and sharing software": "cloud",
    "Configuration management software": "devops",
    "Network monitoring software": "devops",
    "Business intelligence and data analysis software": "data",
    "Analytical or scientific software": "software",
}

ESCO_LANGUAGE_SKILL = re.compile(r"^(write|understand (written|spoken)|interact verbally in|speak|read)\b", re.I)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9/&.+-]{1,9}$")
GENERIC_TAIL = re.compile(r"\s+(software|systems?|software suite|suite)$", re.I)
# A minimum O*NET footprint: listed for this many occupations, unless flagged Hot Technology / In Demand.
ONET_MIN_OCCUPATIONS = 4


@dataclass
class Skill:
    name: str
    category: str
    sources: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)  # alias text -> mode
    hot: bool = False
    in_demand: bool = False

    def to_json(self) -> dict:
        out = {"name": self.name, "category": self.category, "sources": sorted(self.sources)}
        out["aliases"] = [[a, m] for a, m in self.aliases.items()]
        if self.hot:
            out["hot"] = True
        if self.in_demand:
            out["in_demand"] = True
        return out


class Builder:
    """Accumulates skills; every alias (lower-cased) belongs to exactly one skill."""

    def __init__(self, vocab: set[str]):
        self.skills: list[Skill] = []
        self.owner: dict[str, int] = {}
        self.vocab = vocab
        self.conflicts: list[str] = []

    def find(self, names: list[str]) -> int | None:
        for n in names:
            idx = self.owner.get(n.lower())
            if idx is not None:
                return idx
        return None

    def add(self, name: str, category: str, aliases: dict[str, str], source: str) -> Skill:
        """Add or merge a skill. ``aliases`` maps surface -> mode and should include the name itself."""
        idx = self.find([name, *aliases])
        if idx is None:
            self.skills.append(Skill(name=name, category=category))
            idx = len(self.skills) - 1
        skill = self.skills[idx]
        skill.sources.add(source)
        for alias, mode in aliases.items():
            key = alias.lower()
            if key in self.owner and self.owner[key] != idx:
                self.conflicts.append(f"{alias!r}: kept for {self.skills[self.owner[key]].name}, not {name}")
                continue
            if key in self.owner and source != "curated":
                continue  # curated modes win over a source's guess for the same alias
            self.owner[key] = idx
            skill.aliases[alias] = mode
        return skill

    def is_word(self, text: str) -> bool:
        return text.isalpha() and text.lower() in self.vocab


def curated_aliases(name: str, aliases: list[str], flags: set[str]) -> dict[str, str]:
    head = "x" if "ctx" in flags else ("c" if "cs" in flags else "i")
    out = {name: head}
    for alias in aliases:
        if alias.startswith("="):
            out[alias[1:]] = "c"
        elif alias.startswith("~"):
            out[alias[1:]] = "x"
        else:
            out.setdefault(alias, "i")
    # A context-bound canonical ("Go") must not also be matched case-insensitively under its own name.
    return out


def add_curated(b: Builder) -> None:
    for name, category, aliases, flags in curated_rows():
        b.add(name, category, curated_aliases(name, aliases, flags), "curated")
    for lang in SPOKEN_LANGUAGES:
        # Context-bound: "Danish company" is a nationality, "fluent Danish" is a skill.
        b.add(lang, "spoken_language", {lang: "x"}, "curated")


def load_linguist(path: Path) -> dict:
    import yaml  # build-time only; the runtime reads JSON

    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def add_linguist(b: Builder, path: Path) -> int:
    count = 0
    for name, info in load_linguist(path).items():
        if name not in LINGUIST_KEEP or info.get("type") not in {"programming", "markup", "data"}:
            continue
        category = {"programming": "language", "markup": "markup", "data": "data"}[info["type"]]
        mode = "x" if b.is_word(name) else "i"
        aliases = {name: mode}
        for alias in info.get("aliases", []):
            # Short aliases ("sh", "pl") and English words ("node" is curated elsewhere) are false-positive bait.
            if len(alias) > 2 and not b.is_word(alias) and alias.lower() not in STOP_NAMES:
                aliases.setdefault(alias, "i")
        b.add(name, category, aliases, "linguist")
        count += 1
    return count


def strip_vendor(name: str) -> str | None:
    for vendor in VENDORS:
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 1:
            return name[len(vendor) + 1 :]
    return None


def onet_names(example: str, vocab: set[str]) -> tuple[str, dict[str, str]] | None:
    """Turn an O*NET product name into (canonical, aliases) or None for generic descriptions."""
    text = GENERIC_TAIL.sub("", example.strip())
    words = text.split()
    if not words:
        return None
    aliases: dict[str, str] = {}
    # "Structured query language SQL": a lower-case description then its acronym.
    if len(words) >= 3 and ACRONYM.match(words[-1]) and all(w.islower() for w in words[1:-1]):
        acronym = words[-1]
        return acronym, {acronym: "c", " ".join(words[:-1]).lower(): "i"}
    # Generic category descriptions ("Web browser", "Spreadsheet") are not skills.
    if len(words) >= 2 and all(w.islower() for w in words[1:]) and not any(c.isdigit() for c in text):
        return None
    if len(words) == 1 and text.lower() in vocab and not any(c.isupper() for c in text[1:]):
        return None
    if ACRONYM.match(words[-1]) and len(words) > 1 and abbreviates(words[-1], words[:-1]):
        # "Microsoft SQL Server Reporting Services SSRS": keep the long name, the acronym as an exact alias.
        aliases[words[-1]] = "c"
        text = " ".join(words[:-1])
    aliases[text] = "i"
    rest = strip_vendor(text)
    # "Oracle Cloud" must not leave "Cloud" behind; curated rows cover the word-like products that matter (Excel).
    if (
        rest
        and rest.lower() not in STOP_NAMES
        and len(rest) > 2
        and not rest[0].isdigit()
        and not (rest.isalpha() and rest.lower() in vocab)
    ):
        aliases[rest] = "i"
    return text, aliases


def abbreviates(acronym: str, words: list[str]) -> bool:
    """True when ``acronym`` is made of the initials (or inner capitals) of the words before it."""
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    initials = "".join(w[0] for w in words if w[0].isalpha()).lower()
    capitals = "".join(c for w in words for c in w if c.isupper()).lower()
    return bool(letters) and (initials.endswith(letters) or capitals.endswith(letters))


def add_onet(b: Builder, path: Path) -> int:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    occupations: dict[str, set[str]] = defaultdict(set)
    hot: set[str] = set()
    demand: set[str] = set()
    commodity: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        ex = row["Example"]
        occupations[ex].add(row["O*NET-SOC Code"])
        commodity[ex][row["Commodity Title"]] += 1
        if row["Hot Technology"] == "Y":
            hot.add(ex)
        if row["In Demand"] == "Y":
            demand.add(ex)
    count = 0
    for ex, occ in occupations.items():
        if len(occ) < ONET_MIN_OCCUPATIONS and ex not in hot and ex not in demand:
            continue
        names = onet_names(ex, b.vocab)
        if names is None:
            continue
        name, aliases = names
        aliases = {a: m for a, m in aliases.items() if a.lower() not in STOP_NAMES and len(a) > 1}
        if not aliases:
            continue
        if name.lower() in STOP_NAMES:
            name = next(iter(aliases))
        category = ONET_CATEGORIES.get(commodity[ex].most_common(1)[0][0], "software")
        skill = b.add(name, category, aliases, "onet")
        skill.hot |= ex in hot
        skill.in_demand |= ex in demand
        count += 1
    return count


def esco_labels(row: dict) -> list[str]:
    labels = [row["preferredLabel"], *row["altLabels"].split("\n")]
    return [lab.strip() for lab in labels if lab.strip()]


def usable_esco_label(label: str, max_words: int) -> bool:
    words = label.split()
    if not 2 <= len(words) <= max_words or ESCO_LANGUAGE_SKILL.match(label):
        return False
    # Labels with commas/parentheses/slashes are catalogue prose, never written that way in a posting.
    return not re.search(r"[,;()/:]", label)


def add_esco(b: Builder, path: Path, cross_sector: bool) -> int:
    """ESCO preferred labels as phrase matches.

    The corpus copy (MoffApps/Skills) has its altLabels column shifted against the other columns for most
    rows (a row's altLabels usually describe a different concept), so only ``preferredLabel`` is used.
    """
    count = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            level = row["reuseLevel"]
            if level == "transversal":
                category, max_words = "soft", 4
            elif level == "cross-sector" and cross_sector:
                category, max_words = "professional", 3
            else:
                continue
            label = row["preferredLabel"].strip()
            if not usable_esco_label(label, max_words):
                continue
            b.add(label, category, {label.lower(): "i"}, "esco")
            count += 1
    return count


def esco_vocab(path: Path) -> set[str]:
    """Ordinary English words, taken from the ESCO labels, used to spot product names that are also words."""
    vocab: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for label in esco_labels(row):
                vocab.update(w.lower() for w in re.findall(r"[A-Za-z]+", label))
    return vocab


def build(skills_dir: Path, cross_sector: bool = False) -> dict:
    vocab = esco_vocab(skills_dir / "esco" / "skills_en.csv")
    b = Builder(vocab)
    add_curated(b)
    counts = {"curated": len(b.skills)}
    counts["linguist"] = add_linguist(b, skills_dir / "linguist" / "languages.yml")
    counts["onet"] = add_onet(b, skills_dir / "onet" / "technology_skills.txt")
    counts["esco"] = add_esco(b, skills_dir / "esco" / "skills_en.csv", cross_sector)
    return {
        "version": 1,
        "sources": {
            "onet": "O*NET 29.2 Database, USDOL/ETA, CC BY 4.0",
            "linguist": "github-linguist/linguist languages.yml, MIT",
            "esco": "ESCO classification, (c) European Union",
            "curated": "Career Agent curated table (jobs/skills/curated.py)",
        },
        "source_counts": counts,
        "skills": [s.to_json() for s in b.skills],
        "_conflicts": b.conflicts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("skills_dir", type=Path, help="the corpus 'skills' folder (onet/, linguist/, esco/)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--esco-cross-sector", action="store_true", help="also add ESCO cross-sector skills")
    parser.add_argument("-v", "--verbose", action="store_true", help="print alias conflicts")
    args = parser.parse_args(argv)
    data = build(args.skills_dir, cross_sector=args.esco_cross_sector)
    conflicts = data.pop("_conflicts")
    if args.verbose:
        print("\n".join(conflicts), file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    # mtime=0 keeps the file byte-identical between runs on the same inputs.
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(payload)
    n_alias = sum(len(s["aliases"]) for s in data["skills"])
    print(
        f"wrote {args.out}: {len(data['skills'])} skills, {n_alias} aliases, {args.out.stat().st_size} bytes; "
        f"per source {data['source_counts']}; {len(conflicts)} alias conflicts skipped"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
