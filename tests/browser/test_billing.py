"""Buying credits in a real browser: the pack button, Stripe's Checkout (the loopback API, and a stand-in page at
Stripe's address), the signed webhook processed by the real worker, and the thank-you page filling in by itself."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from billing import services
from billing.models import Purchase
from tests.billing.conftest import WEBHOOK_SECRET, billing_on, stripe_on, stripe_server  # noqa: F401 (fixtures)
from tests.billing.stripe_server import checkout_session, event, sign
from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.worker]

CHECKOUT_PAGE = "<!doctype html><title>Stripe Checkout</title><h1>Pay Career Agent</h1>"


def post_webhook(live_server, payload: str) -> int:
    request = urllib.request.Request(
        live_server.url + reverse("billing:stripe_webhook"),
        data=payload.encode(),
        headers={"Content-Type": "application/json", "Stripe-Signature": sign(payload, WEBHOOK_SECRET)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_buying_a_pack_credits_the_balance_once(page, live_server, owner, stripe_on, worker):  # noqa: F811
    # Stripe's hosted page is not reachable from here: the browser gets a stand-in at the same address.
    page.route(
        "https://checkout.stripe.com/**", lambda route: route.fulfill(body=CHECKOUT_PAGE, content_type="text/html")
    )
    log_in(page, owner.email, PASSWORD)
    page.goto(reverse("billing:index"))
    assert page.locator("#credit-balance").inner_text() == "3 credits"  # the free allowance
    screenshot(page, "billing-packs")
    page.get_by_role("button", name="Buy 10 credits for 9.00 USD").click()
    page.wait_for_url("https://checkout.stripe.com/**")
    assert page.get_by_role("heading", name="Pay Career Agent").is_visible()

    # What our server asked Stripe for, and what it recorded.
    [sent] = [r for r in stripe_on.requests if r.path == "/v1/checkout/sessions"]
    assert sent.form["line_items[0][price]"] == "price_starter" and sent.form["mode"] == "payment"
    purchase = Purchase.objects.get(user=owner)
    assert purchase.status == Purchase.Status.PENDING and purchase.paid_at is None
    assert page.url == f"https://checkout.stripe.com/c/pay/{purchase.checkout_session_id}"  # the session Stripe made

    # Stripe sends the buyer back; the page waits for the webhook.
    success = urlsplit(sent.form["success_url"].replace("{CHECKOUT_SESSION_ID}", purchase.checkout_session_id))
    page.goto(f"{success.path}?{success.query}")
    assert "arrive in a moment" in page.locator("#purchase-status").inner_text()

    # Stripe's webhook, three times (a retry and a replay): answered at once, credited once by the worker.
    paid = json.dumps(event("checkout.session.completed", checkout_session(purchase)))
    assert [post_webhook(live_server, paid) for _ in range(3)] == [200, 200, 200]
    page.get_by_text("Your 10 credits have arrived.").wait_for()  # the htmx poll swapped the status in
    assert page.locator("#credit-balance").inner_text() == "13 credits"
    screenshot(page, "billing-thank-you")
    worker.drain()  # with the receipt e-mail the fulfilment queued
    assert services.balance(owner) == 13
    [receipt] = [m for m in mail.outbox if "receipt" in m.subject.lower()]
    assert receipt.to == [owner.email]

    page.get_by_role("link", name="View the receipt").click()
    page.wait_for_url(f"**{reverse('billing:receipt', args=[purchase.id])}")
    assert "10" in page.locator("main").inner_text()
    screenshot(page, "billing-receipt")
    assert page.console_errors == []
