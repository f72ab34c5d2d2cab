"""The billing page, the admin and the grant_credits command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from billing import services
from billing.models import CreditAccount, CreditLedgerEntry
from tests.billing.factories import account
from tests.factories import resume as make_resume

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="x" * 20)
    client.force_login(admin)
    return client


def test_it_shows_the_balance_and_history(billing_on, owner_client, owner):
    from optimize.models import Optimization

    account(owner, 5)
    optimization = Optimization.objects.create(user=owner, resume=make_resume(owner), job_title="Backend")
    services.spend(user=owner, amount=1, reason="optimization", reference=optimization)
    response = owner_client.get(reverse("billing:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<strong id="credit-balance">4 credits</strong>' in page
    assert "Free allowance" in page and "Optimization" in page and "-1" in page
    assert reverse("optimize:detail", args=[optimization.id]) in page
    assert "Buying credits is not available" in page and "No purchases yet" in page


def test_it_shows_only_the_users_own_entries(billing_on, owner_client, owner, stranger):
    services.grant(user=stranger, amount=7, note="stranger's secret grant")
    page = owner_client.get(reverse("billing:index")).content.decode()
    assert "stranger&#x27;s secret grant" not in page and "stranger's secret grant" not in page


def test_a_bad_page_number_is_page_one(billing_on, owner_client):
    assert owner_client.get(reverse("billing:index") + "?page=x").status_code == 200


def test_it_is_404_when_billing_is_off(settings, owner_client):
    settings.BILLING_ENABLED = False
    assert owner_client.get(reverse("billing:index")).status_code == 404


def test_it_needs_a_login_and_only_get(billing_on, owner_client):
    from django.test import Client

    assert Client().get(reverse("billing:index")).status_code == 302
    assert owner_client.post(reverse("billing:index")).status_code == 405


def test_the_admin_pages_render(billing_on, admin_client, owner):
    account(owner, 2)
    entry = CreditLedgerEntry.objects.filter(user=owner).first()
    for url in (
        reverse("admin:billing_creditaccount_changelist") + "?q=owner@",
        reverse("admin:billing_creditaccount_change", args=[CreditAccount.objects.get(user=owner).pk]),
        reverse("admin:billing_creditledgerentry_changelist") + "?reason__exact=grant",
        reverse("admin:billing_creditledgerentry_change", args=[entry.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_the_admin_grant_action_asks_then_grants(billing_on, admin_client, owner):
    pk = account(owner, 2).pk
    url = reverse("admin:billing_creditaccount_changelist")
    data = {"action": "grant_credits", "_selected_action": [pk]}
    form = admin_client.post(url, data)
    assert form.status_code == 200 and "Grant or adjust credits" in form.content.decode()
    done = admin_client.post(url, {**data, "apply": "1", "amount": "5", "note": "goodwill"})
    assert done.status_code == 302
    entry = CreditLedgerEntry.objects.filter(user=owner).first()
    assert (entry.reason, entry.delta, entry.balance_after, entry.note) == ("grant", 5, 7, "goodwill")
    assert entry.created_by.email == "admin@example.com"
    admin_client.post(url, {**data, "apply": "1", "amount": "-100", "note": "too much"})
    assert services.balance(owner) == 7  # refused: never below 0


def test_ledger_entries_cannot_be_changed_in_the_admin(billing_on, admin_client, owner):
    services.ensure_account(owner)
    entry = CreditLedgerEntry.objects.get(user=owner)
    url = reverse("admin:billing_creditledgerentry_change", args=[entry.pk])
    admin_client.post(url, {"delta": "100", "reason": "grant", "balance_after": "100"})
    entry.refresh_from_db()
    assert entry.delta == 3
    assert admin_client.get(reverse("admin:billing_creditledgerentry_add")).status_code == 403


def test_the_command_grants_and_adjusts(billing_on, owner):
    out = StringIO()
    call_command("grant_credits", "OWNER@example.com", "10", "--note", "beta tester", stdout=out)
    assert "+10 credits, balance now 13" in out.getvalue()
    call_command("grant_credits", "owner@example.com", "-3", stdout=out)
    assert services.balance(owner) == 10
    with pytest.raises(CommandError, match="only 10 credits"):
        call_command("grant_credits", "owner@example.com", "-11")
    with pytest.raises(CommandError, match="No user"):
        call_command("grant_credits", "nobody@example.com", "1")


def test_the_command_refuses_when_billing_is_off(settings, owner):
    settings.BILLING_ENABLED = False
    with pytest.raises(CommandError, match="switched off"):
        call_command("grant_credits", "owner@example.com", "1")
