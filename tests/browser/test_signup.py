import re

import pytest
from django.core import mail

from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_sign_up_verify_log_in_and_reach_the_dashboard(page, worker):
    page.goto("/")
    page.get_by_role("button", name="Create a free account").click()
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up", exact=True).click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    worker.drain()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()

    page.get_by_text("Account", exact=True).click()
    page.get_by_role("button", name="Log out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()
    assert page.url.endswith("/dashboard/")
    assert page.get_by_role("link", name="Resumes").is_visible()
    screenshot(page, "dashboard-after-signup")
    assert page.console_errors == []


def test_the_landing_page_renders_without_errors(page):
    page.goto("/")
    page.get_by_role("heading", name=re.compile("From")).wait_for()
    screenshot(page, "landing")
    assert page.console_errors == []
