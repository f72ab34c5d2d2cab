"""The buying side of the billing page, the success and receipt pages, and the Stripe admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import payments
from billing.models import Purchase, StripeEvent
from tests.billing.stripe_server import checkout_session, event

pytestmark = pytest.mark.django_db
INDEX = reverse("billing:index")


def paid_purchase(user, **extra) -> Purchase:
    fields = {
        "pack": "starter",
        "credits": 10,
        "price_id": "price_starter",
        "checkout_session_id": f"cs_{user.email}",
        "status": "paid",
        "paid_at": timezone.now(),
        "amount_total": 900,
        "currency": "usd",
        "payment_intent_id": "pi_test_page",
        "receipt_email": user.email,
        **extra,
    }
    return Purchase.objects.create(user=user, **fields)


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.com", password="x" * 20)
    client.force_login(admin)
    return client


def test_it_offers_the_packs_with_their_prices(stripe_on, owner_client):
    page = owner_client.get(INDEX).content.decode()
    assert f'action="{reverse("billing:buy")}"' in page
    assert 'name="pack" value="starter"' in page and 'name="pack" value="pro"' in page
    assert "Buy 10 credits for 9.00 USD" in page and "Buy 50 credits for 35.00 USD" in page


def test_it_lists_the_users_paid_purchases_as_receipts(stripe_on, owner_client, owner, stranger):
    mine = paid_purchase(owner)
    theirs = paid_purchase(stranger)
    Purchase.objects.create(
        user=owner, pack="pro", credits=50, price_id="price_pro", checkout_session_id="cs_pending"
    )  # not paid: no receipt
    page = owner_client.get(INDEX).content.decode()
    assert reverse("billing:receipt", args=[mine.id]) in page and mine.reference in page and "9.00 USD" in page
    assert reverse("billing:receipt", args=[theirs.id]) not in page
    assert "+50" not in page


def test_the_receipt_page_shows_the_purchase(stripe_on, owner_client, owner):
    purchase = paid_purchase(owner, amount_refunded=300, credits_reversed=3, status="partially_refunded")
    page = owner_client.get(reverse("billing:receipt", args=[purchase.id])).content.decode()
    assert purchase.reference in page and "9.00 USD" in page and "pi_test_page" in page
    assert "Partly refunded" in page and "3.00 USD" in page


def test_another_users_receipt_is_404(stripe_on, owner_client, stranger):
    purchase = paid_purchase(stranger)
    assert owner_client.get(reverse("billing:receipt", args=[purchase.id])).status_code == 404


def test_with_billing_off_receipts_stay_readable_but_the_success_page_is_404(stripe_on, settings, owner_client, owner):
    purchase = paid_purchase(owner)
    settings.BILLING_ENABLED = False
    assert owner_client.get(reverse("billing:receipt", args=[purchase.id])).status_code == 200
    assert owner_client.get(reverse("billing:success") + "?session_id=x").status_code == 404


def test_the_success_page_says_the_credits_are_coming_and_polls(stripe_on, owner_client, owner):
    purchase = Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_wait"
    )
    url = reverse("billing:success") + "?session_id=cs_wait"
    page = owner_client.get(url).content.decode()
    assert "The credits arrive in a moment" in page
    assert '<strong id="credit-balance">3 credits</strong>' in page
    assert 'hx-trigger="every 2s"' in page
    assert owner_client.get(url, headers={"HX-Request": "true"}).status_code == 200  # keep polling

    completed = event("checkout.session.completed", checkout_session(purchase))
    StripeEvent.objects.create(id=completed["id"], type=completed["type"], payload=completed)
    payments.event_process(event_id=completed["id"])
    polled = owner_client.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 286  # stop polling
    assert "credits have arrived" in polled.content.decode() and "13 credits" in polled.content.decode()


def test_the_success_page_shows_nothing_of_another_users_session(stripe_on, owner_client, stranger):
    paid_purchase(stranger, checkout_session_id="cs_theirs")
    page = owner_client.get(reverse("billing:success") + "?session_id=cs_theirs").content.decode()
    assert "View the receipt" not in page and "The credits arrive in a moment" in page


def test_the_stripe_admin_pages_render(stripe_on, admin_client, owner):
    purchase = paid_purchase(owner)
    stored = StripeEvent.objects.create(id="evt_admin", type="charge.refunded", payload={}, status="failed")
    for url in (
        reverse("admin:billing_purchase_changelist") + "?status__exact=paid",
        reverse("admin:billing_purchase_change", args=[purchase.pk]),
        reverse("admin:billing_stripeevent_changelist") + "?status__exact=failed&type=charge.refunded",
        reverse("admin:billing_stripeevent_change", args=[stored.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(reverse("admin:billing_purchase_add")).status_code == 403


def test_the_admin_cannot_edit_an_event(stripe_on, admin_client):
    stored = StripeEvent.objects.create(id="evt_ro", type="charge.refunded", payload={}, status="failed")
    admin_client.post(reverse("admin:billing_stripeevent_change", args=[stored.pk]), {"status": "processed"})
    stored.refresh_from_db()
    assert stored.status == "failed"


def test_the_admin_reprocesses_failed_events_only(stripe_on, admin_client, django_capture_on_commit_callbacks):
    failed = StripeEvent.objects.create(id="evt_failed", type="charge.refunded", payload={}, status="failed")
    done = StripeEvent.objects.create(id="evt_done", type="charge.refunded", payload={}, status="processed")
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            reverse("admin:billing_stripeevent_changelist"),
            {"action": "reprocess", "_selected_action": [failed.pk, done.pk]},
            follow=True,
        )
    page = response.content.decode()
    assert "Queued 1 failed event(s) again." in page and "Skipped 1 event(s)" in page
    assert len(callbacks) == 1


def _form_action(response) -> list[str]:
    directives = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return directives["form-action"].split()


def test_only_the_page_with_buy_buttons_lets_a_form_lead_to_stripe_checkout(stripe_on, owner_client, settings):
    # Browsers apply form-action to the redirect after a POST: without this the 303 to Stripe is blocked.
    assert _form_action(owner_client.get(INDEX)) == ["'self'", "https://checkout.stripe.com"]
    assert _form_action(owner_client.get(reverse("accounts:settings"))) == ["'self'"]
    settings.BILLING_PACKS = []  # nothing to buy: the page keeps the site's policy
    assert _form_action(owner_client.get(INDEX)) == ["'self'"]
