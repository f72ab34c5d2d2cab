import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resumes.parsing import ParseError, parse_bytes

RESUME = """Alex Kim
alex.kim@example.com | 020 7946 0958 | London, UK | linkedin.com/in/alexkim

Professional Summary
Platform engineer focused on developer tooling.

Work Experiance
Site Reliability Engineer at Monzo Bank    2021 - Present
- Ran the on-call rotation for payments
- Built Terraform modules
Cloud Engineer — Skyscanner    Mar 2018 - Dec 2020
- Moved CI to GitHub Actions

Education
BSc Computer Science, University of Leeds    2014 - 2017

Languages
French (Fluent), German - Basic
"""


def test_plain_text_resume_structure():
    sections = parse_bytes(RESUME.encode(), "txt").sections
    assert sections["contact"]["name"] == "Alex Kim"
    assert sections["contact"]["location"] == "London, UK"
    assert sections["summary"]["text"] == "Platform engineer focused on developer tooling."
    jobs = sections["experience"]  # the misspelt heading is still recognised
    assert [(j["title"], j["company"]) for j in jobs] == [
        ("Site Reliability Engineer", "Monzo Bank"),
        ("Cloud Engineer", "Skyscanner"),
    ]
    assert jobs[0]["current"] is True and jobs[1]["start"] == "2018-03"
    assert jobs[0]["bullets"] == ["Ran the on-call rotation for payments", "Built Terraform modules"]
    assert sections["education"][0]["school"] == "University of Leeds"
    assert sections["languages"] == [
        {"language": "French", "proficiency": "Fluent"},
        {"language": "German", "proficiency": "Basic"},
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(encoding):
    text = "José Müller\njose@example.com\n\nSkills\nPython, Café ordering\n"
    result = parse_bytes(text.encode(encoding), "txt")
    assert result.text.splitlines()[0] == "José Müller"
    assert "Café ordering" in result.sections["skills"][0]["items"]


def test_empty_file():
    with pytest.raises(ParseError):
        parse_bytes(b"", "txt")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_any_text_parses_or_fails_cleanly(text):
    try:
        first = parse_bytes(text.encode("utf-8"), "txt")
    except ParseError:
        return
    assert first == parse_bytes(text.encode("utf-8"), "txt")
    assert first.sections["schema_version"] == 1


def test_an_email_address_is_not_read_as_a_website():
    from resumes.parsing import parse_bytes

    text = b"Dana Demo\ndana.demo@example.com | github.com/danademo | danademo.dev\n"
    links = [link["url"] for link in parse_bytes(text, "txt").sections["contact"]["links"]]
    assert "dana.de" not in links
    assert "github.com/danademo" in links and "danademo.dev" in links


def test_underlined_heading_is_a_section_in_plain_text():
    text = "Sam Lee\nsam@example.org\n\nEXPERIENCE\n==========\nBarista | 2022 - 2023\n- Served coffee\n\n"
    text += "WELCOME TO RENDERCV\n-------------------\nEach section title is arbitrary.\n"
    sections = parse_bytes(text.encode(), "txt").sections
    assert sections["experience"][0]["bullets"] == ["Served coffee"]
    assert [(o["heading"], o["lines"]) for o in sections["other"]] == [
        ("WELCOME TO RENDERCV", ["Each section title is arbitrary."])
    ]
    # without the rule, an unknown capitalised line stays text of the section above
    sections = parse_bytes(text.replace("-------------------\n", "").encode(), "txt").sections
    assert sections["other"] == []


def test_blank_line_then_heading_like_line_opens_an_entry_in_plain_text():
    text = (
        "Sam Lee\nsam@example.org\n\nEXPERIENCE\nFull Stack Developer — Uber | Jul 2015\n\n"
        "product managers — using Docker and Kubernetes. Collaborated with a team of engineers\n- and UX designers.\n"
    )
    jobs = parse_bytes(text.encode(), "txt").sections["experience"]
    assert [(j["title"], j["company"]) for j in jobs] == [
        ("Full Stack Developer", "Uber"),
        ("product managers", "using Docker and Kubernetes. Collaborated with a team of engineers"),
    ]
