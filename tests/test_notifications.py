"""E-mail notifications: every e-mail rendered in our layout (subject, both parts, links that resolve, headers),
only to a verified address, through the real worker; "finished while you were away" exactly once, never while
the page is polling. Unsubscribing is in tests/test_unsubscribe.py."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone

from accounts import notifications
from accounts.models import DataExport
from accounts.services import profile_for
from tests.conftest import PASSWORD, make_user

SITE = "https://careeragent.example"

HREF = re.compile(r'href="([^"]+)"')
TEXT_URL = re.compile(r"https?://\S+")


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def links(message) -> list[str]:
    """Every link of the message: the hrefs of the HTML part and the URLs of the text part."""
    found = [unescape(href) for href in HREF.findall(html_of(message))]
    found += TEXT_URL.findall(message.body)
    return found


def check_links(message, *, site: str = SITE, elsewhere: tuple[str, ...] = ()) -> list[str]:
    """Every link is absolute, on `site` (or starts with one of `elsewhere`), and names a URL of ours.

    Returns the paths (with their query) of the links on the site, to GET where that means something.
    """
    paths = []
    for link in links(message):
        if link.startswith(elsewhere) and elsewhere:
            continue
        assert link.startswith(f"{site}/"), f"{link} is not an absolute link to {site}"
        parts = urlsplit(link)
        resolve(parts.path)  # raises Resolver404 for a link to nowhere
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert 'href="/' not in html_of(message), "a relative link"
    return paths


def check_layout(message, *, subject: str, kind: str, to: str, site_name: str = "Career Agent") -> None:
    """Subject, recipient, both parts in our layout, and the headers of its kind."""
    assert message.subject == subject
    assert message.to == [to]
    html = html_of(message)
    assert html.lstrip().startswith("<!doctype html>") and 'role="presentation"' in html
    assert site_name in html and site_name in message.body
    assert "Your e-mail settings" in html and "Your e-mail settings" in message.body
    assert "{{" not in html + message.body and "{%" not in html + message.body  # nothing left unrendered
    headers = message.extra_headers
    assert headers["X-Career-Agent-Kind"] == kind
    if kind in ("account", "receipt"):
        assert "List-Unsubscribe" not in headers and "List-Unsubscribe-Post" not in headers
        assert "Unsubscribe" not in html and "Unsubscribe" not in message.body
    else:
        url = unsubscribe_link(message)
        assert headers["List-Unsubscribe"] == f"<{url}>"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in message.body  # the same link in both parts


def unsubscribe_link(message) -> str:
    """The footer's unsubscribe link of the HTML part."""
    match = re.search(r'<a href="([^"]+)"[^>]*>Unsubscribe from', html_of(message))
    assert match, "no unsubscribe link in the footer"
    return unescape(match.group(1))


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    return SITE


# --- Who gets e-mail ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_a_verified_primary_address_of_an_active_user_is_written_to(owner):
    assert notifications.recipient(owner) == owner.email
    unverified = make_user("unverified@example.com", verified=False)
    assert notifications.recipient(unverified) is None
    # A verified second address is not the primary one: still nothing.
    EmailAddress.objects.create(user=unverified, email="second@example.com", verified=True, primary=False)
    assert notifications.recipient(unverified) is None
    # The primary one, once verified, is used even when it differs from user.email.
    moved = make_user("moved@example.com")
    EmailAddress.objects.filter(user=moved).update(primary=False)
    EmailAddress.objects.create(user=moved, email="new-primary@example.com", verified=True, primary=True)
    assert notifications.recipient(moved) == "new-primary@example.com"
    # No EmailAddress row marked primary: user.email if (and only if) it is verified.
    EmailAddress.objects.filter(user=owner).update(primary=False)
    assert notifications.recipient(owner) == owner.email
    owner.is_active = False
    owner.save()
    assert notifications.recipient(owner) is None


@pytest.mark.django_db
def test_an_unverified_address_gets_nothing(django_capture_on_commit_callbacks):
    user = make_user("unverified@example.com", verified=False)
    with django_capture_on_commit_callbacks() as callbacks:
        for kind in sorted(notifications.KINDS):
            assert notifications.notify(user, kind, subject="Hi", template="emails/data_export_ready") is False
    assert callbacks == []


