"""One-click unsubscribe: the link in the footer and the List-Unsubscribe header, the page a link scanner sees
(nothing changes on GET), the mail client's RFC 8058 POST, bad links, and the settings page it leads to."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import notifications
from accounts.services import profile_for
from tests.conftest import make_user
from tests.test_notifications import SITE, check_layout, unsubscribe_link

pytestmark = pytest.mark.django_db

FIELDS = {
    "job_finished": ("notify_job_finished", True, False),
    "reminders": ("notify_reminders", True, False),
    "matches": ("notify_matches", "weekly", "off"),
    "product_news": ("notify_product_news", True, False),
}


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    return SITE


def path_of(url: str) -> str:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == SITE
    return f"{parts.path}?{parts.query}"


def mail_of(user, kind: str):
    return notifications.compose(user, kind, subject="Something", template="emails/data_export_ready")


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_the_footer_link_unsubscribes_after_one_confirming_click(kind, owner, site):
    field, on, off = FIELDS[kind]
    profile = profile_for(owner)
    setattr(profile, field, on)
    profile.save()
    message = mail_of(owner, kind)
    check_layout(message, subject="Something", kind=kind, to=owner.email)
    url = path_of(unsubscribe_link(message))

    browser = Client(enforce_csrf_checks=True)  # a stranger's browser: not signed in, no CSRF cookie
    page = browser.get(url)  # what a link scanner does
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Unsubscribe from {notifications.LABELS[kind]}?".replace("'", "&#x27;") in html
    assert '<button type="submit">Unsubscribe</button>' in html
    profile.refresh_from_db()
    assert getattr(profile, field) == on, "a GET must not unsubscribe"

    done = browser.post(url, {"token": url.split("token=")[1]})
    assert done.status_code == 200
    html = done.content.decode()
    assert "You're unsubscribed from" in html
    settings_link = reverse("accounts:settings") + f"?unsubscribed={kind}#notifications"
    assert f'href="{settings_link}"' in html
    profile.refresh_from_db()
    assert getattr(profile, field) == off
    assert mail_of(owner, kind) is None
    assert notifications.notify(owner, kind, subject="x", template="emails/data_export_ready") is False


def test_the_mail_clients_one_click_post_works_without_csrf_or_cookies(owner, site):
    message = mail_of(owner, "reminders")
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    url = path_of(header[1:-1])
    # RFC 8058: a POST to the List-Unsubscribe URL with exactly this body.
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert profile_for(owner).notify_reminders is False
    # Again: still fine (idempotent), still off.
    assert (
        Client().post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    assert profile_for(owner).notify_reminders is False


def test_unsubscribing_from_one_kind_leaves_the_others(owner, site):
    Client().post(path_of(unsubscribe_link(mail_of(owner, "matches"))))
    profile = profile_for(owner)
    assert profile.notify_matches == "off"
    assert profile.notify_reminders is True and profile.notify_job_finished is True
    assert mail_of(owner, "reminders") is not None


def test_the_digest_stops_after_unsubscribing(owner, site, django_capture_on_commit_callbacks):
    from tests.tracker.factories import reminder
    from tracker.digest import build_digest, digest_message, send_digest

    reminder(owner, due_on=timezone.localdate())
    message = digest_message(build_digest(owner))
    Client().post(path_of(unsubscribe_link(message)))
    with django_capture_on_commit_callbacks() as callbacks:
        assert send_digest(owner) is False
    assert callbacks == []


def _bad_tokens(owner) -> dict[str, str]:
    good = notifications.unsubscribe_token(owner, "reminders")
    return {
        "tampered": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "other kind swapped in": signing.dumps({"u": str(owner.pk), "k": "matches"}, salt="wrong salt"),
        "essential kind": signing.dumps({"u": str(owner.pk), "k": "account"}, salt=notifications.UNSUBSCRIBE_SALT),
        "receipt kind": signing.dumps({"u": str(owner.pk), "k": "receipt"}, salt=notifications.UNSUBSCRIBE_SALT),
        "not a user id": signing.dumps({"u": "nobody", "k": "reminders"}, salt=notifications.UNSUBSCRIBE_SALT),
        "garbage": "not-a-token",
        "empty": "",
    }


@pytest.mark.parametrize(
    "case", ["tampered", "other kind swapped in", "essential kind", "receipt kind", "not a user id", "garbage", "empty"]
)
def test_a_bad_link_answers_400_with_a_clear_page_and_changes_nothing(case, owner):
    token = _bad_tokens(owner)[case]
    url = reverse("accounts:unsubscribe") + f"?token={token}"
    for method in ("get", "post"):
        response = getattr(Client(), method)(url)
        assert response.status_code == 400, (case, method)
        assert "This unsubscribe link is not valid" in response.content.decode()
        assert "Nothing was changed" in response.content.decode()
    profile = profile_for(owner)
    assert profile.notify_reminders is True and profile.notify_matches == "weekly"


def test_a_link_for_a_deleted_account_is_refused(site):
    user = make_user("gone@example.com")
    url = path_of(unsubscribe_link(mail_of(user, "reminders")))
    user.delete()
    assert Client().post(url).status_code == 400


def test_essential_kinds_have_no_unsubscribe_token(owner):
    for kind in ("account", "receipt"):
        with pytest.raises(ValueError):
            notifications.unsubscribe_token(owner, kind)
        with pytest.raises(ValueError):
            notifications.turn_off(owner, kind)


def test_tokens_do_not_expire_and_name_one_user(owner, stranger):
    token = notifications.unsubscribe_token(owner, "reminders")
    assert notifications.read_unsubscribe_token(token) == (owner, "reminders")
    assert notifications.unsubscribe_token(stranger, "reminders") != token


def test_only_get_and_post(owner):
    url = reverse("accounts:unsubscribe") + f"?token={notifications.unsubscribe_token(owner, 'reminders')}"
    assert Client().put(url).status_code == 405


# --- The settings page ----------------------------------------------------------------------------------------


def test_settings_say_which_emails_are_essential(owner_client, owner):
    html = owner_client.get(reverse("accounts:settings")).content.decode()
    assert 'id="notifications"' in html
    assert "essential and always sent" in html and "purchase receipts" in html
    assert owner.email in html
    assert "We can't e-mail you until you verify" not in html


def test_settings_warn_an_unverified_address(client):
    user = make_user("unverified@example.com", verified=False)
    client.force_login(user)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert "We can't e-mail you until you verify your address" in html
    assert f'href="{reverse("account_email")}"' in html


def test_the_unsubscribe_page_lands_on_the_settings(owner_client):
    html = owner_client.get(reverse("accounts:settings") + "?unsubscribed=reminders").content.decode()
    assert "You're unsubscribed." in html
    assert "You're unsubscribed." not in owner_client.get(reverse("accounts:settings")).content.decode()
