"""The truthfulness guard: suggestions built from the resume's own facts pass; one invented fact is refused."""

from __future__ import annotations

import logging
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobs.skills import extract_skills
from optimize.ai.types import ADD_SKILL, FLAG_METRIC, REORDER, REWRITE, SUMMARY, Suggestion
from optimize.guard import check, experience_years, guard

PROPERTY = settings(max_examples=120, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pools: the resume draws from the first of each pair, injections from the second, so no injected fact can be
# in the resume by chance. Skill names are real taxonomy names that extract_skills finds without context.
SKILLS = ["Python", "Django", "PostgreSQL", "Redis", "Docker", "Kubernetes", "Terraform", "React", "TypeScript"]
NEW_SKILLS = ["Java", "Kafka", "GraphQL", "MongoDB", "Ansible", "Jenkins", "Elasticsearch", "Rust", "Angular"]
EMPLOYERS = ["Fernweh Payments", "Quanta Logistics", "Bluefin Analytics", "Northwind Traders", "Copperleaf Health"]
NEW_EMPLOYERS = ["Google", "Initech", "Globex Corporation", "Umbrella Labs", "Stark Industries", "Hooli"]
TITLES = ["Software Engineer", "Backend Engineer", "Data Analyst", "Platform Engineer"]
NEW_TITLES = ["Director of Engineering", "Chief Technology Officer", "Principal Architect", "Head of Platform"]
SCHOOLS = ["University of Porto", "Riverside State University", "Lakeside College"]
NEW_SCHOOLS = ["Stanford University", "Kingsbridge Polytechnic", "Harvard University", "Oxbridge Academy"]
DEGREES = ["Bachelor of Science", "BSc", "Bachelor of Arts"]
NEW_DEGREES = ["MBA", "PhD", "Master of Science", "doctorate"]

# Bullet templates: (original, truthful rewrite). Numbers stay under 61 so injected ones (>= 101) are new.
TEMPLATES = [
    (
        "Responsible for building {skill} services used by {n} customers",
        "Built {skill} services used by {n} customers",
    ),
    ("Was involved in reducing latency by {n}% using {skill}", "Reduced latency by {n}% using {skill}"),
    ("Helped with the migration of {n} jobs to {skill}", "Migrated {n} jobs to {skill}"),
    (
        "Worked on a {skill} pipeline that processed {n} reports a week",
        "Shipped a {skill} pipeline processing {n} reports weekly",
    ),
]


@st.composite
def resumes(draw) -> dict:
    employers = draw(st.lists(st.sampled_from(EMPLOYERS), min_size=1, max_size=3, unique=True))
    skills = draw(st.lists(st.sampled_from(SKILLS), min_size=2, max_size=5, unique=True))
    year, month = draw(st.integers(2001, 2012)), draw(st.integers(1, 12))
    experience = []
    for employer in employers:
        months = draw(st.integers(6, 60))
        end = year * 12 + month - 1 + months
        bullets = []
        for _ in range(draw(st.integers(1, 4))):
            original, _ = draw(st.sampled_from(TEMPLATES))
            bullets.append(original.format(skill=draw(st.sampled_from(skills)), n=draw(st.integers(2, 60))))
        experience.append(
            {
                "title": draw(st.sampled_from(TITLES)),
                "company": employer,
                "location": None,
                "start": f"{year}-{month:02d}",
                "end": f"{end // 12}-{end % 12 + 1:02d}",
                "current": False,
                "dates_raw": f"{year}-{month:02d} - {end // 12}-{end % 12 + 1:02d}",
                "bullets": bullets,
            }
        )
        year, month = end // 12, end % 12 + 1
    experience.reverse()
    listed = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=len(skills), unique=True))
    return {
        "schema_version": 1,
        "contact": {"name": "Sam Example", "email": "sam@example.com", "phone": None, "location": None, "links": []},
        "summary": {"text": f"{experience[0]['title']} building reliable services."},
        "experience": experience,
        "education": [
            {
                "school": draw(st.sampled_from(SCHOOLS)),
                "degree": draw(st.sampled_from(DEGREES)),
                "field": "Computer Science",
                "start": "1997",
                "end": "2001",
                "dates_raw": "1997 - 2001",
                "details": [],
            }
        ],
        "skills": [{"group": "Tools", "items": listed}],
        "projects": [],
        "certifications": [],
        "awards": [],
        "languages": [],
        "other": [],
    }


def _total_months(resume: dict) -> int:
    total = 0
    for entry in resume["experience"]:
        (sy, sm), (ey, em) = (map(int, entry[key].split("-")) for key in ("start", "end"))
        total += (ey * 12 + em) - (sy * 12 + sm)
    return total


