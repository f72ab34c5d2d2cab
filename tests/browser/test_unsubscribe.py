"""Unsubscribing from a digest in a real browser, signed out, from the link an e-mail carries."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from accounts import notifications
from accounts.services import profile_for
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_link_asks_first_then_turns_the_digest_off(page, owner):
    link = urlsplit(notifications.unsubscribe_url(owner, "reminders"))
    page.goto(f"{link.path}?{link.query}")
    assert page.get_by_role("heading", name="Unsubscribe from").is_visible()
    assert profile_for(owner).notify_reminders is True  # opening the link changes nothing
    screenshot(page, "unsubscribe-ask")
    page.get_by_role("button", name="Unsubscribe").click()
    page.get_by_text("unsubscribed", exact=False).first.wait_for()
    assert profile_for(owner).notify_reminders is False
    assert profile_for(owner).notify_matches != "off"  # only the kind the link was for
    screenshot(page, "unsubscribe-done")
    assert page.console_errors == []
