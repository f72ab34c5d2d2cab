"""Health checks for /healthz: each dependency answers ok or an error, with its latency."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable

import dramatiq
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from dramatiq.brokers.stub import StubBroker


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)
    return cache.__class__.__name__


def check_broker() -> str:
    broker = dramatiq.get_broker()
    if isinstance(broker, StubBroker):
        return "embedded"
    broker.client.ping()
    return "redis"


def check_storage() -> str:
    if isinstance(default_storage, FileSystemStorage):
        location = default_storage.location
        os.makedirs(location, exist_ok=True)
        if not os.access(location, os.W_OK):
            raise RuntimeError("media folder is not writable")
        return "local"
    default_storage.exists("healthz/probe")  # one authenticated request to the bucket
    return "s3"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "storage": check_storage,
}


def run_checks() -> tuple[bool, dict[str, dict[str, object]]]:
    results: dict[str, dict[str, object]] = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail = check()
            results[name] = {"ok": True, "backend": detail}
        except Exception as error:  # a health check reports every failure, whatever its type
            healthy = False
            results[name] = {"ok": False, "error": f"{error.__class__.__name__}: {error}"[:300]}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return healthy, results
