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


def test_company_and_workplace_from_header_line():
    # Bug: a "Company — Remote" header line gave no company.
    a = analyze_job("Northwind Analytics — Remote\n\nWe build dashboards for retailers.")
    assert a.company == "Northwind Analytics"
    assert a.workplace == "remote"


def test_header_line_with_place_gives_company_and_location():
    a = analyze_job("Bluefin Labs - Lisbon, Portugal\n\nWe build boats.")
    assert (a.company, a.location) == ("Bluefin Labs", "Lisbon, Portugal")


def test_title_header_line_is_not_a_company():
    a = analyze_job("Senior Data Engineer — Remote\n\nYou will build pipelines.")
    assert a.company is None
    assert a.title == "Senior Data Engineer"


def test_generic_apis_is_not_a_skill_requirement():
    # Bug: "APIs" alone mapped to the skill "API design".
    a = analyze_job("Requirements:\n- You will build the APIs that power our dashboards.")
    assert "API design" not in {s.skill for s in a.required_skills + a.preferred_skills}
    b = analyze_job("Requirements:\n- Solid API design skills")
    assert [s.skill for s in b.required_skills] == ["API design"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Job Title: Platform Engineer\nLocation: Remote", "Platform Engineer"),
        ("About the role: Senior Product Designer\n\nYou will shape our app.", "Senior Product Designer"),
        ("We are looking for a Senior Backend Engineer to own our billing services.", "Senior Backend Engineer"),
        ("We're looking for a seasoned senior JavaScript developer who wants to ship.", "Senior JavaScript Developer"),
        ("Acme is seeking a detail-oriented and driven Payroll Analyst to manage payroll.", "Payroll Analyst"),
        ("About the job\n\nAs a Staff DevOps Engineer within the platform team, you will...", "Staff DevOps Engineer"),
        ("We're hiring a Director of Marketing to join our team.", "Director of Marketing"),
        ("In the Retail Ads Account Manager role, you will work with brands.", "Retail Ads Account Manager"),
        (
            "Headquarters: Boston\nURL: https://example.org\n\nSenior Backend Engineer\n\nWe make phones.",
            "Senior Backend Engineer",
        ),
        ("Product Manager at Example Inc.\n\nRemote, full-time.", "Product Manager"),
        ("We are recruiting a Sr. Firmware Engineer to contribute to our IoT teams", "Senior Firmware Engineer"),
    ],
)
def test_title_patterns(text, title):
    assert analyze_job(text).title == title


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Location: Austin, TX\n\nWe build robots.", "Austin, TX"),
        ("This role is based in Lisbon, Portugal.", "Lisbon, Portugal"),
        ("Senior Engineer (Remote, US)\n\nJoin us.", "US"),
        ("This is a remote position open to candidates in Canada.", "Canada"),
        ("You must be based in the UK to apply.", "UK"),
        ("This is a fully remote role; you can work from anywhere in the world.", "Anywhere"),
        ("We hire worldwide, no visa required.", "Anywhere"),
        ("US-based candidates only, please.", "US"),
        ("Applicants must reside in the United States.", "United States"),
        ("Remote (EU/UK time zones)", "EU/UK"),
    ],
)
def test_location_patterns(text, place):
    assert analyze_job(text).location == place


@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("About Versapay 🚀\n\nVersapay turns receivables into an advantage.", "Versapay"),
        ("⚡️ Why Altium?\n\nWe make electronics design tools.", "Altium"),
        ("Recruiting Coordinator\nat Zócalo Health\nRemote", "Zócalo Health"),
        ("Palantir builds software for data-driven decisions.", "Palantir"),
        ("Scale LLP, a national law firm, is inviting attorneys to apply.", "Scale LLP"),
        ("As a member of the Support team at Descript, you help creators.", "Descript"),
    ],
)
def test_company_patterns(text, company):
    assert analyze_job(text).company == company
