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
        return ""
