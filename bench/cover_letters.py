"""Cover letters: the offline engine over every resume x posting pair of the corpus, each letter through the guard.

Resumes are the corpus's PDF and DOCX resumes (parsed with ``resumes.services.parse_file``); jobs are its job
descriptions (plain text, PDF, the JSON Resume sample) and every posting of its job-board dumps (RemoteOK,
Greenhouse, Lever, WeWorkRemotely), read by the app's own adapters. For each pair the letter is written through
``optimize.ai.chain.run_cover_letter`` with the offline engine (so the letter guard runs as in the app), then the
letter that would be shown is checked again, sentence by sentence, by the guard, and by a second, independent
check: no skill named outside the job's own title and company that ``optimize.scoring.resume_skills`` does not
find in the resume.

* ``matching.cover_letter.guard_passed``: shown letters that still state an invented fact (must be 0);
* ``matching.cover_letter.letters``: letters written;
* ``matching.cover_letter.raw_flagged``: letters in which the guard had to remove something (the engine's own
  slips, before the guard);
* ``matching.cover_letter.dropped_sentences``: sentences (and highlights, greetings, sign-offs) removed in all;
* ``matching.cover_letter.p50_ms`` / ``p95_ms``: time to write and guard one letter;
* ``matching.cover_letter.injected_missed``: of the letters of every 4th pair, given one more sentence that
  invents an employer, a number or a skill the resume does not have (in turn), those whose invented sentence the
  guard kept (must be 0): the guard is tested on lies, not only on the offline engine's truthful letters.

Without CORPUS_DIR the sample resume and job description of the tests are used (one pair).

Run alone: ``DEBUG=true CORPUS_DIR=... .venv/bin/python -m bench.cover_letters``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bench.common import corpus_dir, percentile, row, summary
from jobs.skills import extract_skills


def _board_postings(corpus: Path) -> list[tuple[str, str, str, str]]:
    """(name, title, company, text) of every posting in the board dumps, read by the app's adapters."""
    from jobs.sources.http import parse_json, parse_xml
    from jobs.sources.registry import ADAPTERS

    folder = corpus / "jobs"
    dumps = [
        ("remoteok", sorted((folder / "remoteok").glob("*.json"))),
        ("greenhouse", sorted((folder / "greenhouse").glob("*.json"))),
        ("lever", sorted((folder / "lever").glob("*.json"))),
        ("weworkremotely", sorted((folder / "weworkremotely").rglob("*.rss"))),
    ]
    out = []
    for kind, paths in dumps:
        adapter = ADAPTERS[kind]
        for path in paths:
            body = path.read_bytes()
            url = f"https://example.test/{path.name}"
            document = parse_xml(body, url) if adapter.document == "xml" else parse_json(body, url)
            for item in adapter.parse(document, {}, url):
                if hasattr(item, "title") and (item.description_text or "").strip():
                    out.append((f"{kind}:{item.source_id}", item.title, item.company, item.description_text))
    return out


def _jobs(corpus: Path | None) -> list[tuple[str, str, str, str]]:
    from bench.optimize import _jobs as description_texts

    jobs = [(name, "", "", text) for name, text in description_texts(corpus)]
    if corpus is not None:
        jobs += _board_postings(corpus)
    return jobs


def _resumes(corpus: Path | None) -> list[tuple[str, dict]]:
    from bench.optimize import _resumes as parsed

    if corpus is None:
        from tests.factories import SAMPLE_SECTIONS

        return [("sample", SAMPLE_SECTIONS)]
    return parsed(corpus)


def shown_violations(resume: dict, job, letter) -> list[tuple[str, str]]:
    """Invented facts in the letter as it would be shown: by the guard, and by the independent skill check."""
    from jobs.skills import extract_skills
    from optimize.letter_guard import claimed_text, letter_violations
    from optimize.scoring import resume_skills

    found = letter_violations(resume, job, letter)
    have = resume_skills(resume)
    found += [("skill", m.canonical) for m in extract_skills(claimed_text(letter.text, job)) if m.canonical not in have]
    return found


INVENTED_EMPLOYERS = ("Initech", "Hooli", "Umbrella Labs", "Stark Industries")
INVENTED_SKILLS = ("Haskell", "Kubernetes", "Salesforce", "Terraform", "COBOL", "Snowflake")


