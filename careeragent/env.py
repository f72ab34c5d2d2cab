"""Small typed readers for environment variables.

Every setting that comes from the environment goes through one of these, so a typo in a deployment
("DEBUG=ture", "TRUSTED_PROXY_COUNT=two") stops the process at start-up with a message naming the variable
instead of silently running with a default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    source = os.environ if environ is None else environ
    value = source.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool = False, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false, 1/0, yes/no, on/off), got {value!r}")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str] | None = None, environ: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    if value is None or value == "":
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def env_url(name: str, schemes: tuple[str, ...], environ: Mapping[str, str] | None = None) -> str | None:
    """Return the URL in `name` if set, checking its scheme and that it names a host."""
    value = _raw(name, environ)
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        raise ImproperlyConfigured(f"{name} must start with one of {', '.join(s + '://' for s in schemes)}")
    if not parts.hostname and parts.scheme not in ("sqlite",):
        raise ImproperlyConfigured(f"{name} must name a host: {parts.scheme}://host...")
    return value


def email_settings_from_url(url: str) -> dict[str, object]:
    """Turn `smtp://user:pass@host:587?tls=true` (or smtps:// for implicit TLS) into Django settings."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme not in ("smtp", "smtps"):
        raise ImproperlyConfigured("EMAIL_URL must start with smtp:// or smtps://")
    use_ssl = parts.scheme == "smtps" or query.get("ssl", "").lower() in _TRUE
    use_tls = not use_ssl and query.get("tls", "true" if parts.port in (None, 587) else "").lower() in _TRUE
    try:
        port = parts.port or (465 if use_ssl else 587)
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has an invalid port") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }
