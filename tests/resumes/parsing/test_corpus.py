"""Checks against the shared evaluation corpus (read in place through CORPUS_DIR, never copied)."""

import os
from pathlib import Path

import pytest

from resumes.parsing import parse_bytes

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not os.environ.get("CORPUS_DIR"), reason="CORPUS_DIR is not set (shared corpus)"),
]


def corpus_file(relative: str) -> Path:
    return Path(os.environ["CORPUS_DIR"]) / "resumes" / relative


def parse(relative: str):
    path = corpus_file(relative)
    return parse_bytes(path.read_bytes(), path.suffix.lstrip("."))


def test_letter_spaced_two_column_resume():
    result = parse("resume-parser-api/senior-backend-developer.pdf")
    contact = result.sections["contact"]
    assert contact["name"] == "John Doe"
    assert (contact["email"], contact["phone"]) == ("example@example.com", "123-456-7890")
    assert "J O H N" not in result.text
    assert [j["company"] for j in result.sections["experience"]] == ["Microsoft", "Google"]
    assert result.sections["languages"][0] == {"language": "English", "proficiency": "Native"}


def test_deedy_columns_do_not_interleave():
    result = parse("deedy/deedy_resume-openfont.pdf")
    lines = result.text.splitlines()
    # the whole left column (education, skills) comes before the right column's first heading
    assert lines.index("EDUCATION") < lines.index("SKILLS") < lines.index("EXPERIENCE")
    assert result.sections["contact"]["name"] == "Debarghya Das"
    assert "Facebook" in [j["company"].title() for j in result.sections["experience"]]


def test_kent_state_docx_and_pdf_agree():
    def jobs(relative):
        return [(j["title"], j["company"], j["start"], j["end"]) for j in parse(relative).sections["experience"]]

    from_docx = jobs("kent-state-sample/john_smith.docx")
    assert from_docx == jobs("kent-state-sample/john_smith.pdf")
    assert ("Resident Advisor", "Kent State University", "2015-08", "present") in from_docx


def test_la_verne_soft_hyphens_are_gone():
    result = parse("openresume/laverne-resume.pdf")
    assert "\u00ad" not in result.text and "\u2010" not in result.text
    assert "on-campus" in result.text
    assert result.sections["contact"]["phone"] == "(909) 555-5555"


def test_latex_spaces_are_rebuilt():
    result = parse("awesome-cv/resume.pdf")
    summary = result.sections["summary"]["text"]
    words = summary.split()
    # naive extraction glues whole sentences together; rebuilt words have ordinary lengths
    assert len(words) > 100
    assert max(len(w) for w in words) < 25
    assert result.sections["contact"]["name"] == "Byungjin Park"


def test_moderncv_icons_and_date_column():
    result = parse("resume-matcher/harvey_dent_mle.pdf")
    assert "(cid:" not in result.text
    assert result.sections["contact"]["name"] == "Harvey Dent"
    assert result.sections["contact"]["email"]


@pytest.mark.parametrize(
    "theme", ["Classic", "Ember", "Engineeringresumes", "Moderncv", "Opal", "Sb2nov"], ids=str.lower
)
def test_rendercv_matches_its_yaml(theme):
    yaml = pytest.importorskip("yaml")
    cv = yaml.safe_load(corpus_file("rendercv/John_Doe_CV.yaml").read_text())["cv"]
    sections = parse(f"rendercv/John_Doe_{theme}Theme_CV.pdf").sections
    assert sections["contact"]["name"] == cv["name"]
    assert sections["contact"]["email"] == cv["email"]
    want = [(e["company"], e["position"]) for e in cv["sections"]["experience"]]
    assert [(j["company"], j["title"]) for j in sections["experience"]] == want
    assert [e["school"] for e in sections["education"]] == [e["institution"] for e in cv["sections"]["education"]]
