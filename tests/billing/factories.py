"""Factories for billing (see tests/factories.py). No billing URL takes an object id yet; these are helpers."""

from __future__ import annotations

from billing import services
from billing.models import CreditAccount


def account(user, balance: int) -> CreditAccount:
    """An open account holding exactly `balance` credits, reached through the ledger (billing must be on)."""
    services.ensure_account(user)
    current = services.balance(user)
    if balance != current:
        services.adjust(user=user, delta=balance - current, note="test set-up")
    return CreditAccount.objects.get(user=user)
