"""Shared fixtures: an owner and a stranger, their clients, and a real Dramatiq worker."""

from __future__ import annotations

import os
from pathlib import Path

import dramatiq
import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from careeragent.worker import load_actors, shut_down

PASSWORD = "correct horse battery staple"


def make_user(email: str, *, verified: bool = True, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


@pytest.fixture
def owner(db) -> User:
    return make_user("owner@example.com")


@pytest.fixture
def stranger(db) -> User:
    return make_user("stranger@example.com")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(db, stranger):
    from django.test import Client

    other = Client()
    other.force_login(stranger)
    return other


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes files to its own folder, never to var/media."""
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        storages = dict(settings.STORAGES)
        storages["default"] = {
            **storages["default"],
            "OPTIONS": {**storages["default"]["OPTIONS"], "location": tmp_path / "media"},
        }
        settings.STORAGES = storages


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def broker():
    """The configured broker (Redis in the PostgreSQL pass, the in-memory one in the embedded pass), emptied."""
    load_actors()
    current = dramatiq.get_broker()
    current.flush_all()
    yield current
    current.flush_all()


# A chain of jobs this deep is drained by one drain() (optimization -> its e-mail is 2).
DRAIN_ROUNDS = 3


@pytest.fixture
def worker(broker, transactional_db):
    """A real Dramatiq worker consuming the configured broker in this process.

    It needs committed rows, hence transactional_db; `worker.drain()` waits until every queue is empty.
    """
    instance = dramatiq.Worker(broker, worker_threads=2, worker_timeout=50)
    instance.start()

    def drain(timeout_ms: int = 20_000) -> None:
        # Several rounds: a job may queue more work (an e-mail, a follow-up job) on a queue already joined.
        for _ in range(DRAIN_ROUNDS):
            for queue in list(broker.get_declared_queues()):
                broker.join(queue, timeout=timeout_ms)
            instance.join()

    instance.drain = drain
    yield instance
    shut_down(instance)


@pytest.fixture
def corpus_dir() -> Path:
    value = os.environ.get("CORPUS_DIR")
    if not value:
        pytest.skip("CORPUS_DIR is not set: the shared evaluation corpus is needed for this test")
    path = Path(value)
    if not path.is_dir():
        pytest.skip(f"CORPUS_DIR={value} does not exist")
    return path
