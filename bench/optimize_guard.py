"""Truthfulness guard: every suggestion that invents one fact is refused, and none built from the resume is.

A fixed-seed set of generated resumes (employers, titles, schools, month-precise dates, bullets carrying numbers
and real skill names) gives, per resume, five truthful suggestions (a reworded bullet, a summary stating the
total years of experience, a reorder, a metric flag, a skill the bullets show added to the skills list) and five
adversarial ones: a truthful rewrite or summary with one invented fact appended, cycling through the injection
kinds (number, percentage, money, employer, year, month-year, skill, title, school, degree). With CORPUS_DIR set,
the corpus resumes (parsed with ``resumes.parsing.parse_bytes``) add the same two sets built from their real
bullets, with each injected fact chosen so that the resume does not contain it.

* ``optimize.guard.caught``: adversarial suggestions refused (must be all of them);
* ``optimize.guard.passed``: adversarial suggestions that got through (must be 0);
* ``optimize.guard.truthful_refused``: fraction of truthful suggestions refused (must be 0).

Run alone: ``DEBUG=true .venv/bin/python -m bench.optimize_guard``.
"""

from __future__ import annotations

import json
import math
import random
import re
import time
from collections import Counter
from pathlib import Path

from bench.common import corpus_dir, row
from jobs.skills import extract_skills
from optimize.ai.types import ADD_SKILL, FLAG_METRIC, REORDER, REWRITE, SUMMARY, Suggestion
from optimize.guard import ResumeFacts, check, experience_years, resume_facts

SEED = 20240611
RESUMES = 200

SKILLS = ["Python", "Django", "PostgreSQL", "Redis", "Docker", "Kubernetes", "Terraform", "React", "TypeScript"]
NEW_SKILLS = ["Kafka", "GraphQL", "MongoDB", "Ansible", "Jenkins", "Elasticsearch", "Rust", "Angular", "Snowflake"]
EMPLOYERS = ["Fernweh Payments", "Quanta Logistics", "Bluefin Analytics", "Northwind Traders", "Copperleaf Health"]
NEW_EMPLOYERS = ["Google", "Initech", "Globex Corporation", "Umbrella Labs", "Stark Industries", "Hooli"]
TITLES = ["Software Engineer", "Backend Engineer", "Data Analyst", "Platform Engineer"]
NEW_TITLES = ["Director of Engineering", "Chief Technology Officer", "Principal Architect", "Head of Platform"]
SCHOOLS = ["University of Porto", "Riverside State University", "Lakeside College"]
NEW_SCHOOLS = ["Stanford University", "Kingsbridge Polytechnic", "Harvard University", "Oxbridge Academy"]
DEGREES = ["Bachelor of Science", "BSc", "Bachelor of Arts"]
NEW_DEGREES = ["MBA", "PhD", "Master of Science", "doctorate"]
TEMPLATES = [
    ("Responsible for building {skill} services used by {n} customers", "Built {skill} services used by {n} customers"),
    ("Was involved in reducing latency by {n}% using {skill}", "Reduced latency by {n}% using {skill}"),
    ("Helped with the migration of {n} jobs to {skill}", "Migrated {n} jobs to {skill}"),
    ("Worked on a {skill} pipeline that processed {n} reports a week", "Shipped a {skill} pipeline for {n} reports"),
]
INJECTION_KINDS = {
    "number": "number",
    "percent": "number",
    "money": "number",
    "employer": "employer",
    "year": "date",
    "month": "date",
    "skill": "skill",
    "title": "title",
    "school": "school",
    "degree": "degree",
}
# Filler openings a conservative rewrite removes (the truthful rewrite of a real bullet).
FILLER = re.compile(
    r"^(?:responsible for|helped (?:with|to)?|worked on|was involved in|assisted (?:with|in)?)\s+", re.I
)


def _resume(rng: random.Random) -> dict:
    employers = rng.sample(EMPLOYERS, rng.randint(1, 3))
    skills = rng.sample(SKILLS, rng.randint(2, 5))
    year, month = rng.randint(2001, 2012), rng.randint(1, 12)
    experience = []
    for employer in employers:
        end = year * 12 + month - 1 + rng.randint(6, 60)
        bullets = [
            rng.choice(TEMPLATES)[0].format(skill=rng.choice(skills), n=rng.randint(2, 60))
            for _ in range(rng.randint(1, 4))
        ]
        start, finish = f"{year}-{month:02d}", f"{end // 12}-{end % 12 + 1:02d}"
        experience.append(
            {
                "title": rng.choice(TITLES),
                "company": employer,
                "start": start,
                "end": finish,
                "current": False,
                "dates_raw": f"{start} - {finish}",
                "bullets": bullets,
            }
        )
        year, month = end // 12, end % 12 + 1
    experience.reverse()
    return {
        "schema_version": 1,
        "contact": {"name": "Sam Example", "email": "sam@example.com"},
        "summary": {"text": f"{experience[0]['title']} building reliable services."},
        "experience": experience,
        "education": [{"school": rng.choice(SCHOOLS), "degree": rng.choice(DEGREES), "start": "1997", "end": "2001"}],
        "skills": [{"group": "Tools", "items": rng.sample(skills, rng.randint(1, len(skills)))}],
        "projects": [],
    }


