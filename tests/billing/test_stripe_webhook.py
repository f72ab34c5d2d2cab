"""The webhook: signatures (real, forged, expired), storing each event once, and queuing without doing the work."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import payments
from billing.models import CreditLedgerEntry, Purchase, StripeEvent
from tests.billing.stripe_server import charge, checkout_session, event, sign

pytestmark = pytest.mark.django_db
WEBHOOK = reverse("billing:stripe_webhook")


@pytest.fixture
def purchase(owner):
    return Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_test_webhook"
    )


@pytest.fixture
def queued():
    """How many sends the webhook has queued for the commit (the test's transaction never commits)."""
    from django.db import connection

    return lambda: len(connection.run_on_commit)


def test_a_signed_event_is_stored_and_queued_not_processed(stripe_on, deliver, purchase, queued):
    completed = event("checkout.session.completed", checkout_session(purchase))
    response = deliver(completed)
    assert response.status_code == 200
    stored = StripeEvent.objects.get()
    assert (stored.id, stored.type, stored.status, stored.attempts) == (
        completed["id"],
        "checkout.session.completed",
        "received",
        0,
    )
    assert stored.payload == completed
    assert queued() == 1
    # The answer does not do the work: nothing is credited until the actor runs.
    purchase.refresh_from_db()
    assert purchase.paid_at is None
    assert not CreditLedgerEntry.objects.filter(reason="purchase").exists()


def test_a_replay_is_answered_but_not_queued_again(stripe_on, deliver, purchase, queued):
    completed = event("checkout.session.completed", checkout_session(purchase))
    assert [deliver(completed).status_code for _ in range(3)] == [200, 200, 200]
    assert StripeEvent.objects.count() == 1
    assert queued() == 1


def test_a_replay_of_a_processed_event_changes_nothing(stripe_on, deliver, purchase, queued):
    completed = event("checkout.session.completed", checkout_session(purchase))
    deliver(completed)
    payments.event_process(event_id=completed["id"])  # credits, and queues the receipt
    before = queued()
    deliver(completed)
    assert payments.event_process(event_id=completed["id"]) == "processed"
    assert queued() == before
    assert CreditLedgerEntry.objects.filter(reason="purchase").count() == 1


def test_a_failed_event_is_queued_again_when_stripe_retries(stripe_on, deliver, queued):
    refund = event("charge.refunded", charge(payment_intent="pi_unknown", amount_refunded=900))
    deliver(refund)
    with pytest.raises(payments.PurchaseNotFound):
        payments.event_process(event_id=refund["id"])
    stored = StripeEvent.objects.get()
    assert stored.status == "failed" and stored.attempts == 1 and "PurchaseNotFound" in stored.error
    assert deliver(refund).status_code == 200
    assert queued() == 2


def test_an_event_stuck_in_received_is_queued_again_when_stripe_retries(stripe_on, deliver, queued):
    other = event("customer.created", {"id": "cus_1", "object": "customer"})
    deliver(other)
    deliver(other)
    assert queued() == 1  # still waiting for its message: not queued twice
    StripeEvent.objects.update(received_at=timezone.now() - payments.STALE_RECEIVED - timedelta(seconds=1))
    deliver(other)
    assert queued() == 2  # its message was probably lost


def test_a_forged_signature_is_400_and_stores_nothing(stripe_on, deliver, purchase, queued):
    completed = event("checkout.session.completed", checkout_session(purchase))
    assert deliver(completed, secret="whsec_not_ours").status_code == 400
    # A signed payload edited afterwards (say, more credits) no longer matches its signature.
    header = sign(json.dumps(completed), "whsec_test_secret")
    edited = json.dumps({**completed, "type": "charge.dispute.closed"})
    assert deliver(edited, signature=header).status_code == 400
    assert deliver(completed, signature="").status_code == 400
    assert deliver(completed, signature="t=x,v1=").status_code == 400
    assert not StripeEvent.objects.exists() and queued() == 0


def test_an_expired_signature_is_400(stripe_on, deliver, purchase, queued):
    completed = event("checkout.session.completed", checkout_session(purchase))
    assert deliver(completed, timestamp=int(time.time()) - 301).status_code == 400
    assert deliver(completed, timestamp=int(time.time()) - 250).status_code == 200  # inside the 300 s
    assert StripeEvent.objects.count() == 1


@pytest.mark.parametrize("payload", ["{not json", "[1, 2]", json.dumps({"object": "event"}), ""])
def test_a_bad_payload_is_400_even_when_signed(stripe_on, deliver, payload):
    assert deliver(payload).status_code == 400
    assert not StripeEvent.objects.exists()


def test_an_unknown_event_type_is_stored_and_ignored(stripe_on, deliver):
    other = event("customer.created", {"id": "cus_1", "object": "customer"})
    assert deliver(other).status_code == 200
    assert payments.event_process(event_id=other["id"]) == "ignored"
    stored = StripeEvent.objects.get()
    assert stored.status == "ignored" and stored.processed_at is not None


def test_it_needs_no_login_or_csrf_but_only_post(stripe_on, deliver, client):
    assert deliver(event("customer.created", {"id": "cus_1"})).status_code == 200  # Client(enforce_csrf_checks)
    assert client.get(WEBHOOK).status_code == 405


def test_it_is_404_when_billing_is_off_or_has_no_secret(stripe_on, settings, deliver, purchase):
    completed = event("checkout.session.completed", checkout_session(purchase))
    settings.BILLING_ENABLED = False
    assert deliver(completed).status_code == 404
    settings.BILLING_ENABLED = True
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert deliver(completed).status_code == 404
    assert not StripeEvent.objects.exists()


@pytest.mark.worker
def test_an_event_whose_message_was_lost_is_processed_by_the_sweep(stripe_on, deliver, owner, worker):
    from billing import services

    purchase = Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_test_lost"
    )
    paid = event("checkout.session.completed", checkout_session(purchase))
    # Stored and answered, but the queued message died with the process (the embedded broker keeps nothing).
    StripeEvent.objects.create(id=paid["id"], type=paid["type"], payload=paid)
    assert payments.events_requeue_unprocessed() == 0  # younger than the grace period: its message may be coming
    StripeEvent.objects.filter(id=paid["id"]).update(received_at=timezone.now() - timedelta(minutes=11))
    assert payments.events_requeue_unprocessed() == 1
    worker.drain()
    assert services.balance(owner) == 3 + 10
    assert payments.events_requeue_after_restart() == 0  # processed: nothing left to send
    worker.drain()
    assert services.balance(owner) == 3 + 10
