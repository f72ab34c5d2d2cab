"""Cover letters cost credits on request (billing on): a cached letter is free, a regenerated one is charged, one
that fails on our side is refunded once, and with no credits nothing is created."""

from __future__ import annotations

import pytest

from billing import services as billing
from billing.models import CreditLedgerEntry
from jobs.generate import services
from jobs.models import CoverLetter
from optimize.ai import chain
from tests.billing.factories import account
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description

pytestmark = pytest.mark.django_db


def test_a_letter_is_charged_once_and_a_cached_one_is_free(billing_on, owner):
    account(owner, 2)
    resume, jd = make_resume(owner), job_description(owner)
    letter, created = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert created and billing.balance(owner) == 1
    assert CreditLedgerEntry.objects.get(reason="generation").reference_id == str(letter.id)
    services.letter_run(letter_id=str(letter.id))
    again, created = services.letter_request(user=owner, resume=resume, job_description=jd)
    assert (again.id, created) == (letter.id, False) and billing.balance(owner) == 1  # the cache costs nothing
    services.letter_request(user=owner, resume=resume, job_description=jd, force=True)  # "Regenerate"
    assert billing.balance(owner) == 0


def test_with_no_credits_no_letter_is_created(billing_on, owner):
    account(owner, 0)
    with pytest.raises(services.LetterError) as refused:
        services.letter_request(user=owner, resume=make_resume(owner), job_description=job_description(owner))
    assert refused.value.code == "insufficient_credits" and "costs 1 credit and you have 0" in refused.value.message
    assert not CoverLetter.objects.exists()


def test_a_letter_that_fails_on_our_side_is_refunded_once(billing_on, owner, monkeypatch):
    account(owner, 1)
    letter, _ = services.letter_request(user=owner, resume=make_resume(owner), job_description=job_description(owner))
    assert billing.balance(owner) == 0

    def broken(*args, **kwargs):
        raise RuntimeError("provider exploded")

    monkeypatch.setattr(chain, "run_cover_letter", broken)
    services.letter_run(letter_id=str(letter.id))
    letter.refresh_from_db()
    assert letter.status == CoverLetter.Status.FAILED and billing.balance(owner) == 1
    services._refund(letter)  # a second failure path (a redelivery) gives nothing more
    assert billing.balance(owner) == 1
    assert CreditLedgerEntry.objects.filter(reason="refund").count() == 1


def test_the_letter_form_shows_the_cost_before_submitting(billing_on, owner_client, owner, settings):
    from django.urls import reverse

    account(owner, 2)
    make_resume(owner)
    url = reverse("jobs:letter_new")
    jd = job_description(owner)
    assert "A new letter costs 1 credit" in owner_client.get(url, {"jd": jd.id}).content.decode()
    settings.BILLING_ENABLED = False
    assert "credit-cost" not in owner_client.get(url, {"jd": jd.id}).content.decode()