def _rewrite(bullet: str) -> str:
    """The truthful rewrite of a generated bullet: the same skill and number in other words."""
    for original, rewritten in TEMPLATES:
        head, _, _ = original.partition("{")
        if bullet.startswith(head):
            skill = next(s for s in SKILLS if s in bullet)
            n = next(int(w.rstrip("%")) for w in bullet.split() if w.rstrip("%").isdigit())
            return rewritten.format(skill=skill, n=n)
    raise AssertionError(bullet)


@st.composite
def truthful(draw, choices=("rewrite", "summary", "reorder", "flag", "add_skill")) -> tuple[dict, Suggestion]:
    resume = draw(resumes())
    i = draw(st.integers(0, len(resume["experience"]) - 1))
    entry = resume["experience"][i]
    choice = draw(st.sampled_from(choices))
    if choice == "rewrite":
        j = draw(st.integers(0, len(entry["bullets"]) - 1))
        bullet = entry["bullets"][j]
        return resume, Suggestion("experience", f"experience.{i}.bullets.{j}", REWRITE, bullet, _rewrite(bullet), "r")
    if choice == "summary":
        years = _total_months(resume) / 12
        shown = draw(st.sampled_from([str(math.floor(years)), f"{math.floor(years * 10) / 10:g}"]))
        skills = ", ".join(draw(st.lists(st.sampled_from(resume["skills"][0]["items"]), min_size=1, unique=True)))
        after = f"{entry['title']} with {shown}+ years of experience at {entry['company']}, working with {skills}."
        return resume, Suggestion("summary", "summary.text", SUMMARY, resume["summary"]["text"], after, "r")
    if choice == "reorder":
        order = draw(st.permutations(entry["bullets"]))
        before, after = "\n".join(entry["bullets"]), "\n".join(order)
        return resume, Suggestion("experience", f"experience.{i}.bullets", REORDER, before, after, "r")
    if choice == "flag":
        bullet = entry["bullets"][0]
        return resume, Suggestion("experience", f"experience.{i}.bullets.0", FLAG_METRIC, bullet, bullet, "r")
    listed = resume["skills"][0]["items"]
    shown = sorted({s for e in resume["experience"] for b in e["bullets"] for s in SKILLS if s in b})
    added = draw(st.lists(st.sampled_from(shown), min_size=1, max_size=3, unique=True))
    after = "\n".join(listed + [s for s in added if s not in listed])
    return resume, Suggestion("skills", "skills.0.items", ADD_SKILL, "\n".join(listed), after, "r")


INJECTIONS = {
    "number": lambda draw: f" across {draw(st.integers(101, 999))} teams",
    "percent": lambda draw: f", raising revenue {draw(st.integers(61, 99))}%",
    "money": lambda draw: f", saving ${draw(st.integers(2, 9))}.{draw(st.integers(1, 9))}M",
    "employer": lambda draw: f" at {draw(st.sampled_from(NEW_EMPLOYERS))}",
    "date": lambda draw: f" in {draw(st.one_of(st.integers(1950, 1995), st.integers(2030, 2099)))}",
    "month": lambda draw: f" in {draw(st.sampled_from(['March', 'Oct', 'December']))} 2029",
    "skill": lambda draw: f" with {draw(st.sampled_from(NEW_SKILLS))}",
    "title": lambda draw: f" as {draw(st.sampled_from(NEW_TITLES))}",
    "school": lambda draw: f" after graduating from {draw(st.sampled_from(NEW_SCHOOLS))}",
    "degree": lambda draw: f" with a {draw(st.sampled_from(NEW_DEGREES))}",
}
EXPECTED_KIND = {"percent": "number", "money": "number", "month": "date"}


@st.composite
def adversarial(draw) -> tuple[dict, Suggestion, str]:
    resume, suggestion = draw(truthful(choices=("rewrite", "summary")))
    injection = draw(st.sampled_from(sorted(INJECTIONS)))
    fact = INJECTIONS[injection](draw)
    after = suggestion.after.rstrip(".") + fact + ("." if suggestion.after.endswith(".") else "")
    kind = EXPECTED_KIND.get(injection, injection)
    return resume, Suggestion(suggestion.section, suggestion.path, suggestion.kind, suggestion.before, after, "r"), kind


@PROPERTY
@given(truthful())
def test_suggestions_built_from_resume_facts_pass(case):
    resume, suggestion = case
    verdict = check(resume, suggestion)
    assert verdict.allowed, (suggestion.after, verdict.violations)


