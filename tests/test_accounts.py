from __future__ import annotations

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import DataExport, Profile, User
from tests.conftest import PASSWORD, make_user


def signup(client, email="new@example.com"):
    return client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_sends_a_verification_mail_from_the_worker(client, worker):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    worker.drain()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert Profile.objects.filter(user__email="new@example.com").exists()


def test_an_unverified_user_cannot_log_in(client, worker):
    signup(client)
    client.logout()
    response = client.post(reverse("account_login"), {"login": "new@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_the_verification_link_verifies_and_logs_in(client, worker):
    signup(client)
    worker.drain()
    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.com").verified
    assert client.get(reverse("dashboard")).status_code == 200


def test_uploads_need_a_verified_address(client, db):
    user = make_user("unverified@example.com", verified=False)
    client.force_login(user)
    response = client.get(reverse("resumes:index"))
    # allauth's gate answers with the "verify your e-mail" page instead of the resumes area.
    assert response.status_code == 200
    assert b"verify" in response.content.lower()
    assert b"You have no resumes yet" not in response.content


def test_a_verified_user_reaches_the_resumes_area(owner_client):
    response = owner_client.get(reverse("resumes:index"))
    assert response.status_code == 200
    assert b"Resumes" in response.content


def test_passwords_are_hashed_with_argon2(owner):
    assert owner.password.startswith("argon2")


def test_the_profile_page_saves_profile_and_preferences(owner_client, owner):
    response = owner_client.post(
        reverse("accounts:settings"),
        {
            "full_name": "Olive Owner",
            "headline": "Data engineer",
            "location": "Berlin",
            "target_roles": "Data Engineer, analytics engineer , Data Engineer",
            "remote": "remote",
            "min_salary": "90000",
            "salary_currency": "eur",
            "paper_size": "a4",
            "no_reply_days": "14",
            "timezone": "Europe/Berlin",
            "notify_matches": "daily",
            "notify_job_finished": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=owner)
    assert profile.full_name == "Olive Owner"
    assert profile.target_roles == ["Data Engineer", "analytics engineer"]
    assert profile.preferences["min_salary"] == 90000
    assert profile.preferences["salary_currency"] == "EUR"
    assert profile.preference("no_reply_days") == 14
    assert profile.preference("timezone") == "Europe/Berlin"
    assert profile.notify_matches == "daily" and profile.notify_reminders is False


def test_the_profile_page_explains_a_bad_value(owner_client):
    response = owner_client.post(
        reverse("accounts:settings"), {"salary_currency": "12$", "no_reply_days": "0", "timezone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert b"three-letter currency" in response.content
    assert b"Mars/Olympus is not one of the available choices" in response.content
    assert b"greater than or equal to 1" in response.content


def test_changing_email_needs_reauthentication(owner_client):
    response = owner_client.post(reverse("account_email"), {"action_add": "", "email": "new-address@example.com"})
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert not EmailAddress.objects.filter(email="new-address@example.com").exists()


def test_password_reset_sends_a_link(client, owner, worker):
    response = client.post(reverse("account_reset_password"), {"email": owner.email})
    assert response.status_code == 302
    worker.drain()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_data_export_polls_until_ready_then_downloads_only_my_data(owner_client, owner, stranger, worker):
    response = owner_client.post(reverse("accounts:data"))
    assert response.status_code == 302
    export = DataExport.objects.get(user=owner)
    worker.drain()
    export.refresh_from_db()
    assert export.status == DataExport.Status.COMPLETED

    status = owner_client.get(reverse("accounts:data_export_status", args=[export.id]), HTTP_HX_REQUEST="true")
    assert status.status_code == 286  # htmx stops polling
    assert b"Download" in status.content

    download = owner_client.get(reverse("accounts:data_export_download", args=[export.id]))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    data = json.loads(b"".join(download.streaming_content))
    assert data["account"]["email"] == owner.email
    assert stranger.email not in json.dumps(data)


def test_a_pending_export_keeps_polling(owner_client, owner):
    export = DataExport.objects.create(user=owner)
    response = owner_client.get(reverse("accounts:data_export_status", args=[export.id]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b'hx-trigger="every 1s"' in response.content


def test_a_second_request_reuses_the_queued_export(owner_client, owner):
    owner_client.post(reverse("accounts:data"))
    owner_client.post(reverse("accounts:data"))
    assert DataExport.objects.filter(user=owner).count() == 1


def test_building_twice_does_the_work_once(owner, worker):
    from accounts.services import data_export_build

    export = DataExport.objects.create(user=owner)
    assert data_export_build(export_id=str(export.id)) is not None
    assert data_export_build(export_id=str(export.id)) is None  # a redelivered message finds it claimed


def test_a_worker_killed_mid_export_is_recovered_at_start_up(owner, worker):
    from django.utils import timezone

    from accounts.services import data_export_requeue_stuck

    stuck = DataExport.objects.create(
        user=owner, status=DataExport.Status.RUNNING, started_at=timezone.now() - timezone.timedelta(hours=1)
    )
    assert data_export_requeue_stuck() == 1
    worker.drain()
    stuck.refresh_from_db()
    assert stuck.status == DataExport.Status.COMPLETED


def test_deleting_the_account_removes_rows_and_files(owner_client, owner, worker):
    from django.core.files.storage import default_storage

    owner_client.post(reverse("accounts:data"))
    worker.drain()
    export = DataExport.objects.get(user=owner)
    assert default_storage.exists(export.file.name)
    # allauth asks for the password again before a destructive action.
    response = owner_client.post(reverse("accounts:delete"), {"confirm_email": owner.email})
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert User.objects.filter(id=owner.id).exists()

    owner_client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = owner_client.post(reverse("accounts:delete"), {"confirm_email": owner.email})
    assert response.status_code == 302
    assert not User.objects.filter(id=owner.id).exists()
    assert not DataExport.objects.filter(id=export.id).exists()
    assert not default_storage.exists(export.file.name)


def test_deletion_refuses_a_wrong_confirmation(owner_client, owner):
    owner_client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = owner_client.post(reverse("accounts:delete"), {"confirm_email": "someone@else.com"})
    assert response.status_code == 200
    assert User.objects.filter(id=owner.id).exists()


@pytest.mark.parametrize("name", ["accounts:settings", "accounts:data", "accounts:delete"])
def test_account_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_google_sign_in_appears_only_when_configured(client, db, settings):
    assert b"Google" not in client.get(reverse("account_login")).content
    providers = {**settings.SOCIALACCOUNT_PROVIDERS}
    providers["google"] = {
        **providers["google"],
        "APPS": [{"client_id": "client-123.apps.example", "secret": "s3cret", "key": ""}],
    }
    settings.SOCIALACCOUNT_PROVIDERS = providers
    html = client.get(reverse("account_login")).content.decode()
    assert "Google" in html
    assert "/accounts/google/login/" in html


def test_repeated_failed_logins_are_rate_limited(client, owner):
    # allauth's limits count in the cache: after five failures for one address the sixth is refused.
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": owner.email, "password": "wrong password"})
        assert b"Too many failed login attempts" not in response.content
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_data_export_holds_every_apps_data_and_nobody_elses(owner, stranger, settings):
    from accounts.services import collect_user_data
    from billing import services as billing
    from tests.factories import resume
    from tests.jobs.factories import cover_letter, job_description

    settings.BILLING_ENABLED = True
    for user in (owner, stranger):
        letter = cover_letter(user)  # with its resume and job description
        billing.grant(user=user, amount=5, note=f"welcome {user.email}")
    second = resume(owner)
    second.title = "Second resume"
    second.save()
    deleted = resume(owner)
    deleted.title, deleted.deleted_at = "Deleted resume", deleted.created_at
    deleted.save()
    job_description(owner)

    data = json.loads(json.dumps(collect_user_data(owner), default=str))
    assert sorted(r["title"] for r in data["resumes"]["resumes"]) == sorted(
        [letter.resume.title, "Second resume"]
    )  # the deleted one is on its way out
    assert len(data["jobs"]["job_descriptions"]) == 2
    assert [c["text"] for c in data["jobs"]["cover_letters"]] == [c.text for c in type(letter).objects.for_user(owner)]
    assert data["billing"]["balance"] == billing.balance(owner)
    assert [e["note"] for e in data["billing"]["credit_history"] if e["reason"] == "grant"][-1] == (
        f"welcome {owner.email}"
    )
    assert stranger.email not in json.dumps(data)
