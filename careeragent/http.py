"""Request helpers shared by views, rate limits and logs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only as far as TRUSTED_PROXY_COUNT proxies.

    Each proxy appends the address it received the request from, so with N trusted proxies the client is the
    N-th entry from the right; anything further left was written by the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a value, not a bind address)
    hops = settings.TRUSTED_PROXY_COUNT
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= hops:
        return forwarded[-hops]
    return forwarded[0] if forwarded else remote
