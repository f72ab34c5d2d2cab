"""Buying a pack: the real stripe library against the loopback Stripe, the Purchase row, and the errors."""

from __future__ import annotations

import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from billing import packs
from billing.models import Purchase
from tests.billing.stripe_server import error

pytestmark = pytest.mark.django_db
BUY = reverse("billing:buy")
INDEX = reverse("billing:index")


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_it_creates_a_checkout_session_and_redirects_to_it(stripe_on, owner_client, owner):
    response = owner_client.post(BUY, {"pack": "starter"})
    purchase = Purchase.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"https://checkout.stripe.com/c/pay/{purchase.checkout_session_id}"
    assert (purchase.user, purchase.pack, purchase.credits, purchase.price_id) == (
        owner,
        "starter",
        10,
        "price_starter",
    )
    assert purchase.status == "pending" and purchase.paid_at is None
    assert purchase.checkout_session_id.startswith("cs_test_")

    [sent] = stripe_on.requests
    assert sent.path == "/v1/checkout/sessions"
    assert sent.headers["authorization"] == "Bearer sk_test_123"
    assert sent.headers["idempotency-key"] == f"checkout-{purchase.id}"
    form = sent.form
    assert form["mode"] == "payment"
    assert form["line_items[0][price]"] == "price_starter" and form["line_items[0][quantity]"] == "1"
    assert form["client_reference_id"] == str(purchase.id)
    assert form["customer_email"] == "owner@example.com"
    expected_metadata = {
        "purchase_id": str(purchase.id),
        "user_id": str(owner.id),
        "pack": "starter",
        "credits": "10",
        "price_id": "price_starter",
    }
    for key, value in expected_metadata.items():
        assert form[f"metadata[{key}]"] == value
        assert form[f"payment_intent_data[metadata][{key}]"] == value  # so refunds and disputes find it
    assert form["success_url"] == "https://careers.example.com/billing/success/?session_id={CHECKOUT_SESSION_ID}"
    assert form["cancel_url"] == "https://careers.example.com/billing/?checkout=cancelled"


def test_it_buys_the_pack_asked_for(stripe_on, owner_client):
    owner_client.post(BUY, {"pack": "pro"})
    assert stripe_on.requests[0].form["line_items[0][price]"] == "price_pro"
    assert Purchase.objects.get().credits == 50


def test_an_unknown_pack_asks_nothing_of_stripe(stripe_on, owner_client):
    response = owner_client.post(BUY, {"pack": "platinum"}, follow=True)
    assert response.redirect_chain == [(INDEX, 303)]
    assert "not on sale" in messages_of(response)
    assert stripe_on.requests == [] and not Purchase.objects.exists()


def test_stripe_down_is_a_clear_message_and_records_nothing(stripe_on, owner_client):
    stripe_on.script(error(500, "boom"), error(500, "boom again"))
    response = owner_client.post(BUY, {"pack": "starter"}, follow=True)
    assert response.redirect_chain == [(INDEX, 303)]
    assert "could not start the checkout" in messages_of(response) and "Nothing was charged" in messages_of(response)
    assert not Purchase.objects.exists()
    # The library retried once (STRIPE_MAX_NETWORK_RETRIES), with the same idempotency key: no double session.
    assert len(stripe_on.requests) == 2
    assert stripe_on.requests[0].headers["idempotency-key"] == stripe_on.requests[1].headers["idempotency-key"]


def test_a_refusal_is_not_retried(stripe_on, owner_client):
    stripe_on.script(error(400, "No such price: 'price_starter'", kind="invalid_request_error"))
    response = owner_client.post(BUY, {"pack": "starter"}, follow=True)
    assert "could not start the checkout" in messages_of(response)
    assert len(stripe_on.requests) == 1 and not Purchase.objects.exists()


def test_an_unreachable_stripe_is_a_clear_message(stripe_on, settings, owner_client):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"
    response = owner_client.post(BUY, {"pack": "starter"}, follow=True)
    assert "could not reach our payment provider" in messages_of(response)
    assert not Purchase.objects.exists()


def test_a_retry_after_a_failure_works(stripe_on, owner_client):
    stripe_on.script(error(500), error(500))
    owner_client.post(BUY, {"pack": "starter"})
    assert owner_client.post(BUY, {"pack": "starter"}).status_code == 303
    assert Purchase.objects.count() == 1


def test_it_is_404_when_billing_is_off(stripe_on, settings, owner_client):
    settings.BILLING_ENABLED = False
    assert owner_client.post(BUY, {"pack": "starter"}).status_code == 404
    assert stripe_on.requests == []


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "BILLING_PACKS"])
def test_without_stripe_set_up_the_page_says_so_and_buying_is_404(stripe_on, settings, owner_client, missing):
    setattr(settings, missing, [] if missing == "BILLING_PACKS" else "")
    page = owner_client.get(INDEX).content.decode()
    assert "Buying credits is not available" in page and BUY not in page
    assert owner_client.post(BUY, {"pack": "starter"}).status_code == 404
    assert stripe_on.requests == []


def test_it_needs_a_login_and_a_post(stripe_on, owner_client):
    assert Client().post(BUY, {"pack": "starter"}).status_code == 302
    assert owner_client.get(BUY).status_code == 405
    assert stripe_on.requests == []


def test_it_is_rate_limited(stripe_on, owner_client):
    answers = [owner_client.post(BUY, {"pack": "starter"}).status_code for _ in range(21)]
    assert answers[:20] == [303] * 20 and answers[20] == 429
    assert len(stripe_on.requests) == 20


def test_the_cancel_return_says_nothing_was_charged(stripe_on, owner_client):
    response = owner_client.get(INDEX + "?checkout=cancelled")
    assert "Checkout cancelled: nothing was charged." in messages_of(response)


def test_the_packs_setting_is_parsed_and_checked():
    assert packs.parse("starter:10:price_abc:9.00 USD, pro:50:price_def:35.00 USD") == [
        {"id": "starter", "credits": 10, "price_id": "price_abc", "display_price": "9.00 USD"},
        {"id": "pro", "credits": 50, "price_id": "price_def", "display_price": "35.00 USD"},
    ]
    assert packs.parse("") == []
    for bad in ("starter:10:price_abc", "starter:0:price_abc:1 USD", "Big Pack:5:p:1", "a:1:p:1,a:2:q:2"):
        with pytest.raises(ImproperlyConfigured):
            packs.parse(bad)
