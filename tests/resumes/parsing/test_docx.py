# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)
import pytest

from resumes.parsing import ParseError, parse_bytes

from .samples import resume_docx


@pytest.mark.parametrize("use_table", [False, True])
def test_custom_styled_docx(use_table):
    result = parse_bytes(resume_docx(use_table=use_table), "docx")
    sections = result.sections
    assert sections["contact"]["name"] == "Maria Garcia"
    assert sections["contact"]["phone"] == "(312) 555-0199"
    assert sections["contact"]["location"] == "Chicago, IL"
    jobs = sections["experience"]
    assert [(j["title"], j["company"], j["start"], j["end"]) for j in jobs] == [
        ("Product Manager", "Initrode", "2021-03", "present"),
        ("Marketing Analyst", "Vandelay Industries", "2018-07", "2021-02"),
    ]
    assert jobs[0]["bullets"] == ["Shipped onboarding flow used by 2M users"]
    school = sections["education"][0]
    assert (school["school"], school["degree"], school["field"], school["end"]) == (
        "Northwestern University",
        "Bachelor of Arts",
        "Economics",
        "2018-06",
    )
    assert sections["skills"] == [{"group": "Analytics", "items": ["SQL", "Looker", "Excel"]}]


def test_tab_aligned_dates_stay_out_of_the_title():
    result = parse_bytes(resume_docx(), "docx")
    assert "Product Manager, Initrode\tMar 2021 – Present" in result.text.splitlines()


def test_not_a_docx():
    with pytest.raises(ParseError) as info:
        parse_bytes(b"PK\x03\x04 broken zip", "docx")
    assert info.value.code == "invalid_docx"
