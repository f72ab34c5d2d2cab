"""Background work through a real Dramatiq worker, on whichever broker this pass configures."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import dramatiq
import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from accounts import services
from accounts.actors import send_email
from careeragent.logs import request_id_var
from careeragent.tasks import enqueue_on_commit

pytestmark = pytest.mark.worker
ROOT = Path(__file__).resolve().parent.parent


def test_the_broker_matches_the_mode(settings):
    expected = "RedisBroker" if settings.REDIS_URL else "StubBroker"
    assert type(dramatiq.get_broker()).__name__ == expected


def test_an_email_is_sent_by_the_worker_with_its_html_part(worker):
    message = EmailMultiAlternatives("Hello", "plain body", to=["a@example.com"])
    message.attach_alternative("<p>html body</p>", "text/html")
    services.email_send_later(message)
    worker.drain()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "Hello" and sent.to == ["a@example.com"]
    assert sent.alternatives[0][0] == "<p>html body</p>"


def test_nothing_is_enqueued_when_the_transaction_rolls_back(worker):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.email_send_later(EmailMultiAlternatives("Never", "x", to=["a@example.com"]))
        raise Abort
    worker.drain()
    assert mail.outbox == []


def test_the_message_waits_for_the_commit(worker):
    with transaction.atomic():
        enqueue_on_commit(send_email, services.email_to_payload(EmailMultiAlternatives("Later", "x", to=["b@x.io"])))
        time.sleep(0.3)
        assert mail.outbox == []  # still inside the transaction: not sent yet
    worker.drain()
    assert [m.subject for m in mail.outbox] == ["Later"]


seen_request_ids: list[str] = []


@dramatiq.actor(queue_name="test-request-id")
def record_request_id() -> None:
    seen_request_ids.append(request_id_var.get())


def test_the_request_id_travels_with_the_message(worker):
    seen_request_ids.clear()
    token = request_id_var.set("req-from-web-123")
    try:
        enqueue_on_commit(record_request_id)
    finally:
        request_id_var.reset(token)
    worker.drain()
    assert seen_request_ids == ["req-from-web-123"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="a separate worker process needs the Redis broker")
def test_a_separate_rundramatiq_process_delivers_the_mail(broker):
    env = {**os.environ, "EMAIL_FILE_PATH": "", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "rundramatiq", "--processes", "1", "--threads", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        send_email.send(services.email_to_payload(EmailMultiAlternatives("From the worker", "body", to=["c@x.io"])))
        broker.join(send_email.queue_name, timeout=60_000)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    # The worker process uses the console e-mail backend of the embedded settings: the mail is in its output.
    assert "Subject: From the worker" in output
