"""The ledger: opening balance, spends, refunds, grants and adjustments, and the switched-off mode."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.db.models import Sum

from billing import services
from billing.models import CreditAccount, CreditLedgerEntry
from tests.billing.factories import account
from tests.factories import resume as make_resume

pytestmark = pytest.mark.django_db


def ledger_sum(user) -> int:
    return CreditLedgerEntry.objects.filter(user=user).aggregate(total=Sum("delta"))["total"] or 0


def test_it_opens_an_account_with_the_free_allowance_once(billing_on, owner):
    assert services.balance(owner) == 3
    assert services.balance(owner) == 3
    (entry,) = CreditLedgerEntry.objects.filter(user=owner)
    assert (entry.reason, entry.delta, entry.balance_after) == ("grant", 3, 3)


def test_it_opens_an_empty_account_without_an_entry_when_there_is_no_allowance(billing_on, owner):
    billing_on.BILLING_FREE_CREDITS = 0
    assert services.balance(owner) == 0
    assert not CreditLedgerEntry.objects.exists()


def test_it_spends_and_keeps_balance_after_in_step(billing_on, owner):
    reference = make_resume(owner)
    first = services.spend(user=owner, amount=1, reason="optimization", reference=reference)
    second = services.spend(user=owner, amount=2, reason="generation")
    assert (first.delta, first.balance_after) == (-1, 2)
    assert (first.reference_type, first.reference_id) == ("resumes.Resume", str(reference.id))
    assert (second.delta, second.balance_after) == (-2, 0)
    assert services.balance(owner) == 0 == ledger_sum(owner)


def test_it_refuses_an_overdraw_and_records_nothing(billing_on, owner):
    account(owner, 1)
    before = CreditLedgerEntry.objects.count()
    with pytest.raises(services.InsufficientCredits) as short:
        services.spend(user=owner, amount=2, reason="optimization")
    assert (short.value.needed, short.value.balance) == (2, 1)
    assert CreditLedgerEntry.objects.count() == before
    assert services.balance(owner) == 1 == ledger_sum(owner)


def test_the_database_refuses_a_negative_balance(billing_on, owner):
    services.ensure_account(owner)
    with pytest.raises(IntegrityError):
        CreditAccount.objects.filter(user=owner).update(balance=-1)


def test_it_refunds_a_spend_exactly_once(billing_on, owner):
    reference = make_resume(owner)
    services.spend(user=owner, amount=1, reason="optimization", reference=reference)
    refund = services.refund(reference=reference, note="provider down")
    again = services.refund(reference=reference, note="provider down")
    assert refund.delta == 1 and refund.balance_after == 3 and refund.reason == "refund"
    assert again is None
    assert CreditLedgerEntry.objects.filter(reason="refund").count() == 1
    assert services.balance(owner) == 3 == ledger_sum(owner)


def test_it_refunds_nothing_for_something_never_charged(billing_on, owner):
    assert services.refund(reference=make_resume(owner)) is None
    assert not CreditLedgerEntry.objects.filter(reason="refund").exists()


def test_it_grants_and_adjusts_but_never_below_zero(billing_on, owner, stranger):
    grant = services.grant(user=owner, amount=10, note="welcome", by=stranger)
    assert (grant.reason, grant.balance_after, grant.created_by) == ("grant", 13, stranger)
    adjusted = services.adjust(user=owner, delta=-13, note="correction")
    assert (adjusted.reason, adjusted.balance_after) == ("adjustment", 0)
    with pytest.raises(services.InsufficientCredits):
        services.adjust(user=owner, delta=-1)
    with pytest.raises(ValueError):
        services.grant(user=owner, amount=0)
    with pytest.raises(ValueError):
        services.adjust(user=owner, delta=0)
    assert services.balance(owner) == 0 == ledger_sum(owner)


def test_a_stripe_event_is_credited_once(billing_on, owner):
    services.ensure_account(owner)
    CreditLedgerEntry.objects.create(user=owner, delta=5, reason="purchase", balance_after=8, stripe_event_id="evt_1")
    with pytest.raises(IntegrityError):
        CreditLedgerEntry.objects.create(
            user=owner, delta=5, reason="purchase", balance_after=13, stripe_event_id="evt_1"
        )


def test_switched_off_it_never_refuses_and_records_nothing(settings, owner):
    settings.BILLING_ENABLED = False
    reference = make_resume(owner)
    for _ in range(10):
        assert services.spend(user=owner, amount=5, reason="optimization", reference=reference) is None
    assert services.balance(owner) is None
    assert services.refund(reference=reference) is None
    assert services.grant(user=owner, amount=3) is None
    assert not CreditAccount.objects.exists() and not CreditLedgerEntry.objects.exists()


def test_cost_of_reads_the_settings(billing_on):
    billing_on.BILLING_COSTS = {"optimization": 2, "generation": 1}
    assert services.cost_of("optimization") == 2
    with pytest.raises(ValueError):
        services.cost_of("teleport")
