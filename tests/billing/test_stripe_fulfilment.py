"""Acting on Stripe events: one fulfilment however events repeat or reorder, refunds, disputes, the receipt."""

from __future__ import annotations

import contextlib
import random
import uuid

import pytest
from django.core import mail

from billing import payments, services
from billing.models import CreditLedgerEntry, Purchase, StripeEvent
from tests.billing.stripe_server import charge, checkout_session, dispute, event

FREE = 3  # billing_on's free allowance


@pytest.fixture
def purchase(owner):
    return Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_test_fulfil"
    )


def settle(deliver, *events, times: int = 1, seed: int | None = None) -> None:
    """Deliver `events` (each `times` times, shuffled with `seed`) and process them as the queue would: each when
    it arrives; an event that fails (an early dispute) is retried after the others, as the actor's retries do."""
    deliveries = [e for e in events for _ in range(times)]
    if seed is not None:
        random.Random(seed).shuffle(deliveries)
    for e in deliveries:
        assert deliver(e).status_code == 200
        _process(e["id"])
    for stored in StripeEvent.objects.filter(status="failed").order_by("received_at"):
        _process(stored.id)


def _process(event_id: str) -> None:
    with contextlib.suppress(payments.PurchaseNotFound):  # recorded as failed; retried later
        payments.event_process(event_id=event_id)


def purchase_entries(purchase) -> list[int]:
    return list(
        CreditLedgerEntry.objects.filter(reference_type="billing.Purchase", reference_id=str(purchase.id))
        .order_by("created_at")
        .values_list("delta", flat=True)
    )


def completed(purchase, **kw) -> dict:
    return event("checkout.session.completed", checkout_session(purchase, **kw))


def refunded(purchase, amount_refunded: int) -> dict:
    return event("charge.refunded", charge(purchase, amount_refunded=amount_refunded))


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(5))
def test_each_event_three_times_in_any_order_credits_once(stripe_on, deliver, owner, purchase, seed):
    succeeded = event("checkout.session.async_payment_succeeded", checkout_session(purchase))
    settle(deliver, completed(purchase), succeeded, times=3, seed=seed)
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10]
    assert services.balance(owner) == FREE + 10
    assert (purchase.status, purchase.credits_credited) == ("paid", 10)
    assert purchase.payment_intent_id == "pi_test_1" and purchase.amount_total == 900 and purchase.currency == "usd"
    assert purchase.receipt_email == "owner@example.com" and purchase.receipt_sent_at is not None
    entry = CreditLedgerEntry.objects.get(reason="purchase")
    assert entry.stripe_event_id in {e.id for e in StripeEvent.objects.all()}
    assert entry.reference_url == f"/billing/receipts/{purchase.id}/"
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}


@pytest.mark.django_db
def test_a_completion_for_a_missing_row_creates_it_from_the_metadata(stripe_on, deliver, owner):
    purchase_id = uuid.uuid4()
    metadata = {"purchase_id": str(purchase_id), "user_id": str(owner.id), "pack": "pro", "credits": "50"}
    metadata["price_id"] = "price_pro"
    settle(deliver, event("checkout.session.completed", checkout_session(session_id="cs_new", metadata=metadata)))
    purchase = Purchase.objects.get()
    assert (purchase.id, purchase.user, purchase.checkout_session_id) == (purchase_id, owner, "cs_new")
    assert (purchase.credits, purchase.status) == (50, "paid")
    assert services.balance(owner) == FREE + 50


@pytest.mark.django_db
def test_a_completion_with_unusable_metadata_fails_and_credits_nothing(stripe_on, deliver, owner):
    settle(deliver, event("checkout.session.completed", checkout_session(session_id="cs_x", metadata={})))
    stored = StripeEvent.objects.get()
    assert stored.status == "failed" and "no purchase" in stored.error
    assert not Purchase.objects.exists() and services.balance(owner) == FREE


