"""Field-level accuracy of the resume parser against the corpus resumes that have ground truth.

Method after rendercv's scripts/ats_proof/evaluate.py: each ground-truth field is compared with the parsed
field by normalised exact match (names, emails, dates), digits-only suffix match (phones) or token overlap
>= 0.9 (free text). Entries (jobs, schools, certificates) are paired greedily by their best field agreement;
fields of unpaired parsed entries count as false positives.

Run: CORPUS_DIR=../shared/corpus .venv/bin/python bench/parse_accuracy.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resumes.parsing import parse_bytes
from resumes.parsing.dates import find_range

TWO_COLUMN = {"deedy_resume-openfont.pdf"}

# field -> comparison kind
EXACT, FUZZY, PHONE, DATE = "exact", "fuzzy", "phone", "date"


def norm(value: object) -> str:
    text = unicodedata.normalize("NFKD", str(value or "")).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^\w@.+ ]+", " ", text)).strip(" .")


def tokens(value: object) -> set[str]:
    return set(re.findall(r"\w+", norm(value)))


def same(kind: str, truth: object, pred: object) -> bool:
    if pred in (None, "", []):
        return False
    if kind == PHONE:
        t, p = re.sub(r"\D", "", str(truth)), re.sub(r"\D", "", str(pred))
        return len(p) >= 7 and (t.endswith(p) or p.endswith(t))
    if kind == FUZZY:
        t, p = tokens(truth), tokens(pred)
        return bool(t) and len(t & p) / max(len(t), len(p)) >= 0.9
    return norm(truth) == norm(pred)


def date_of(text: str | None, which: str) -> str | None:
    """Ground-truth dates go through the same normaliser as the parser's ("Sep. 2023" -> "2023-09")."""
    if not text:
        return None
    found, _ = find_range(str(text))
    if found is None:
        return None
    return found.start if which == "start" else found.end


# ---------------------------------------------------------------- ground truth loaders


def _rendercv(corpus: Path) -> dict:
    import yaml

    cv = yaml.safe_load((corpus / "resumes/rendercv/John_Doe_CV.yaml").read_text())["cv"]
    sections = cv["sections"]

    def ym(v: object) -> str | None:
        return None if v in (None, "") else ("present" if str(v) == "present" else str(v))

    return {
        "contact": {"name": cv["name"], "email": cv["email"], "location": cv["location"]},
        "experience": [
            {
                "company": e["company"],
                "title": e["position"],
                "location": e["location"],
                "start": ym(e["start_date"]),
                "end": ym(e["end_date"]),
                "bullets": [b for h in e["highlights"] for b in _md(h)],
            }
            for e in sections["experience"]
        ],
        "education": [
            {
                "school": e["institution"],
                "degree": e["degree"],
                "field": e["area"],
                "location": e["location"],
                "start": ym(e["start_date"]),
                "end": ym(e["end_date"]),
            }
            for e in sections["education"]
        ],
        "projects": [{"name": re.sub(r"\[(.*?)\]\(.*?\)", r"\1", p["name"])} for p in sections["projects"]],
    }


def _md(text: str) -> list[str]:
    """Markdown as rendered: links show their label, emphasis marks vanish, nested items are own bullets."""
    text = re.sub(r"\*+", "", re.sub(r"\[(.*?)\]\(.*?\)", r"\1", text))
    return [part.strip() for part in re.split(r"\s+- ", text) if part.strip()]


def _openresume(corpus: Path) -> dict:
    gt = json.loads((corpus / "resumes/openresume/openresume-resume.expected.json").read_text())
    prof = gt["profile"]
    return {
        "contact": {
            "name": prof["name"],
            "email": prof["email"],
            "phone": prof["phone"],
            "location": prof["location"],
        },
        "summary": prof["summary"],
        "experience": [
            {
                "company": w["company"],
                "title": w["jobTitle"],
                "start": date_of(w["date"], "start"),
                "end": date_of(w["date"], "end"),
                "bullets": w["descriptions"],
            }
            for w in gt["workExperiences"]
        ],
        "education": [
            {
                "school": e["school"],
                "degree_full": e["degree"],
                "gpa": e["gpa"],
                "start": date_of(e["date"], "start"),
                "end": date_of(e["date"], "end"),
            }
            for e in gt["educations"]
        ],
        "projects": [{"name": p["project"]} for p in gt["projects"]],
        "skills": [s["skill"] for s in gt["skills"]["featuredSkills"]]
        + [i.strip() for d in gt["skills"]["descriptions"] for i in d.split(":", 1)[1].split(",")],
    }


def _tex_args(body: str, command: str, count: int) -> list[list[str]]:
    """Arguments of every \\command{..}{..} (brace-balanced, comments stripped)."""
    body = re.sub(r"(?<!\\)%.*", "", body)
    out = []
    for m in re.finditer(rf"\\{command}\b", body):
        pos, args = m.end(), []
        while len(args) < count:
            while pos < len(body) and body[pos].isspace():
                pos += 1
            if pos >= len(body) or body[pos] != "{":
                break
            depth, start = 0, pos
            while pos < len(body):
                depth += {"{": 1, "}": -1}.get(body[pos], 0)
                pos += 1
                if depth == 0:
                    break
            args.append(body[start + 1 : pos - 1])
        out.append(args)
    return out


