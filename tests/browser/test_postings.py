import re

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.jobs.factories import job_posting

pytestmark = pytest.mark.browser


def test_live_search_narrows_postings_and_keeps_a_shareable_url(page, owner):
    job_posting("Senior Python Developer", description_text="Django and PostgreSQL services.")
    job_posting("Product Designer", company="Pixel Co", description_text="Figma and user research.")
    job_posting("Data Engineer", description_text="Airflow pipelines in Python.")
    log_in(page, owner.email, PASSWORD)
    page.goto("/jobs/postings/")
    page.get_by_text("Product Designer").wait_for()

    page.get_by_role("searchbox").fill("python")
    page.wait_for_url(re.compile(r"[?&]q=python"))
    page.get_by_text("Product Designer").wait_for(state="detached")
    assert page.get_by_role("link", name="Senior Python Developer").is_visible()
    assert page.get_by_role("link", name="Data Engineer").is_visible()
    screenshot(page, "postings-live-search")

    page.reload()  # the URL alone reproduces the search
    assert page.get_by_role("link", name="Senior Python Developer").is_visible()
    assert page.get_by_text("Product Designer").count() == 0
    assert page.console_errors == []
