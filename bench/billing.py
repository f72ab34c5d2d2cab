"""Billing: concurrent spends never overdraw a balance; the Stripe webhook answers fast and fulfils once.

Concurrent spends: each round gives a throw-away bench user a balance of 5, then 20 threads (each with its own
database connection, closed afterwards) spend 1 credit at the same moment. Exactly 5 must succeed and the
balance must end at 0; the overdraw is how many credits went out beyond the balance, summed over the rounds
(target 0). PostgreSQL only: SQLite serialises every write, so a race there measures nothing.

Webhook: 100 pending purchases, each with three events (checkout.session.completed, its
async_payment_succeeded twin, and a partial charge.refunded), are delivered signed, each 3 times, in shuffled
order (so many refunds come before their completion) through Django's test client to the real view. The answer
time p99 must stay low because the answer only verifies, stores and queues. Then a real Dramatiq worker drains
the queue, and the duplicate count is how many purchase credits went in beyond one per purchase (target 0).
Runs on SQLite and PostgreSQL (with REDIS_URL the queue is Redis).

Run alone: ``DEBUG=true DATABASE_URL=postgres://... .venv/bin/python -m bench.billing``.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from bench.common import percentile, row

BENCH_EMAIL = "bench-billing@careeragent.local"
PARALLEL = 20
BALANCE = 5
ROUNDS = 10

WEBHOOK_EMAIL = "bench-billing-webhook@careeragent.local"
WEBHOOK_SECRET = "whsec_bench_not_secret"
PURCHASES = 100  # x 3 events = 300 events, each delivered 3 times
CREDITS, AMOUNT, REFUNDED = 10, 900, 300  # a third refunded: 3 of 10 credits taken back


def _round(user) -> tuple[int, int]:
    """(granted spends, final balance) for one round of PARALLEL spends against BALANCE credits."""
    from django.db import connections

    from billing import services

    current = services.balance(user)
    if current != BALANCE:
        services.adjust(user=user, delta=BALANCE - current, note="bench round")
    start = threading.Barrier(PARALLEL)

    def one(_) -> bool:
        try:
            start.wait()
            services.spend(user=user, amount=1, reason="optimization")
            return True
        except services.InsufficientCredits:
            return False
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(PARALLEL) as pool:
        granted = sum(pool.map(one, range(PARALLEL)))
    return granted, services.balance(user)


def run() -> dict:
    from django.db import connection

    results = _webhook()
    if connection.vendor != "postgresql":
        print("billing: concurrent spends need PostgreSQL (DATABASE_URL); skipped on SQLite")
        return results
    return {**_concurrent_spends(), **results}


def _concurrent_spends() -> dict:
    from django.test import override_settings

    from accounts.models import User

    User.objects.filter(email=BENCH_EMAIL).delete()
    user = User.objects.create_user(email=BENCH_EMAIL, password=None)
    overdraw, granted_total, rounds_ok = 0, 0, 0
    started = time.perf_counter()
    try:
        with override_settings(BILLING_ENABLED=True, BILLING_FREE_CREDITS=0):
            for _ in range(ROUNDS):
                granted, final = _round(user)
                # Credits that went out beyond the balance, whichever way it shows.
                overdraw += max(0, granted - BALANCE) + max(0, -final)
                granted_total += granted
                rounds_ok += granted == BALANCE and final == 0
    finally:
        User.objects.filter(id=user.id).delete()
    elapsed = (time.perf_counter() - started) * 1000
    print(
        f"billing: {ROUNDS} rounds of {PARALLEL} parallel spends against {BALANCE} credits: "
        f"{granted_total} granted, overdraw {overdraw}, {rounds_ok}/{ROUNDS} rounds exact, {elapsed:.0f} ms"
    )
    return {
        "billing.concurrent_spend_overdraw": row(overdraw, "credits", "== 0"),
        "billing.concurrent_spend_granted": row(granted_total / ROUNDS, "spends/round", f"== {BALANCE}"),
    }


def _events(purchase) -> list[dict]:
    metadata = {"purchase_id": str(purchase.id), "user_id": str(purchase.user_id), "pack": purchase.pack}
    metadata |= {"credits": str(purchase.credits), "price_id": purchase.price_id}
    intent = f"pi_bench_{purchase.id.hex}"
    session = {
        "id": purchase.checkout_session_id,
        "object": "checkout.session",
        "amount_total": AMOUNT,
        "currency": "usd",
        "customer_details": {"email": WEBHOOK_EMAIL},
        "metadata": metadata,
        "mode": "payment",
        "payment_intent": intent,
        "payment_status": "paid",
        "status": "complete",
    }
    charge = {
        "id": f"ch_bench_{purchase.id.hex}",
        "object": "charge",
        "amount": AMOUNT,
        "amount_refunded": REFUNDED,
        "currency": "usd",
        "metadata": metadata,
        "payment_intent": intent,
        "refunded": False,
    }
    kinds = [
        ("checkout.session.completed", session),
        ("checkout.session.async_payment_succeeded", session),
        ("charge.refunded", charge),
    ]
    return [
        {
            "id": f"evt_bench_{uuid.uuid4().hex}",
            "object": "event",
            "created": int(time.time()),
            "livemode": False,
            "type": kind,
            "data": {"object": obj},
        }
        for kind, obj in kinds
    ]


def _webhook() -> dict:
    import hashlib
    import hmac

    import dramatiq
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.urls import reverse

    from accounts.models import User
    from billing import services
    from billing.models import CreditLedgerEntry, Purchase, StripeEvent
    from careeragent.worker import load_actors, shut_down

    load_actors()
    User.objects.filter(email=WEBHOOK_EMAIL).delete()
    user = User.objects.create_user(email=WEBHOOK_EMAIL, password=None)
    event_ids: list[str] = []
    broker = dramatiq.get_broker()
    try:
        with override_settings(BILLING_ENABLED=True, BILLING_FREE_CREDITS=0, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET):
            purchases = [
                Purchase.objects.create(
                    user=user,
                    pack="bench",
                    credits=CREDITS,
                    price_id="price_bench",
                    checkout_session_id=f"cs_bench_{uuid.uuid4().hex}",
                )
                for _ in range(PURCHASES)
            ]
            payloads = [json.dumps(e) for p in purchases for e in _events(p)]
            event_ids = [json.loads(payload)["id"] for payload in payloads]
            deliveries = payloads * 3
            random.Random(9).shuffle(deliveries)
            client, url = Client(), reverse("billing:stripe_webhook")
            timings: list[float] = []
            refused = 0
            for payload in deliveries:
                stamp = int(time.time())
                digest = hmac.new(WEBHOOK_SECRET.encode(), f"{stamp}.{payload}".encode(), hashlib.sha256).hexdigest()
                started = time.perf_counter()
                response = client.post(
                    url, data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=f"t={stamp},v1={digest}"
                )
                timings.append((time.perf_counter() - started) * 1000)
                refused += response.status_code != 200
            credited_inline = CreditLedgerEntry.objects.filter(user=user).count()  # before any worker: 0

            worker = dramatiq.Worker(broker, worker_threads=4, worker_timeout=20)
            worker.start()
            drained = time.perf_counter()
            try:
                for queue in ("billing", "email"):
                    broker.join(queue, timeout=300_000)
                worker.join()
            finally:
                shut_down(worker)
            drain_ms = (time.perf_counter() - drained) * 1000

            per_purchase = (
                CreditLedgerEntry.objects.filter(user=user, reason="purchase")
                .values("reference_id")
                .annotate(n=Count("id"))
            )
            duplicates = sum(entry["n"] - 1 for entry in per_purchase if entry["n"] > 1)
            credited = sum(1 for _ in per_purchase)
            statuses = dict(StripeEvent.objects.filter(id__in=event_ids).values_list("status").annotate(n=Count("id")))
            balance = services.balance(user)
    finally:
        StripeEvent.objects.filter(id__in=event_ids).delete()
        User.objects.filter(id=user.id).delete()
    expected = PURCHASES * (CREDITS - CREDITS * REFUNDED // AMOUNT)
    print(
        f"billing webhook ({type(broker).__name__}): {len(deliveries)} signed deliveries of {len(payloads)} events, "
        f"answer p50 {percentile(timings, 0.5):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
        f"{refused} refused, {credited_inline} credited before the worker ran; worker drained in {drain_ms:.0f} ms: "
        f"{credited}/{PURCHASES} purchases credited, {duplicates} duplicate fulfilments, events {statuses}, "
        f"balance {balance} (expected {expected})"
    )
    return {
        "billing.webhook_p99_ms": row(percentile(timings, 0.99), "ms", "<= 200"),
        "billing.duplicate_fulfilments": row(duplicates, "fulfilments", "== 0"),
    }


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # as bench/__main__: the test client's host, e-mail kept in memory
    print(json.dumps(run(), indent=2))