def _tex_items(body: str) -> list[str]:
    return [m.strip() for m in re.split(r"\\item\s*", body)[1:] if m.strip()]


def _detex(text: str) -> str:
    text = text.replace("\\&", "&").replace("\\%", "%").replace("~", " ").replace("--", "-")
    text = re.sub(r"\\[a-zA-Z]+\*?", " ", text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def _awesome(corpus: Path) -> dict:
    base = corpus / "resumes/awesome-cv"
    head = (base / "resume.tex").read_text()
    first, last = _tex_args(head, "name", 2)[0]
    exp = _tex_args((base / "resume/experience.tex").read_text(), "cventry", 5)
    edu = _tex_args((base / "resume/education.tex").read_text(), "cventry", 4)
    certs = _tex_args((base / "resume/certificates.tex").read_text(), "cvhonor", 4)
    return {
        "contact": {
            "name": f"{first} {last}",
            "email": _tex_args(head, "email", 1)[0][0],
            "phone": _tex_args(head, "mobile", 1)[0][0],
            "location": _tex_args(head, "address", 1)[0][0],
        },
        "experience": [
            {
                "title": _detex(t),
                "company": _detex(c),
                "location": _detex(loc),
                "start": date_of(_detex(d), "start"),
                "end": date_of(_detex(d), "end"),
                "bullets": [_detex(i) for i in _tex_items(items)],
            }
            for t, c, loc, d, items in exp
        ],
        "education": [
            {
                "degree_full": _detex(d),
                "school": _detex(s),
                "location": _detex(loc),
                "end": date_of(_detex(dt), "end"),
            }
            for d, s, loc, dt in edu
        ],
        "certifications": [
            {"name": _detex(n), "issuer": _detex(i), "date": date_of(_detex(d), "end")} for n, i, _, d in certs
        ],
    }


def _deedy(corpus: Path) -> dict:
    src = (corpus / "resumes/deedy/deedy_resume-openfont.xtx").read_text()
    first, last = _tex_args(src, "namesection", 2)[0]
    left, _, right = src.partition(r"\begin{minipage}[t]{0.66\textwidth}")
    jobs = re.findall(
        r"\\runsubsection\{(.*?)\}\s*\\descript\{\|\s*(.*?)\s*\}\s*\\location\{(.*?)\s*\|\s*(.*?)\}", right
    )
    schools = re.findall(r"\\subsection\{(.*?)\}\s*(?:\\descript\{(.*?)\}\s*)?\\location\{(.*?)\}", left)
    return {
        "contact": {"name": f"{first} {last}", "email": "deedy@fb.com", "phone": "607.379.5733"},
        "experience": [
            {
                "company": _detex(c),
                "title": _detex(t),
                "location": _detex(loc),
                "start": date_of(d, "start"),
                "end": date_of(d, "end"),
            }
            for c, t, d, loc in jobs
        ],
        "education": [
            {
                "school": _detex(s),
                "degree_full": _detex(d) or None,
                "end": date_of(when.split("|")[0], "end"),
            }
            for s, d, when in schools
            if "University" in s or "Martiniere" in s
        ],
    }


def ground_truth(corpus: Path) -> dict[str, dict]:
    rendercv = _rendercv(corpus)
    cases = {p: rendercv for p in sorted((corpus / "resumes/rendercv").glob("*.pdf"))}
    cases[corpus / "resumes/openresume/openresume-resume.pdf"] = _openresume(corpus)
    cases[corpus / "resumes/awesome-cv/resume.pdf"] = _awesome(corpus)
    cases[corpus / "resumes/deedy/deedy_resume-openfont.pdf"] = _deedy(corpus)
    return cases


# ---------------------------------------------------------------- scoring

KINDS = {
    "name": EXACT,
    "email": EXACT,
    "phone": PHONE,
    "location": FUZZY,
    "company": FUZZY,
    "title": FUZZY,
    "school": FUZZY,
    "degree": FUZZY,
    "degree_full": FUZZY,
    "field": FUZZY,
    "gpa": EXACT,
    "start": DATE,
    "end": DATE,
    "name_item": FUZZY,
    "issuer": FUZZY,
    "date": DATE,
}


def pred_value(entry: dict, key: str) -> object:
    if key == "degree_full":
        degree, field = entry.get("degree"), entry.get("field")
        return f"{degree} in {field}" if degree and field else degree
    return entry.get(key)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.misses: list[str] = []

    def field(self, label: str, kind: str, truth: object, pred: object) -> None:
        if truth in (None, ""):
            return
        if same(kind, truth, pred):
            self.tp += 1
            return
        self.fn += 1
        if pred not in (None, "", []):
            self.fp += 1
        self.misses.append(f"{label}: want {truth!r} got {pred!r}")

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _agreement(truth: dict, pred: dict) -> int:
    return sum(same(KINDS.get(k, FUZZY), v, pred_value(pred, k)) for k, v in truth.items() if v and k != "bullets")


def score_bullets(score: Score, label: str, truths: list[str], preds: list[str]) -> None:
    """Each expected bullet must appear (fuzzy) among the entry's parsed bullets; extra bullets are FPs."""
    left = list(preds)
    for n, bullet in enumerate(truths):
        hit = next((p for p in left if same(FUZZY, bullet, p)), None)
        if hit is not None:
            left.remove(hit)
        score.field(f"{label}.bullets[{n}]", FUZZY, bullet, hit)
    score.fp += len(left)


def score_entries(score: Score, section: str, truths: list[dict], preds: list[dict]) -> None:
    free = list(range(len(preds)))
    for i, truth in enumerate(truths):
        best = max(free, key=lambda j: _agreement(truth, preds[j]), default=None)
        if best is not None and _agreement(truth, preds[best]) == 0:
            best = None
        pred = preds[best] if best is not None else {}
        if best is not None:
            free.remove(best)
        for key, value in truth.items():
            if key == "bullets":
                score_bullets(score, f"{section}[{i}]", value, pred.get("bullets", []))
                continue
            score.field(f"{section}[{i}].{key}", KINDS.get(key, FUZZY), value, pred_value(pred, key))
    keys = set().union(*(t.keys() for t in truths)) if truths else set()
    for j in free:  # parsed entries that match nothing: their fields are false positives
        score.fp += sum(1 for k in keys - {"bullets"} if pred_value(preds[j], k) not in (None, "", []))
        score.fp += len(preds[j].get("bullets") or []) if "bullets" in keys else 0


def score_file(truth: dict, sections: dict) -> tuple[Score, dict]:
    score = Score()
    contact_ok = {}
    for key, value in truth.get("contact", {}).items():
        before = score.tp
        score.field(f"contact.{key}", KINDS[key], value, sections["contact"].get(key))
        contact_ok[key] = score.tp > before
    if truth.get("summary"):
        score.field("summary", FUZZY, truth["summary"], sections["summary"]["text"])
    for section in ("experience", "education"):
        if section in truth:
            score_entries(score, section, truth[section], sections[section])
    if "projects" in truth:
        projects = [{"name": p.get("name")} for p in sections["projects"]]
        score_entries(score, "projects", truth["projects"], projects)
    if "certifications" in truth:
        certs = [{"name_item": c["name"], "issuer": c["issuer"], "date": c["date"]} for c in sections["certifications"]]
        wanted = [{"name_item": c["name"], "issuer": c["issuer"], "date": c["date"]} for c in truth["certifications"]]
        score_entries(score, "certifications", wanted, certs)
    if "skills" in truth:
        items = {norm(i) for g in sections["skills"] for i in g["items"]}
        for skill in truth["skills"]:
            score.field("skills", EXACT, skill, skill if norm(skill) in items else None)
    return score, contact_ok


def metric(value: float, target: str) -> dict:
    return {"value": round(value, 4), "unit": "", "target": target}


def run() -> dict:
    corpus_dir = os.environ.get("CORPUS_DIR")
    if not corpus_dir:
        print("parse_accuracy: CORPUS_DIR is not set; skipped.")
        return {}
    corpus = Path(corpus_dir)
    total = Score()
    two_column: list[float] = []
    contact_all = True
    print(f"{'file':45} {'tp':>4} {'fp':>4} {'fn':>4} {'F1':>6}  name email phone")
    for path, truth in ground_truth(corpus).items():
        result = parse_bytes(path.read_bytes(), "pdf")
        score, contact_ok = score_file(truth, result.sections)
        total.tp, total.fp, total.fn = total.tp + score.tp, total.fp + score.fp, total.fn + score.fn
        flags = " ".join(f"{'ok' if contact_ok.get(k, True) else 'NO':>5}" for k in ("name", "email", "phone"))
        contact_all = contact_all and all(contact_ok.get(k, True) for k in ("name", "email", "phone"))
        print(f"{path.name:45} {score.tp:4} {score.fp:4} {score.fn:4} {score.f1:6.3f}  {flags}")
        for miss in score.misses if os.environ.get("BENCH_VERBOSE") else []:
            print("    -", miss)
        if path.name in TWO_COLUMN:
            two_column.append(score.f1)
    print(f"{'ALL (micro)':45} {total.tp:4} {total.fp:4} {total.fn:4} {total.f1:6.3f}")
    return {
        "parse.accuracy.f1": metric(total.f1, ">= 0.90"),
        "parse.accuracy.f1_two_column_min": metric(min(two_column) if two_column else 0.0, ">= 0.85"),
        "parse.accuracy.contact_all_right": metric(1.0 if contact_all else 0.0, "== 1"),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
