"""`manage.py analyze_job PATH|-` prints the analysis as JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.jobs.factories import SAMPLE_TEXT
from tests.resumes import hostile


def _run(*args, stdin: str | None = None, monkeypatch=None) -> dict:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("analyze_job", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_analyses_a_text_file(tmp_path):
    path = tmp_path / "job.txt"
    path.write_text(SAMPLE_TEXT)
    result = _run(str(path))
    assert result["title"] == "Backend Engineer"
    assert result["workplace"] == "hybrid"
    assert {"Python", "Django", "PostgreSQL"} <= {s["skill"] for s in result["skills"]["required"]}
    assert [s["skill"] for s in result["skills"]["preferred"]] == ["Kubernetes"]
    assert result["years_experience"] == {"min": 3, "max": None}


def test_it_analyses_a_docx(tmp_path):
    path = tmp_path / "job.docx"
    path.write_bytes(hostile.valid_docx([line for line in SAMPLE_TEXT.splitlines() if line]))
    result = _run(str(path))
    assert "PostgreSQL" in {s["skill"] for s in result["skills"]["required"]}


def test_it_analyses_an_html_file(tmp_path):
    path = tmp_path / "job.html"
    path.write_text("<h1>Data Scientist</h1><h2>Requirements</h2><ul><li>Experience with PyTorch.</li></ul>")
    result = _run(str(path), "--company", "Initech")
    assert result["company"] == "Initech"
    assert "PyTorch" in {s["skill"] for s in result["skills"]["required"]}


def test_it_reads_stdin(monkeypatch):
    result = _run("-", "--title", "Go Developer", stdin=SAMPLE_TEXT, monkeypatch=monkeypatch)
    assert result["title"] == "Go Developer"
    assert "Django" in {s["skill"] for s in result["skills"]["required"]}


def test_it_explains_a_missing_or_refused_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("analyze_job", str(tmp_path / "missing.txt"))
    disguised = tmp_path / "image.pdf"
    disguised.write_bytes(hostile.png_bytes())
    with pytest.raises(CommandError, match="type_mismatch"):
        call_command("analyze_job", str(disguised))
    other = tmp_path / "sheet.xlsx"
    other.write_bytes(b"x")
    with pytest.raises(CommandError, match="expected a"):
        call_command("analyze_job", str(other))
