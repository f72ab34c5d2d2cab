from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.billing.stripe_server import StripeServer, sign

WEBHOOK_SECRET = "whsec_test_secret"
PACKS = [
    {"id": "starter", "credits": 10, "price_id": "price_starter", "display_price": "9.00 USD"},
    {"id": "pro", "credits": 50, "price_id": "price_pro", "display_price": "35.00 USD"},
]


@pytest.fixture
def billing_on(settings):
    settings.BILLING_ENABLED = True
    settings.BILLING_FREE_CREDITS = 3
    settings.BILLING_COSTS = {"optimization": 1, "generation": 1}
    return settings


@pytest.fixture
def stripe_server():
    server = StripeServer().start()
    yield server
    server.stop()


@pytest.fixture
def stripe_on(billing_on, stripe_server):
    """Billing with Stripe configured against the loopback server; returns the server."""
    billing_on.STRIPE_SECRET_KEY = "sk_test_123"
    billing_on.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    billing_on.STRIPE_API_BASE = stripe_server.base_url
    billing_on.STRIPE_MAX_NETWORK_RETRIES = 1
    billing_on.STRIPE_TIMEOUT_SECONDS = 5
    billing_on.BILLING_PACKS = PACKS
    billing_on.SITE_URL = "https://careers.example.com"
    return stripe_server


@pytest.fixture
def deliver():
    """POST `event` to the webhook as Stripe does (signed now, with the test secret), from a client without a session
    and with CSRF checks on, as a real outside caller."""
    stripe_client = Client(enforce_csrf_checks=True)

    def post(event: dict | str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None, signature=None):
        payload = event if isinstance(event, str) else json.dumps(event)
        header = signature if signature is not None else sign(payload, secret, timestamp=timestamp)
        return stripe_client.post(
            reverse("billing:stripe_webhook"),
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )

    return post