@pytest.mark.django_db
def test_an_unpaid_completion_waits_for_the_async_payment(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase, payment_status="unpaid"))
    purchase.refresh_from_db()
    assert purchase.status == "pending" and services.balance(owner) == FREE
    settle(deliver, event("checkout.session.async_payment_succeeded", checkout_session(purchase)))
    assert services.balance(owner) == FREE + 10


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "status"), [("expired", "expired"), ("async_payment_failed", "failed")])
def test_a_session_that_never_pays_credits_nothing(stripe_on, deliver, owner, purchase, kind, status):
    settle(deliver, event(f"checkout.session.{kind}", checkout_session(purchase, payment_status="unpaid")))
    purchase.refresh_from_db()
    assert purchase.status == status and purchase_entries(purchase) == []


@pytest.mark.django_db
def test_a_full_refund_takes_the_credits_back_once(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase), refunded(purchase, 900), times=3)
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -10]
    assert (purchase.status, purchase.credits_reversed, purchase.amount_refunded) == ("refunded", 10, 900)
    assert services.balance(owner) == FREE


@pytest.mark.django_db
def test_partial_refunds_reverse_only_their_new_part(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase))
    first, second = refunded(purchase, 300), refunded(purchase, 600)
    settle(deliver, first)
    purchase.refresh_from_db()
    assert (purchase.status, purchase.credits_reversed) == ("partially_refunded", 3)  # 10 x 300/900
    settle(deliver, second, first)  # the first again, late: its smaller total moves nothing
    settle(deliver, refunded(purchase, 800))
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -3, -3, -2]  # 3, then 6, then 8 (rounded down) of 10
    settle(deliver, refunded(purchase, 900))
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -3, -3, -2, -2]
    assert (purchase.status, purchase.credits_reversed) == ("refunded", 10)
    assert services.balance(owner) == FREE


@pytest.mark.django_db
def test_a_refund_never_takes_the_balance_below_zero(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase))
    services.spend(user=owner, amount=12, reason="optimization")  # 13 -> 1
    settle(deliver, refunded(purchase, 900))
    purchase.refresh_from_db()
    assert services.balance(owner) == 0
    assert purchase_entries(purchase) == [10, -1]
    assert (purchase.credits_reversed, purchase.reversal_shortfall, purchase.status) == (10, 9, "refunded")
    settle(deliver, refunded(purchase, 900))  # another event with the same total: nothing more to take
    assert purchase_entries(purchase) == [10, -1]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(3))
def test_a_full_refund_before_the_completion_means_no_credit(stripe_on, deliver, owner, purchase, seed):
    refund = refunded(purchase, 900)
    settle(deliver, refund)
    purchase.refresh_from_db()
    assert (purchase.status, purchase.credits_reversed, purchase.payment_intent_id) == ("refunded", 10, "pi_test_1")
    succeeded = event("checkout.session.async_payment_succeeded", checkout_session(purchase))
    settle(deliver, completed(purchase), succeeded, refund, times=3, seed=seed)
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == []
    assert services.balance(owner) == FREE
    assert purchase.status == "refunded" and purchase.paid_at is not None and purchase.receipt_sent_at is None


@pytest.mark.django_db
def test_a_partial_refund_before_the_completion_credits_the_rest(stripe_on, deliver, owner, purchase):
    settle(deliver, refunded(purchase, 300), completed(purchase))
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [7]
    assert (purchase.status, purchase.credits_credited, purchase.credits_reversed) == ("partially_refunded", 7, 3)
    settle(deliver, refunded(purchase, 900))
    assert purchase_entries(purchase) == [7, -7] and services.balance(owner) == FREE


@pytest.mark.django_db
def test_a_dispute_takes_the_rest_back_and_a_won_one_gives_it_back_once(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase), refunded(purchase, 300))
    opened = event("charge.dispute.created", dispute())
    settle(deliver, opened, times=3)
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -3, -7]
    assert (purchase.status, purchase.dispute_status, purchase.credits_reversed) == ("disputed", "open", 10)
    assert services.balance(owner) == FREE
    won = event("charge.dispute.closed", dispute(status="won"))
    also_won = event("charge.dispute.closed", dispute(status="won"))  # a second closing event, another id
    settle(deliver, won, also_won, opened, times=2)
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -3, -7, 7]
    assert (purchase.status, purchase.dispute_status, purchase.credits_reversed) == ("partially_refunded", "won", 3)
    assert services.balance(owner) == FREE + 7


