"""The optimize gate: a submit spends credits in the same transaction as the run; a run that fails on our side
is refunded once, one the user caused is not."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from billing import services as billing
from billing.models import CreditLedgerEntry
from optimize import services
from optimize.models import Optimization
from tests.billing.factories import account
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description
from tests.optimize.factories import RESUME

pytestmark = pytest.mark.django_db


@pytest.fixture
def resume(owner):
    item = make_resume(owner)
    item.parsed_sections = RESUME
    item.save()
    return item


def submit(client, resume, jd, **extra):
    data = {"resume": resume.id, "job_description": jd.id, "strategy": "targeted", **extra}
    return client.post(reverse("optimize:create"), data)


def test_the_form_shows_the_cost_and_balance_before_submitting(billing_on, owner_client, owner, resume):
    account(owner, 4)
    page = owner_client.get(reverse("optimize:index")).content.decode()
    assert "This costs 1 credit; you have 4." in page


def test_switched_off_the_form_shows_no_cost_and_spends_nothing(settings, owner_client, owner, resume):
    settings.BILLING_ENABLED = False
    assert "This costs" not in owner_client.get(reverse("optimize:index")).content.decode()
    assert submit(owner_client, resume, job_description(owner)).status_code == 302
    assert Optimization.objects.count() == 1 and not CreditLedgerEntry.objects.exists()


def test_with_no_credits_the_submit_is_refused_and_creates_nothing(billing_on, owner_client, owner, resume):
    account(owner, 0)
    response = submit(owner_client, resume, job_description(owner))
    assert response.status_code == 400
    page = response.content.decode()
    assert "An optimization costs 1 credit and you have 0" in page
    assert f'href="{reverse("billing:index")}">Go to billing' in page
    assert Optimization.objects.count() == 0
    assert not CreditLedgerEntry.objects.filter(reason="optimization").exists()


def test_a_submit_spends_one_credit_for_its_run(billing_on, owner_client, owner, resume):
    account(owner, 2)
    response = submit(owner_client, resume, job_description(owner))
    optimization = Optimization.objects.get()
    assert response.status_code == 302
    spend = CreditLedgerEntry.objects.get(reason="optimization")
    assert (spend.delta, spend.balance_after) == (-1, 1)
    assert (spend.reference_type, spend.reference_id) == ("optimize.Optimization", str(optimization.id))
    assert billing.balance(owner) == 1


def test_asking_again_within_the_window_does_not_charge_twice(billing_on, owner, resume):
    account(owner, 5)
    jd = job_description(owner)
    services.optimization_request(user=owner, resume=resume, job_description=jd)
    _, created = services.optimization_request(user=owner, resume=resume, job_description=jd)
    assert not created and billing.balance(owner) == 4


def test_a_run_failing_on_our_side_is_refunded_once(billing_on, owner, resume, monkeypatch):
    from optimize.ai import chain
    from optimize.ai.types import ProviderError

    def broken(*args, **kwargs):
        raise ProviderError("the provider is down")

    monkeypatch.setattr(chain, "run_suggest", broken)
    account(owner, 1)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=job_description(owner))
    assert billing.balance(owner) == 0
    services.optimization_run(optimization_id=str(optimization.id))
    optimization.refresh_from_db()
    assert optimization.status == "failed" and optimization.error_code in services.REFUNDED_ERRORS
    # The failure path running again (a redelivered message, a retry) refunds nothing more.
    services._finish(optimization, Optimization.Status.FAILED, time.perf_counter())
    (refund,) = CreditLedgerEntry.objects.filter(reason="refund")
    assert refund.reference_id == str(optimization.id) and refund.delta == 1
    assert billing.balance(owner) == 1


def test_a_failure_the_user_caused_is_not_refunded(billing_on, owner, resume):
    account(owner, 1)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=job_description(owner))
    optimization.error_code = "empty_job"
    services._finish(optimization, Optimization.Status.FAILED, time.perf_counter())
    assert not CreditLedgerEntry.objects.filter(reason="refund").exists()
    assert billing.balance(owner) == 0


def test_a_completed_run_keeps_its_charge(billing_on, owner, resume):
    account(owner, 1)
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=job_description(owner))
    services.optimization_run(optimization_id=str(optimization.id))
    optimization.refresh_from_db()
    assert optimization.status == "completed", optimization.error_message
    assert billing.balance(owner) == 0 and not CreditLedgerEntry.objects.filter(reason="refund").exists()
