"""Concurrent spends on PostgreSQL: 20 at once against a balance of 5 let exactly 5 through, never more.

SQLite serialises every write on one database lock, so a race there proves nothing; these run in the
PostgreSQL pass (DATABASE_URL=postgres://...).
"""

from __future__ import annotations

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from billing import services as billing
from billing.models import CreditLedgerEntry
from optimize import services
from optimize.models import Optimization
from tests.billing.factories import account
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description
from tests.optimize.factories import RESUME

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL; SQLite serialises"),
]

PARALLEL = 20
BALANCE = 5


def test_parallel_spends_never_overdraw(billing_on, owner):
    account(owner, BALANCE)
    start = threading.Barrier(PARALLEL)

    def one(_):
        try:
            start.wait()
            billing.spend(user=owner, amount=1, reason="optimization")
            return True
        except billing.InsufficientCredits:
            return False
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(PARALLEL) as pool:
        granted = sum(pool.map(one, range(PARALLEL)))
    assert granted == BALANCE
    assert billing.balance(owner) == 0
    assert CreditLedgerEntry.objects.filter(user=owner, reason="optimization").count() == BALANCE


def test_parallel_submits_through_the_server_start_exactly_as_many_runs_as_credits(
    billing_on, owner, live_server, broker, monkeypatch
):
    monkeypatch.setattr(services, "MAX_RUNNING_PER_USER", 100)  # the credit gate is what is under test here
    resume = make_resume(owner)
    resume.parsed_sections = RESUME
    resume.save()
    jd = job_description(owner)
    account(owner, BALANCE)
    client = Client()
    client.force_login(owner)
    session_id = client.cookies["sessionid"].value
    csrf = secrets.token_hex(16)  # 32 characters: a valid unmasked token, sent as cookie and header
    url = live_server.url + reverse("optimize:create")
    data = {"resume": str(resume.id), "job_description": str(jd.id), "strategy": "targeted", "force": "1"}
    start = threading.Barrier(PARALLEL)

    def post(_):
        with requests.Session() as http:
            http.cookies.set("sessionid", session_id)
            http.cookies.set("csrftoken", csrf)
            start.wait()
            return http.post(url, data=data, headers={"X-CSRFToken": csrf}, allow_redirects=False, timeout=60)

    with ThreadPoolExecutor(PARALLEL) as pool:
        responses = list(pool.map(post, range(PARALLEL)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [302] * BALANCE + [400] * (PARALLEL - BALANCE), codes
    refused = [r.text for r in responses if r.status_code == 400]
    assert all("An optimization costs 1 credit and you have 0" in text for text in refused)
    assert Optimization.objects.filter(user=owner).count() == BALANCE
    assert CreditLedgerEntry.objects.filter(user=owner, reason="optimization").count() == BALANCE
    assert billing.balance(owner) == 0
