"""Market insights: skill demand per window, rising and falling, coverage, "learn X", salaries, the page.

The figures are counted in SQL on PostgreSQL and in Python elsewhere: every test here expects the same answers
from both (run the file with and without DATABASE_URL).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import profile_for
from jobs.insights import analytics, charts
from jobs.insights.analytics import (
    TITLE_SPELLINGS,
    coverage,
    demand,
    postings_in_roles,
    role_pattern,
    salaries,
    skill_counts,
    trends,
    uplift,
    yearly_salary,
)
from jobs.matching.score import features_of
from jobs.matching.services import scoring_profile
from jobs.models import JobPosting, MatchProfile
from optimize.scoring import title_words
from tests.jobs.factories import job_posting

NOW = timezone.now()


def posting(title="Backend Engineer", *, days=1, skills=(), **fields):
    at = NOW - timedelta(days=days)
    return job_posting(title, skills=list(skills), posted_at=at, first_seen_at=at, last_seen_at=at, **fields)


def analysed(title="Backend Engineer", *, days=1, required=(), preferred=(), seniority=None, salary=None, **fields):
    analysis = {
        "title": title,
        "seniority": seniority,
        "years_experience": {"min": None, "max": None},
        "salary": salary,
        "skills": {
            "required": [{"skill": s, "category": "tool", "sentence": ""} for s in required],
            "preferred": [{"skill": s, "category": "tool", "sentence": ""} for s in preferred],
        },
    }
    return posting(
        title,
        days=days,
        skills=[*required, *preferred],
        analysis=analysis,
        match_features=features_of(analysis),
        **fields,
    )


def set_up_user(user, *, roles=("Backend Engineer",), skills=("Python", "Django"), currency=None):
    account = profile_for(user)
    account.target_roles = list(roles)
    if currency:
        account.preferences = {**account.preferences, "salary_currency": currency}
    account.save()
    return MatchProfile.objects.create(user=user, skills=[{"skill": s, "evidence": []} for s in skills])


def counted(roles=("Backend Engineer",)):
    return skill_counts(postings_in_roles(list(roles), NOW), NOW)


# ---------------------------------------------------------------------------------------------------------------
# Which postings


def test_role_words_match_the_titles_as_the_score_reads_them(db):
    for title in ("Backend Engineer", "Sr. Back-end Developer", "Backend developer (m/f/d)", "Lead Back End Engineer"):
        posting(title, skills=["Python"])
    for title in ("Frontend Engineer", "Backendless Engineer", "Backend Recruiter"):
        posting(title, skills=["Python"])
    found = sorted(postings_in_roles(["Backend Developer"], NOW).values_list("title", flat=True))
    assert found == [
        "Backend Engineer",
        "Backend developer (m/f/d)",
        "Lead Back End Engineer",
        "Sr. Back-end Developer",
    ]


def test_every_listed_spelling_is_the_word_it_stands_for():
    for word, spellings in TITLE_SPELLINGS.items():
        for spelling in spellings:
            if re.fullmatch(r"[a-z0-9]+", spelling):
                assert word in title_words(spelling), (word, spelling)
            else:  # a pattern: each way of writing it
                for sample in (spelling.replace("[ -]?", ""), spelling.replace("[ -]?", "-")):
                    assert title_words(sample) == [word], (word, sample)
    assert role_pattern("Senior") == []  # a level alone says nothing about the job


def test_duplicates_old_and_long_closed_postings_are_left_out(db):
    kept = posting(skills=["Python"], days=5)
    posting(skills=["Python"], days=100)  # older than 90 days
    posting(skills=["Python"], duplicate_of=kept)
    closed_recently = posting(skills=["Python"], days=40, closed_at=NOW - timedelta(days=3))
    ids = set(postings_in_roles(["Backend Engineer"], NOW).values_list("id", flat=True))
    assert ids == {kept.id, closed_recently.id}


# ---------------------------------------------------------------------------------------------------------------
# Demand, trends, coverage


@pytest.fixture
def small_market(db):
    posting(days=3, skills=["Python", "Django"])
    posting("Senior Backend Developer", days=3, skills=["Python", "Kubernetes"])
    posting(days=20, skills=["Python", "Go", "Python"])  # a repeated name counts once
    posting(days=60, skills=["Java", "Python"], closed_at=NOW - timedelta(days=10))
    posting(days=100, skills=["Python"])  # too old
    posting("Data Analyst", days=3, skills=["SQL"])  # another role


def test_demand_shares_per_window(small_market):
    totals, counts = counted()
    assert (totals["d7"], totals["d30"], totals["d90"], totals["before"], totals["live"]) == (2, 3, 4, 1, 3)
    have = {"Python", "Django"}
    assert [(r["skill"], r["share"], r["count"], r["have"]) for r in demand(totals, counts, 7, have)] == [
        ("Python", 100.0, 2, True),
        ("Django", 50.0, 1, True),
        ("Kubernetes", 50.0, 1, False),
    ]
    assert [(r["skill"], r["share"]) for r in demand(totals, counts, 30, have)] == [
        ("Python", 100.0),
        ("Django", 33.3),
        ("Go", 33.3),
        ("Kubernetes", 33.3),
    ]
    assert [(r["skill"], r["share"]) for r in demand(totals, counts, 90, have)][-1] == ("Kubernetes", 25.0)
    assert "SQL" not in counts
    assert counts["Java"] == {"d7": 0, "d30": 0, "d90": 1, "before": 1, "live": 0}


def test_coverage_of_the_top_skills(small_market):
    totals, counts = counted()
    cov = coverage(demand(totals, counts, 30, {"Python", "Go", "Rust"}, 20))
    assert cov == {"have": ["Python", "Go"], "missing": ["Django", "Kubernetes"], "total": 4, "pct": 50}


def test_rising_and_falling_need_enough_postings(db):
    for i in range(20):
        skills = (
            ["Python"] + (["Kubernetes"] if i < 15 else []) + (["Java"] if i < 2 else []) + (["Rust"] if i < 1 else [])
        )
        posting(days=10, skills=skills)
    for i in range(20):
        posting(days=50, skills=["Python"] + (["Kubernetes"] if i < 2 else []) + (["Java"] if i < 12 else []))
    rising, falling = trends(*counted())
    assert rising == [{"skill": "Kubernetes", "change": 65.0, "now": 75.0, "before": 10.0}]
    assert falling == [{"skill": "Java", "change": -50.0, "now": 10.0, "before": 60.0}]
    # Rust went from 0% to 5% on a single posting: noise, not shown; Python did not move.

    JobPosting.objects.filter(posted_at__lt=NOW - timedelta(days=30))[:1].get().delete()
    assert trends(*counted()) == ([], [])  # 19 postings in the earlier period: too few to compare


# ---------------------------------------------------------------------------------------------------------------
# Learn X


def test_uplift_is_positive_for_a_required_skill_the_user_lacks(owner):
    match_profile = set_up_user(owner, skills=("Python",))
    for _ in range(3):
        analysed(required=["Python", "Kubernetes"])
    analysed(required=["Python", "Terraform"], closed_at=NOW - timedelta(days=1))  # closed: not a sample
    profile = scoring_profile(match_profile, now=NOW)
    qs = postings_in_roles(["Backend Engineer"], NOW)
    found = uplift(profile, qs, ["Kubernetes", "Terraform", "Haskell"], {"Kubernetes": 3})
    assert [u["skill"] for u in found] == ["Kubernetes"]
    item = found[0]
    assert item["postings"] == 3 and item["sample"] == 3 and item["raised"] == 3
    # Half of the required skills was missing: the required part (35 points) goes from half to full.
    assert 15 <= item["gain"] <= 20


def test_compute_offers_the_skills_missing_from_matches_and_demand(owner):
    match_profile = set_up_user(owner, skills=("Python",))
    for _ in range(4):
        analysed(required=["Python", "Kubernetes"])
    analysed(required=["Python", "Go"], preferred=["Docker"])
    data = analytics.compute(owner, match_profile=match_profile, account=profile_for(owner), now=NOW)
    learned = {u["skill"]: u for u in data["learn"]}
    assert set(learned) == {"Kubernetes", "Go", "Docker"}
    assert data["learn"][0]["skill"] == "Kubernetes" and learned["Kubernetes"]["postings"] == 4
    assert learned["Go"]["gain"] > learned["Docker"]["gain"] > 0  # required counts for more than preferred
    assert "Python" not in learned


# ---------------------------------------------------------------------------------------------------------------
# Salaries


def test_yearly_normalisation():
    assert yearly_salary(100_000, 120_000, "usd", "year") == ("USD", 110_000)
    assert yearly_salary(50, None, "USD", "hour") == ("USD", 104_000)
    assert yearly_salary(400, 400, "EUR", "day") == ("EUR", 104_000)
    assert yearly_salary(2_000, None, "GBP", "week") == ("GBP", 104_000)
    assert yearly_salary(None, 10_000, "EUR", "month") == ("EUR", 120_000)
    assert yearly_salary(90_000, None, "USD", "") == ("USD", 90_000)  # no period: yearly, as the score reads it
    assert yearly_salary(90_000, None, "", "year") is None  # no currency
    assert yearly_salary(90_000, None, "USD", "fortnight") is None
    assert yearly_salary(50, None, "USD", "year") is None  # 50 a year: a typo
    assert yearly_salary(None, None, "USD", "year") is None


@pytest.fixture
def paid_market(db):
    for amount in (100_000, 110_000, 120_000, 130_000):
        analysed(required=["Python"], seniority="senior", salary_min=amount, salary_max=amount, salary_currency="USD",
                 salary_period="year")  # fmt: skip
    # The fifth from the analysis (no board fields), monthly: 140,000 a year.
    analysed(
        required=["Python"],
        seniority="senior",
        salary={"min": 11_000.0, "max": 12_333.34, "currency": "USD", "period": "month"},
    )
    for amount in (60_000, 70_000, 80_000, 90_000):
        analysed(required=["Go"], seniority="junior", salary_min=amount, salary_currency="USD", salary_period="year")
    for amount in (50, 60):
        analysed(required=["Go"], salary_min=amount, salary_currency="EUR", salary_period="hour")
    analysed(required=["Python"])  # no salary


def test_salary_percentiles_with_n_and_nothing_under_five(paid_market):
    pay = salaries(postings_in_roles(["Backend Engineer"], NOW), preferred="USD", skills=["Python", "Go", "Rust"])
    assert pay["currency"] == "USD" and pay["preferred"] and pay["total"] == 9 and pay["other"] == 2
    python, go, rust = pay["by_skill"]
    assert python == {"label": "Python", "n": 5, "p25": 110_000, "median": 120_000, "p75": 130_000}
    assert go == {"label": "Go", "n": 4, "p25": None, "median": None, "p75": None}
    assert rust == {"label": "Rust", "n": 0, "p25": None, "median": None, "p75": None}
    assert pay["by_level"] == [
        {"label": "Junior", "n": 4, "p25": None, "median": None, "p75": None},
        {"label": "Senior", "n": 5, "p25": 110_000, "median": 120_000, "p75": 130_000},
    ]


def test_salary_currency_is_the_preferred_one_else_the_most_common(paid_market):
    qs = postings_in_roles(["Backend Engineer"], NOW)
    euro = salaries(qs, preferred="EUR", skills=["Go"])
    assert euro["currency"] == "EUR" and euro["total"] == 2 and euro["by_skill"][0]["n"] == 2
    assert salaries(qs, preferred="JPY", skills=["Go"])["currency"] == "USD"  # nobody pays in yen here
    assert salaries(qs.none(), preferred="USD", skills=["Go"])["currency"] is None


# ---------------------------------------------------------------------------------------------------------------
# Charts


EVIL = '<script>alert("x")</script>'


def test_charts_escape_every_string():
    rows = [{"skill": EVIL, "share": 50.0, "count": 3, "have": False}]
    html = str(charts.demand_chart(rows, window=30))
    html += str(charts.coverage_chart({"have": [], "missing": [EVIL], "total": 1, "pct": 0}, window=30))
    html += str(
        charts.salary_chart(
            [{"label": EVIL, "n": 6, "p25": 1, "median": 2, "p75": 3}, {"label": EVIL, "n": 2, "p25": None,
              "median": None, "p75": None}],
            currency="<b>",
            title=EVIL,
            chart_id="x",
        )
    )  # fmt: skip
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert html.count('role="img"') == 3 and html.count('class="visually-hidden"') == 3
    assert "fewer than 5 postings" in html


# ---------------------------------------------------------------------------------------------------------------
# The page


def test_the_page_needs_login_and_get(client, owner):
    url = reverse("jobs:insights")
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.post(url).status_code == 405


def test_the_page_for_a_user_with_nothing(owner_client, owner):
    response = owner_client.get(reverse("jobs:insights"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "No postings in your target roles yet" in html
    assert "cover <strong>all postings</strong>" in html  # no target roles, no resume: all postings, said so


def test_the_page_for_a_user_with_a_market(owner_client, owner, paid_market):
    set_up_user(owner, skills=("Python",))
    analysed(required=["Python", EVIL])
    html = owner_client.get(reverse("jobs:insights")).content.decode()
    assert "Postings for your target roles: <strong>Backend Engineer</strong>" in html
    assert 'id="ins-demand"' in html and 'id="ins-coverage"' in html
    assert 'id="ins-pay-skill"' in html and 'id="ins-pay-level"' in html
    assert "fewer than 5 postings" in html
    assert "Learn <strong>Go</strong>" in html
    assert "css/insights.css" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_window_switcher(owner_client, owner, small_market):
    set_up_user(owner)
    url = reverse("jobs:insights")
    html = owner_client.get(url, {"days": "7"}).content.decode()
    assert "Most requested skills, last 7 days" in html and "of the 2 postings of the last 7 days" in html
    assert "Most requested skills, last 30 days" in owner_client.get(url, {"days": "nonsense"}).content.decode()
    partial = owner_client.get(url, {"days": "90"}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="ins-window"') and "<html" not in partial
    assert "Most requested skills, last 90 days" in partial


def test_the_page_is_cached_and_runs_few_queries(owner_client, owner, paid_market, django_assert_max_num_queries):
    set_up_user(owner)
    url = reverse("jobs:insights")
    with django_assert_max_num_queries(16):
        first = owner_client.get(url)
    with django_assert_max_num_queries(7):
        again = owner_client.get(url, {"days": "7"})
    assert first.status_code == again.status_code == 200
    posting(days=0, skills=["Python"])  # a new posting moves the watermark: figures are computed again
    assert "of the 13 postings" in owner_client.get(url).content.decode()


def test_the_jobs_and_matches_pages_link_to_it(owner_client):
    link = f'href="{reverse("jobs:insights")}"'
    assert link in owner_client.get(reverse("jobs:index")).content.decode()
    assert link in owner_client.get(reverse("jobs:matches")).content.decode()