@pytest.mark.django_db
def test_a_kind_turned_off_is_not_sent_and_essential_kinds_always_are(owner, site):
    profile = profile_for(owner)
    profile.notify_job_finished = False
    profile.notify_reminders = False
    profile.notify_matches = "off"
    profile.save()
    for kind in ("job_finished", "reminders", "matches", "product_news"):
        assert notifications.compose(owner, kind, subject="x", template="emails/data_export_ready") is None, kind
    for kind in ("account", "receipt"):
        message = notifications.compose(owner, kind, subject="x", template="emails/data_export_ready")
        assert message is not None and message.extra_headers["X-Career-Agent-Kind"] == kind
        assert "List-Unsubscribe" not in message.extra_headers
    with pytest.raises(ValueError):
        notifications.notify(owner, "spam", subject="x", template="emails/data_export_ready")


@pytest.mark.django_db
def test_non_essential_mail_carries_the_one_click_headers(owner, site):
    profile = profile_for(owner)
    profile.notify_product_news = True
    profile.save()
    message = notifications.compose(
        owner, "product_news", subject="News", template="emails/data_export_ready", context={"export": None}
    )
    headers = message.extra_headers
    assert headers["List-Unsubscribe"].startswith(f"<{SITE}/account/unsubscribe/?token=")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == "Career Agent Product news <product-news.careeragent.example>"
    assert headers["Auto-Submitted"] == "auto-generated"
    # The headers survive the trip through the broker as JSON.
    from accounts.services import email_from_payload, email_to_payload

    again = email_from_payload(email_to_payload(message)).message()
    assert again["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert again["List-Unsubscribe"] == headers["List-Unsubscribe"]


# --- The digests ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_tracker_digest_is_in_the_layout_and_its_links_resolve(owner, client, site):
    from tests.tracker.factories import application, reminder
    from tracker.digest import build_digest, digest_message

    app = application(owner, company="Globex", role="Data Engineer")
    reminder(owner, app, title="Send the thank-you note", due_on=timezone.localdate())
    message = digest_message(build_digest(owner))
    check_layout(message, subject="1 follow-up due today", kind="reminders", to=owner.email)
    assert "You get this e-mail because the daily digest is on." in message.body
    paths = check_links(message)
    assert reverse("tracker:detail", args=[app.id]) in paths and reverse("tracker:reminders") in paths
    client.force_login(owner)
    for path in paths:
        if "unsubscribe" not in path:
            assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_the_match_digest_is_in_the_layout_and_its_links_resolve(owner, client, site):
    from jobs.insights.digest import build_match_digest, match_digest_message
    from jobs.models import Match, MatchProfile
    from tests.jobs.factories import job_posting

    profile = profile_for(owner)
    profile.notify_matches = "daily"
    profile.save()
    MatchProfile.objects.get_or_create(user=owner, defaults={"threshold": 60})
    now = timezone.now()
    posting = job_posting("Platform Engineer", company="Initech", first_seen_at=now, last_seen_at=now, posted_at=now)
    Match.objects.create(user=owner, posting=posting, score=81, breakdown={})
    message = match_digest_message(build_match_digest(owner, now))
    check_layout(message, subject="1 new job match for you", kind="matches", to=owner.email)
    assert "new-match e-mails are on (daily)" in message.body
    paths = check_links(message)
    assert reverse("jobs:posting_detail", args=[posting.id]) in paths
    client.force_login(owner)
    for path in paths:
        if "unsubscribe" not in path:
            assert client.get(path).status_code == 200, path


# --- Finished while you were away (through the real worker) ---------------------------------------------------


@pytest.fixture
def cv(owner):
    from tests.factories import resume as make_resume
    from tests.optimize.factories import RESUME

    item = make_resume(owner)
    item.parsed_sections = RESUME
    item.save()
    return item


def _optimize(owner, cv):
    from optimize import services
    from tests.jobs.factories import job_description

    optimization, _ = services.optimization_request(user=owner, resume=cv, job_description=job_description(owner))
    return optimization


@pytest.mark.worker
def test_an_optimization_finished_while_away_sends_one_email(worker, owner, cv, client, site):
    from optimize import services
    from optimize.models import Optimization

    optimization = _optimize(owner, cv)
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "completed"
    [message] = mail.outbox
    subject = f"Your optimization for {optimization.job_title} at {optimization.job_company} is ready"
    check_layout(message, subject=subject, kind="job_finished", to=owner.email)
    assert "waiting for your review" in message.body
    paths = check_links(message)
    detail = reverse("optimize:detail", args=[optimization.id])
    assert detail in paths
    client.force_login(owner)
    assert client.get(detail).status_code == 200

    # The finishing path runs again (a run recovered from a dead worker): still one e-mail.
    Optimization.objects.filter(id=optimization.id).update(
        status="generating", started_at=timezone.now() - timedelta(hours=1)
    )
    assert services.requeue_stuck(stuck_after=timedelta(minutes=5)) == 1
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "completed" and optimization.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_no_email_while_the_page_is_polling(worker, owner, owner_client, cv, site):
    # The page polls the status view before the worker can finish (the message goes out on commit).
    with transaction.atomic():
        optimization = _optimize(owner, cv)
        assert owner_client.get(reverse("optimize:status", args=[optimization.id])).status_code == 200
    worker.drain()
    optimization.refresh_from_db()
    assert optimization.status == "completed"
    assert mail.outbox == []


@pytest.mark.worker
def test_submitting_from_the_form_counts_as_being_on_the_page(worker, owner, owner_client, cv, site):
    from optimize.models import Optimization
    from tests.jobs.factories import job_description

    data = {"resume": cv.id, "job_description": job_description(owner).id, "strategy": "targeted"}
    with transaction.atomic():  # the message goes out when this commits, after the view has answered
        assert owner_client.post(reverse("optimize:create"), data).status_code == 302
    worker.drain()
    assert Optimization.objects.get().status == "completed"
    assert mail.outbox == []


@pytest.mark.worker
def test_a_failed_optimization_while_away_says_so(worker, owner, cv, site, monkeypatch):
    from optimize.ai import chain

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(chain, "run_suggest", broken)
    optimization = _optimize(owner, cv)
    worker.drain()
    [message] = mail.outbox
    subject = f"Your optimization for {optimization.job_title} at {optimization.job_company} failed"
    check_layout(message, subject=subject, kind="job_finished", to=owner.email)
    assert "Nothing was lost" in message.body and "Nothing was lost" in html_of(message)
    assert reverse("optimize:detail", args=[optimization.id]) in check_links(message)


def _letter(owner, cv):
    from jobs.generate import services
    from tests.jobs.factories import job_description

    letter, _ = services.letter_request(user=owner, resume=cv, job_description=job_description(owner))
    return letter


@pytest.mark.worker
def test_a_cover_letter_written_while_away_sends_one_email(worker, owner, cv, client, site):
    from jobs.generate import services

    letter = _letter(owner, cv)
    worker.drain()
    letter.refresh_from_db()
    assert letter.status == "completed"
    [message] = mail.outbox
    subject = f"Your cover letter for {letter.job_title} at {letter.job_company} is ready"
    check_layout(message, subject=subject, kind="job_finished", to=owner.email)
    assert f'from "{letter.resume_label}"' in message.body
    detail = reverse("jobs:letter_detail", args=[letter.id])
    assert detail in check_links(message)
    client.force_login(owner)
    assert client.get(detail).status_code == 200

    # Claimed again (a redelivered message finds it done and does nothing): still one e-mail.
    assert services.letter_run(letter_id=str(letter.id)) is None
    worker.drain()
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_a_cover_letter_watched_on_its_page_sends_nothing(worker, owner, owner_client, cv, site):
    with transaction.atomic():  # the message goes out on commit, after the page has polled
        letter = _letter(owner, cv)
        assert owner_client.get(reverse("jobs:letter_status", args=[letter.id])).status_code == 200
    worker.drain()
    letter.refresh_from_db()
    assert letter.status == "completed"
    assert mail.outbox == []


@pytest.mark.worker
def test_a_cover_letter_that_failed_while_away_says_so(worker, owner, cv, site, monkeypatch):
    from optimize.ai import chain

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(chain, "run_cover_letter", broken)
    letter = _letter(owner, cv)
    worker.drain()
    letter.refresh_from_db()
    assert letter.status == "failed"
    [message] = mail.outbox
    check_layout(
        message,
        subject=f"Your cover letter for {letter.job_title} at {letter.job_company} failed",
        kind="job_finished",
        to=owner.email,
    )
    assert "could not be written" in message.body and "given back" in html_of(message)


@pytest.mark.worker
def test_turning_job_emails_off_stops_them(worker, owner, cv, site):
    profile = profile_for(owner)
    profile.notify_job_finished = False
    profile.save()
    _optimize(owner, cv)
    worker.drain()
    assert mail.outbox == []


@pytest.mark.worker
def test_a_data_export_ready_while_away_sends_one_email(worker, owner, client, site):
    from accounts import services

    export = services.data_export_request(user=owner)
    worker.drain()
    export.refresh_from_db()
    assert export.status == "completed"
    [message] = mail.outbox
    check_layout(message, subject="Your data is ready to download", kind="job_finished", to=owner.email)
    assert "(UTC)" in message.body  # the expiry, in the user's zone
    paths = check_links(message)
    assert reverse("accounts:data") in paths
    client.force_login(owner)
    assert client.get(reverse("accounts:data")).status_code == 200
    assert services.data_export_build(export_id=str(export.id)) is None  # a second build does nothing
    worker.drain()
    assert len(mail.outbox) == 1


@pytest.mark.worker
def test_a_data_export_watched_on_its_page_sends_nothing(worker, owner, owner_client, site):
    with transaction.atomic():  # the message goes out when this commits, after the view has answered
        assert owner_client.post(reverse("accounts:data")).status_code == 302
    worker.drain()
    assert DataExport.objects.get().status == "completed"
    assert mail.outbox == []


def _pdf_export(owner):
    from resumes import exports
    from tests.factories import resume as make_resume

    return exports.export_request(user=owner, resume=make_resume(owner), fmt="pdf")


@pytest.mark.worker
def test_a_resume_export_that_failed_while_away_sends_one_email(worker, owner, site, monkeypatch):
    from resumes import exports

    def broken(*args, **kwargs):
        raise RuntimeError("no printer")

    monkeypatch.setattr(exports, "render_bytes", broken)
    artifact = _pdf_export(owner)
    worker.drain()
    artifact.refresh_from_db()
    assert artifact.status == "failed"
    [message] = mail.outbox
    check_layout(message, subject="Your PDF could not be made", kind="job_finished", to=owner.email)
    assert reverse("resumes:artifact", args=[artifact.id]) in check_links(message)


@pytest.mark.worker
@pytest.mark.browser
def test_a_resume_pdf_ready_while_away_sends_one_email(worker, owner, client, site):
    import os

    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("/usr/bin/chromium is missing")
    artifact = _pdf_export(owner)
    worker.drain()
    artifact.refresh_from_db()
    assert artifact.status == "completed", artifact.error_message
    [message] = mail.outbox
    check_layout(message, subject="Your PDF is ready to download", kind="job_finished", to=owner.email)
    page = reverse("resumes:artifact", args=[artifact.id])
    assert page in check_links(message)
    client.force_login(owner)
    assert client.get(page).status_code == 200


@pytest.mark.worker
def test_an_export_whose_page_is_polling_sends_nothing(worker, owner, owner_client, site, monkeypatch):
    from resumes import exports

    monkeypatch.setattr(exports, "render_bytes", lambda *args, **kwargs: b"%PDF-1.4 not really")
    monkeypatch.setattr(exports, "_read_back", lambda data, export: {})
    with transaction.atomic():  # the page polls before the worker can finish (the message goes out on commit)
        artifact = _pdf_export(owner)
        assert owner_client.get(reverse("resumes:artifact_status", args=[artifact.id])).status_code == 200
    worker.drain()
    artifact.refresh_from_db()
    assert artifact.status == "completed"
    assert mail.outbox == []


# --- allauth's e-mails, in our layout -------------------------------------------------------------------------


@pytest.fixture
def testserver(settings):
    """allauth builds its links from the request; the footer's come from SITE_URL: one host for both."""
    settings.SITE_URL = "http://testserver"
    return "http://testserver"


@pytest.mark.worker
def test_the_signup_confirmation_is_in_our_layout_and_its_link_works(worker, client, testserver):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    worker.drain()
    [message] = mail.outbox
    check_layout(
        message, subject="[Career Agent] Welcome - confirm your e-mail address", kind="account", to="new@example.com"
    )
    paths = check_links(message, site=testserver)
    [confirm] = {path for path in paths if path.startswith("/accounts/confirm-email/")}  # button, text, plain part
    assert f'href="{testserver}{confirm}"' in html_of(message)  # the button
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(email="new@example.com").verified


@pytest.mark.worker
def test_a_resent_confirmation_is_in_our_layout(worker, testserver):
    from allauth.account.models import EmailAddress as Address
    from django.test import Client

    user = make_user("later@example.com", verified=False)
    browser = Client()
    browser.force_login(user)
    response = browser.post(reverse("account_email"), {"action_send": "", "email": "later@example.com"})
    assert response.status_code == 302
    worker.drain()
    [message] = mail.outbox
    check_layout(message, subject="[Career Agent] Confirm your e-mail address", kind="account", to=user.email)
    assert "later@example.com" in message.body
    [confirm] = {p for p in check_links(message, site=testserver) if p.startswith("/accounts/confirm-email/")}
    assert browser.post(confirm).status_code == 302
    assert Address.objects.get(email="later@example.com").verified


@pytest.mark.worker
def test_the_password_reset_is_in_our_layout_and_its_link_works(worker, client, owner, testserver):
    assert client.post(reverse("account_reset_password"), {"email": owner.email}).status_code == 302
    worker.drain()
    [message] = mail.outbox
    check_layout(message, subject="[Career Agent] Reset your password", kind="account", to=owner.email)
    [reset] = {p for p in check_links(message, site=testserver) if p.startswith("/accounts/password/reset/key/")}
    response = client.get(reset, follow=True)
    assert response.status_code == 200 and b"password1" in response.content


@pytest.mark.worker
def test_a_reset_for_an_unknown_address_is_in_our_layout(worker, client, testserver):
    assert client.post(reverse("account_reset_password"), {"email": "nobody@example.com"}).status_code == 302
    worker.drain()
    [message] = mail.outbox
    check_layout(
        message, subject="[Career Agent] No account with this e-mail address", kind="account", to="nobody@example.com"
    )
    paths = check_links(message, site=testserver)
    assert reverse("account_signup") in paths
    assert client.get(reverse("account_signup")).status_code == 200


ALLAUTH_TEMPLATES = [
    (
        "account_already_exists",
        {
            "email": "a@example.com",
            "password_reset_url": "http://testserver/accounts/password/reset/",
            "signup_url": "http://testserver/accounts/signup/",
        },
    ),
    ("email_changed", {"from_email": "a@example.com", "to_email": "b@example.com"}),
    ("email_confirm", {"email": "a@example.com"}),
    ("email_deleted", {"deleted_email": "a@example.com"}),
    ("password_changed", {}),
    ("password_reset", {}),
    ("password_set", {}),
    ("login_code", {"code": "ABC123"}),
    ("password_reset_code", {"code": "ABC123"}),
    ("email_confirmation", {"code": "ABC123"}),
]


@pytest.mark.parametrize(("name", "extra"), ALLAUTH_TEMPLATES, ids=[name for name, _ in ALLAUTH_TEMPLATES])
@pytest.mark.django_db
def test_every_other_allauth_email_renders_in_our_layout(name, extra, owner, rf, testserver):
    """The e-mails the flows above do not send (security notices, codes) render through the adapter too."""
    from allauth.account.adapter import get_adapter
    from allauth.core import context as allauth_context

    request = rf.get("/")
    request.user = owner
    context = {"user": owner, "timestamp": timezone.now(), "ip": "203.0.113.9", "user_agent": "Firefox", **extra}
    with allauth_context.request_context(request):
        adapter = get_adapter(request)
        message = adapter.render_mail(
            f"account/email/{name}",
            owner.email,
            {**notifications.layout_context("account"), "email": owner.email, **context},
            headers=notifications.headers_for("account"),
        )
    assert message.subject.startswith("[Career Agent] ") and message.subject[15:16].isupper()
    check_layout(message, subject=message.subject, kind="account", to=owner.email)
    check_links(message, site=testserver)
    if "code" in extra:
        assert "ABC123" in message.body and "ABC123" in html_of(message)
    for value in extra.values():
        if "@" in value:
            assert value in message.body
