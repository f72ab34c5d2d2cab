"""JD field extraction from the description text alone, scored against the job boards' structured fields.

Run: ``CORPUS_DIR=../shared/corpus .venv/bin/python -m bench.jd_fields``

Postings: RemoteOK API dump (``position``, ``company``, ``location``, ``salary_min/max``), Greenhouse (``title``,
``company_name``, ``location.name``), Lever (``text``, ``categories.location``; company is not a field),
WeWorkRemotely RSS (``<title>Company: Role</title>``, ``<region>``). ``analyze_job`` gets only the description
HTML (Lever: description + lists + additional), never the structured fields.

Scoring (see docs/skills-and-analysis.md):
* title: token F1 >= 0.8 between normalised predicted and board title;
* company: equal after dropping case, punctuation, spaces and legal suffixes (Inc, LLC, Ltd...), or one
  containing the other;
* location: when the board has none, correct iff we predict none; otherwise at least one shared place token
  after normalising (US/USA/United States -> us, UK/England -> uk, Anywhere/Worldwide -> anywhere);
* salary (RemoteOK only, the one board with salary fields): when the board has none, correct iff we predict
  none; otherwise predicted min and max each within 5% of the board's.
Each key is over *all* postings that have the field (a missing prediction counts wrong); the "mentioned"
subset (postings whose text contains the board value) is printed too.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import corpus_dir, row
from jobs.analysis import analyze_job
from jobs.text import clean_text

_LEGAL = re.compile(r"\b(inc|llc|ltd|limited|gmbh|srl|s r l|sa|corp|corporation|co|plc|ag|bv|pty|company)\b")
_PLACE_ALIASES = {
    "usa": "us",
    "u s": "us",
    "united states": "us",
    "united states of america": "us",
    "america": "us",
    "uk": "uk",
    "united kingdom": "uk",
    "england": "uk",
    "great britain": "uk",
    "latam": "latin america",
    "eu": "europe",
    "anywhere in the world": "anywhere",
    "worldwide": "anywhere",
    "anywhere": "anywhere",
    "global": "anywhere",
}
_PLACE_STOP = frozenset(
    ["only", "in", "the", "of", "remote", "hybrid", "office", "based", "and", "or", "time", "zone", "zones", "timezone"]
)


def _norm(text: str | None) -> str:
    text = (text or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def title_ok(pred: str | None, gold: str) -> bool:
    p, g = set(_norm(pred).split()), set(_norm(gold).split())
    if not p or not g:
        return False
    common = len(p & g)
    return common > 0 and 2 * common / (len(p) + len(g)) >= 0.8


def _company_key(name: str | None) -> str:
    return _LEGAL.sub(" ", _norm(name)).replace(" ", "")


def company_ok(pred: str | None, gold: str) -> bool:
    p, g = _company_key(pred), _company_key(gold)
    return bool(p and g) and (p == g or (min(len(p), len(g)) >= 4 and (p in g or g in p)))


def _place_tokens(text: str | None) -> set[str]:
    norm = _norm(text)
    for phrase, canon in sorted(_PLACE_ALIASES.items(), key=lambda kv: -len(kv[0])):
        norm = re.sub(rf"\b{phrase}\b", canon, norm)
    return {t for t in norm.split() if t not in _PLACE_STOP}


def location_ok(pred: str | None, gold: str | None) -> bool:
    g = _place_tokens(gold)
    if not g:
        return not _place_tokens(pred)
    return bool(g & _place_tokens(pred))


def salary_ok(pred, gold_min: float, gold_max: float) -> bool:
    if not (gold_min or gold_max):
        return pred is None
    if pred is None or pred.min is None:
        return False
    gmin, gmax = gold_min or gold_max, gold_max or gold_min
    pmax = pred.max if pred.max is not None else pred.min
    return abs(pred.min - gmin) <= 0.05 * gmin and abs(pmax - gmax) <= 0.05 * gmax


def load_postings(corpus: Path) -> list[dict]:
    """[{board, html, title, company, location, salary_min, salary_max}] (None: the board has no such field)."""
    posts: list[dict] = []
    for path in sorted((corpus / "jobs" / "remoteok").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))[1:]:
            if job.get("position") and job.get("description"):
                posts.append(
                    {
                        "board": "remoteok",
                        "html": job["description"],
                        "title": job["position"],
                        "company": job["company"],
                        "location": job.get("location") or "",
                        "salary_min": job.get("salary_min") or 0,
                        "salary_max": job.get("salary_max") or 0,
                    }
                )
    for path in sorted((corpus / "jobs" / "greenhouse").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            posts.append(
                {
                    "board": "greenhouse",
                    "html": job["content"],
                    "title": job["title"],
                    "company": job.get("company_name"),
                    "location": job["location"]["name"],
                }
            )
    for path in sorted((corpus / "jobs" / "lever").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8")):
            lists = "".join(f"<h3>{x['text']}</h3><ul>{x['content']}</ul>" for x in job.get("lists", []))
            posts.append(
                {
                    "board": "lever",
                    "html": job["description"] + lists + job.get("additional", ""),
                    "title": job["text"],
                    "company": None,
                    "location": job["categories"].get("location", ""),
                }
            )
    for path in sorted((corpus / "jobs" / "weworkremotely").rglob("*.rss")):
        for item in ET.parse(path).getroot().iter("item"):
            company, _, role = (item.findtext("title") or "").partition(": ")
            posts.append(
                {
                    "board": "wwr",
                    "html": item.findtext("description") or "",
                    "title": role or company,
                    "company": company if role else None,
                    "location": item.findtext("region") or "",
                }
            )
    return posts


def _tally(results: dict, key: str, ok: bool, mentioned: bool) -> None:
    bucket = results.setdefault(key, [0, 0, 0, 0])  # correct, total, correct_mentioned, total_mentioned
    bucket[0] += ok
    bucket[1] += 1
    if mentioned:
        bucket[2] += ok
        bucket[3] += 1


def evaluate(posts: list[dict], misses: dict[str, list] | None = None) -> dict:
    """Accuracy tallies per field. ``misses``, when given, collects (board, gold, predicted, text) per wrong
    field (diagnostics only; scoring is unchanged)."""
    results: dict[str, list[int]] = {}

    def miss(key: str, ok: bool, gold, pred, text: str) -> None:
        if misses is not None and not ok:
            misses.setdefault(key, []).append((post["board"], gold, pred, text))

    for post in posts:
        text = clean_text(post["html"])
        low = _norm(text)
        a = analyze_job(post["html"])
        ok = title_ok(a.title, post["title"])
        _tally(results, "title", ok, _norm(post["title"]) in low)
        miss("title", ok, post["title"], a.title, text)
        if post["company"]:
            ok = company_ok(a.company, post["company"])
            _tally(results, "company", ok, _norm(post["company"]) in low)
            miss("company", ok, post["company"], a.company, text)
        gold_loc = post["location"]
        loc_mentioned = bool(_place_tokens(gold_loc) & _place_tokens(text)) or not _place_tokens(gold_loc)
        ok = location_ok(a.location, gold_loc)
        _tally(results, "location", ok, loc_mentioned)
        miss("location", ok, gold_loc, a.location, text)
        if "salary_min" in post:
            stated = _salary_stated(text, post["salary_min"], post["salary_max"])
            ok = salary_ok(a.salary, post["salary_min"], post["salary_max"])
            _tally(results, "salary", ok, stated)
            pred = a.salary and (a.salary.min, a.salary.max, a.salary.currency, a.salary.text)
            miss("salary", ok, (post["salary_min"], post["salary_max"]), pred, text)
            # Breakdown: the board leaves salary_min/max at 0 for many postings whose text does state a salary.
            has_gold = bool(post["salary_min"] or post["salary_max"])
            _tally(results, "salary[board has one]" if has_gold else "salary[board has none]", ok, stated)
    return results


def _salary_stated(text: str, low: float, high: float) -> bool:
    """Does the text state the board's salary? (Absent on both sides also counts as "stated".)"""
    if not (low or high):
        return True
    digits = re.sub(r"[,.\s]", "", text.lower())
    value = int(low or high)
    return str(value) in digits or (value % 1000 == 0 and f"{value // 1000}k" in digits)


