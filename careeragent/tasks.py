"""Background-work helpers shared by every app's actors."""

from __future__ import annotations

import dramatiq
from django.db import transaction
from dramatiq.middleware import Middleware

from careeragent.logs import request_id_var


def enqueue_on_commit(actor: dramatiq.Actor, *args, **kwargs) -> None:
    """Send `actor(*args, **kwargs)` once the current transaction commits.

    A message sent before the commit can reach a worker before the row it names exists (or after a rollback
    removed it); on_commit makes the order right. Outside a transaction it sends at once.
    """
    request_id = request_id_var.get()

    def send() -> None:
        actor.send_with_options(args=args, kwargs=kwargs, request_id=request_id)

    transaction.on_commit(send)


class RequestIdMiddleware(Middleware):
    """Carry the enqueuing request's id into the worker's log lines."""

    def __init__(self) -> None:
        self._tokens: dict[str, object] = {}

    @property
    def actor_options(self) -> set[str]:
        return {"request_id"}

    def before_process_message(self, broker, message) -> None:
        self._tokens[message.message_id] = request_id_var.set(message.options.get("request_id") or "-")

    def after_process_message(self, broker, message, *, result=None, exception=None) -> None:
        token = self._tokens.pop(message.message_id, None)
        if token is not None:
            request_id_var.reset(token)

    after_skip_message = after_process_message
