"""E-mail notifications: one entry point, `notify`, for every message we send a user.

A message goes only to the user's verified primary address, only for a kind they have not turned off, in our
layout (`emails/base.html` / `emails/base.txt`), through the `send_email` actor (retries with backoff). Every
non-essential kind carries a signed one-click unsubscribe link, in the footer and in the List-Unsubscribe /
List-Unsubscribe-Post headers (RFC 2369, RFC 8058). Essential kinds (account, receipt) cannot be turned off.

"Tell me when it is done": `notify_when_away` e-mails the owner of a background job that finished while nobody
was watching its page; pages that poll a job call `mark_present` on every poll.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

ESSENTIAL_KINDS = {"account", "receipt"}
KINDS = ESSENTIAL_KINDS | {"job_finished", "reminders", "matches", "product_news"}

# What each kind is, in words (the unsubscribe page, the settings page), and why the user gets it (the footer).
LABELS = {
    "account": "account e-mails",
    "receipt": "purchase receipts",
    "job_finished": "e-mails when an optimization, cover letter or export finishes while you're away",
    "reminders": "the daily digest of follow-ups and interviews",
    "matches": "new job match e-mails",
    "product_news": "product news",
}
REASONS = {
    "account": "You get this e-mail because of a request or a change on your {site} account.",
    "receipt": "You get this e-mail because you made a purchase on {site}. Receipts are always sent.",
    "job_finished": "You get this e-mail because something you started on {site} finished while you were away.",
    "reminders": "You get this e-mail because the daily digest is on.",
    "matches": "You get this e-mail because new-match e-mails are on.",
    "product_news": "You get this e-mail because product news from {site} is on.",
}
# Short names for the List-Id header (mail clients show them when filtering).
LIST_NAMES = {
    "job_finished": "Finished jobs",
    "reminders": "Daily digest",
    "matches": "Job matches",
    "product_news": "Product news",
}
# The Profile field behind each kind that can be turned off, and the value that turns it off.
PREFERENCE_FIELDS = {
    "job_finished": ("notify_job_finished", False),
    "reminders": ("notify_reminders", False),
    "matches": ("notify_matches", "off"),
    "product_news": ("notify_product_news", False),
}

UNSUBSCRIBE_SALT = "accounts.notifications.unsubscribe"

# A page that polls a job refreshes its presence at least this often; a finished job whose page was not seen for
# longer than this is reported by e-mail.
PRESENCE_TTL_S = 45
# The "told once" claim outlives every retry of a finishing path.
NOTIFIED_TTL_S = 7 * 24 * 3600


def site_url(path: str = "") -> str:
    """An absolute URL on this site, for e-mails (which have no request to build one from)."""
    return f"{settings.SITE_URL}{path}"


def site_name() -> str:
    return getattr(settings, "SITE_NAME", "Career Agent")


# --- Preferences ----------------------------------------------------------------------------------------------


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}.")


def is_wanted(user, kind: str) -> bool:
    """Whether `user` wants e-mails of `kind` (essential kinds always)."""
    _check_kind(kind)
    if kind in ESSENTIAL_KINDS:
        return True
    from accounts.services import profile_for

    field, off = PREFERENCE_FIELDS[kind]
    return getattr(profile_for(user), field) != off


def turn_off(user, kind: str) -> None:
    """Stop e-mails of `kind` to `user`. An update, not a save: the profile's post_save receivers (matching)
    must not take an unsubscribe for a change of what the scores read."""
    from accounts.models import Profile
    from accounts.services import profile_for

    if kind not in PREFERENCE_FIELDS:
        raise ValueError(f"{kind!r} e-mails cannot be turned off.")
    field, off = PREFERENCE_FIELDS[kind]
    profile = profile_for(user)
    Profile.objects.filter(pk=profile.pk).update(**{field: off, "updated_at": timezone.now()})


def recipient(user) -> str | None:
    """The verified primary address of an active user, or None: we never e-mail an address nobody confirmed."""
    from allauth.account.models import EmailAddress

    if user is None or not user.is_active:
        return None
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    primary = addresses.filter(primary=True).values_list("email", flat=True).first()
    if primary:
        return primary
    if user.email and addresses.filter(email__iexact=user.email).exists():
        return user.email
    return None


# --- Unsubscribe tokens ---------------------------------------------------------------------------------------


def unsubscribe_token(user, kind: str) -> str:
    """A signed token naming the user and the kind. It does not expire: the link in an old e-mail must still
    work, and all it can do is turn that one kind of e-mail off."""
    if kind not in PREFERENCE_FIELDS:
        raise ValueError(f"{kind!r} e-mails cannot be unsubscribed from.")
    return signing.dumps({"u": str(user.pk), "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str | None):
    """(user, kind) for a valid token, else None (tampered, unknown kind, user gone)."""
    from accounts.models import User

    if not token:
        return None
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in PREFERENCE_FIELDS:
        return None
    user = User.objects.filter(pk=data.get("u")).first() if _is_uuid(data.get("u")) else None
    return (user, data["k"]) if user is not None else None


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def unsubscribe_url(user, kind: str) -> str:
    return site_url(reverse("accounts:unsubscribe") + "?" + urlencode({"token": unsubscribe_token(user, kind)}))


# --- Messages -------------------------------------------------------------------------------------------------


def layout_context(kind: str, *, user=None, reason: str | None = None) -> dict:
    """What the layout's header and footer need; the allauth adapter uses it too (kind "account")."""
    _check_kind(kind)
    context = {
        "site_name": site_name(),
        "site_url": site_url("/"),
        "settings_url": site_url(reverse("accounts:settings") + "#notifications"),
        "email_kind": kind,
        "email_kind_label": LABELS[kind],
        "email_reason": reason or REASONS[kind].format(site=site_name()),
        "unsubscribe_url": "",
    }
    if user is not None and kind not in ESSENTIAL_KINDS:
        context["unsubscribe_url"] = unsubscribe_url(user, kind)
    return context


