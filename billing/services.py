"""Credits: reading the balance, spending, refunding, granting and adjusting.

Every change is one conditional UPDATE of the user's CreditAccount row (``balance = balance + delta WHERE
balance >= -delta``) and one ledger entry, in one transaction. Concurrent spends queue on the row lock and each
re-checks the condition against the committed balance, so they can never overdraw it; the CheckConstraint
on the balance backs this up.

With ``settings.BILLING_ENABLED`` off, everything is unlimited: nothing is read, refused or recorded.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from billing.models import CreditAccount, CreditLedgerEntry

logger = logging.getLogger(__name__)

Reason = CreditLedgerEntry.Reason
SPEND_REASONS = (Reason.OPTIMIZATION, Reason.GENERATION)


class InsufficientCredits(Exception):
    """A spend the balance does not cover; nothing was recorded."""

    def __init__(self, *, needed: int, balance: int):
        self.needed = needed
        self.balance = balance
        super().__init__(f"This needs {needed} credit{'s' if needed != 1 else ''}; you have {balance}.")

    def explain(self, what: str) -> str:
        """What the user reads, for `what` ("An optimization", "A cover letter")."""
        credits = f"{self.needed} credit{'s' if self.needed != 1 else ''}"
        return f"{what} costs {credits} and you have {self.balance}. Add credits on the billing page, then try again."


def enabled() -> bool:
    return bool(settings.BILLING_ENABLED)


def cost_of(action: str) -> int:
    """What `action` ("optimization", "generation") costs, from settings.BILLING_COSTS."""
    try:
        return int(settings.BILLING_COSTS[action])
    except KeyError:
        raise ValueError(f"No cost is set for {action!r} in BILLING_COSTS.") from None


def ensure_account(user) -> CreditAccount | None:
    """The user's account, opened on first use with the free allowance (recorded as a grant)."""
    if not enabled():
        return None
    account = CreditAccount.objects.filter(user=user).first()
    if account is not None:
        return account
    free = settings.BILLING_FREE_CREDITS
    try:
        with transaction.atomic():
            account = CreditAccount.objects.create(user=user, balance=free)
            if free:
                CreditLedgerEntry.objects.create(
                    user=user, delta=free, reason=Reason.GRANT, balance_after=free, note="Free allowance"
                )
    except IntegrityError:
        # Opened at the same moment by another request: theirs stands, with its single grant.
        account = CreditAccount.objects.get(user=user)
    return account


def balance(user) -> int | None:
    """The user's balance; None means unlimited (billing is off)."""
    account = ensure_account(user)
    return account.balance if account is not None else None


def spend(*, user, amount: int, reason: str, reference: models.Model | None = None) -> CreditLedgerEntry | None:
    """Take `amount` credits for `reason` ("optimization", "generation"), or raise InsufficientCredits.

    Call it inside the transaction that creates `reference`, so a refused spend leaves nothing behind.
    """
    if not enabled():
        return None
    if reason not in SPEND_REASONS:
        raise ValueError(f"{reason!r} is not a spending reason.")
    if amount < 0:
        raise ValueError("A spend cannot be negative.")
    if amount == 0:
        return None  # a free action: nothing to record
    return _post(user=user, delta=-amount, reason=reason, reference=reference)


def refund(*, reference: models.Model, note: str = "") -> CreditLedgerEntry | None:
    """Give back what was spent on `reference`, once: a second call (or a racing one) returns None."""
    if not enabled():
        return None
    reference_type, reference_id = _reference(reference)
    spent = (
        CreditLedgerEntry.objects.filter(
            reference_type=reference_type, reference_id=reference_id, reason__in=SPEND_REASONS
        )
        .order_by("created_at")
        .first()
    )
    if spent is None:
        return None  # nothing was charged (billing was off at the time, or a free action)
    try:
        with transaction.atomic():
            return _post(user=spent.user_id, delta=-spent.delta, reason=Reason.REFUND, reference=reference, note=note)
    except IntegrityError:
        # billing_entry_refund_once: already refunded; the block above rolled the balance change back.
        return None


def grant(*, user, amount: int, note: str = "", by=None) -> CreditLedgerEntry | None:
    if amount <= 0:
        raise ValueError("A grant must be at least 1 credit.")
    if not enabled():
        return None
    return _post(user=user, delta=amount, reason=Reason.GRANT, note=note, by=by)


