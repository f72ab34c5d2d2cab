"""Billing: concurrent spends never overdraw a balance.

Each round gives a throw-away bench user a balance of 5, then 20 threads (each with its own database
connection, closed afterwards) spend 1 credit at the same moment. Exactly 5 must succeed and the balance must
end at 0; the overdraw is how many credits went out beyond the balance, summed over the rounds (target 0).
PostgreSQL only: SQLite serialises every write, so a race there measures nothing.

Run alone: ``DEBUG=true DATABASE_URL=postgres://... .venv/bin/python -m bench.billing``.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import row

BENCH_EMAIL = "bench-billing@careeragent.local"
PARALLEL = 20
BALANCE = 5
ROUNDS = 10


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
    from django.test import override_settings

    from accounts.models import User

    if connection.vendor != "postgresql":
        print("billing: concurrent spends need PostgreSQL (DATABASE_URL); skipped on SQLite")
        return {}
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


if __name__ == "__main__":
    import json
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    django.setup()
    print(json.dumps(run(), indent=2))