@PROPERTY
@given(adversarial())
def test_one_invented_fact_is_refused_with_its_kind(case):
    resume, suggestion, kind = case
    verdict = check(resume, suggestion)
    assert not verdict.allowed, suggestion.after
    assert {k for k, _ in verdict.violations} == {kind}, (suggestion.after, verdict.violations)


@PROPERTY
@given(resumes(), st.sampled_from(NEW_SKILLS))
def test_adding_a_skill_the_resume_never_shows_is_refused(resume, skill):
    listed = resume["skills"][0]["items"]
    suggestion = Suggestion("skills", "skills.0.items", ADD_SKILL, "\n".join(listed), "\n".join([*listed, skill]), "r")
    verdict = check(resume, suggestion)
    assert not verdict.allowed
    assert [k for k, _ in verdict.violations] == ["skill"]


@PROPERTY
@given(resumes(), st.integers(101, 999))
def test_a_reorder_that_changes_a_line_is_refused(resume, n):
    bullets = resume["experience"][0]["bullets"]
    changed = [*bullets[1:], f"{bullets[0]} for {n} users"]
    suggestion = Suggestion("experience", "experience.0.bullets", REORDER, "\n".join(bullets), "\n".join(changed), "r")
    verdict = check(resume, suggestion)
    assert not verdict.allowed
    assert {k for k, _ in verdict.violations} == {"number", "reorder"}


# ------------------------------------------------------------------------------------------ plain examples