def adjust(*, user, delta: int, note: str = "", by=None) -> CreditLedgerEntry | None:
    """A correction either way; a negative one that would take the balance below 0 raises InsufficientCredits."""
    if delta == 0:
        raise ValueError("An adjustment cannot be zero.")
    if not enabled():
        return None
    return _post(user=user, delta=delta, reason=Reason.ADJUSTMENT, note=note, by=by)


# --- Purchases (called by billing.payments while it processes a Stripe event) -----------------------------


def credit_purchase(*, purchase, credits: int, stripe_event_id: str) -> CreditLedgerEntry:
    """Add a paid purchase's credits. billing.payments calls it once per purchase (its conditional UPDATE of
    Purchase.paid_at decides), and billing_entry_stripe_event_once refuses a second entry for the same event."""
    if credits <= 0:
        raise ValueError("A purchase credits at least 1 credit.")
    note = f"{purchase.pack} pack"
    return _post(
        user=purchase.user_id,
        delta=credits,
        reason=Reason.PURCHASE,
        reference=purchase,
        note=note,
        stripe_event_id=stripe_event_id,
    )


def reverse_purchase(*, purchase, credits: int, stripe_event_id: str, note: str) -> int:
    """Take back up to `credits` of a refunded or disputed purchase; returns how many were taken.

    Never below 0: when the user has already spent some, take what is there (the caller records the shortfall).
    Call it inside a transaction; the account row is locked so the amount taken is the amount there.
    """
    if credits <= 0:
        return 0
    for _ in range(3):
        current = (
            CreditAccount.objects.select_for_update().filter(user_id=purchase.user_id).values_list("balance", flat=True)
        ).first() or 0
        take = min(current, credits)
        if take == 0:
            return 0
        try:
            with transaction.atomic():
                _post(
                    user=purchase.user_id,
                    delta=-take,
                    reason=Reason.REVERSAL,
                    reference=purchase,
                    note=note,
                    stripe_event_id=stripe_event_id,
                )
            return take
        except InsufficientCredits:
            continue  # spent in between (SQLite has no row lock): look again
    return 0


def restore_purchase(*, purchase, credits: int, stripe_event_id: str, note: str) -> CreditLedgerEntry | None:
    """Give back credits a dispute took, once it is won."""
    if credits <= 0:
        return None
    return _post(
        user=purchase.user_id,
        delta=credits,
        reason=Reason.REVERSAL,
        reference=purchase,
        note=note,
        stripe_event_id=stripe_event_id,
    )


def history(user) -> models.QuerySet:
    return CreditLedgerEntry.objects.for_user(user).order_by("-created_at")


# --- The one write path ---------------------------------------------------------------------------------


def _post(
    *, user, delta: int, reason: str, reference=None, note: str = "", by=None, stripe_event_id: str = ""
) -> CreditLedgerEntry:
    """Apply `delta` to the balance and record it, atomically; `user` may be a user or a user id."""
    user_id = getattr(user, "pk", user)
    if not CreditAccount.objects.filter(user_id=user_id).exists():
        ensure_account(user if hasattr(user, "pk") else _user(user_id))
    reference_type, reference_id = _reference(reference) if reference is not None else ("", "")
    with transaction.atomic():
        changed = CreditAccount.objects.filter(user_id=user_id, balance__gte=max(0, -delta)).update(
            balance=F("balance") + delta, updated_at=timezone.now()
        )
        if not changed:
            current = CreditAccount.objects.filter(user_id=user_id).values_list("balance", flat=True).first() or 0
            raise InsufficientCredits(needed=-delta, balance=current)
        # Our UPDATE holds the row lock until commit, so this reads our own result.
        after = CreditAccount.objects.filter(user_id=user_id).values_list("balance", flat=True).get()
        entry = CreditLedgerEntry.objects.create(
            user_id=user_id,
            delta=delta,
            reason=reason,
            balance_after=after,
            reference_type=reference_type,
            reference_id=reference_id,
            note=note[:500],
            created_by=by,
            stripe_event_id=stripe_event_id,
        )
    logger.info(
        "credits %s", reason, extra={"user": str(user_id), "delta": delta, "balance_after": after, "ref": reference_id}
    )
    return entry


def _reference(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


def _user(user_id):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user_id)
