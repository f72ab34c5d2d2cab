"""Stripe events racing on PostgreSQL: the same delivery at once, and a session's events processed at once.

SQLite serialises every write, so these run in the PostgreSQL pass (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from billing import payments, services
from billing.models import CreditLedgerEntry, Purchase, StripeEvent
from tests.billing.conftest import WEBHOOK_SECRET
from tests.billing.stripe_server import checkout_session, event, sign

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL; SQLite serialises"),
]

PARALLEL = 16


def in_parallel(func, items) -> list:
    start = threading.Barrier(len(items))

    def one(item):
        try:
            start.wait()
            return func(item)
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(len(items)) as pool:
        return list(pool.map(one, items))


def test_the_same_delivery_at_once_is_stored_and_queued_once(stripe_on, owner, monkeypatch):
    sent = []
    monkeypatch.setattr(payments, "enqueue_on_commit", lambda actor, event_id: sent.append(event_id))
    payload = json.dumps(event("customer.created", {"id": "cus_1", "object": "customer"}))
    header = sign(payload, WEBHOOK_SECRET)
    results = in_parallel(
        lambda _: payments.event_receive(payload=payload.encode(), signature=header).queued, range(PARALLEL)
    )
    assert sum(results) == 1 and len(sent) == 1
    assert StripeEvent.objects.count() == 1


def test_a_sessions_events_processed_at_once_credit_once(stripe_on, owner):
    purchase = Purchase.objects.create(
        user=owner, pack="starter", credits=10, price_id="price_starter", checkout_session_id="cs_race"
    )
    session = checkout_session(purchase)
    events = [event(kind, session) for kind in payments.CHECKOUT_PAID_TYPES]
    for e in events:
        StripeEvent.objects.create(id=e["id"], type=e["type"], payload=e)
    ids = [events[i % 2]["id"] for i in range(PARALLEL)]
    statuses = in_parallel(lambda event_id: payments.event_process(event_id=event_id), ids)
    assert set(statuses) == {"processed"}
    assert CreditLedgerEntry.objects.filter(reason="purchase").count() == 1
    assert services.balance(owner) == 3 + 10
