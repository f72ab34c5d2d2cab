"""The credit ledger in the admin: accounts with a grant/adjust action, and read-only entries.

Balances change only through billing.services (which writes the ledger row), never by editing a field here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from billing import services
from billing.models import CreditAccount, CreditLedgerEntry, Purchase, StripeEvent
from careeragent.tasks import enqueue_on_commit


class GrantForm(forms.Form):
    amount = forms.IntegerField(help_text="Credits to add; a negative number takes credits away (never below 0).")
    note = forms.CharField(max_length=500, help_text="Why: shown to the user in their history.")

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError("Enter a number other than 0.")
        return amount


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by our code only (the ledger, the Stripe flow): looked at here, never changed."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CreditAccount)
class CreditAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "balance", "updated_at")
    search_fields = ("user__email",)
    readonly_fields = ("user", "balance", "created_at", "updated_at")
    actions = ["grant_credits"]

    def has_add_permission(self, request) -> bool:
        return False  # accounts open on first use, with their free allowance in the ledger

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Grant or adjust credits…")
    def grant_credits(self, request, queryset):
        if not services.enabled():
            self.message_user(request, "Billing is switched off (BILLING_ENABLED): nothing to grant.", messages.ERROR)
            return None
        form = GrantForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            amount, note = form.cleaned_data["amount"], form.cleaned_data["note"]
            done, refused = 0, []
            for account in queryset.select_related("user"):
                try:
                    if amount > 0:
                        services.grant(user=account.user, amount=amount, note=note, by=request.user)
                    else:
                        services.adjust(user=account.user, delta=amount, note=note, by=request.user)
                    done += 1
                except services.InsufficientCredits:
                    refused.append(account.user.email)
            self.message_user(request, f"Credits changed by {amount:+d} for {done} account(s).")
            if refused:
                self.message_user(request, f"Not enough credits to take away: {', '.join(refused)}.", messages.WARNING)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Grant or adjust credits",
            "opts": self.model._meta,
            "form": form,
            "accounts": queryset.select_related("user"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/billing/grant_credits.html", context)


@admin.register(CreditLedgerEntry)
class CreditLedgerEntryAdmin(ReadOnlyAdmin):  # append-only: written by billing.services
    list_display = ("created_at", "user", "reason", "delta", "balance_after", "reference_type", "created_by")
    list_filter = ("reason", ("created_at", admin.DateFieldListFilter))
    search_fields = ("user__email", "stripe_event_id", "reference_id")
    date_hierarchy = "created_at"
    list_select_related = ("user", "created_by")


@admin.register(Purchase)
class PurchaseAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "user", "pack", "credits", "status", "credits_reversed", "paid_at", "amount_total")
    list_filter = ("status", "dispute_status", "pack", ("created_at", admin.DateFieldListFilter))
    search_fields = ("user__email", "checkout_session_id", "payment_intent_id", "id")
    date_hierarchy = "created_at"
    list_select_related = ("user",)


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "id", "type", "status", "attempts", "processed_at", "purchase")
    list_filter = ("status", "type", "livemode")
    search_fields = ("id", "type", "error")
    date_hierarchy = "received_at"
    list_select_related = ("purchase",)
    actions = ["reprocess"]

    def has_change_permission(self, request, obj=None) -> bool:
        # The change list's actions need it; the form itself stays read-only (see get_readonly_fields).
        return request.user.has_perm("billing.change_stripeevent")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.action(description="Reprocess failed events")
    def reprocess(self, request, queryset):
        from billing.actors import process_stripe_event

        failed = list(queryset.filter(status=StripeEvent.Status.FAILED).values_list("id", flat=True))
        for event_id in failed:
            enqueue_on_commit(process_stripe_event, event_id)
        skipped = queryset.count() - len(failed)
        self.message_user(request, f"Queued {len(failed)} failed event(s) again.")
        if skipped:
            self.message_user(request, f"Skipped {skipped} event(s) that had not failed.", messages.WARNING)
