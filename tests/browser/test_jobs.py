import re

import pytest

from jobs.models import JobDescription
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

POSTING = """Senior Backend Engineer
Northwind Analytics — Remote (EU time zones)

About the role
You will build the APIs behind our reporting product.

Requirements
- 5+ years of experience with Python and PostgreSQL
- Experience running services on AWS with Docker and Kubernetes

Nice to have
- Familiarity with Kafka or dbt

Salary: €70,000 \u2013 €85,000 per year. Full-time.
"""


def test_paste_a_job_description_and_read_its_analysis(page, owner):
    log_in(page, owner.email, PASSWORD)
    page.get_by_role("link", name="Jobs").click()
    box = page.get_by_label("Job description:", exact=True)
    if not box.is_visible():
        page.get_by_text("Paste the text").click()
    box.fill(POSTING)
    page.get_by_role("button", name="Add and analyse").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    jd = JobDescription.objects.get(user=owner)
    required = {item["skill"] for item in jd.analysis["skills"]["required"]}
    preferred = {item["skill"] for item in jd.analysis["skills"]["preferred"]}
    assert {"Python", "PostgreSQL", "Kubernetes"} <= required
    assert "dbt" in preferred
    page.get_by_text("Kubernetes").first.wait_for()
    screenshot(page, "job-description-analysis")
    assert page.console_errors == []