def headers_for(kind: str, unsubscribe: str = "") -> dict[str, str]:
    headers = {"X-Career-Agent-Kind": kind, "Auto-Submitted": "auto-generated"}
    if unsubscribe:
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        headers["List-Id"] = f"{site_name()} {LIST_NAMES[kind]} <{kind.replace('_', '-')}.{host}>"
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def compose(
    user, kind: str, *, subject: str, template: str, context: dict | None = None
) -> EmailMultiAlternatives | None:
    """The rendered message for `user`, or None when it must not be sent (inactive user, no verified address,
    kind turned off). `template` is a prefix: `<template>.txt` and `<template>.html` are rendered."""
    _check_kind(kind)
    to = recipient(user)
    if to is None or not is_wanted(user, kind):
        return None
    context = dict(context or {})
    full = {"user": user, "subject": subject, **layout_context(kind, user=user, reason=context.pop("reason", None))}
    full.update(context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", full).strip() + "\n",
        to=[to],
        headers=headers_for(kind, full["unsubscribe_url"]),
    )
    message.attach_alternative(render_to_string(f"{template}.html", full), "text/html")
    return message


def notify(user, kind: str, *, subject: str, template: str, context: dict | None = None) -> bool:
    """Render `<template>.txt` and `<template>.html` and queue them to `user`; True when queued."""
    message = compose(user, kind, subject=subject, template=template, context=context)
    if message is None:
        return False
    send(message)
    return True


def send(message: EmailMultiAlternatives) -> None:
    """Queue a message from `compose` to the `send_email` actor (after the commit; retried with backoff)."""
    from accounts.services import email_send_later

    email_send_later(message)


# --- "Tell me when it is done" --------------------------------------------------------------------------------


def _presence_key(what: str, object_id) -> str:
    return f"presence:{what}:{object_id}"


def mark_present(what: str, object_id) -> None:
    """Someone is looking at the page of this job (`what` is "optimization", "export" or "data_export")."""
    cache.set(_presence_key(what, object_id), 1, PRESENCE_TTL_S)


