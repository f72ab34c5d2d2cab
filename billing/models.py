"""Credits: one account per user holding the balance, and the append-only ledger that explains it.

The balance lives on CreditAccount so that a spend is one conditional UPDATE on one row (see
billing.services); every change to it writes exactly one CreditLedgerEntry in the same transaction, so the sum
of a user's deltas always equals their balance. Entries are never updated or deleted by our code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from careeragent.models import OwnedModel


class CreditAccount(OwnedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credit_account")
    balance = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # The last line of defence against an overdraw: a racing UPDATE that slipped past its WHERE fails.
            models.CheckConstraint(condition=Q(balance__gte=0), name="billing_account_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.balance} credits)"


class CreditLedgerEntry(OwnedModel):
    class Reason(models.TextChoices):
        PURCHASE = "purchase", "Purchase"
        OPTIMIZATION = "optimization", "Optimization"
        GENERATION = "generation", "Generation"
        REFUND = "refund", "Refund"
        GRANT = "grant", "Grant"
        ADJUSTMENT = "adjustment", "Adjustment"
        # Credits of a purchase taken back after a Stripe refund or dispute, or given back when a dispute is won.
        REVERSAL = "reversal", "Payment reversal"

    delta = models.IntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    balance_after = models.IntegerField()
    # What the credits were spent on or refunded for: a model label ("optimize.Optimization") and its id.
    reference_type = models.CharField(max_length=100, blank=True)
    reference_id = models.CharField(max_length=64, blank=True)
    stripe_event_id = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "credit ledger entry"
        verbose_name_plural = "credit ledger entries"
        indexes = [
            # The billing page's history: one user's entries, newest first.
            models.Index(fields=["user", "-created_at"], name="billing_entry_user_created"),
            # refund() looks up the spend for a reference.
            models.Index(fields=["reference_type", "reference_id"], name="billing_entry_reference"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(delta=0), name="billing_entry_delta_not_zero"),
            models.CheckConstraint(condition=Q(balance_after__gte=0), name="billing_entry_balance_not_negative"),
            # A Stripe event is credited once, however often the webhook delivers it.
            models.UniqueConstraint(
                fields=["stripe_event_id"], condition=~Q(stripe_event_id=""), name="billing_entry_stripe_event_once"
            ),
            # A failed run is refunded once, however often the failure path runs.
            models.UniqueConstraint(
                fields=["reference_type", "reference_id"],
                condition=Q(reason="refund"),
                name="billing_entry_refund_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delta:+d} {self.reason} -> {self.balance_after}"

    @property
    def reference_url(self) -> str:
        """A link to what the entry is about, where we have a page for it."""
        from django.urls import reverse

        if self.reference_type == "optimize.Optimization" and self.reference_id:
            return reverse("optimize:detail", args=[self.reference_id])
        if self.reference_type == "billing.Purchase" and self.reference_id:
            return reverse("billing:receipt", args=[self.reference_id])
        return ""


# Currencies Stripe counts in whole units (no cents): amounts are not divided by 100.
ZERO_DECIMAL_CURRENCIES = frozenset(
    {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"}
)


def format_amount(amount: int | None, currency: str) -> str:
    """Stripe's minor units as text: (900, "usd") -> "9.00 USD"."""
    if amount is None or not currency:
        return ""
    if currency.lower() in ZERO_DECIMAL_CURRENCIES:
        return f"{amount} {currency.upper()}"
    return f"{amount / 100:.2f} {currency.upper()}"


class Purchase(OwnedModel):
    """One Stripe Checkout of a credit pack, from the redirect to Stripe to its refunds and disputes.

    Created when Stripe has accepted the Checkout Session (so it always has a session id), fulfilled once by the
    webhook (``paid_at`` goes from NULL to a time in one conditional UPDATE). Refunds and disputes move credits
    back through billing.services; ``credits_reversed`` records how many of ``credits`` have been taken back so
    far, so each later event reverses only its new part, and never more than was bought.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting payment"
        PAID = "paid", "Paid"
        PARTIALLY_REFUNDED = "partially_refunded", "Partly refunded"
        REFUNDED = "refunded", "Refunded"
        DISPUTED = "disputed", "Disputed"
        EXPIRED = "expired", "Expired"
        FAILED = "failed", "Payment failed"

    class Dispute(models.TextChoices):
        NONE = "", "None"
        OPEN = "open", "Open"
        WON = "won", "Won"
        LOST = "lost", "Lost"

    pack = models.CharField(max_length=40)
    credits = models.PositiveIntegerField()
    price_id = models.CharField(max_length=255)
    display_price = models.CharField(max_length=50, blank=True)
    checkout_session_id = models.CharField(max_length=255, unique=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    amount_total = models.IntegerField(null=True, blank=True)  # in the currency's minor units, as Stripe sends it
    currency = models.CharField(max_length=3, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    paid_at = models.DateTimeField(null=True, blank=True)  # set once, when the webhook fulfils the purchase
    credits_credited = models.PositiveIntegerField(default=0)  # what the fulfilment added
    # Refunds and disputes: how many credits are taken back (or, before fulfilment, withheld) so far; the part an
    # open or lost dispute holds; what the balance could not cover at the time (already spent).
    amount_refunded = models.IntegerField(default=0)
    credits_reversed = models.PositiveIntegerField(default=0)
    credits_disputed = models.PositiveIntegerField(default=0)
    dispute_shortfall = models.PositiveIntegerField(default=0)
    reversal_shortfall = models.PositiveIntegerField(default=0)
    dispute_status = models.CharField(max_length=10, choices=Dispute.choices, blank=True, default=Dispute.NONE)
    # Receipt details, from the completed Checkout Session.
    receipt_email = models.EmailField(blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Refund and dispute events name the payment intent, not the session.
            models.Index(fields=["payment_intent_id"], name="billing_purchase_intent"),
            # The billing page's receipts: one user's paid purchases, newest first.
            models.Index(fields=["user", "-paid_at"], name="billing_purchase_user_paid"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(credits_reversed__lte=models.F("credits")), name="billing_purchase_reversed_le_credits"
            ),
            models.CheckConstraint(
                condition=Q(credits_disputed__lte=models.F("credits_reversed")),
                name="billing_purchase_disputed_le_reversed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pack} ({self.credits} credits) {self.status}"

    @property
    def reference(self) -> str:
        """A short receipt number to quote to support."""
        return f"CA-{str(self.id)[:8].upper()}"

    @property
    def amount_display(self) -> str:
        return format_amount(self.amount_total, self.currency) or self.display_price

    @property
    def amount_refunded_display(self) -> str:
        return format_amount(self.amount_refunded, self.currency) if self.amount_refunded else ""


class StripeEvent(models.Model):
    """A webhook event from Stripe, stored under Stripe's own id: a redelivery finds its row and is not queued twice.

    The webhook only verifies and stores; billing.actors.process_stripe_event does the work and moves the status.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored"
        FAILED = "failed", "Failed"

    id = models.CharField(primary_key=True, max_length=255)  # Stripe's "evt_..."
    type = models.CharField(max_length=100, db_index=True)
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    purchase = models.ForeignKey(Purchase, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "Stripe event"

    def __str__(self) -> str:
        return f"{self.id} {self.type} ({self.status})"

    @property
    def data_object(self) -> dict:
        return (self.payload.get("data") or {}).get("object") or {}
