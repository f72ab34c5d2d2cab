"""Web foundation: how long the landing page and the health check take to answer, in-process."""

from __future__ import annotations

from django.test import Client

from bench.common import percentile, row, summary, time_ms


def run() -> dict:
    client = Client()
    client.get("/")  # warm the template cache
    landing = time_ms(lambda: client.get("/"), 200)
    print(f"landing page: {summary(landing)}")
    try:
        health = time_ms(lambda: client.get("/healthz"), 100)
    except Exception as error:  # the database may not be migrated where the bench runs
        print(f"healthz skipped: {error}")
        health = []
    out = {"web.landing_p95_ms": row(percentile(landing, 0.95), "ms", "<= 50")}
    if health:
        print(f"healthz: {summary(health)}")
        out["web.healthz_p95_ms"] = row(percentile(health, 0.95), "ms", "<= 50")
    return out