def is_present(what: str, object_id) -> bool:
    return cache.get(_presence_key(what, object_id)) is not None


def notify_when_away(user, what: str, object_id, *, subject: str, template: str, context: dict | None = None) -> None:
    """Once the current transaction commits: if nobody polled the job's page lately, e-mail its owner (kind
    "job_finished"). Once per job: the first finishing path claims it, so a retried one sends nothing. A failure
    here is logged, never raised: the job is done either way."""

    def send() -> None:
        try:
            if not cache.add(f"notified:{what}:{object_id}", 1, NOTIFIED_TTL_S):
                return
            if is_present(what, object_id):
                return
            notify(user, "job_finished", subject=subject, template=template, context=context)
        except Exception:
            logger.exception("job-finished e-mail failed", extra={"what": what, "object_id": str(object_id)})

    transaction.on_commit(send)


def local_time(user, moment) -> str:
    """`moment` in the user's time zone (Profile preference), as e-mails show it: "3 March, 14:05 (Europe/Berlin)"."""
    import zoneinfo

    from accounts.services import profile_for
    from careeragent.timezones import zone_or_utc

    if moment is None:
        return ""
    zone = zone_or_utc(profile_for(user).preference("timezone"))
    return f"{moment.astimezone(zoneinfo.ZoneInfo(zone)):%-d %B, %H:%M} ({zone})"


def _job_label(title: str, company: str) -> str:
    """ "Backend Engineer at Acme", or what there is of it."""
    return " at ".join(part for part in (title, company) if part) or "the job"


def optimization_finished(optimization) -> None:
    """An optimization reached completed or failed: tell its owner if they left its page."""
    job = _job_label(optimization.job_title, optimization.job_company)
    completed = optimization.status == "completed"
    notify_when_away(
        optimization.user,
        "optimization",
        optimization.pk,
        subject=f"Your optimization for {job} is ready" if completed else f"Your optimization for {job} failed",
        template="emails/optimization_finished",
        context={
            "optimization": optimization,
            "job_label": job,
            "suggestion_count": optimization.suggestions.count() if completed else 0,
            "result_url": site_url(reverse("optimize:detail", args=[optimization.pk])),
        },
    )


def resume_export_finished(export) -> None:
    """A background (PDF) export was rendered or failed: tell its owner if they left its page."""
    completed = export.status == "completed"
    label = export.get_format_display()
    notify_when_away(
        export.user,
        "export",
        export.pk,
        subject=f"Your {label} is ready to download" if completed else f"Your {label} could not be made",
        template="emails/export_ready",
        context={
            "export": export,
            "expires": local_time(export.user, export.expires_at) if completed else "",
            "result_url": site_url(reverse("resumes:artifact", args=[export.pk])),
        },
    )


def data_export_finished(export) -> None:
    """A data export was built or failed: tell its owner if they left the data page."""
    completed = export.status == "completed"
    notify_when_away(
        export.user,
        "data_export",
        export.pk,
        subject="Your data is ready to download" if completed else "We could not prepare your data",
        template="emails/data_export_ready",
        context={
            "export": export,
            "expires": local_time(export.user, export.expires_at) if completed else "",
            "result_url": site_url(reverse("accounts:data")),
        },
    )


def cover_letter_finished(letter) -> None:
    """A cover letter was written or failed: tell its owner if they left its page."""
    job = _job_label(letter.job_title, letter.job_company)
    completed = letter.status == "completed"
    notify_when_away(
        letter.user,
        "cover_letter",
        letter.pk,
        subject=f"Your cover letter for {job} is ready" if completed else f"Your cover letter for {job} failed",
        template="emails/cover_letter_finished",
        context={
            "letter": letter,
            "job_label": job,
            "question_count": len(letter.questions or []) if completed else 0,
            "result_url": site_url(reverse("jobs:letter_detail", args=[letter.pk])),
        },
    )
