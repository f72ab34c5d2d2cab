"""A loopback stand-in for Stripe, for driving the real `stripe` library in tests, and Stripe's webhook side.

``StripeServer`` answers ``POST /v1/checkout/sessions`` the way the API does: the form-encoded parameters in,
a ``checkout.session`` object (or a scripted error) out. Every request is kept, with its form decoded, in
``requests``. The event builders and ``sign`` make webhook calls as Stripe sends them: a JSON event and a
``Stripe-Signature: t=...,v1=HMAC-SHA256(secret, "t.payload")`` header, computed here rather than by the library.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from tests.loopback import JsonApiServer, Reply

_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}_test_{next(_ids):020d}"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    form: dict[str, str]  # Stripe's bracket notation kept flat: "line_items[0][price]" -> "price_abc"


def error(status: int, message: str = "", *, kind: str = "api_error", should_retry: bool | None = None) -> Reply:
    """The API's error body; ``Stripe-Should-Retry`` is the header the library obeys for retries."""
    headers = {"request-id": _id("req")}
    if should_retry is not None:
        headers["stripe-should-retry"] = "true" if should_retry else "false"
    return Reply(status, {"error": {"type": kind, "message": message or kind}}, headers)


def checkout_session_from(form: dict[str, str], *, amount_total: int = 900, currency: str = "usd") -> dict:
    """The Checkout Session the API returns for the parameters it was sent."""
    session_id = _id("cs")
    metadata = {key[len("metadata[") : -1]: value for key, value in form.items() if key.startswith("metadata[")}
    return {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": amount_total,
        "amount_total": amount_total,
        "cancel_url": form.get("cancel_url"),
        "client_reference_id": form.get("client_reference_id"),
        "currency": currency,
        "customer": None,
        "customer_details": None,
        "customer_email": form.get("customer_email"),
        "expires_at": int(time.time()) + 86400,
        "livemode": False,
        "metadata": metadata,
        "mode": form.get("mode"),
        "payment_intent": None,
        "payment_status": "unpaid",
        "status": "open",
        "success_url": form.get("success_url"),
        "url": f"https://checkout.stripe.com/c/pay/{session_id}",
    }


class StripeServer(JsonApiServer):
    """Answers scripted replies first; once they are used up, Checkout Sessions are created normally."""

    def parse(self, path: str, headers: dict[str, str], raw: bytes) -> Request:
        return Request("POST", path, headers, dict(parse_qsl(raw.decode(), keep_blank_values=True)))

    def answer(self, request: Request) -> Reply:
        if request.headers.get("authorization", "") != "Bearer sk_test_123":
            return error(401, "Invalid API Key provided", kind="invalid_request_error")
        scripted = self.next_scripted()
        if scripted is not None:
            return scripted
        if request.path != "/v1/checkout/sessions":
            return error(404, f"Unrecognized request URL (POST: {request.path})", kind="invalid_request_error")
        missing = [key for key in ("mode", "success_url", "line_items[0][price]") if not request.form.get(key)]
        if missing:
            return error(400, f"Missing required param: {missing[0]}.", kind="invalid_request_error")
        return Reply(200, checkout_session_from(request.form))


# --- Webhooks --------------------------------------------------------------------------------------------


def sign(payload: str, secret: str, *, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `payload`: t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(event_type: str, obj: dict, *, event_id: str | None = None) -> dict:
    return {
        "id": event_id or _id("evt"),
        "object": "event",
        "api_version": "2025-06-30.basil",
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def metadata_of(purchase) -> dict:
    """What billing.payments sends to Stripe as metadata for `purchase` (Stripe echoes it in events)."""
    return {
        "purchase_id": str(purchase.id),
        "user_id": str(purchase.user_id),
        "pack": purchase.pack,
        "credits": str(purchase.credits),
        "price_id": purchase.price_id,
    }


def checkout_session(
    purchase=None,
    *,
    session_id: str | None = None,
    metadata: dict | None = None,
    payment_status: str = "paid",
    payment_intent: str = "pi_test_1",
    amount_total: int = 900,
    currency: str = "usd",
    email: str = "owner@example.com",
) -> dict:
    return {
        "id": session_id or purchase.checkout_session_id,
        "object": "checkout.session",
        "amount_total": amount_total,
        "currency": currency,
        "customer_details": {"email": email, "name": "Owner"},
        "customer_email": email,
        "metadata": metadata if metadata is not None else metadata_of(purchase),
        "mode": "payment",
        "payment_intent": payment_intent,
        "payment_status": payment_status,
        "status": "complete" if payment_status == "paid" else "open",
    }


def charge(
    purchase=None,
    *,
    payment_intent: str = "pi_test_1",
    amount: int = 900,
    amount_refunded: int = 0,
    metadata: dict | None = None,
    charge_id: str = "ch_test_1",
) -> dict:
    """A charge as charge.refunded carries it: amount_refunded is the total refunded so far."""
    return {
        "id": charge_id,
        "object": "charge",
        "amount": amount,
        "amount_captured": amount,
        "amount_refunded": amount_refunded,
        "currency": "usd",
        "metadata": metadata if metadata is not None else (metadata_of(purchase) if purchase else {}),
        "paid": True,
        "payment_intent": payment_intent,
        "refunded": amount_refunded >= amount,
        "status": "succeeded",
    }


def dispute(*, payment_intent: str = "pi_test_1", status: str = "needs_response", amount: int = 900) -> dict:
    return {
        "id": "dp_test_1",
        "object": "dispute",
        "amount": amount,
        "charge": "ch_test_1",
        "currency": "usd",
        "metadata": {},
        "payment_intent": payment_intent,
        "reason": "fraudulent",
        "status": status,
    }
