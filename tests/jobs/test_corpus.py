"""Checks against the shared corpus (read in place through CORPUS_DIR, never copied)."""

import gzip
import json
import os
from pathlib import Path

import pytest

from jobs.analysis import analyze_job
from jobs.skills.build_taxonomy import build
from jobs.skills.taxonomy import DATA_FILE

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus() -> Path:
    root = os.environ.get("CORPUS_DIR")
    if not root:
        pytest.skip("CORPUS_DIR is not set (the shared evaluation corpus)")
    return Path(root)


def test_packaged_taxonomy_is_up_to_date(corpus):
    built = build(corpus / "skills")
    built.pop("_conflicts")
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        packaged = json.load(fh)
    assert packaged == json.loads(json.dumps(built)), "rebuild: python -m jobs.skills.build_taxonomy"


def test_remoteok_descriptions_analyse_without_mojibake(corpus):
    jobs = json.loads((corpus / "jobs" / "remoteok" / "remoteok-api-2026-03-17.json").read_text())[1:]
    for job in jobs:
        a = analyze_job(job["description"])
        assert "â€" not in a.text and "\u00e2\u0080" not in a.text
        assert "Please mention the word" not in a.text


def test_resume_matcher_backend_jd(corpus):
    text = (corpus / "jobs" / "resume-matcher" / "e2e" / "backend-eng.txt").read_text()
    a = analyze_job(text)
    skills = {s.skill for s in a.required_skills + a.preferred_skills}
    assert {"Python", "FastAPI", "PostgreSQL"} <= skills


def test_benches_return_rates(corpus, monkeypatch):
    from bench import jd_fields, skills

    monkeypatch.setenv("CORPUS_DIR", str(corpus))
    for result in (skills.run(), jd_fields.run()):
        assert result
        assert all(0.0 <= v["value"] <= 1.0 for v in result.values())


def test_benches_skip_without_corpus(monkeypatch):
    from bench import jd_fields, skills

    monkeypatch.delenv("CORPUS_DIR", raising=False)
    assert skills.run() == {} and jd_fields.run() == {}