def _rewrite(bullet: str) -> str:
    for original, rewritten in TEMPLATES:
        if bullet.startswith(original.partition("{")[0]):
            skill = next(s for s in SKILLS if s in bullet)
            n = next(int(w.rstrip("%")) for w in bullet.split() if w.rstrip("%").isdigit())
            return rewritten.format(skill=skill, n=n)
    match = FILLER.match(bullet)
    if match and len(bullet) > match.end():
        rest = bullet[match.end() :]
        return rest[0].upper() + rest[1:]
    return bullet


def _summary(resume: dict, facts: ResumeFacts, rng: random.Random) -> str:
    entry = next((e for e in resume.get("experience") or () if e.get("title") and e.get("company")), None)
    if entry is None:
        return ""
    skills = sorted(facts.skills & set(SKILLS)) or sorted(facts.skills)[:3]
    years = experience_years(resume)
    stated = f" with {math.floor(years[0])}+ years of experience" if years else ""
    chosen = ", ".join(rng.sample(skills, min(3, len(skills))))
    return f"{entry['title']}{stated} at {entry['company']}, working with {chosen}."


def truthful(resume: dict, facts: ResumeFacts, rng: random.Random) -> list[Suggestion]:
    out = []
    for i, entry in enumerate(resume.get("experience") or ()):
        bullets = [b for b in entry.get("bullets") or () if b.strip()]
        for j, bullet in enumerate(bullets):
            after = _rewrite(bullet)
            if after != bullet:
                out.append(Suggestion("experience", f"experience.{i}.bullets.{j}", REWRITE, bullet, after, "bench"))
            out.append(Suggestion("experience", f"experience.{i}.bullets.{j}", FLAG_METRIC, bullet, bullet, "bench"))
        if len(bullets) > 1:
            order = bullets[:]
            rng.shuffle(order)
            before, after = "\n".join(bullets), "\n".join(order)
            out.append(Suggestion("experience", f"experience.{i}.bullets", REORDER, before, after, "bench"))
    summary = _summary(resume, facts, rng)
    if summary:
        before = (resume.get("summary") or {}).get("text") or ""
        out.append(Suggestion("summary", "summary.text", SUMMARY, before, summary, "bench"))
    groups = resume.get("skills") or []
    if groups:
        listed = [str(item) for item in groups[0].get("items") or ()]
        bullets_text = "\n".join(b for e in resume.get("experience") or () for b in e.get("bullets") or ())
        shown = sorted({m.canonical for m in extract_skills(bullets_text)} - {s.casefold() for s in listed})
        shown = [s for s in shown if s.casefold() not in {item.casefold() for item in listed}]
        if shown:
            after = "\n".join(listed + shown[:3])
            out.append(Suggestion("skills", "skills.0.items", ADD_SKILL, "\n".join(listed), after, "bench"))
    return out


def _absent(candidates: list[str], text: str) -> str | None:
    low = text.casefold()
    return next((c for c in candidates if c.casefold() not in low), None)


def _injection(kind: str, facts: ResumeFacts, rng: random.Random) -> str | None:
    """One fact of ``kind`` that the resume does not contain, as a clause to append; None when none is left."""
    text = facts.text
    numbers = set(re.findall(r"\d+", text))
    if kind == "number":
        n = next(n for n in (rng.randint(101, 999) for _ in range(100)) if str(n) not in numbers)
        return f" across {n} teams"
    if kind == "percent":
        n = next(n for n in (rng.randint(61, 99) for _ in range(100)) if str(n) not in numbers)
        return f", raising revenue {n}%"
    if kind == "money":
        whole, tenth = rng.randint(2, 9), rng.randint(1, 9)
        return f", saving ${whole}.{tenth}M" if f"{whole}.{tenth}" not in text else f", saving ${whole}.{tenth}7M"
    if kind == "year":
        year = next(y for y in (rng.randint(1950, 1985) for _ in range(100)) if str(y) not in numbers)
        return f" in {year}"
    if kind == "month":
        return f" in {rng.choice(['March', 'October', 'December'])} 2029"
    if kind == "skill":
        known = facts.skills | {m.canonical for m in extract_skills(text)}
        options = [
            s for s in NEW_SKILLS if extract_skills(s)[0].canonical not in known and s.casefold() not in text.casefold()
        ]
        return f" with {rng.choice(options)}" if options else None
    pools = {"employer": NEW_EMPLOYERS, "title": NEW_TITLES, "school": NEW_SCHOOLS}
    if kind in pools:
        name = _absent(rng.sample(pools[kind], len(pools[kind])), text)
        prefix = {"employer": " at ", "title": " as ", "school": " after graduating from "}[kind]
        return prefix + name if name else None
    # Degrees: one whose level the resume does not mention in any spelling.
    doctorate = ("phd", "ph.d", "doctor", "dphil")
    levels = {"MBA": ("mba", "business administration"), "PhD": doctorate, "doctorate": doctorate}
    levels["Master of Science"] = ("master", "msc", "m.sc", "m.s.")
    low = text.casefold()
    options = [d for d in NEW_DEGREES if not any(spelling in low for spelling in levels[d])]
    return f" with a {rng.choice(options)}" if options else None


