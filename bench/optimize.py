"""Optimize: the round trip from submit to completed through the real queue and worker, and score stability.

For every resume x job description pair of the corpus (its resumes, and its plain-text, PDF and JSON Resume job
descriptions), an optimization is submitted with ``optimization_request`` and the clock stops when the run reads
``completed`` (the browser's polling sees the same row). The broker is Redis when REDIS_URL is set, else the
in-memory one, with a real Dramatiq worker. Score stability: the score of every pair computed five times; the
fraction of pairs whose five analyses are identical (to the digit, breakdown included).

Run alone: ``DEBUG=true CORPUS_DIR=... .venv/bin/python -m bench.optimize``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.common import corpus_dir, percentile, row, summary

BENCH_EMAIL = "bench-optimize@careeragent.local"
REPEATS = 5


def _resumes(corpus: Path | None) -> list[tuple[str, dict]]:
    from resumes.services import ParseFailure, parse_file

    if corpus is not None:
        files = [
            (p.name, p.read_bytes()) for p in sorted((corpus / "resumes").rglob("*")) if p.suffix in (".pdf", ".docx")
        ]
    else:
        from tests.resumes.parsing.samples import resume_docx, sample_pdfs

        files = [*sample_pdfs().items(), ("generated.docx", resume_docx())]
    resumes = []
    for name, data in files:
        try:
            resumes.append((name, parse_file(data, Path(name).suffix.lstrip(".")).sections))
        except ParseFailure:
            continue
    return resumes


def _jobs(corpus: Path | None) -> list[tuple[str, str]]:
    from resumes.services import parse_file

    if corpus is None:
        from tests.jobs.factories import SAMPLE_TEXT

        return [("sample.txt", SAMPLE_TEXT)]
    folder = corpus / "jobs"
    jobs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((folder / "resume-matcher" / "e2e").rglob("*.txt"))]
    jobs += [
        (p.name, parse_file(p.read_bytes(), "pdf").text) for p in sorted((folder / "resume-matcher").glob("*.pdf"))
    ]
    sample = folder / "jsonresume" / "sample.job.json"
    if sample.is_file():
        jobs.append((sample.name, _json_resume_job_text(json.loads(sample.read_text(encoding="utf-8")))))
    return jobs


def _json_resume_job_text(job: dict) -> str:
    """A JSON Resume job as the plain text of a posting."""
    lines = [job.get("title", ""), f"{job.get('company', '')} - {job.get('location', {}).get('city', '')}", ""]
    lines += [job.get("description", ""), "", "Responsibilities"]
    lines += [f"- {r}" for r in job.get("responsibilities", [])]
    lines += ["", "Qualifications"] + [f"- {q}" for q in job.get("qualifications", [])]
    if job.get("experience"):
        lines.append(f"Experience: {job['experience']}")
    for skill in job.get("skills", []):
        lines.append(f"- {skill.get('name', '')}: {', '.join(skill.get('keywords', []))}")
    return "\n".join(lines)


def run() -> dict:
    import dramatiq

    from accounts.models import User
    from careeragent.worker import load_actors, shut_down
    from jobs.services import jd_create_from_text
    from optimize import services
    from optimize.ai import chain
    from optimize.models import Optimization
    from resumes.models import Resume

    corpus = corpus_dir()
    resumes, jobs = _resumes(corpus), _jobs(corpus)
    load_actors()
    User.objects.filter(email=BENCH_EMAIL).delete()
    user = User.objects.create_user(email=BENCH_EMAIL, password=None)
    broker = dramatiq.get_broker()
    worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=20)
    worker.start()
    timings: list[float] = []
    stable = pairs = 0
    failed = 0
    try:
        resume_rows = [
            Resume.objects.create(
                user=user,
                title=name,
                original_filename=name,
                file_ext=Path(name).suffix.lstrip("."),
                parse_status=Resume.Status.COMPLETED,
                parsed_sections=sections,
            )
            for name, sections in resumes
        ]
        jd_rows = [jd_create_from_text(user=user, text=text, title="") for _name, text in jobs]
        for resume in resume_rows:
            for jd in jd_rows:
                started = time.perf_counter()
                optimization, _ = services.optimization_request(
                    user=user, resume=resume, job_description=jd, strategy="targeted", force=True
                )
                while True:
                    status = Optimization.objects.filter(id=optimization.id).values_list("status", flat=True)[0]
                    if status in (Optimization.Status.COMPLETED, Optimization.Status.FAILED):
                        break
                    time.sleep(0.002)
                timings.append((time.perf_counter() - started) * 1000)
                failed += status == Optimization.Status.FAILED

                job = services.job_of(optimization)
                # As stored (JSON), so the run's own analysis compares like for like.
                analyses = [
                    json.loads(json.dumps(chain.run_analyze(resume.parsed_sections, job).to_dict()))
                    for _ in range(REPEATS)
                ]
                optimization.refresh_from_db()
                pairs += 1
                stable += all(a == analyses[0] for a in analyses) and optimization.analysis == analyses[0]
    finally:
        shut_down(worker)
        user.delete()
    print(
        f"optimize round trip ({type(broker).__name__}), {len(resumes)} resumes x {len(jobs)} jobs: "
        f"{summary(timings)}; failed: {failed}; stable scores: {stable}/{pairs}"
    )
    return {
        "optimize.roundtrip_p50_ms": row(percentile(timings, 0.5), "ms", "<= 1000"),
        "optimize.roundtrip_p90_ms": row(percentile(timings, 0.9), "ms", "<= 1000"),
        "optimize.score_stability": row(stable / pairs if pairs else 0.0, "fraction", "== 1"),
    }


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    print(run())
