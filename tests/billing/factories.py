"""Factories for billing (see tests/factories.py): the receipt page's purchase, and balance helpers."""

from __future__ import annotations

import uuid

from django.utils import timezone

from billing import services
from billing.models import CreditAccount, Purchase
from tests.factories import factory


@factory("purchase_id")
def purchase(user) -> Purchase:
    """A paid purchase of the starter pack (the receipt page's row)."""
    return Purchase.objects.create(
        user=user,
        pack="starter",
        credits=10,
        price_id="price_starter",
        display_price="9.00 USD",
        checkout_session_id=f"cs_test_{uuid.uuid4().hex}",
        status=Purchase.Status.PAID,
        paid_at=timezone.now(),
        amount_total=900,
        currency="usd",
    )


def account(user, balance: int) -> CreditAccount:
    """An open account holding exactly `balance` credits, reached through the ledger (billing must be on)."""
    services.ensure_account(user)
    current = services.balance(user)
    if balance != current:
        services.adjust(user=user, delta=balance - current, note="test set-up")
    return CreditAccount.objects.get(user=user)
