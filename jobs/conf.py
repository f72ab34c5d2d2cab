"""Settings of the jobs app, each with a default, so the app works without any entry in settings.py."""

from __future__ import annotations

from django.conf import settings


def fetch_max_bytes() -> int:
    """The largest page a URL import reads (streamed; the fetch stops beyond it)."""
    return int(getattr(settings, "JD_FETCH_MAX_BYTES", 2_000_000))


def fetch_timeout_s() -> float:
    """The whole URL import, redirects included, must finish within this many seconds."""
    return float(getattr(settings, "JD_FETCH_TIMEOUT_S", 10))


def fetch_allow_private() -> bool:
    """For tests only: lets a URL import reach loopback/private addresses and any port, so a test server on
    127.0.0.1:<random port> can be fetched. Cloud-metadata addresses stay refused even then. Never set it in
    production: it turns the URL import into a way to probe the internal network."""
    return bool(getattr(settings, "JD_FETCH_ALLOW_PRIVATE", False))


def upload_max_bytes() -> int:
    return int(getattr(settings, "JD_UPLOAD_MAX_BYTES", settings.RESUME_MAX_BYTES))


def creates_per_hour() -> int:
    return int(getattr(settings, "JD_CREATES_PER_HOUR_USER", 60))
