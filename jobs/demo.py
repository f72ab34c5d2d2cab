# ruff: noqa: RUF001, E501  (sample postings: typographic dashes and one line per paragraph, as real ones)
"""Demo data for `manage.py seed_demo`: two fictional job descriptions (invented companies and people)."""

from jobs import services
from jobs.models import JobDescription

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


def seed(user) -> str:
    created = 0
    for sample in SAMPLES:
        mine = JobDescription.objects.for_user(user)
        if mine.filter(title=sample["title"], company=sample["company"]).exists():
            continue
        services.jd_create_from_text(user=user, **sample)
        created += 1
    return f"{created} sample job descriptions added" if created else "sample job descriptions already there"
