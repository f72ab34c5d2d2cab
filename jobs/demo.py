# ruff: noqa: RUF001, E501  (sample postings: typographic dashes and one line per paragraph, as real ones)
"""Demo data for `manage.py seed_demo`: two fictional job descriptions and a demo job board of twelve fictional
postings (invented companies and people), so a new user sees a populated job list."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jobs import services
from jobs.models import JobDescription, JobSource

BACKEND = """Senior Backend Engineer (Python)
Harbourline Logistics — Lisbon, Portugal (Hybrid, 2 days a week in the office)
Full-time · €65,000 – €80,000 per year

About us
Harbourline Logistics builds the software that small freight forwarders use to book, track and invoice shipments across Europe. We are a team of 40, profitable, and growing carefully.

What you will do
- Design and build the APIs behind our booking and tracking products.
- Own services from design to production: code, tests, deployment and on-call.
- Improve the performance of our PostgreSQL queries as our data grows.
- Mentor two mid-level engineers and review their code.

What we are looking for
- 5+ years of professional experience building web backends.
- Strong Python and Django, including the ORM and migrations.
- Solid SQL and PostgreSQL experience.
- Experience with Docker and CI/CD pipelines.
- Clear written English; you will work with colleagues in four countries.

Nice to have
- Experience with Kubernetes is a plus.
- Familiarity with Redis and background job queues.
- Exposure to Terraform or other infrastructure-as-code tools.

Benefits
- 25 days of paid holiday, plus local public holidays.
- Learning budget of €1,500 per year.
- Health insurance for you and your family.
"""

DATA = """Data Analyst
Northwind Health Cooperative — Remote (Europe)
Contract, 12 months · £350 – £420 per day

About us
Northwind Health Cooperative runs community clinics. We need a data analyst to help our operations team understand patient waiting times and staff schedules.

Responsibilities
- Build and maintain dashboards in Tableau for the operations team.
- Write SQL to answer questions from clinic managers.
- Clean and combine data from our scheduling system and spreadsheets.
- Present findings to non-technical colleagues.

Requirements
- 3+ years of experience as a data analyst.
- Excellent SQL and Excel skills.
- Experience with Python (pandas) for data cleaning.
- Good communication skills and attention to detail.

