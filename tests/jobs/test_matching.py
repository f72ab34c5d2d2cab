"""Job matching: the score and its breakdown, the profile, stored matches and rescoring, and the pages."""

from __future__ import annotations

import copy
import random
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from jobs.analysis import analyze_job
from jobs.matching import rescore, score
from jobs.matching.profile import resume_skill_evidence
from jobs.matching.score import WEIGHTS, apportion, build_profile, posting_row, score_row
from jobs.matching.services import match_profile_for, match_profile_update, scoring_profile
from jobs.models import Match, MatchProfile
from optimize.ai.types import WEIGHTS as OPTIMIZE_WEIGHTS
from optimize.ai.types import Job
from optimize.scoring import resume_skills
from optimize.scoring import score as optimize_score
from tests.jobs.factories import job_posting

SECTIONS = {
    "schema_version": 1,
    "contact": {"name": "Sam Sample", "email": "sam@example.com", "phone": "+49 30 1234567", "links": []},
    "summary": {"text": "Backend engineer building APIs in Python.", "confidence": 0.9},
    "experience": [
        {
            "title": "Senior Backend Engineer",
            "company": "Acme",
            "start": "2018-01",
            "end": "present",
            "current": True,
            "bullets": ["Built the billing API with Django and PostgreSQL", "Ran services on AWS"],
        },
        {
            "title": "Software Developer",
            "company": "Initech",
            "start": "2015-01",
            "end": "2017-12",
            "bullets": ["Wrote Java services", "Automated tests with pytest"],
        },
    ],
    "education": [{"degree": "BSc", "field": "Computer Science", "school": "TU Berlin", "details": []}],
    "skills": [{"group": "Languages", "items": ["Python", "SQL", "Go"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}

JD = """Senior Backend Engineer
Requirements
- 5+ years of experience with Python and Django.
- Experience with PostgreSQL and Kafka.
Nice to have
- Kubernetes and Terraform are a plus.
"""

NOW = timezone.now()


def make_resume(user, sections=SECTIONS, title="My resume"):
    from resumes.models import Resume

    resume = Resume(
        user=user,
        title=title,
        original_filename="cv.txt",
        file_ext="txt",
        parse_status=Resume.Status.COMPLETED,
        parsed_text="Sam",
        parsed_sections=copy.deepcopy(sections),
    )
    resume.file.save("original", ContentFile(b"Sam"), save=False)
    resume.save()
    return resume


def analysed_posting(title="Senior Backend Engineer", text=JD, **fields):
    posting = job_posting(title, description_text=text, **fields)
    posting.analysis = analyze_job(text, title=title).to_dict()
    posting.skills = [s["skill"] for kind in ("required", "preferred") for s in posting.analysis["skills"][kind]]
    posting.save(update_fields=["analysis", "skills"])
    return posting


def plain_profile(**overrides):
    values = {
        "skills": {"Python", "Django", "PostgreSQL"},
        "target_roles": ["Backend Engineer"],
        "seniority": "senior",
        "years": 6.0,
        "location": "Berlin, Germany",
        "remote": "any",
        "min_salary": None,
        "now": NOW,
    }
    return build_profile(**{**values, **overrides})


def row(**fields):
    """A posting row (score.ROW_COLUMNS) with sensible defaults. Posting columns by name; the analysis's fields by
    their analysis key (``jd_skills`` is its "skills"; None stands for a posting not analysed yet)."""
    values = {
        "id": "p",
        "title": "Backend Engineer",
        "location": "Berlin",
        "remote": None,
        "workplace": "",
        "salary_min": None,
        "salary_max": None,
        "salary_currency": "",
        "salary_period": "",
        "posted_at": NOW,
        "skills": [],
    }
    analysis = {
        "skills": {"required": [{"skill": "Python"}, {"skill": "Django"}], "preferred": []},
        "seniority": "senior",
        "years_experience": {"min": 3, "max": None},
    }
    for key, value in fields.items():
        if key in values:
            values[key] = value
        else:
            analysis["skills" if key == "jd_skills" else key] = value
    values["match_features"] = score.features_of(analysis) if analysis["skills"] is not None else {}
    return tuple(values[c] for c in score.ROW_COLUMNS)


# ------------------------------------------------------------------------------------------------ the score


SKILL_POOL = ["Python", "Django", "PostgreSQL", "Go", "AWS", "Kubernetes", "React", "Kafka", "Terraform", "Java"]
TITLE_POOL = ["Backend Engineer", "Senior Python Developer", "Data Scientist", "Staff Platform Engineer", "", "QA"]


def random_row(rnd: random.Random) -> tuple:
    required = rnd.sample(SKILL_POOL, rnd.randint(0, 5))
    preferred = rnd.sample([s for s in SKILL_POOL if s not in required], rnd.randint(0, 3))
    analysed = rnd.random() < 0.8
    return row(
        title=rnd.choice(TITLE_POOL),
        location=rnd.choice(["Berlin", "London", "Remote", "", "Munich, Germany"]),
        remote=rnd.choice([None, True, False]),
        workplace=rnd.choice(["", "remote", "hybrid", "onsite"]),
        salary_min=rnd.choice([None, 40_000, 90_000, 150_000]),
        salary_max=rnd.choice([None, 120_000, 200_000]),
        salary_currency=rnd.choice(["", "USD", "EUR"]),
        salary_period=rnd.choice(["", "year", "hour", "month"]),
        posted_at=rnd.choice([None, NOW - timedelta(days=rnd.uniform(0, 90))]),
        skills=rnd.sample(SKILL_POOL, 3),
        jd_skills=(
            {"required": [{"skill": s} for s in required], "preferred": [{"skill": s} for s in preferred]}
            if analysed
            else None
        ),
        seniority=rnd.choice([None, "junior", "mid", "senior", "staff", "lead", "intern"]),
        years_experience=rnd.choice([None, {"min": rnd.randint(1, 12), "max": None}, {"min": None}]),
        salary=rnd.choice([None, {"min": 70_000.0, "max": 95_000.0, "currency": "USD", "period": "year"}]),
    )


def random_profile(rnd: random.Random) -> score.Profile:
    return plain_profile(
        skills=set(rnd.sample(SKILL_POOL, rnd.randint(0, 8))),
        target_roles=rnd.choice([[], ["Backend Engineer"], ["Data Scientist", "ML Engineer"]]),
        resume_titles=rnd.choice([[], ["Software Developer", "Intern"]]),
        seniority=rnd.choice([None, "junior", "senior", "staff"]),
        years=rnd.choice([None, 0.5, 4.0, 15.0]),
        location=rnd.choice(["", "Berlin, Germany", "Lisbon"]),
        remote=rnd.choice(["any", "remote", "hybrid", "onsite", None]),
        min_salary=rnd.choice([None, 60_000, 130_000]),
        currency=rnd.choice(["USD", "EUR"]),
    )


def test_it_makes_the_breakdown_add_up_to_the_score_for_many_postings():
    rnd = random.Random(8)
    profiles = [random_profile(rnd) for _ in range(20)]
    for _ in range(3000):
        result = score_row(rnd.choice(profiles), random_row(rnd))
        assert sum(result.points.values()) == result.score
        assert 0 <= result.score <= 100
        assert set(result.points) == set(WEIGHTS)
        for key, points in result.points.items():
            assert 0 <= points <= WEIGHTS[key]
            assert 0.0 <= result.fractions[key] <= 1.0
        # The score is the parts' exact points (in tenths) rounded: sharing them out moves no part by a point.
        exact = sum(WEIGHTS[k] * f for k, f in result.fractions.items())
        assert abs(result.score - exact) <= 0.5 + 0.05 * len(WEIGHTS)
        for key, points in result.points.items():
            assert abs(points - WEIGHTS[key] * result.fractions[key]) < 1.0 + 1e-9


def test_it_shares_out_points_by_largest_remainder():
    rnd = random.Random(3)
    for _ in range(5000):
        fractions = {k: rnd.random() for k in WEIGHTS}
        total, points = apportion(fractions)
        assert sum(points.values()) == total
        assert all(0 <= points[k] <= WEIGHTS[k] for k in WEIGHTS)
    assert apportion(dict.fromkeys(WEIGHTS, 1.0)) == (100, dict(WEIGHTS))
    assert apportion(dict.fromkeys(WEIGHTS, 0.0)) == (0, dict.fromkeys(WEIGHTS, 0))


def test_a_missing_required_skill_lowers_coverage():
    profile = plain_profile()
    full = score_row(profile, row())
    lacking = score_row(profile, row(jd_skills={"required": [{"skill": "Python"}, {"skill": "Rust"}], "preferred": []}))
    assert full.fractions["required_skills"] == 1.0
    assert lacking.fractions["required_skills"] == 0.5
    assert lacking.score < full.score
    assert lacking.matched == ["Python"]
    assert lacking.missing == ["Rust"]


def test_preferred_skills_count_apart_and_list_as_missing():
    result = score_row(
        plain_profile(),
        row(jd_skills={"required": [{"skill": "Python"}], "preferred": [{"skill": "Kubernetes"}, {"skill": "Django"}]}),
    )
    assert result.fractions["preferred_skills"] == 0.5
    assert result.matched == ["Python", "Django"]
    assert result.missing == ["Kubernetes"]


def test_an_unanalysed_posting_is_compared_on_its_ingest_skills():
    result = score_row(plain_profile(), row(jd_skills=None, skills=["Python", "Rust"]))
    assert result.fractions["required_skills"] == 0.5


def test_remote_preference():
    remote_only = plain_profile(remote="remote", location="Lisbon")
    assert score_row(remote_only, row(workplace="remote")).fractions["location"] == 1.0
    assert score_row(remote_only, row(workplace="onsite", location="Berlin")).fractions["location"] == 0.0
    onsite = plain_profile(remote="onsite", location="Berlin, Germany")
    assert score_row(onsite, row(workplace="onsite", location="Berlin")).fractions["location"] == 1.0
    assert score_row(onsite, row(workplace="onsite", location="Paris")).fractions["location"] == 0.0
    anywhere = plain_profile(remote="any", location="")
    assert score_row(anywhere, row(workplace="onsite", location="Paris")).fractions["location"] == 1.0


def test_minimum_salary():
    profile = plain_profile(min_salary=100_000, currency="USD")
    assert score_row(profile, row(salary_min=90_000, salary_max=120_000)).fractions["salary"] == 1.0
    assert score_row(profile, row(salary_min=50_000, salary_max=75_000)).fractions["salary"] == 0.5
    assert score_row(profile, row(salary_max=40_000)).fractions["salary"] == 0.0
    assert score_row(profile, row()).fractions["salary"] == score.UNKNOWN  # no salary given
    assert score_row(profile, row(salary_max=150_000, salary_currency="EUR")).fractions["salary"] == score.UNKNOWN
    assert score_row(profile, row(salary_max=60, salary_period="hour")).fractions["salary"] == 1.0  # 124,800/year
    analysed = {"min": 100_000.0, "max": None, "currency": "USD", "period": "year"}
    assert score_row(profile, row(salary=analysed)).fractions["salary"] == 1.0
    assert score_row(plain_profile(min_salary=None), row(salary_max=10)).fractions["salary"] == 1.0


def test_recency():
    profile = plain_profile()
    fresh = score_row(profile, row(posted_at=NOW - timedelta(days=1)))
    older = score_row(profile, row(posted_at=NOW - timedelta(days=30)))
    stale = score_row(profile, row(posted_at=NOW - timedelta(days=90)))
    assert fresh.fractions["recency"] == 1.0
    assert 0 < older.fractions["recency"] < 1
    assert stale.fractions["recency"] == 0.0
    assert fresh.score > older.score > stale.score


def test_title_seniority_and_years():
    profile = plain_profile(target_roles=["Backend Engineer"], seniority="senior", years=6.0)
    assert score_row(profile, row(title="Senior Back-End Developer")).fractions["title"] == 1.0
    assert score_row(profile, row(title="Data Scientist")).fractions["title"] == 0.0
    assert score_row(profile, row(seniority="senior", years_experience={"min": 5})).fractions["experience"] == 1.0
    junior = score_row(
        plain_profile(seniority="junior", years=1.0), row(seniority="senior", years_experience={"min": 4})
    )
    assert junior.fractions["experience"] == 0.5 * 0.0 + 0.5 * 0.25


# ------------------------------------------------------------------------------------------------ vs optimize


@pytest.mark.django_db
def test_the_shared_parts_agree_with_the_optimize_score(owner):
    resume = make_resume(owner)
    match_profile = match_profile_for(owner)
    assert match_profile.resume == resume
    assert {s["skill"] for s in match_profile.skills} == resume_skills(SECTIONS)
    profile = scoring_profile(match_profile, now=NOW)
    texts = [
        JD,
        "Data Engineer\nRequirements\n- Go, AWS and Terraform.\n",
        "Frontend Developer\nWe use React and TypeScript. GraphQL is a plus.\n",
        "Office manager\nYou like people.\n",
    ]
    for text in texts:
        title = text.splitlines()[0]
        posting = analysed_posting(title, text)
        result = score_row(profile, posting_row(posting))
        optimized = optimize_score(SECTIONS, Job(text=text, analysis=posting.analysis, title=title), today=NOW.date())
        components = {c.key: c for c in optimized.components}
        for key in ("required_skills", "preferred_skills"):
            expected = int(OPTIMIZE_WEIGHTS[key] * result.fractions[key] * 10 + 0.5 + 1e-9) / 10
            assert components[key].earned == expected, (title, key)
        assert list(optimized.matched_required) == [s for s in result.matched if s in optimized.matched_required]
        assert set(optimized.gaps.missing_required) <= set(result.missing)


@pytest.mark.django_db
def test_skills_carry_their_evidence(owner):
    skills = {item["skill"]: item["evidence"] for item in resume_skill_evidence(SECTIONS)}
    assert any(note.startswith("experience: Acme \u2014 Senior Backend Engineer") for note in skills["Django"])
    assert any("Built the billing API" in note for note in skills["Django"])
    assert skills["Go"] == ["skills: Languages"]
    assert "German" not in skills


def test_a_spoken_language_of_the_languages_section_is_a_skill_with_its_evidence():
    sections = {**SECTIONS, "languages": [{"language": "German", "proficiency": "Native"}]}
    skills = {item["skill"]: item["evidence"] for item in resume_skill_evidence(sections)}
    assert skills["German"] == ["languages"]
    jd = {"required": [{"skill": "Python"}, {"skill": "German"}], "preferred": []}
    with_german = score_row(plain_profile(skills=set(skills)), row(jd_skills=jd))
    assert "German" in with_german.matched and with_german.fractions["required_skills"] == 1.0


@pytest.mark.django_db
def test_added_and_removed_skills_apply(owner):
    make_resume(owner)
    match_profile = match_profile_for(owner)
    jd = {"required": [{"skill": "Python"}, {"skill": "Django"}], "preferred": [{"skill": "Kubernetes"}]}
    before = score_row(scoring_profile(match_profile, now=NOW), row(jd_skills=jd))
    assert before.fractions["preferred_skills"] == 0.0
    match_profile_update(match_profile=match_profile, add=["Kubernetes"], remove=["Django"])
    match_profile.refresh_from_db()
    assert match_profile.skills_added == ["Kubernetes"]
    assert match_profile.skills_removed == ["Django"]
    after = score_row(scoring_profile(match_profile, now=NOW), row(jd_skills=jd))
    assert after.fractions["preferred_skills"] == 1.0
    assert after.fractions["required_skills"] == 0.5
    assert after.missing == ["Django"]
    match_profile_update(match_profile=match_profile, restore=["Django"], remove=["Kubernetes"])
    match_profile.refresh_from_db()
    assert match_profile.skills_added == []
    assert match_profile.skills_removed == []


# ------------------------------------------------------------------------------------------------ stored matches


@pytest.fixture
def scored_owner(owner):
    make_resume(owner)
    Profile.objects.create(user=owner, location="Berlin", target_roles=["Backend Engineer"])
    return owner


@pytest.mark.django_db
def test_rescore_writes_updates_and_deletes_rows(scored_owner, django_capture_on_commit_callbacks):
    good = analysed_posting("Backend Engineer")
    other = analysed_posting("Backend Engineer", location="London")
    poor = analysed_posting(
        "Office Manager",
        "Office Manager\nRequirements\n- Excel and Salesforce.\n",
        location="Tokyo",
        workplace="onsite",
    )
    poor.posted_at = NOW - timedelta(days=200)
    poor.save(update_fields=["posted_at"])
    match_profile = match_profile_for(scored_owner)
    assert rescore.rescore_user(user_id=scored_owner.id) == 2
    rows = {m.posting_id: m for m in Match.objects.for_user(scored_owner)}
    assert set(rows) == {good.id, other.id}  # the poor one scores below the floor: not kept
    first = rows[good.id]
    assert sum(first.breakdown.values()) == first.score
    assert first.profile_version == match_profile.version
    match_profile.refresh_from_db()
    assert not match_profile.is_scoring and match_profile.scored_at

    assert rescore.rescore_user(user_id=scored_owner.id) is None  # already scored at this version

    other.closed_at = timezone.now()
    other.save(update_fields=["closed_at"])
    with django_capture_on_commit_callbacks() as callbacks:
        match_profile_update(match_profile=match_profile, remove=["Python", "Django", "PostgreSQL"])
    assert len(callbacks) == 1  # the rescore was queued
    match_profile.refresh_from_db()
    assert match_profile.is_scoring
    rescore.rescore_user(user_id=scored_owner.id)
    updated = Match.objects.for_user(scored_owner).get()
    assert updated.posting_id == good.id
    assert updated.id == first.id  # updated in place
    assert updated.score < first.score
    assert updated.profile_version == match_profile.version


@pytest.mark.django_db
def test_a_rescore_rewrites_only_the_matches_that_changed(scored_owner):
    kafka = analysed_posting("Backend Engineer")  # JD asks for Kafka, which the resume lacks
    rust = analysed_posting(
        "Backend Engineer", "Backend Engineer\nRequirements\n- Python, Django, PostgreSQL and Rust.\n"
    )
    match_profile = match_profile_for(scored_owner)
    rescore.rescore_user(user_id=scored_owner.id)
    before = {m.posting_id: m for m in Match.objects.for_user(scored_owner)}
    assert set(before) == {kafka.id, rust.id}

    match_profile_update(match_profile=match_profile, add=["Rust"])
    match_profile.refresh_from_db()
    rescore.rescore_user(user_id=scored_owner.id, now=NOW + timedelta(seconds=5))
    after = {m.posting_id: m for m in Match.objects.for_user(scored_owner)}
    # The Rust posting now scores higher: rewritten, with the new profile version.
    assert after[rust.id].score > before[rust.id].score
    assert "Rust" in after[rust.id].matched_skills
    assert after[rust.id].profile_version == match_profile.version > before[rust.id].profile_version
    # The other scores exactly as before: its row is left alone (same version, same updated_at).
    assert after[kafka.id].score == before[kafka.id].score
    assert after[kafka.id].profile_version == before[kafka.id].profile_version
    assert after[kafka.id].updated_at == before[kafka.id].updated_at
    match_profile.refresh_from_db()
    assert match_profile.scored_version == match_profile.version


@pytest.mark.django_db
def test_a_run_for_an_older_version_writes_nothing(scored_owner):
    analysed_posting()
    match_profile = match_profile_for(scored_owner)
    MatchProfile.objects.filter(pk=match_profile.pk).update(version=5, scored_version=0)
    original = MatchProfile.objects.filter

    def moved_on(**kwargs):  # the profile changes while the run scores
        if kwargs.get("version") == 5:
            kwargs["version"] = 6
        return original(**kwargs)

    MatchProfile.objects.filter = moved_on
    try:
        assert rescore.rescore_user(user_id=scored_owner.id) is None
    finally:
        MatchProfile.objects.filter = original
    assert not Match.objects.exists()


@pytest.mark.django_db
def test_new_postings_are_scored_for_every_profile(scored_owner, stranger):
    make_resume(stranger)
    match_profile_for(scored_owner)
    match_profile_for(stranger)
    posting = analysed_posting()
    assert rescore.score_postings(posting_ids=[posting.id]) == 2
    assert Match.objects.filter(posting=posting).count() == 2
    posting.analysis = analyze_job("Office Manager\nExcel.", title="Office Manager").to_dict()
    posting.title, posting.location, posting.workplace = "Office Manager", "Tokyo", "onsite"
    posting.posted_at = NOW - timedelta(days=300)
    posting.save()
    rescore.score_postings(posting_ids=[posting.id])
    assert not Match.objects.filter(posting=posting).exists()  # fell below the floor


@pytest.mark.django_db
def test_changes_elsewhere_queue_a_rescore(scored_owner, django_capture_on_commit_callbacks):
    match_profile = match_profile_for(scored_owner)
    version = match_profile.version
    account = Profile.objects.get(user=scored_owner)
    with django_capture_on_commit_callbacks() as callbacks:
        account.preferences = {**account.preferences, "remote": "remote"}
        account.save()
    assert len(callbacks) == 1
    resume = match_profile.resume
    with django_capture_on_commit_callbacks() as callbacks:
        resume.corrected_sections = {**SECTIONS, "skills": [{"group": None, "items": ["Rust"]}]}
        resume.save(update_fields=["corrected_sections", "updated_at"])
    assert len(callbacks) == 1
    match_profile.refresh_from_db()
    assert match_profile.version == version + 2
    rescore.rescore_user(user_id=scored_owner.id)
    match_profile.refresh_from_db()
    assert "Rust" in {s["skill"] for s in match_profile.skills}
    with django_capture_on_commit_callbacks() as callbacks:
        account.save(update_fields=["full_name"])  # nothing a score reads
        account.preferences = {**account.preferences, "paper_size": "a4", "priority_weights": {"salary": 5}}
        account.save()  # preferences no score reads
    assert callbacks == []
    match_profile.refresh_from_db()
    assert match_profile.version == version + 2


# ------------------------------------------------------------------------------------------------ pages


@pytest.mark.django_db
def test_the_matches_page_lists_matches_with_their_breakdown(scored_owner, client):
    posting = analysed_posting()
    match_profile_for(scored_owner)
    rescore.rescore_user(user_id=scored_owner.id)
    match = Match.objects.get()
    client.force_login(scored_owner)
    response = client.get(reverse("jobs:matches"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("jobs:posting_detail", args=[posting.id]) in body
    assert f"<strong>{match.score}</strong>" in body
    assert "Required skills" in body and "skill-have" in body
    assert "more</small>" not in body  # a few skills: all shown, no "and -N more"
    filtered = client.get(reverse("jobs:matches"), {"remote": "yes"})
    assert reverse("jobs:posting_detail", args=[posting.id]) not in filtered.content.decode()
    by_skill = client.get(reverse("jobs:matches"), {"skill": "django"})
    assert reverse("jobs:posting_detail", args=[posting.id]) in by_skill.content.decode()
    above = client.get(reverse("jobs:matches"), {"min_score": match.score + 1})
    assert reverse("jobs:posting_detail", args=[posting.id]) not in above.content.decode()
    partial = client.get(reverse("jobs:matches"), {"page": "x"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content


@pytest.mark.django_db
def test_the_matches_page_runs_a_constant_number_of_queries(scored_owner, client):
    client.force_login(scored_owner)
    match_profile_for(scored_owner)

    def count() -> int:
        rescore.rescore_user(user_id=scored_owner.id, force=True)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("jobs:matches")).status_code == 200
        return len(queries)

    analysed_posting()
    few = count()
    for i in range(24):
        analysed_posting(f"Backend Engineer {i}")
    many = count()
    assert Match.objects.count() == 25
    assert many == few


@pytest.mark.django_db
def test_a_stranger_sees_none_of_the_owners_matches(scored_owner, stranger_client):
    analysed_posting()
    match_profile_for(scored_owner)
    rescore.rescore_user(user_id=scored_owner.id)
    response = stranger_client.get(reverse("jobs:matches"))
    assert response.status_code == 200
    assert b"0 matches" in response.content


@pytest.mark.django_db
def test_the_profile_page_shows_skills_and_saves(scored_owner, client, django_capture_on_commit_callbacks):
    client.force_login(scored_owner)
    response = client.get(reverse("jobs:match_profile"))
    assert response.status_code == 200
    assert b"Built the billing API" in response.content
    match_profile = MatchProfile.objects.get(user=scored_owner)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("jobs:match_profile"),
            {
                "action": "save",
                "resume": match_profile.resume_id,
                "seniority": "staff",
                "threshold": 60,
                "add_skills": "terraform, Brewing",
            },
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    match_profile.refresh_from_db()
    assert (match_profile.seniority, match_profile.threshold) == ("staff", 60)
    assert match_profile.skills_added == ["Terraform", "Brewing"]
    response = client.post(reverse("jobs:match_profile"), {"action": "remove", "skill": "Python"})
    assert response.status_code == 302
    match_profile.refresh_from_db()
    assert match_profile.skills_removed == ["Python"]


@pytest.mark.django_db
def test_the_profile_form_refuses_another_users_resume(scored_owner, stranger, client):
    theirs = make_resume(stranger, title="Not yours")
    client.force_login(scored_owner)
    assert b"Not yours" not in client.get(reverse("jobs:match_profile")).content
    response = client.post(reverse("jobs:match_profile"), {"action": "save", "resume": theirs.id, "threshold": 50})
    assert response.status_code == 400
    assert MatchProfile.objects.get(user=scored_owner).resume.user == scored_owner


@pytest.mark.django_db
def test_status_polling_stops_once_scored(scored_owner, client):
    client.force_login(scored_owner)
    match_profile_for(scored_owner)
    response = client.get(reverse("jobs:match_status"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'hx-trigger="every 2s"' in response.content
    rescore.rescore_user(user_id=scored_owner.id)
    response = client.get(reverse("jobs:match_status"), headers={"HX-Request": "true"})
    assert response.status_code == 286
    assert response["HX-Trigger"] == "matches-scored"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["jobs:matches", "jobs:match_status"])
def test_wrong_method_is_405(name, owner_client):
    assert owner_client.post(reverse(name)).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["jobs:matches", "jobs:match_status", "jobs:match_profile"])
def test_anonymous_is_sent_to_login(name, client):
    assert client.get(reverse(name)).status_code == 302
