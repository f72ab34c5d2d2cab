"""The offline score: pure functions over parsed resume sections and a job analysis (no database)."""

from __future__ import annotations

import copy
import json
import sys
import types
from datetime import date

import pytest

from jobs.analysis import analyze_job
from optimize.ai.offline import OfflineProvider
from optimize.ai.types import WEIGHTS, Analysis, Job, Suggestion
from optimize.scoring import experience_years, is_measurable, job_keywords, resume_text, score, title_words

TODAY = date(2025, 1, 15)

BACKEND_JD = """Senior Backend Engineer

Responsibilities:
- Design and build Python services with Django and PostgreSQL.
- Run the platform on Kubernetes and Docker.
- Join the on-call rotation and write postmortems after incidents.
- Own schema design and query optimization for high-traffic APIs.

Requirements:
- 4+ years of professional experience with Python.
- Experience with Kubernetes, Docker and PostgreSQL.
- Schema design and query optimization experience.

Nice to have:
- Experience with Kafka and Terraform.
"""


def make_job(text: str = BACKEND_JD, title: str | None = None) -> Job:
    return Job(text=text, analysis=analyze_job(text, title=title).to_dict(), title=title or "")


def make_resume(**overrides) -> dict:
    resume = {
        "schema_version": 1,
        "contact": {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+1 (415) 555-0134"},
        "summary": {"text": "Backend engineer building Python services on Kubernetes."},
        "experience": [
            {
                "title": "Senior Backend Developer",
                "company": "Acme",
                "start": "2019-01",
                "end": "present",
                "current": True,
                "bullets": [
                    "Built Python and Django services on PostgreSQL serving 2M users a day.",
                    "Moved 40 services to k8s and Docker, cutting hosting costs by 30%.",
                    "Led schema design and query optimization that cut p95 latency by 45%.",
                    "Joined the on-call rotation and wrote postmortems for 12 incidents.",
                ],
            },
            {
                "title": "Software Engineer",
                "company": "Globex",
                "start": "2016-03",
                "end": "2018-12",
                "current": False,
                "bullets": ["Shipped Kafka consumers processing $3M of orders a month."],
            },
        ],
        "education": [{"school": "XYZ University", "degree": "BSc", "field": "Computer Science", "details": []}],
        "skills": [{"group": "Tools", "items": ["Python", "Django", "PostgreSQL", "k8s", "Docker", "Kafka"]}],
        "projects": [],
        "certifications": [],
        "awards": [],
        "languages": [],
        "other": [],
    }
    resume.update(overrides)
    return resume


def weak_resume() -> dict:
    return make_resume(
        summary={"text": "Friendly retail professional."},
        experience=[
            {
                "title": "Store Assistant",
                "company": "Shop",
                "start": "2023-06",
                "end": "present",
                "current": True,
                "bullets": ["Helped customers at the till.", "Kept the shelves tidy."],
            }
        ],
        skills=[{"group": None, "items": ["Customer service", "Excel"]}],
    )


def component(analysis: Analysis, key: str):
    return next(c for c in analysis.components if c.key == key)


# --- skills ----------------------------------------------------------------------------------------------------


def test_alias_in_the_resume_matches_the_canonical_skill_of_the_job():
    resume = make_resume(summary={"text": "Backend engineer running Python services on k8s."})
    assert "Kubernetes" not in resume_text(resume)  # only "k8s" is written
    analysis = score(resume, make_job(), today=TODAY)
    assert "Kubernetes" in analysis.matched_required
    assert "Kubernetes" not in analysis.gaps.missing_required


def test_missing_skills_are_listed_in_job_order_and_cost_points():
    resume = make_resume(
        skills=[{"group": None, "items": ["Python"]}],
        experience=[{**make_resume()["experience"][0], "bullets": ["Wrote Python scripts."]}],
        summary={"text": ""},
    )
    job = make_job()
    required_in_jd_order = [s["skill"] for s in job.analysis["skills"]["required"]]
    analysis = score(resume, job, today=TODAY)
    missing = list(analysis.gaps.missing_required)
    assert missing == [s for s in required_in_jd_order if s in missing]
    assert {"Kubernetes", "Docker", "PostgreSQL"} <= set(missing)
    assert set(analysis.gaps.missing_preferred) == {"Apache Kafka", "Terraform"}
    required = component(analysis, "required_skills")
    assert required.earned < required.weight
    assert "missing" in required.detail


def test_a_spoken_language_listed_in_the_languages_section_counts_as_the_resumes():
    job = make_job(BACKEND_JD.replace("Requirements:\n", "Requirements:\n- Fluent German and English.\n"))
    assert {"German", "English"} <= set(job.analysis["skills"]["required"] and job_skills_required(job))
    without = score(make_resume(), job, today=TODAY)
    assert {"German", "English"} <= set(without.gaps.missing_required)
    listed = make_resume(languages=[{"language": "German", "proficiency": "Native"}, {"language": "English"}])
    withlanguages = score(listed, job, today=TODAY)
    assert {"German", "English"} <= set(withlanguages.matched_required)
    assert withlanguages.score > without.score


def job_skills_required(job: Job) -> list[str]:
    return [s["skill"] for s in job.analysis["skills"]["required"]]


def test_unevidenced_lists_job_skills_named_only_in_the_skills_section():
    resume = make_resume()
    resume["skills"][0]["items"].append("Terraform")  # a preferred skill, listed but shown nowhere
    analysis = score(resume, make_job(), today=TODAY)
    assert analysis.gaps.unevidenced == ("Terraform",)
    assert "Terraform" in analysis.matched_preferred


def test_job_without_required_skills_falls_back_to_all_its_skills():
    job = make_job("Data Analyst\n\nNice to have:\n- Experience with Tableau and SQL.\n")
    assert not job.analysis["skills"]["required"]
    analysis = score(make_resume(), job, today=TODAY)
    required = component(analysis, "required_skills")
    assert required.earned == 0.0 and "Tableau" in required.detail
    assert analysis.gaps.missing_required == ()
    assert set(analysis.gaps.missing_preferred) == {"Tableau", "SQL"}


def test_job_without_any_skill_gives_full_skill_points():
    job = make_job("Office Manager\n\nYou will keep our office running and greet visitors.\n")
    analysis = score(make_resume(), job, today=TODAY)
    for key in ("required_skills", "preferred_skills"):
        part = component(analysis, key)
        assert part.earned == part.weight
        assert "counts in full" in part.detail


# --- experience ------------------------------------------------------------------------------------------------


def test_overlapping_periods_are_counted_once():
    entries = [
        {"start": "2018-01", "end": "2020-12", "current": False},
        {"start": "2020-01", "end": "2021-12", "current": False},  # overlaps the first by a year
        {"start": "2019-05", "end": "2019-08", "current": False},  # inside the first
    ]
    assert experience_years(entries, TODAY) == 4.0


def test_present_runs_to_the_injected_today():
    entries = [{"start": "2020-01", "end": "present", "current": True}]
    assert experience_years(entries, date(2025, 1, 15)) == 5.0
    assert experience_years(entries, date(2026, 7, 1)) == 6.5


def test_year_only_dates_and_undated_entries():
    entries = [
        {"start": "2019", "end": "2021", "current": False},
        {"start": None, "end": "2015-06", "current": False},  # a lone date: cannot be counted
        {"start": "2030-01", "end": "present", "current": True},  # starts in the future
    ]
    assert experience_years(entries, TODAY) == 2.0
    assert experience_years([], TODAY) == 0.0


def test_years_below_the_requirement_earn_a_share():
    resume = make_resume(
        experience=[{**make_resume()["experience"][0], "start": "2023-01", "end": "present", "current": True}]
    )
    analysis = score(resume, make_job(), today=TODAY)
    assert analysis.required_years == 4
    assert analysis.resume_years == 2.0
    part = component(analysis, "experience")
    assert part.earned == WEIGHTS["experience"] / 2
    assert "2.0 years" in part.detail


def test_no_year_requirement_gives_full_experience_points():
    job = make_job(BACKEND_JD.replace("4+ years of professional experience with Python", "Python"))
    assert job.analysis["years_experience"]["min"] is None
    analysis = score(weak_resume(), job, today=TODAY)
    assert analysis.required_years is None
    assert component(analysis, "experience").earned == WEIGHTS["experience"]


def test_undated_experience_earns_nothing_against_a_requirement():
    experience = [{**e, "start": None, "end": None, "current": False} for e in make_resume()["experience"]]
    analysis = score(make_resume(experience=experience), make_job(), today=TODAY)
    assert analysis.resume_years is None
    part = component(analysis, "experience")
    assert part.earned == 0.0 and "dates" in part.detail


# --- title and keywords ----------------------------------------------------------------------------------------


def test_title_words_drop_seniority_and_merge_synonyms():
    assert title_words("Sr. Back-End Developer") == title_words("Senior Backend Engineer") == ["backend", "engineer"]
    assert title_words("Full Stack Software Engineer II") == ["fullstack", "software", "engineer"]


def test_title_component_prefers_a_matching_recent_title():
    job = make_job()
    close = component(score(make_resume(), job, today=TODAY), "title")
    far = component(score(weak_resume(), job, today=TODAY), "title")
    assert close.earned == close.weight
    assert far.earned < 3
    assert "Senior Backend Engineer" in far.detail


def test_keywords_are_non_skill_terms_of_the_job():
    keywords = [k.text for k in job_keywords(make_job())]
    assert "schema design" in keywords and "query optimization" in keywords
    assert not {"python", "kubernetes", "docker", "postgresql"} & {w for k in keywords for w in k.split()}
    strong = component(score(make_resume(), make_job(), today=TODAY), "keywords")
    weak = component(score(weak_resume(), make_job(), today=TODAY), "keywords")
    assert strong.earned > weak.earned
    assert "schema design" in weak.detail


# --- quality ---------------------------------------------------------------------------------------------------


def test_measurable_bullets():
    assert is_measurable("Cut hosting costs by 30%.")
    assert is_measurable("Saved $2M a year.")
    assert is_measurable("Served 10k users across 12 countries.")
    assert not is_measurable("Worked on Python services since 2019.")
    assert not is_measurable("Migrated workloads to AWS S3 and EC2.")


def test_quality_reacts_to_a_missing_email_and_unquantified_bullets():
    job = make_job()
    base = component(score(make_resume(), job, today=TODAY), "quality")

    no_email = make_resume()
    no_email["contact"] = {**no_email["contact"], "email": None}
    without_email = component(score(no_email, job, today=TODAY), "quality")
    assert without_email.earned < base.earned
    assert "email" in without_email.detail

    vague = make_resume()
    for entry in vague["experience"]:
        entry["bullets"] = ["Worked on backend services.", "Helped the team with deployments."]
    unquantified = component(score(vague, job, today=TODAY), "quality")
    assert unquantified.earned < base.earned
    assert "0 of 4 bullets" in unquantified.detail


def test_quality_notes_missing_sections():
    analysis = score(make_resume(education=[], skills=[]), make_job(), today=TODAY)
    assert "no education and skills section" in component(analysis, "quality").detail


# --- the whole score -------------------------------------------------------------------------------------------


def test_strong_match_scores_clearly_above_a_weak_one():
    job = make_job()
    strong = score(make_resume(), job, today=TODAY)
    weak = score(weak_resume(), job, today=TODAY)
    assert strong.score >= 80
    assert strong.score - weak.score >= 40


def test_breakdown_sums_to_the_score():
    for resume in (make_resume(), weak_resume(), make_resume(experience=[], summary={"text": None})):
        analysis = score(resume, make_job(), today=TODAY)
        assert [c.key for c in analysis.components] == list(WEIGHTS)
        assert [c.weight for c in analysis.components] == list(WEIGHTS.values())
        for c in analysis.components:
            assert 0 <= c.earned <= c.weight
            assert round(c.earned, 1) == c.earned
            assert c.detail.endswith(".")
        assert abs(sum(c.earned for c in analysis.components) - analysis.score) <= 0.5
        assert 0 <= analysis.score <= 100


def test_score_is_deterministic_and_serialisable():
    job = make_job()
    first = score(make_resume(), job, today=TODAY).to_dict()
    second = score(copy.deepcopy(make_resume()), make_job(), today=TODAY).to_dict()
    assert first == second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert Analysis.from_dict(json.loads(json.dumps(first))).to_dict() == first


def test_empty_resume_does_not_break_scoring():
    empty = {"schema_version": 1, "contact": {}, "summary": {"text": None}, "experience": [], "skills": []}
    analysis = score(empty, make_job(), today=TODAY)
    assert 0 <= analysis.score <= 30
    assert component(analysis, "title").detail.startswith("Your resume has no job title")


# --- the offline provider --------------------------------------------------------------------------------------


def test_offline_provider_scores_and_delegates_suggestions(monkeypatch):
    resume, job = make_resume(), make_job()
    provider = OfflineProvider()
    assert provider.name == "offline"
    assert provider.analyze(resume, job) == score(resume, job)

    calls = []
    suggestion = Suggestion("summary", "summary.text", "summary", "", "Backend engineer.", "A summary helps.")

    def fake_suggest(*args):
        calls.append(args)
        return [suggestion]

    monkeypatch.setitem(sys.modules, "optimize.rewrite", types.SimpleNamespace(suggest=fake_suggest))
    analysis = provider.analyze(resume, job)
    result = provider.suggest(resume, job, analysis, "targeted")
    assert result.suggestions == (suggestion,) and result.provider == "offline"
    assert calls == [(resume, job, analysis, "targeted")]
    assert provider.write_cover_letter(resume, job).paragraphs
    assert provider.interview_questions(resume, job).questions


# --- the shared corpus -----------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_every_corpus_resume_against_every_corpus_job(corpus_dir):
    from resumes.parsing import parse_bytes

    resumes = {}
    for path in sorted((corpus_dir / "resumes").rglob("*")):
        if path.suffix.lower() in (".pdf", ".docx"):
            resumes[path.name] = parse_bytes(path.read_bytes(), path.suffix.lstrip(".").lower()).sections
    jobs = {}
    for path in sorted((corpus_dir / "jobs" / "resume-matcher").rglob("*")):
        if path.suffix == ".txt":
            jobs[path.name] = path.read_text()
        elif path.suffix == ".pdf":
            jobs[path.name] = parse_bytes(path.read_bytes(), "pdf").text
    postings = json.loads((corpus_dir / "jobs" / "remoteok" / "remoteok-api-2026-03-17.json").read_text())[1:]
    for posting in postings[:10]:
        jobs[f"remoteok-{posting['id']}"] = posting["description"]
    assert len(resumes) >= 10 and len(jobs) >= 10

    for job_name, text in jobs.items():
        job = Job(text=text, analysis=analyze_job(text).to_dict())
        for resume_name, sections in resumes.items():
            first = score(sections, job, today=TODAY)
            assert 0 <= first.score <= 100, (resume_name, job_name)
            assert abs(sum(c.earned for c in first.components) - first.score) <= 0.5, (resume_name, job_name)
            assert score(copy.deepcopy(sections), job, today=TODAY).to_dict() == first.to_dict(), (
                resume_name,
                job_name,
            )


FULL_STACK_JD = """Senior Full Stack Engineer

Responsibilities:
- Developing front end website architecture.
- Designing user interactions on web pages.
- Developing back end website applications.
- Designing and developing APIs.

Requirements:
- Proficiency with fundamental front end languages such as HTML, CSS, and JavaScript.
- Proficiency with server-side languages such as Python, Ruby, Java, PHP, and .Net.
- Proven hands-on software development experience.
- Hands-on software development with object-oriented analysis and transaction man-
agement in large systems.
"""


def test_keywords_keep_compounds_whole_and_drop_fragments_and_verbs():
    keywords = [k.text for k in job_keywords(make_job(FULL_STACK_JD, title="Senior Full Stack Engineer"))]
    # "front end website" is a front-end website: no "end website" or "fundamental front" cut out of it.
    for fragment in ("end website", "fundamental front", "end languages", "fundamental front-end", "front end"):
        assert fragment not in keywords
    # A lone verb, or a pair that opens with one, is a duty, not a term.
    assert not [k for k in keywords if k.split()[0] in ("developing", "designing")]
    # A modifier cut off its noun ("hands-on software" of "hands-on software development") is no term either.
    assert "hands-on software" not in keywords
    # Nor is half a word broken across lines.
    assert "transaction man" not in keywords
    assert {"front-end languages", "server-side languages", "website architecture"} <= set(keywords)
    assert "software development" in keywords


def test_keywords_are_deterministic():
    job = make_job(FULL_STACK_JD, title="Senior Full Stack Engineer")
    assert job_keywords(job) == job_keywords(make_job(FULL_STACK_JD, title="Senior Full Stack Engineer"))