Preferred
- Experience in healthcare or the public sector is a bonus.
- Knowledge of statistics and A/B testing would be great.
"""

SAMPLES = (
    {
        "title": "Senior Backend Engineer (Python)",
        "company": "Harbourline Logistics",
        "location": "Lisbon, Portugal",
        "text": BACKEND,
    },
    {"title": "Data Analyst", "company": "Northwind Health Cooperative", "location": "Remote (Europe)", "text": DATA},
)


DEMO_SOURCE = "Demo board (fictional postings)"

# (title, company, location, workplace, salary min, max, currency, period, days ago, skills sentence)
POSTINGS = (
    (
        "Senior Python Developer",
        "Harbourline Logistics",
        "Lisbon, Portugal",
        "hybrid",
        65000,
        80000,
        "EUR",
        "year",
        1,
        "Python, Django and PostgreSQL",
    ),
    (
        "Data Engineer",
        "Northwind Health Cooperative",
        "Remote (Europe)",
        "remote",
        55000,
        70000,
        "GBP",
        "year",
        2,
        "Python, SQL, Airflow and dbt",
    ),
    (
        "Frontend Engineer (React)",
        "Copperleaf Studio",
        "Amsterdam, Netherlands",
        "hybrid",
        60000,
        75000,
        "EUR",
        "year",
        3,
        "React, TypeScript and CSS",
    ),
    (
        "DevOps Engineer",
        "Bluefin Payments",
        "Remote (US)",
        "remote",
        130000,
        160000,
        "USD",
        "year",
        4,
        "Kubernetes, Terraform and AWS",
    ),
    (
        "Machine Learning Engineer",
        "Larkspur Labs",
        "London, United Kingdom",
        "onsite",
        80000,
        100000,
        "GBP",
        "year",
        5,
        "Python, PyTorch and Docker",
    ),
    (
        "Backend Engineer (Go)",
        "Tidewater Energy",
        "Berlin, Germany",
        "hybrid",
        70000,
        85000,
        "EUR",
        "year",
        6,
        "Go, PostgreSQL and Kafka",
    ),
    (
        "Product Designer",
        "Copperleaf Studio",
        "Remote (Europe)",
        "remote",
        50000,
        65000,
        "EUR",
        "year",
        8,
        "Figma and user research",
    ),
    (
        "Data Analyst",
        "Meadowbank Retail",
        "Manchester, United Kingdom",
        "hybrid",
        38000,
        45000,
        "GBP",
        "year",
        9,
        "SQL, Excel and Tableau",
    ),
    (
        "Site Reliability Engineer",
        "Bluefin Payments",
        "New York, NY",
        "onsite",
        150000,
        180000,
        "USD",
        "year",
        11,
        "Linux, Prometheus and Kubernetes",
    ),
    (
        "Full Stack Developer",
        "Oakridge Learning",
        "Remote (Worldwide)",
        "remote",
        None,
        None,
        "",
        "",
        13,
        "JavaScript, Node.js, React and PostgreSQL",
    ),
    (
        "QA Automation Engineer",
        "Tidewater Energy",
        "Berlin, Germany",
        "hybrid",
        55000,
        65000,
        "EUR",
        "year",
        15,
        "Python, Playwright and CI/CD",
    ),
    (
        "Engineering Manager",
        "Larkspur Labs",
        "London, United Kingdom",
        "hybrid",
        110000,
        130000,
        "GBP",
        "year",
        20,
        "Python, AWS and team leadership",
    ),
)


def _posting_text(title, company, location, skills) -> str:
    return (
        f"{title}\n{company} — {location}\n\n"
        f"About us\n{company} is a fictional company invented for this demo. We are a small, friendly team.\n\n"
        "Responsibilities\n- Build and improve the products our customers use every day.\n"
        "- Work closely with design, product and support.\n- Review code and share what you learn.\n\n"
        f"Requirements\n- 3+ years of professional experience.\n- Strong skills in {skills}.\n"
        "- Clear written English.\n\n"
        "Nice to have\n- Experience with Docker is a plus.\n\n"
        "Benefits\n- 25 days of paid holiday.\n- A yearly learning budget.\n"
    )


def seed_postings() -> str:
    """The demo board and its twelve postings; running it again changes nothing (ingest's upsert is idempotent)."""
    from jobs.ingest import upsert
    from jobs.sources import NormalizedPosting

    source, _ = JobSource.objects.get_or_create(
        name=DEMO_SOURCE, defaults={"kind": "feed", "enabled": False, "schedule": JobSource.Schedule.MANUAL}
    )
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    postings = []
    for i, (title, company, location, workplace, low, high, currency, period, days, skills) in enumerate(POSTINGS):
        slug = f"demo-{i + 1:02d}"
        postings.append(
            NormalizedPosting(
                source_id=slug,
                title=title,
                company=company,
                location=location,
                remote=workplace == "remote",
                workplace=workplace,
                salary_min=low,
                salary_max=high,
                salary_currency=currency or None,
                salary_period=period or None,
                description_text=_posting_text(title, company, location, skills),
                apply_url=f"https://jobs.example.com/{slug}",
                url=f"https://jobs.example.com/{slug}",
                posted_at=today - timedelta(days=days),
                employment_type="full_time",
            )
        )
    with transaction.atomic():
        result = upsert(source=source, postings=postings)
    return f"{result.new} demo postings added" if result.new else "demo postings already there"


def seed(user) -> str:
    postings = seed_postings()
    created = 0
    for sample in SAMPLES:
        mine = JobDescription.objects.for_user(user)
        if mine.filter(title=sample["title"], company=sample["company"]).exists():
            continue
        services.jd_create_from_text(user=user, **sample)
        created += 1
    summary = f"{created} sample job descriptions added" if created else "sample job descriptions already there"
    # Matches for the demo resume, scored now: the demo opens on a full matches page, not on "Scoring...".
    from jobs.matching.rescore import rescore_user
    from jobs.matching.services import match_profile_for

    match_profile_for(user)
    kept = rescore_user(user_id=user.id, force=True) or 0
    return f"{summary}; {postings}; {kept} matches scored"
