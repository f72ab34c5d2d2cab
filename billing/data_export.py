"""The billing part of "download your data": the balance, every credit movement, and the purchases."""

from __future__ import annotations

from billing.models import CreditAccount, CreditLedgerEntry, Purchase


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def collect(user) -> dict:
    account = CreditAccount.objects.for_user(user).first()
    return {
        "balance": account.balance if account else None,
        "credit_history": [
            {
                "at": _iso(e.created_at),
                "delta": e.delta,
                "reason": e.reason,
                "balance_after": e.balance_after,
                "for": f"{e.reference_type} {e.reference_id}".strip(),
                "note": e.note,
            }
            for e in CreditLedgerEntry.objects.for_user(user).order_by("created_at")
        ],
        "purchases": [
            {
                "id": str(p.id),
                "reference": p.reference,
                "pack": p.pack,
                "credits": p.credits,
                "amount": p.amount_total,
                "currency": p.currency,
                "status": p.status,
                "paid_at": _iso(p.paid_at),
                "credits_credited": p.credits_credited,
                "credits_reversed": p.credits_reversed,
                "receipt_email": p.receipt_email,
            }
            for p in Purchase.objects.for_user(user).order_by("created_at")
        ],
    }
