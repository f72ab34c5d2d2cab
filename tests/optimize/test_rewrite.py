"""The offline engine's rule-based rewrites (optimize.rewrite.suggest): pure Python, no database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from jobs.analysis import analyze_job
from jobs.skills import extract_skills
from optimize.ai.types import (
    ADD_SKILL,
    FLAG_METRIC,
    REORDER,
    REWRITE,
    SUMMARY,
    Analysis,
    Gaps,
    Job,
)
from optimize.rewrite import has_metric, suggest
from optimize.rewriting.facts import experience_years, latest_title
from resumes.editing import parse_path

TODAY = date(2025, 6, 15)
ANALYSIS = Analysis(score=55, components=(), gaps=Gaps())

JD = """Senior Backend Engineer

Requirements:
- 5+ years of experience building backend services in Python
- Strong experience with Django and PostgreSQL
- Experience running services on Kubernetes

Nice to have:
- Terraform
- React
"""


def make_job(text: str = JD) -> Job:
    analysis = analyze_job(text, title="Senior Backend Engineer", company="Acme").to_dict()
    return Job(text=text, analysis=analysis, title="Senior Backend Engineer", company="Acme")


JOB = make_job()


def role(bullets, *, start="2018-01", end="2021-02", title="Software Developer", company="Webby") -> dict:
    current = end == "present"
    return {"title": title, "company": company, "start": start, "end": end, "current": current, "bullets": bullets}


def resume_with(experience=(), *, summary=None, skills=(), projects=()) -> dict:
    return {
        "schema_version": 1,
        "summary": {"text": summary, "confidence": 0.9 if summary else 0},
        "experience": list(experience),
        "skills": list(skills),
        "projects": list(projects),
    }


def run(resume, strategy="conservative", job=JOB):
    return suggest(resume, job, ANALYSIS, strategy, today=TODAY)


def only(suggestions, kind, path):
    found = [s for s in suggestions if s.kind == kind and s.path == path]
    assert len(found) <= 1, found
    return found[0] if found else None


def rewrite_of(bullet: str, *, end="2021-02", job=JOB, others=()) -> str | None:
    """The REWRITE proposed for one bullet of a role ending at ``end`` (None when there is none)."""
    suggestion = only(run(resume_with([role([bullet, *others], end=end)]), job=job), REWRITE, "experience.0.bullets.0")
    return suggestion.after if suggestion else None


FULL_RESUME = resume_with(
    [
        role(
            [
                "Build and operate Django services handling 2M requests a day",
                "Responsible for maintaining the CI pipeline",
                "Migrate cron jobs to k8s and Postgres",
            ],
            start="2021-03",
            end="present",
            title="Backend Engineer",
            company="Shopco",
        ),
        role(
            [
                "Worked on the customer onboarding redesign",
                "Manage a team of 4 and oversee hiring",
                "Helped build internal tools using Python, etc.",
                "Wrote docs",
            ]
        ),
    ],
    summary="Backend developer who basically loves  building very reliable systems with Python.",
    skills=[{"group": "Languages", "items": ["JavaScript", "Python"]}, {"group": "Tools", "items": ["Git", "Docker"]}],
    projects=[
        {
            "name": "Infra kit",
            "description": None,
            "url": None,
            "start": None,
            "end": None,
            "bullets": ["Successfully deployed a Terraform module for various AWS accounts"],
        }
    ],
)


# --- weak openings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        ("Responsible for managing the vendor onboarding process", "Managed the vendor onboarding process"),
        (
            "Responsible for designing, building and testing the billing API",
            "Designed, built and tested the billing API",
        ),
        ("Responsible for managing vendors and training new staff", "Managed vendors and trained new staff"),
        ("Responsible for the company's on-call rotation", "Owned the company's on-call rotation"),
        ("Responsible for testing of the payments API", "Owned testing of the payments API"),
        ("I was responsible for running the weekly release", "Ran the weekly release"),
        ("Helped build the internal admin dashboard", "Contributed to building the internal admin dashboard"),
        ("Helped to write the incident playbook", "Contributed to writing the incident playbook"),
        ("Helped with the migration to the new CRM", "Contributed to the migration to the new CRM"),
        ("Worked on the checkout redesign", "Delivered the checkout redesign"),
        ("Worked on microservices for order tracking", "Developed microservices for order tracking"),
        ("Worked on building the partner portal", "Built the partner portal"),
        ("Was involved in hiring new engineers", "Contributed to hiring new engineers"),
        ("Tasked with writing the release runbooks", "Wrote the release runbooks"),
        (
            "Duties included triaging tickets, writing runbooks and running on-call",
            "Triaged tickets, wrote runbooks and ran on-call",
        ),
        # Only the list of duties changes tense: "using" starts a phrase of its own.
        ("Responsible for building dashboards using Grafana and testing", "Built dashboards using Grafana and testing"),
    ],
)
def test_weak_opening_becomes_an_action_verb(bullet, expected):
    assert rewrite_of(bullet) == expected


def test_weak_opening_reason_names_the_old_and_new_wording():
    suggestion = only(
        run(resume_with([role(["Responsible for managing the vendor onboarding process"])])),
        REWRITE,
        "experience.0.bullets.0",
    )
    assert suggestion.section == "experience"
    assert suggestion.before == "Responsible for managing the vendor onboarding process"
    assert suggestion.reason == 'Replaces the weak opening "Responsible for" with "Managed".'
    assert suggestion.keywords == ()


@pytest.mark.parametrize(
    "bullet",
    ["Helped build the internal admin dashboard", "Helped with the billing migration", "Helped to write the playbook"],
)
def test_helped_never_becomes_sole_ownership(bullet):
    after = rewrite_of(bullet)
    assert after.startswith("Contributed to ")
    assert not re.match(r"(Built|Wrote|Delivered|Developed|Owned|Led)\b", after)


@pytest.mark.parametrize(
    "bullet",
    [
        "Worked on improving page load times",  # "Improved" would claim a result the line does not state
        "Worked on a team that shipped payroll features",
        "Helped the support team migrate to Zendesk",
        "Tasked with the quarterly audit of vendor contracts",
    ],
)
def test_opening_left_alone_when_the_rule_cannot_tell(bullet):
    assert rewrite_of(bullet) is None


def test_running_role_keeps_present_tense_for_new_verbs():
    others = ["Manage the payroll team of six", "Build monthly reports for finance"]
    assert rewrite_of("Responsible for maintaining the CI pipeline", end="present", others=others) == (
        "Maintain the CI pipeline"
    )


def test_running_role_written_in_past_tense_gets_past_verbs():
    others = ["Built the payroll service", "Led the weekly planning"]
    assert rewrite_of("Responsible for maintaining the CI pipeline", end="present", others=others) == (
        "Maintained the CI pipeline"
    )


# --- tense ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        ("Manage a team of 4 and oversee hiring", "Managed a team of 4 and oversaw hiring"),
        ("Build the data ingestion service for billing", "Built the data ingestion service for billing"),
        ("Lead a squad of five engineers", "Led a squad of five engineers"),
        ("Run the on-call rotation for three teams", "Ran the on-call rotation for three teams"),
        ("Write the weekly status report", "Wrote the weekly status report"),
        ("Design, build and test REST APIs in Python", "Designed, built and tested REST APIs in Python"),
        ("Leads the platform team and manages hiring", "Led the platform team and managed hiring"),
        ("Mentoring two junior engineers and running on-call", "Mentored two junior engineers and ran on-call"),
        ("Plan the quarterly roadmap with product", "Planned the quarterly roadmap with product"),
    ],
)
def test_present_tense_in_an_ended_role_goes_to_the_past(bullet, expected):
    assert rewrite_of(bullet) == expected


def test_tense_reason():
    suggestion = only(
        run(resume_with([role(["Manage a team of 4 and oversee hiring"])])), REWRITE, "experience.0.bullets.0"
    )
    assert suggestion.reason == 'Puts "Manage" in the past tense, as this role has ended.'


def test_running_role_may_stay_in_the_present():
    assert rewrite_of("Manage a team of 4 and oversee hiring", end="present") is None


def test_role_without_an_end_date_keeps_its_tense():
    assert rewrite_of("Manage a team of 4 and oversee hiring", end=None) is None


@pytest.mark.parametrize(
    "bullet",
    [
        "Test automation framework for the mobile app",  # a noun phrase, not the verb "test"
        "Lead engineer on the payments squad",
        "Leading provider integrations for the checkout flow",
        "Managing director of the regional office",
    ],
)
def test_noun_openings_are_not_conjugated(bullet):
    assert rewrite_of(bullet) is None


def test_a_list_of_nouns_after_the_verb_is_not_conjugated():
    # "builds and deploys" are plural nouns here; only the opening verb moves.
    assert rewrite_of("Manage clients, builds and deploys") == "Managed clients, builds and deploys"


# --- filler -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bullet", "expected"),
    [
        (
            "Successfully launched various new features in order to grow revenue, etc.",
            "Launched new features to grow revenue",
        ),
        ("Built a really fast cache for a number of very large reports", "Built a fast cache for large reports"),
        ("Basically, rewrote  the   import job", "Rewrote the import job"),
    ],
)
def test_filler_is_cut(bullet, expected):
    assert rewrite_of(bullet) == expected


def test_filler_reason_lists_the_words_cut():
    suggestion = only(
        run(resume_with([role(["Built a really fast cache for a number of very large reports"])])),
        REWRITE,
        "experience.0.bullets.0",
    )
    assert suggestion.reason == 'Cuts filler ("a number of", "very", "really").'


def test_etc_ending_a_sentence_keeps_its_full_stop():
    resume = resume_with(summary="Backend developer using Python, Go, etc. Mentor to junior engineers.")
    suggestion = only(run(resume), REWRITE, "summary.text")
    assert suggestion.after == "Backend developer using Python, Go. Mentor to junior engineers."


def test_duplicate_spaces_alone_are_tidied():
    assert rewrite_of("Shipped the  billing   export") == "Shipped the billing export"


def test_filler_never_touches_figures():
    after = rewrite_of("Successfully cut cloud costs by $40k (18%) in order to fund hiring")
    assert after == "Cut cloud costs by $40k (18%) to fund hiring"


# --- the job's term for a skill ---------------------------------------------------------------------------------


def test_alias_is_written_as_the_job_names_the_skill():
    suggestion = only(
        run(resume_with([role(["Deployed 12 services to k8s clusters"])])), REWRITE, "experience.0.bullets.0"
    )
    assert suggestion.after == "Deployed 12 services to Kubernetes clusters"
    assert suggestion.keywords == ("Kubernetes",)
    assert suggestion.reason == 'Uses the job\'s term "Kubernetes" for "k8s".'


def test_alias_left_alone_when_the_job_does_not_ask_for_the_skill():
    job = make_job("Backend Engineer\n\nRequirements:\n- Python and Django\n- PostgreSQL")
    assert rewrite_of("Deployed 12 services to k8s clusters", job=job) is None


def test_alias_left_alone_when_the_job_uses_the_same_word():
    job = make_job("Backend Engineer\n\nRequirements:\n- Python\n- Running services on k8s")
    assert "Kubernetes" in [row["skill"] for row in job.analysis["skills"]["required"]]
    assert rewrite_of("Deployed 12 services to k8s clusters", job=job) is None


def test_alias_left_alone_when_the_line_already_names_the_skill():
    assert rewrite_of("Ran 12 Kubernetes (k8s) clusters") is None


def test_alias_never_drops_words_of_a_longer_name():
    job = make_job("API Engineer\n\nRequirements:\n- REST\n- Python")
    assert "REST" in [row["skill"] for row in job.analysis["skills"]["required"]]
    assert rewrite_of("Built 30 REST APIs for partners", job=job) is None


def test_several_rules_on_one_line_make_one_rewrite():
    suggestions = run(resume_with([role(["Responsible for successfully migrating 40 cron jobs to k8s"])]))
    rewrites = [s for s in suggestions if s.kind == REWRITE]
    assert len(rewrites) == 1
    assert rewrites[0].after == "Migrated 40 cron jobs to Kubernetes"
    assert rewrites[0].reason == (
        'Cuts filler ("successfully"), replaces the weak opening "Responsible for" with "Migrated" and uses the '
        'job\'s term "Kubernetes" for "k8s".'
    )
    assert rewrites[0].keywords == ("Kubernetes",)


# --- missing figures --------------------------------------------------------------------------------------------


def test_bullet_without_a_figure_is_flagged_not_given_one():
    suggestions = run(resume_with([role(["Maintained the Django admin for support staff"])]))
    flag = only(suggestions, FLAG_METRIC, "experience.0.bullets.0")
    assert flag.before == flag.after == "Maintained the Django admin for support staff"
    assert "How much? How many? How fast?" in flag.reason
    assert flag.keywords == ("Django",)
    assert not re.search(r"\d", flag.reason)


@pytest.mark.parametrize(
    "bullet",
    [
        "Cut page load time by 30% for the storefront",
        "Saved $2M in yearly hosting costs",
        "Mentored three junior engineers through promotion",
        "Doubled signup conversion on the pricing page",
    ],
)
def test_bullet_with_a_figure_is_not_flagged(bullet):
    assert has_metric(bullet)
    assert only(run(resume_with([role([bullet])])), FLAG_METRIC, "experience.0.bullets.0") is None


def test_flags_never_carry_a_digit_the_bullet_lacks():
    suggestions = run(FULL_RESUME, "targeted")
    flags = [s for s in suggestions if s.kind == FLAG_METRIC]
    assert len(flags) >= 3
    for flag in flags:
        assert set(re.findall(r"\d", flag.after + flag.reason)) <= set(re.findall(r"\d", flag.before))


def test_very_short_lines_are_skipped():
    suggestions = run(resume_with([role(["Wrote  docs", "", "On-call"])]))
    assert suggestions == []


# --- strategies and invariants ----------------------------------------------------------------------------------


def test_conservative_changes_wording_only():
    kinds = {s.kind for s in run(FULL_RESUME, "conservative")}
    assert kinds == {REWRITE, FLAG_METRIC}


def test_targeted_adds_reorder_skills_and_summary():
    kinds = {s.kind for s in run(FULL_RESUME, "targeted")}
    assert kinds == {REWRITE, FLAG_METRIC, REORDER, ADD_SKILL, SUMMARY}


def test_targeted_includes_every_conservative_suggestion():
    conservative = run(FULL_RESUME, "conservative")
    targeted = run(FULL_RESUME, "targeted")
    assert [s for s in targeted if s.kind in (REWRITE, FLAG_METRIC)] == conservative


@pytest.mark.parametrize("strategy", ["conservative", "targeted"])
def test_output_is_deterministic(strategy):
    first = [s.to_dict() for s in run(FULL_RESUME, strategy)]
    again = [s.to_dict() for s in suggest(FULL_RESUME, make_job(), ANALYSIS, strategy, today=TODAY)]
    assert first == again
    assert first  # an empty answer would pass trivially


@pytest.mark.parametrize("strategy", ["conservative", "targeted"])
def test_suggestion_invariants(strategy):
    suggestions = run(FULL_RESUME, strategy)
    keys = [(s.path, s.kind) for s in suggestions]
    assert len(keys) == len(set(keys))  # one per path and kind
    for s in suggestions:
        assert (s.after == s.before) == (s.kind == FLAG_METRIC), s
        assert s.section == s.path.split(".")[0]
        assert s.reason.endswith(".")
        if s.kind in (REWRITE, FLAG_METRIC, SUMMARY, ADD_SKILL) or s.path.startswith("skills."):
            parse_path(s.path)  # an address resumes.editing accepts


def test_unknown_strategy_is_refused():
    with pytest.raises(ValueError, match="unknown strategy"):
        suggest(FULL_RESUME, JOB, ANALYSIS, "aggressive")


def test_full_resume_conservative_answer():
    got = [(s.kind, s.path, s.after) for s in run(FULL_RESUME, "conservative")]
    assert got == [
        (REWRITE, "summary.text", "Backend developer who loves building reliable systems with Python."),
        (REWRITE, "experience.0.bullets.1", "Maintain the CI pipeline"),
        (FLAG_METRIC, "experience.0.bullets.1", "Responsible for maintaining the CI pipeline"),
        (REWRITE, "experience.0.bullets.2", "Migrate cron jobs to Kubernetes and PostgreSQL"),
        (REWRITE, "experience.1.bullets.0", "Delivered the customer onboarding redesign"),
        (FLAG_METRIC, "experience.1.bullets.0", "Worked on the customer onboarding redesign"),
        (REWRITE, "experience.1.bullets.1", "Managed a team of 4 and oversaw hiring"),
        (REWRITE, "experience.1.bullets.2", "Contributed to building internal tools using Python"),
        (FLAG_METRIC, "experience.1.bullets.2", "Helped build internal tools using Python, etc."),
        (REWRITE, "projects.0.bullets.0", "Deployed a Terraform module for AWS accounts"),
        (FLAG_METRIC, "projects.0.bullets.0", "Successfully deployed a Terraform module for various AWS accounts"),
    ]


# --- order ------------------------------------------------------------------------------------------------------


def test_bullets_reordered_by_relevance_with_stable_ties():
    bullets = [
        "Wrote the hiring rubric for 3 roles",
        "Organised the team offsite for 20 people",
        "Built 5 React dashboards",  # preferred skill: weight 1
        "Moved 8 Django services onto Kubernetes",  # two required skills: weight 4
        "Tuned 30 PostgreSQL queries",  # one required skill: weight 2
    ]
    suggestion = only(run(resume_with([role(bullets)]), "targeted"), REORDER, "experience.0.bullets")
    assert suggestion.before == "\n".join(bullets)
    assert suggestion.after.split("\n") == [bullets[3], bullets[4], bullets[2], bullets[0], bullets[1]]
    assert suggestion.keywords == ("Django", "PostgreSQL", "Kubernetes", "React")


def test_bullets_already_in_order_are_not_reordered():
    bullets = ["Moved 8 Django services onto Kubernetes", "Tuned 30 PostgreSQL queries", "Ran 4 offsites"]
    assert not [s for s in run(resume_with([role(bullets)]), "targeted") if s.kind == REORDER]


def test_project_bullets_are_reordered_too():
    project = {"name": "Kit", "bullets": ["Wrote 3 blog posts", "Packaged 2 Terraform modules"], "end": "2023"}
    suggestion = only(run(resume_with(projects=[project]), "targeted"), REORDER, "projects.0.bullets")
    assert suggestion.after == "Packaged 2 Terraform modules\nWrote 3 blog posts"


def test_skill_items_required_then_preferred_then_rest():
    skills = [{"group": None, "items": ["Git", "React", "Jira", "Python", "Terraform", "k8s", "Docker"]}]
    suggestion = only(run(resume_with(skills=skills), "targeted"), REORDER, "skills.0.items")
    assert suggestion.after.split("\n") == ["Python", "k8s", "React", "Terraform", "Git", "Jira", "Docker"]
    assert suggestion.before == "Git\nReact\nJira\nPython\nTerraform\nk8s\nDocker"


# --- skills the experience shows --------------------------------------------------------------------------------


def test_skills_shown_in_experience_are_added_to_the_skills_section():
    resume = resume_with(
        [role(["Moved 8 Django services onto k8s", "Cached 40 hot queries in Redis", "Ported a React app to Vue"])],
        skills=[
            {"group": "Languages", "items": ["Python"]},
            {"group": "Frameworks", "items": ["Flask", "Vue.js"]},
            {"group": "Infrastructure", "items": ["Docker"]},
        ],
    )
    added = {s.path: s for s in run(resume, "targeted") if s.kind == ADD_SKILL}
    # Redis is shown but the job does not ask for it; PostgreSQL is asked for but the resume never shows it.
    assert {path: s.after.split("\n") for path, s in added.items()} == {
        "skills.1.items": ["Flask", "Vue.js", "Django", "React"],
        "skills.2.items": ["Docker", "Kubernetes"],
    }
    assert added["skills.1.items"].before == "Flask\nVue.js"
    assert added["skills.1.items"].keywords == ("Django", "React")


def test_added_skill_goes_to_a_broad_group_when_no_group_holds_its_kind():
    resume = resume_with(
        [role(["Moved 8 Django services to new hosts"])],
        skills=[{"group": "Languages", "items": ["Python"]}, {"group": "Tools", "items": ["Git"]}],
    )
    suggestion = only(run(resume, "targeted"), ADD_SKILL, "skills.1.items")
    assert suggestion.after == "Git\nDjango"
    assert only(run(resume, "targeted"), ADD_SKILL, "skills.0.items") is None


def test_no_skill_added_when_the_skills_section_lists_it_under_an_alias():
    resume = resume_with([role(["Moved 8 services onto Kubernetes"])], skills=[{"group": None, "items": ["k8s"]}])
    assert not [s for s in run(resume, "targeted") if s.kind == ADD_SKILL]


def test_no_skill_added_without_a_skills_section():
    resume = resume_with([role(["Moved 8 Django services onto Kubernetes"])])
    assert not [s for s in run(resume, "targeted") if s.kind == ADD_SKILL]


# --- summary ----------------------------------------------------------------------------------------------------


def test_summary_from_resume_facts_only():
    resume = resume_with(
        [
            role(["Moved 8 Django services onto Kubernetes"], start="2021-03", end="present", title="Backend Engineer"),
            role(["Tuned 30 PostgreSQL queries", "Built 5 Flask APIs"], start="2017-09", end="2021-06"),
            role(["Built Python tools"], start="2019-01", end="2019-12", title="Contractor"),  # inside the role above
        ],
        summary="Engineer.",
        skills=[{"group": None, "items": ["Python", "Go"]}],
    )
    suggestion = only(run(resume, "targeted"), SUMMARY, "summary.text")
    # 2017-09..2025-06 with the overlaps counted once: 94 months.
    assert (
        suggestion.after == "Backend Engineer with 7 years of experience in Python, Django, PostgreSQL and Kubernetes."
    )
    assert suggestion.before == "Engineer."
    assert suggestion.keywords == ("Python", "Django", "PostgreSQL", "Kubernetes")


def test_summary_holds_no_number_but_the_years_and_no_skill_outside_the_resume():
    suggestion = only(run(FULL_RESUME, "targeted"), SUMMARY, "summary.text")
    years = experience_years(FULL_RESUME["experience"], TODAY)
    assert re.findall(r"\d+", suggestion.after) == [str(years)]
    resume_text = "\n".join(
        [FULL_RESUME["summary"]["text"]]
        + [b for e in FULL_RESUME["experience"] for b in e["bullets"]]
        + [b for p in FULL_RESUME["projects"] for b in p["bullets"]]
        + [i for g in FULL_RESUME["skills"] for i in g["items"]]
    )
    resume_skills = {m.canonical for m in extract_skills(resume_text)}
    summary_skills = {m.canonical for m in extract_skills(suggestion.after)}
    assert summary_skills
    assert summary_skills <= resume_skills


def test_summary_written_when_there_is_none():
    resume = resume_with([role(["Tuned 30 PostgreSQL queries"], start="2020-01", end="2022-12", title="DBA")])
    suggestion = only(run(resume, "targeted"), SUMMARY, "summary.text")
    assert suggestion.before == ""
    assert suggestion.after == "DBA with 3 years of experience in PostgreSQL."


def test_summary_without_dates_leaves_the_years_out():
    resume = resume_with([role(["Tuned 30 PostgreSQL queries"], start=None, end=None, title="DBA")])
    suggestion = only(run(resume, "targeted"), SUMMARY, "summary.text")
    assert suggestion.after == "DBA experienced in PostgreSQL."
    assert not re.search(r"\d", suggestion.after)


def test_no_summary_without_facts_to_write_it_from():
    resume = resume_with([role(["Organised 3 offsites"], start=None, end=None, title=None)])
    assert only(run(resume, "targeted"), SUMMARY, "summary.text") is None


# --- dates ------------------------------------------------------------------------------------------------------


def test_experience_years_counts_overlaps_once_and_errs_short():
    experience = [
        {"start": "2016-02", "end": "2018-12"},  # 35 months, both ends counted
        {"start": "2018-06", "end": "2018-12"},  # inside the role above: nothing more
        {"start": "2021", "end": "2022"},  # a year without months counts from January: 12 months, not 13
        {"start": None, "end": "2015"},  # no start: not counted
    ]
    assert experience_years(experience, TODAY) == 3  # 47 months
    assert experience_years([{"start": None, "end": None}], TODAY) is None
    assert experience_years([{"start": "2024-01", "end": "present", "current": True}], TODAY) == 1  # 18 months


def test_latest_title_prefers_the_running_role():
    experience = [
        {"title": "Engineer II", "start": "2019-01", "end": "2021-01"},
        {"title": "Staff Engineer", "start": "2021-02", "end": "present", "current": True},
        {"title": "Intern", "start": "2018-06", "end": "2018-09"},
    ]
    assert latest_title(experience) == "Staff Engineer"
    assert latest_title([{"title": "A"}, {"title": "B"}]) == "A"


# --- found on real resumes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bullet",
    [
        # "Present" bled into the line from the date range: it is no verb, and "Presented Working" is nonsense.
        "Present Working on the development of the ChatGPT project, using Node.js and React.",
        "Present Developing intuitive and engaging user interfaces using React and Redux.",
        "present the quarterly roadmap to the board",
        # An opening followed by another capitalised verb-like word or a gerund is no verb of the line either.
        "Lead Developing the partner APIs for the checkout flow",
        "Manage Designed dashboards for the sales team",
        # A past form after a verb-or-noun word makes that word the subject: "Researched integrated" is nonsense.
        "Research integrated into Azure Cognitive Services, reducing training data requirements by 60%",
    ],
)
def test_no_tense_shift_when_the_opening_is_no_verb(bullet):
    assert rewrite_of(bullet) is None


def test_present_is_never_put_in_the_past():
    assert rewrite_of("Present the weekly metrics to the leadership team") is None


@pytest.mark.parametrize(
    "bullet",
    [
        "meet business goals and deadlines for the team.",  # the end of the line before, cut off by the parser
        "and UX designers. Led a team of engineers.",
        "responsible for the billing service and its on-call rotation",
    ],
)
def test_lines_opening_mid_sentence_keep_their_opening(bullet):
    assert rewrite_of(bullet) is None
    suggestions = run(resume_with([role([bullet])]))
    assert only(suggestions, FLAG_METRIC, "experience.0.bullets.0") is not None  # still flagged


def test_cut_filler_opening_a_sentence_passes_on_its_capital():
    after = rewrite_of("Led a team of developers. Successfully delivered 6 projects within budget.")
    assert after == "Led a team of developers. Delivered 6 projects within budget."
    assert rewrite_of("Basically rewrote the import job. Very quickly shipped it.") == (
        "Rewrote the import job. Quickly shipped it."
    )


ML_JOB = make_job(
    "Machine Learning Engineer\n\nRequirements:\n- Machine learning in production\n- Microservices on AWS\n"
    "- Problem solving\n- Test-driven development\n- Python\n"
)


@pytest.mark.parametrize(
    "bullet",
    [
        "Built a Kafka consumer microservice for email notifications",  # "Microservices" would break the grammar
        "Deployed machine learning models for ride allocation",  # only the case would change
        "Assisted in troubleshooting and software debugging for 3 teams",  # troubleshooting is not problem solving
        "Designed the infrastructure on the AWS cloud for 2 regions",  # the job writes "AWS" too
    ],
)
def test_job_terms_never_change_grammar_or_meaning(bullet):
    after = rewrite_of(bullet, job=ML_JOB)
    assert after is None or (
        "Microservices" not in after
        and "Machine learning" not in after
        and "roblem solving" not in after
        and "Amazon Web Services" not in after
    ), after


def test_an_abbreviated_common_term_is_spelled_out_in_lower_case():
    assert rewrite_of("Introduced TDD to 4 teams", job=ML_JOB) == "Introduced test-driven development to 4 teams"


RICH_SUMMARY = (
    "Highly experienced Senior Backend Developer with 8 years of experience in developing high-performance backend "
    "systems using Java, Python, and Spring Boot. Proven track record of improving system efficiency, reducing "
    "deployment time, and mentoring junior developers. Strong problem-solving skills and excellent leadership skills."
)


def backend_resume(summary: str, *, title="Senior Backend Developer") -> dict:
    return resume_with(
        [
            role(["Moved 8 Django services onto Kubernetes"], start="2013-03", end="present", title=title),
            role(["Tuned 30 PostgreSQL queries"], start="2010-01", end="2013-02", title="Developer"),
        ],
        summary=summary,
        skills=[{"group": None, "items": ["Python", "Java", "Spring Boot"]}],
    )


def test_summary_that_names_the_title_and_skills_is_left_alone():
    python_job = make_job("Senior Backend Engineer\n\nRequirements:\n- Python\n- Go\n")
    assert only(run(backend_resume(RICH_SUMMARY), "targeted", job=python_job), SUMMARY, "summary.text") is None


def test_summary_keeps_the_users_sentences_and_years():
    suggestion = only(run(backend_resume(RICH_SUMMARY), "targeted"), SUMMARY, "summary.text")
    # The dates add up to 15 years; the summary says 8: the suggestion repeats the user's figure, never its own.
    assert re.findall(r"\d+", suggestion.after) == ["8"]
    first, _, rest = suggestion.after.partition(". ")
    assert first == "Senior Backend Developer with 8 years of experience in Python, Django, PostgreSQL and Kubernetes"
    assert rest == (
        "Proven track record of improving system efficiency, reducing deployment time, and mentoring junior "
        "developers. Strong problem-solving skills and excellent leadership skills."
    )
    assert suggestion.reason.startswith("Replaces your opening sentence with one written only from your resume")
    assert '("8 years")' in suggestion.reason
    assert suggestion.reason.endswith("The rest of your summary stays as you wrote it.")


def test_summary_leaves_years_out_when_a_kept_sentence_states_them():
    summary = "Seasoned SRE leader seeking new challenges. With 15+ years of hands-on software engineering."
    suggestion = only(run(backend_resume(summary), "targeted"), SUMMARY, "summary.text")
    assert suggestion.after == (
        "Senior Backend Developer experienced in Python, Django, PostgreSQL and Kubernetes. " + summary
    )
    assert re.findall(r"\d+", suggestion.after) == ["15"]
    assert suggestion.reason.startswith("Adds before your summary one written only from your resume")


def test_summary_writes_common_skill_names_in_lower_case():
    resume = resume_with(
        [role(["Shipped 3 machine learning models with Python"], start="2020-01", end="2022-12", title="ML Engineer")]
    )
    suggestion = only(run(resume, "targeted", job=ML_JOB), SUMMARY, "summary.text")
    assert suggestion.after == "ML Engineer with 3 years of experience in machine learning and Python."


REALISTIC_RESUME = {
    **backend_resume(RICH_SUMMARY),
    "contact": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "experience": [
        role(
            [
                "Present Working on the development of the billing platform using Django and k8s.",
                "Responsible for maintaining the CI pipeline for 12 services",
                "and UX designers. Led a team of 5 engineers.",
                "Research integrated into 3 products, reducing costs by 20%",
            ],
            start="2019-01",
            end="2023-06",
            title="Senior Backend Developer",
            company="Acme",
        ),
        role(["Successfully built a Kafka consumer microservice", "Assisted in troubleshooting"], start="2015-01"),
    ],
}


@pytest.mark.parametrize("job", [JOB, ML_JOB])
def test_every_suggestion_on_a_realistic_resume_passes_the_guard(job):
    from optimize.guard import check

    suggestions = run(REALISTIC_RESUME, "targeted", job=job)
    assert {s.kind for s in suggestions} >= {REWRITE, FLAG_METRIC, SUMMARY}
    for suggestion in suggestions:
        verdict = check(REALISTIC_RESUME, suggestion)
        assert verdict.allowed, (suggestion, verdict.violations)


def test_latest_title_is_not_lost_to_an_unread_start_date():
    experience = [
        {"title": "Machine Learning Engineer", "start": None, "end": "2021"},
        {"title": "Data Scientist", "start": "2018", "end": "2021"},
    ]
    assert latest_title(experience) == "Machine Learning Engineer"
