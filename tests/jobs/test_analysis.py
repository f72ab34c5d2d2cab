# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
import json

import pytest

from jobs.analysis import analyze_job

JD = """Senior Backend Engineer

At Lumen Freight, we move containers with software. Lumen Freight is a fast-growing logistics startup.

Location: Berlin, Germany
This is a hybrid role with two office days a week. Full-time, permanent.
Salary: €70.000 – €90.000 per year.

What you'll do:
- Design REST APIs in Python and Go
- Run our services on Kubernetes and AWS

Requirements:
- 5+ years of experience building backend systems
- Solid PostgreSQL skills; familiarity with Terraform

Nice to have:
- Rust
- Experience with Kafka

Benefits:
- Learning budget and a Docker-themed hoodie
"""


@pytest.fixture(scope="module")
def analysis():
    return analyze_job(JD)


def test_fields(analysis):
    assert analysis.title == "Senior Backend Engineer"
    assert analysis.company == "Lumen Freight"
    assert analysis.location == "Berlin, Germany"
    assert analysis.workplace == "hybrid"
    assert analysis.employment_type == "full-time"
    assert analysis.seniority == "senior"
    assert (analysis.years_min, analysis.years_max) == (5, None)
    assert (analysis.salary.min, analysis.salary.max, analysis.salary.currency) == (70_000, 90_000, "EUR")


def test_sections(analysis):
    assert analysis.sections["responsibilities"] == [
        "Design REST APIs in Python and Go",
        "Run our services on Kubernetes and AWS",
    ]
    assert analysis.sections["nice_to_have"] == ["Rust", "Experience with Kafka"]
    assert len(analysis.sections["requirements"]) == 2
    assert analysis.sections["benefits"]


def test_required_and_preferred_skills(analysis):
    required = {s.skill for s in analysis.required_skills}
    preferred = {s.skill for s in analysis.preferred_skills}
    assert {"Python", "Go", "Kubernetes", "PostgreSQL", "REST"} <= required
    assert {"Terraform", "Rust", "Apache Kafka"} <= preferred
    assert "Docker" not in required | preferred  # only in the benefits section
    terraform = next(s for s in analysis.preferred_skills if s.skill == "Terraform")
    assert "familiarity with Terraform" in terraform.sentence


def test_required_wins_over_preferred():
    a = analyze_job("Requirements:\n- Python\nNice to have:\n- Python and Rust")
    assert [s.skill for s in a.required_skills] == ["Python"]
    assert [s.skill for s in a.preferred_skills] == ["Rust"]


def test_given_title_and_company_win():
    a = analyze_job(JD, title="  Staff  Engineer ", company="Other Co")
    assert (a.title, a.company, a.seniority) == ("Staff Engineer", "Other Co", "staff")


def test_html_input_and_to_dict_is_json():
    a = analyze_job("<h2>Requirements</h2><ul><li>3-5 years with Django</li></ul><p>Fully remote.</p>")
    assert (a.years_min, a.years_max) == (3, 5)
    assert a.workplace == "remote"
    assert [s.skill for s in a.required_skills] == ["Django"]
    json.dumps(a.to_dict())


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("at least two years of professional experience", (2, None)),
        ("Minimum of 3 years in a similar role", (3, None)),
        ("We have been in business for 20 years. 4+ yrs experience required.", (4, None)),
        ("Founded 10 years ago.", (None, None)),
    ],
)
def test_years(text, years):
    a = analyze_job(text)
    assert (a.years_min, a.years_max) == years


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This is a 6-month contract role.", "contract"),
        ("Summer internship for students", "internship"),
        ("Part-time, 20 hours a week", "part-time"),
        ("Temporary cover for parental leave", "temporary"),
        ("Employment type: Full-time", "full-time"),
        ("Write clean code.", None),
    ],
)
def test_employment_type(text, kind):
    assert analyze_job(text).employment_type == kind


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("We are a remote-first company.", "remote"),
        ("You will work on-site at our Leeds plant.", "onsite"),
        ("Remote or on-site; hybrid works too.", "hybrid"),
        ("Write clean code.", None),
    ],
)
def test_workplace(text, place):
    assert analyze_job(text).workplace == place


def test_title_from_hiring_sentence():
    a = analyze_job("We are looking for an experienced Data Engineer to join our platform team.")
    assert a.title == "Data Engineer"


def test_deterministic():
    assert analyze_job(JD).to_dict() == analyze_job(JD).to_dict()
