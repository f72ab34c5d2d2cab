import re

import pytest

from optimize.models import Optimization, OptimizedVersion
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description
from tests.optimize.factories import RESUME

pytestmark = pytest.mark.browser


def test_optimise_review_change_by_change_and_make_a_version(page, owner, worker):
    resume = make_resume(owner)
    resume.parsed_sections = RESUME
    resume.title = "Ada — Backend"
    resume.save()
    jd = job_description(owner)
    log_in(page, owner.email, PASSWORD)

    # From the job description's page, "Tailor my resume to this" opens the form with the job chosen.
    page.goto(f"/jobs/{jd.id}/")
    page.get_by_role("button", name="Tailor my resume to this").click()
    page.get_by_label("Targeted: wording, order and summary").check()
    page.get_by_role("button", name="Score and suggest").click()
    page.wait_for_url(re.compile(r"/optimize/[0-9a-f-]{36}/$"))
    # The progress polls until the review replaces it.
    page.get_by_label("Match score").wait_for()
    optimization = Optimization.objects.get(user=owner)
    assert optimization.status == "completed" and optimization.strategy == "targeted"
    assert page.get_by_text(f"{optimization.score}/100").is_visible()
    screenshot(page, "optimize-review")

    # Accept the first rewrite in place (HTMX), then make a version.
    first = page.locator("article.suggestion-pending").filter(has=page.locator("ins")).first
    first.get_by_role("button", name="Accept").click()
    page.locator("article.suggestion-accepted").first.wait_for()
    page.get_by_role("button", name=re.compile(r"Make a version with 1 accepted change")).click()
    page.wait_for_url(re.compile(r"/optimize/versions/[0-9a-f-]{36}/$"))
    version = OptimizedVersion.objects.get(user=owner)
    assert page.get_by_label("Score before and after").inner_text().startswith("Score")
    assert page.get_by_text("Changes applied (1)").is_visible()
    inserted = page.locator("ins").first.inner_text().strip()
    assert inserted and inserted in version.diff[0]["after"]
    screenshot(page, "optimize-version")
    assert page.console_errors == []