def adversarial(resume: dict, facts: ResumeFacts, rng: random.Random, kinds: list[str]) -> list[tuple[Suggestion, str]]:
    base = [s for s in truthful(resume, facts, rng) if s.kind in (REWRITE, SUMMARY)]
    if not base:
        base = [
            Suggestion("experience", f"experience.{i}.bullets.0", REWRITE, e["bullets"][0], e["bullets"][0], "bench")
            for i, e in enumerate(resume.get("experience") or ())
            if e.get("bullets")
        ]
    out = []
    for n, kind in enumerate(kinds):
        if not base:
            break
        clause = _injection(kind, facts, rng)
        if clause is None:
            continue
        source = base[n % len(base)]
        after = source.after.rstrip(". ") + clause + "."
        out.append((Suggestion(source.section, source.path, source.kind, source.before, after, "bench"), kind))
    return out


def _corpus_resumes(corpus: Path) -> list[tuple[str, dict]]:
    from resumes.parsing import ParseError, parse_bytes

    out = []
    for path in sorted((corpus / "resumes").rglob("*")):
        if path.suffix.lower() not in (".pdf", ".docx", ".txt"):
            continue
        try:
            out.append((path.name, parse_bytes(path.read_bytes(), path.suffix.lower().lstrip(".")).sections))
        except ParseError:
            continue
    return out


def run() -> dict:
    rng = random.Random(SEED)
    sets: list[tuple[str, dict]] = [(f"generated-{i}", _resume(rng)) for i in range(RESUMES)]
    corpus = corpus_dir()
    if corpus is not None:
        sets += _corpus_resumes(corpus)
    kinds = list(INJECTION_KINDS)
    truthful_total = truthful_refused = 0
    by_kind: Counter = Counter()
    caught_kind: Counter = Counter()
    right_kind: Counter = Counter()
    violations = 0
    leaks: list[tuple[str, str]] = []
    refusals: list[tuple[str, str, tuple]] = []
    timings: list[float] = []
    for n, (name, resume) in enumerate(sets):
        facts = resume_facts(resume)
        for suggestion in truthful(resume, facts, rng):
            started = time.perf_counter()
            verdict = check(resume, suggestion, facts=facts)
            timings.append((time.perf_counter() - started) * 1000)
            truthful_total += 1
            if not verdict.allowed:
                truthful_refused += 1
                refusals.append((name, suggestion.after, verdict.violations))
        # Generated resumes take five kinds each, in turn; corpus resumes take every kind.
        chosen = [kinds[(n * 5 + k) % len(kinds)] for k in range(5)] if name.startswith("generated-") else kinds
        for suggestion, kind in adversarial(resume, facts, rng, chosen):
            verdict = check(resume, suggestion, facts=facts)
            by_kind[kind] += 1
            violations += len(verdict.violations)
            if verdict.allowed:
                leaks.append((name, suggestion.after))
                continue
            caught_kind[kind] += 1
            right_kind[kind] += INJECTION_KINDS[kind] in {k for k, _ in verdict.violations}
    adversarial_total = sum(by_kind.values())
    caught = sum(caught_kind.values())

    print(f"optimize.guard: {len(sets)} resumes ({RESUMES} generated), seed {SEED}")
    print(f"{'injected':10} {'n':>6} {'caught':>7} {'kind named':>11}")
    for kind in kinds:
        print(f"{kind:10} {by_kind[kind]:6} {caught_kind[kind]:7} {right_kind[kind]:11}")
    print(f"adversarial: {caught}/{adversarial_total} refused, {violations} violations named")
    print(
        f"truthful: {truthful_refused}/{truthful_total} refused; check p50 {sorted(timings)[len(timings) // 2]:.2f} ms"
    )
    for name, after in leaks[:5]:
        print(f"  passed (should not): {name}: {after!r}")
    for name, after, found in refusals[:5]:
        print(f"  refused (should not): {name}: {after!r} {found}")
    return {
        "optimize.guard.caught": row(caught, "suggestions", f"== {adversarial_total}"),
        "optimize.guard.passed": row(adversarial_total - caught, "suggestions", "== 0"),
        "optimize.guard.truthful_refused": row(truthful_refused / max(truthful_total, 1), "", "== 0"),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