def run(show_misses: str | None = None, context: int = 300) -> dict:
    corpus = corpus_dir()
    if corpus is None:
        return {}
    posts = load_postings(corpus)
    misses: dict[str, list] | None = {} if show_misses else None
    results = evaluate(posts, misses)
    if misses is not None:
        for board, gold, pred, text in misses.get(show_misses, []):
            snippet = " | ".join(text[:context].split("\n"))
            print(f"--- [{board}] gold={gold!r} pred={pred!r}\n    {snippet}")
    print(
        f"{len(posts)} postings: "
        + ", ".join(f"{b} {sum(p['board'] == b for p in posts)}" for b in ("remoteok", "greenhouse", "lever", "wwr"))
    )
    out = {}
    for field_name, (ok, total, ok_m, total_m) in results.items():
        acc = ok / total if total else 0.0
        sub = f"{ok_m / total_m:.3f} of {total_m}" if total_m else "n/a"
        print(f"{field_name:9s} all: {acc:.3f} ({ok}/{total})   text mentions it: {sub}")
        if "[" in field_name:
            continue
        out[f"jobs.fields.{field_name}_accuracy"] = row(acc, "", _TARGETS[field_name])
    return out


_TARGETS = {"title": ">= 0.4", "company": ">= 0.6", "location": ">= 0.6", "salary": ">= 0.9"}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", choices=["title", "company", "location", "salary"], help="print this field's misses"
    )
    parser.add_argument("--context", type=int, default=300, help="characters of description text shown per miss")
    args = parser.parse_args()
    print(json.dumps(run(args.misses, args.context), indent=2))