@pytest.mark.django_db
def test_a_lost_dispute_keeps_the_credits_taken(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase), event("charge.dispute.created", dispute()))
    settle(deliver, event("charge.dispute.closed", dispute(status="lost")))
    purchase.refresh_from_db()
    assert purchase_entries(purchase) == [10, -10]
    assert (purchase.status, purchase.dispute_status) == ("disputed", "lost")
    assert services.balance(owner) == FREE


@pytest.mark.django_db
def test_a_won_dispute_gives_back_only_what_was_taken(stripe_on, deliver, owner, purchase):
    settle(deliver, completed(purchase))
    services.spend(user=owner, amount=9, reason="optimization")  # 13 -> 4
    settle(deliver, event("charge.dispute.created", dispute()))
    purchase.refresh_from_db()
    assert services.balance(owner) == 0 and purchase.dispute_shortfall == 6
    settle(deliver, event("charge.dispute.closed", dispute(status="won")))
    assert purchase_entries(purchase) == [10, -4, 4]
    assert services.balance(owner) == 4


@pytest.mark.django_db
def test_a_dispute_before_the_completion_is_retried_until_it_can_be_matched(stripe_on, deliver, owner, purchase):
    opened = event("charge.dispute.created", dispute())  # no metadata, a payment intent not yet known
    settle(deliver, opened)
    assert StripeEvent.objects.get(id=opened["id"]).status == "failed"
    settle(deliver, completed(purchase))  # settle retries the failed dispute after the completion
    purchase.refresh_from_db()
    assert StripeEvent.objects.get(id=opened["id"]).status == "processed"
    assert purchase_entries(purchase) == [10, -10] and purchase.status == "disputed"


@pytest.mark.django_db
def test_events_wait_while_billing_is_off(stripe_on, settings, deliver, owner, purchase):
    event_ = completed(purchase)
    deliver(event_)
    settings.BILLING_ENABLED = False
    assert payments.event_process(event_id=event_["id"]) == "failed"
    assert "switched off" in StripeEvent.objects.get().error
    settings.BILLING_ENABLED = True
    assert payments.event_process(event_id=event_["id"]) == "processed"
    assert purchase_entries(purchase) == [10]


# --- Through the real worker ------------------------------------------------------------------------------


@pytest.mark.worker
def test_the_worker_fulfils_once_and_sends_one_receipt(stripe_on, deliver, worker, owner, owner_client):
    response = owner_client.post("/billing/buy/", {"pack": "starter"})
    assert response.status_code == 303
    purchase = Purchase.objects.get()
    session = checkout_session(purchase, payment_intent="pi_worker")
    events = [
        event("checkout.session.completed", session),
        event("checkout.session.async_payment_succeeded", session),
        event("customer.created", {"id": "cus_1", "object": "customer"}),
    ]
    deliveries = [e for e in events for _ in range(3)]
    random.Random(7).shuffle(deliveries)
    for e in deliveries:
        assert deliver(e).status_code == 200
    worker.drain()

    purchase.refresh_from_db()
    assert purchase.status == "paid" and purchase_entries(purchase) == [10]
    assert services.balance(owner) == FREE + 10
    assert sorted(StripeEvent.objects.values_list("status", flat=True)) == ["ignored", "processed", "processed"]
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["owner@example.com"]
    assert receipt.subject.endswith(f"Your receipt: 10 credits ({purchase.reference})")
    assert purchase.reference in receipt.body and "9.00 USD" in receipt.body and "pi_worker" in receipt.body
    assert f"https://careers.example.com/billing/receipts/{purchase.id}/" in receipt.body
    html = receipt.alternatives[0][0]
    assert purchase.reference in html and "balance is now 13 credits" in html
    assert "Your e-mail settings" in html  # in the shared e-mail layout

    # A late refund through the same path.
    late_refund = event("charge.refunded", charge(purchase, payment_intent="pi_worker", amount_refunded=900))
    assert deliver(late_refund).status_code == 200
    worker.drain()
    assert services.balance(owner) == FREE and len(mail.outbox) == 1
