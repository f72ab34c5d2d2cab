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
import json
import queue
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

_ids = itertools.count(1)


def _id(prefix: str) -> str:
    return f"{prefix}_test_{next(_ids):020d}"


@dataclass
class Reply:
    status: int
    body: dict
    headers: dict[str, str] = field(default_factory=dict)


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


class StripeServer:
    def __init__(self):
        self.replies: queue.Queue[Reply] = queue.Queue()
        self.requests: list[Request] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these; once they are used up, sessions are created normally."""
        for reply in replies:
            self.replies.put(reply)

    def start(self) -> StripeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _answer(self, request: Request) -> Reply:
        if request.headers.get("authorization", "") != "Bearer sk_test_123":
            return error(401, "Invalid API Key provided", kind="invalid_request_error")
        try:
            return self.replies.get_nowait()
        except queue.Empty:
            pass
        if request.path != "/v1/checkout/sessions":
            return error(404, f"Unrecognized request URL (POST: {request.path})", kind="invalid_request_error")
        missing = [key for key in ("mode", "success_url", "line_items[0][price]") if not request.form.get(key)]
        if missing:
            return error(400, f"Missing required param: {missing[0]}.", kind="invalid_request_error")
        return Reply(200, checkout_session_from(request.form))

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
                request = Request("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, form)
                server.requests.append(request)
                reply = server._answer(request)
                data = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


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