def _lie(resume: dict, job, turn: int) -> str | None:
    """A sentence that states a fact the resume does not contain, or None when none of the candidates is new."""
    from optimize.guard import resume_facts
    from optimize.scoring import job_skills, resume_skills

    text = resume_facts(resume).text.lower()
    kind = turn % 3
    if kind == 0:
        name = next((e for e in INVENTED_EMPLOYERS if e.lower() not in text), None)
        return f"Before that, I spent a year at {name}." if name else None
    if kind == 1:
        return "I led a team of 173 engineers."  # no corpus resume says 173
    have = resume_skills(resume)
    # Soft skills ("Communication") are judgements the guard lets a letter name, not facts: hard skills only.
    missing = [s for s in job_skills(job.analysis, "required") if s not in have and not _soft(s)]
    for skill in [*missing, *INVENTED_SKILLS]:
        sentence = f"I have used {skill} every day."
        # Only a name the skill extractor reads as that skill in this sentence is a skill claim; a bare "Sales"
        # reads as a department (optimize.guard's common capitalised words).
        if skill not in have and skill.lower() not in text and skill in {m.canonical for m in extract_skills(sentence)}:
            return sentence
    return None


def _soft(skill: str) -> bool:
    mentions = extract_skills(skill)
    return bool(mentions) and mentions[0].skill.category == "soft"


def run(job_stride: int = 1) -> dict:
    """``job_stride`` > 1 takes every n-th job only (the corpus test's quicker pass); the benchmark takes all."""
    import django
    from django.conf import settings

    if not settings.configured:  # run alone
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
        django.setup()
    from django.test import override_settings

    from jobs.analysis import analyze_job
    from optimize.ai import chain
    from optimize.ai.types import Job
    from optimize.letter_guard import guard_letter

    corpus = corpus_dir()
    resumes = _resumes(corpus)
    jobs = []
    for name, title, company, text in _jobs(corpus)[::job_stride]:
        analysis = analyze_job(text, title=title or None, company=company or None).to_dict()
        jobs.append((name, Job(text=text, analysis=analysis, title=title, company=company)))

    timings: list[float] = []
    letters = raw_flagged = dropped = shown_bad = injected = missed = 0
    kinds: Counter[str] = Counter()
    examples: list[str] = []
    with override_settings(AI_PROVIDERS=["offline"]):
        for resume_name, resume in resumes:
            for job_name, job in jobs:
                started = time.perf_counter()
                letter = chain.run_cover_letter(resume, job)
                timings.append((time.perf_counter() - started) * 1000)
                letters += 1
                dropped += letter.dropped
                raw_flagged += bool(letter.dropped)
                bad = shown_violations(resume, job, letter)
                if letters % 4 == 0 and (lie := _lie(resume, job, letters // 4)):
                    injected += 1
                    lying = replace(letter, paragraphs=(*letter.paragraphs[:1], lie, *letter.paragraphs[1:]))
                    if lie in guard_letter(resume, job, lying)[0].paragraphs:
                        missed += 1
                        examples.append(f"{resume_name} x {job_name}: kept the lie {lie!r}")
                if bad:
                    shown_bad += 1
                    kinds.update(kind for kind, _ in bad)
                    if len(examples) < 5:
                        examples.append(f"{resume_name} x {job_name}: {bad[:3]}")

    print(f"cover letters: {len(resumes)} resumes x {len(jobs)} jobs = {letters} letters; {summary(timings)}")
    print(f"  letters the guard had to correct: {raw_flagged}; pieces removed: {dropped}")
    print(f"  shown letters with an invented fact: {shown_bad} {dict(kinds) if kinds else ''}")
    print(f"  invented sentences injected: {injected}, kept by the guard: {missed}")
    for line in examples:
        print(f"    {line}")
    return {
        "matching.cover_letter.guard_passed": row(shown_bad, "letters", "== 0"),
        "matching.cover_letter.letters": row(letters, "letters"),
        "matching.cover_letter.raw_flagged": row(raw_flagged, "letters"),
        "matching.cover_letter.dropped_sentences": row(dropped, "sentences"),
        "matching.cover_letter.p50_ms": row(statistics.median(timings) if timings else 0.0, "ms"),
        "matching.cover_letter.p95_ms": row(percentile(timings, 0.95) if timings else 0.0, "ms"),
        "matching.cover_letter.injected": row(injected, "sentences"),
        "matching.cover_letter.injected_missed": row(missed, "sentences", "== 0"),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
