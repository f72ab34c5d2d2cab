"""A cover letter in a real browser: the letter, its highlights and questions, and the Copy button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.jobs.factories import cover_letter

pytestmark = pytest.mark.browser


def test_the_letter_page_copies_the_letter(page, owner):
    letter = cover_letter(owner)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, owner.email, PASSWORD)
    page.goto(reverse("jobs:letter_detail", args=[letter.id]))
    text = page.locator("#letter-text").input_value()
    assert text.startswith("Dear Acme Analytics") and "Sam Sample" in text  # the job's company, the resume's name
    copy = page.get_by_role("button", name="Copy")
    assert copy.is_visible()  # shown by app.js where the clipboard can be written (hidden without JavaScript)
    copy.click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text
    screenshot(page, "cover-letter")
    assert page.console_errors == []
