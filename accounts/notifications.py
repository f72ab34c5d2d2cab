"""E-mail notifications: one entry point, `notify`, for every message we send a user.

(Interface stub; the full implementation - verified addresses, preferences, unsubscribe links - follows.)
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

ESSENTIAL_KINDS = {"account", "receipt"}
KINDS = ESSENTIAL_KINDS | {"job_finished", "reminders", "matches", "product_news"}


def notify(user, kind: str, *, subject: str, template: str, context: dict | None = None) -> bool:
    """Render `<template>.txt` and `<template>.html` and queue them to `user`; True when queued."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}.")
    if not user.email:
        return False
    context = {"user": user, **(context or {})}
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    from accounts.services import email_send_later

    email_send_later(message)
    return True