RESUME = {
    "schema_version": 1,
    "contact": {"name": "Dana Demo", "email": "dana@example.com", "phone": None, "location": "Lisbon", "links": []},
    "summary": {"text": "Backend engineer with seven years of experience building Python services."},
    "experience": [
        {
            "title": "Senior Backend Engineer",
            "company": "Fernweh Payments",
            "start": "2021-03",
            "end": "2024-03",
            "current": False,
            "dates_raw": "Mar 2021 - Mar 2024",
            "bullets": [
                "Responsible for managing the team that runs the settlement service",
                "Cut nightly batch time by 40% for 1,200 merchants",
                "Deployed services to k8s on AWS, moving $2M of yearly volume",
            ],
        },
        {
            "title": "Software Developer",
            "company": "Quanta Logistics",
            "start": "2017-09",
            "end": "2021-02",
            "current": False,
            "dates_raw": "Sep 2017 - Feb 2021",
            "bullets": ["Built REST APIs in Flask for 400 customers"],
        },
    ],
    "education": [
        {"school": "University of Porto", "degree": "BSc", "field": "Computer Science", "start": "2013", "end": "2017"}
    ],
    "skills": [{"group": "Languages", "items": ["Python", "SQL"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}
BULLET = RESUME["experience"][0]["bullets"][0]


def rewrite(after: str, before: str = BULLET, kind: str = REWRITE) -> Suggestion:
    return Suggestion("experience", "experience.0.bullets.0", kind, before, after, "r")


def test_plain_rewording_passes():
    assert check(RESUME, rewrite("Managed the team that runs the settlement service")).allowed
    assert check(RESUME, rewrite("Managed the team")).allowed


def test_invented_team_size_and_employer_are_named():
    verdict = check(RESUME, rewrite("Led a team of 12 at Google"))
    assert not verdict.allowed
    assert set(verdict.violations) == {("number", "12"), ("employer", "Google")}


def test_alias_of_a_known_skill_is_the_same_skill():
    assert check(RESUME, rewrite("Deployed services to Kubernetes on Amazon Web Services")).allowed
    verdict = check(RESUME, rewrite("Deployed services to Kubernetes with Terraform"))
    assert verdict.violations == (("skill", "Terraform"),)


def test_numbers_are_compared_by_value():
    assert check(RESUME, rewrite("Cut nightly batch time by 40 percent for 1200 merchants")).allowed
    assert check(RESUME, rewrite("Moved 2 million dollars of yearly volume")).allowed
    assert check(RESUME, rewrite("Moved $2,000,000 of yearly volume")).allowed
    assert check(RESUME, rewrite("Cut batch time by 45% for 1,200 merchants")).violations == (("number", "45%"),)
    assert check(RESUME, rewrite("Moved $3M of yearly volume")).violations == (("number", "$3M"),)


def test_spelled_out_numbers():
    assert check(RESUME, rewrite("Backend engineer with 7 years of experience")).allowed
    assert check(RESUME, rewrite("Served four hundred customers")).allowed
    assert check(RESUME, rewrite("Managed a team of twelve")).violations == (("number", "twelve"),)
    assert not check(RESUME, rewrite("Served thousands of customers")).allowed


def test_total_years_of_experience_may_be_stated():
    # Sep 2017 - Mar 2024, one job after the other: 6.4 to 6.6 years depending on how months are counted.
    assert all(6.4 <= years <= 6.6 for years in experience_years(RESUME))
    assert check(RESUME, rewrite("Backend engineer with 6+ years of experience", kind=SUMMARY)).allowed
    assert check(RESUME, rewrite("Backend engineer with 6.5 years of experience", kind=SUMMARY)).allowed
    assert not check(RESUME, rewrite("Backend engineer with 8 years of experience", kind=SUMMARY)).allowed


def test_dates():
    assert check(RESUME, rewrite("Managed the settlement team since March 2021")).allowed
    assert check(RESUME, rewrite("Managed the settlement team from 2021 to 2024")).allowed
    assert check(RESUME, rewrite("Managed the settlement team since June 2021")).violations == (("date", "June 2021"),)
    assert check(RESUME, rewrite("Managed the settlement team since 2019")).violations == (("date", "2019"),)


def test_titles_cannot_be_promoted_or_recombined():
    assert check(RESUME, rewrite("Senior backend engineer managing the settlement team", kind=SUMMARY)).allowed
    assert check(RESUME, rewrite("Senior engineer managing the settlement team", kind=SUMMARY)).allowed
    for invented in ("Staff Backend Engineer", "Senior Software Developer", "Director of Engineering"):
        verdict = check(RESUME, rewrite(f"{invented} managing the settlement team", kind=SUMMARY))
        assert [k for k, _ in verdict.violations] == ["title"], (invented, verdict.violations)


def test_schools_and_degrees():
    assert check(RESUME, rewrite("Backend engineer with a BSc from the University of Porto")).allowed
    assert check(RESUME, rewrite("Backend engineer with a bachelor's degree in Computer Science")).allowed
    verdict = check(RESUME, rewrite("Backend engineer with an MBA from Stanford University"))
    assert set(verdict.violations) == {("degree", "MBA"), ("school", "Stanford University")}
    verdict = check(RESUME, rewrite("Backend engineer with a Master of Science"))
    assert [k for k, _ in verdict.violations] == ["degree"]
    # "MA" is a state as often as a degree: it passes when the resume writes it too.
    assert not check(RESUME, rewrite("Backend engineer with an MA")).allowed
    boston = {**RESUME, "contact": {**RESUME["contact"], "location": "Boston, MA"}}
    assert check(boston, rewrite("Backend engineer in Boston, MA")).allowed


def test_flag_metric_reorder_and_add_skill():
    assert check(RESUME, rewrite(BULLET, kind=FLAG_METRIC)).allowed
    bullets = RESUME["experience"][0]["bullets"]
    before = "\n".join(bullets)
    reorder = Suggestion("experience", "experience.0.bullets", REORDER, before, "\n".join(bullets[::-1]), "r")
    assert check(RESUME, reorder).allowed
    dropped = Suggestion("experience", "experience.0.bullets", REORDER, before, "\n".join(bullets[:2]), "r")
    assert check(RESUME, dropped).violations == (("reorder", bullets[2]),)
    add = Suggestion("skills", "skills.0.items", ADD_SKILL, "Python\nSQL", "Python\nSQL\nFlask\nKubernetes", "r")
    assert check(RESUME, add).allowed
    add_new = Suggestion("skills", "skills.0.items", ADD_SKILL, "Python\nSQL", "Python\nSQL\nKafka\nLeadership", "r")
    assert check(RESUME, add_new).violations == (("skill", "Apache Kafka"), ("skill", "Leadership"))


def test_guard_splits_and_logs_kinds_only(caplog):
    good = rewrite("Managed the team that runs the settlement service")
    bad = rewrite("Led a team of 12 at Google")
    with caplog.at_level(logging.INFO, logger="careeragent.guard"):
        kept, dropped = guard(RESUME, [good, bad])
    assert kept == [good]
    assert [s for s, _ in dropped] == [bad]
    (record,) = caplog.records
    assert record.violations == {"employer": 1, "number": 1}
    assert "Google" not in record.getMessage() and "settlement" not in record.getMessage()


@pytest.mark.parametrize(
    "after",
    [
        "Managed the settlement service team, improving reliability",
        "Owned the settlement service end to end with Python",
        "Led cross-functional work with Product and Engineering on the settlement service",
    ],
)
def test_ordinary_words_are_not_facts(after):
    assert check(RESUME, rewrite(after)).allowed, check(RESUME, rewrite(after)).violations


def test_skill_extraction_of_the_pools():
    # The property tests rely on every pooled skill being found in a plain sentence.
    for name in SKILLS + NEW_SKILLS:
        assert [m.surface for m in extract_skills(f"Built services with {name}")] == [name]
