from __future__ import annotations

import json
import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts import notifications
from accounts.models import DataExport, Profile, User
from careeragent.storage import delete_prefix, user_prefix
from careeragent.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)


def profile_for(user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


# --- E-mail ---------------------------------------------------------------------------------------------


def email_to_payload(message: EmailMultiAlternatives) -> dict:
    """A rendered message as plain JSON, so that it can travel through the broker."""
    return {
        "subject": str(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


def email_from_payload(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=payload["to"],
        cc=payload.get("cc") or None,
        bcc=payload.get("bcc") or None,
        reply_to=payload.get("reply_to") or None,
        headers=payload.get("headers") or None,
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


def email_send_later(message: EmailMultiAlternatives) -> None:
    from accounts.actors import send_email

    enqueue_on_commit(send_email, email_to_payload(message))


# --- Data export ----------------------------------------------------------------------------------------


def data_export_request(*, user: User) -> DataExport:
    """Queue a data export, or return the one already queued or building."""
    from accounts.actors import build_data_export

    with transaction.atomic():
        existing = (
            DataExport.objects.for_user(user)
            .filter(status__in=[DataExport.Status.PENDING, DataExport.Status.RUNNING])
            .first()
        )
        if existing:
            return existing
        export = DataExport.objects.create(user=user)
        enqueue_on_commit(build_data_export, str(export.id))
    return export


def collect_user_data(user: User) -> dict:
    """Everything we hold about `user`, as JSON. Each app adds its part from `<app>.data_export.collect`."""
    from allauth.account.models import EmailAddress

    profile = profile_for(user)
    data: dict = {
        "format": "career-agent-export/1",
        "generated_at": timezone.now().isoformat(),
        "account": {
            "id": str(user.id),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "emails": [
                {"email": e.email, "verified": e.verified, "primary": e.primary}
                for e in EmailAddress.objects.filter(user=user)
            ],
        },
        "profile": {
            "full_name": profile.full_name,
            "headline": profile.headline,
            "location": profile.location,
            "target_roles": profile.target_roles,
            "preferences": profile.preferences,
            "notifications": {
                "job_finished": profile.notify_job_finished,
                "reminders": profile.notify_reminders,
                "matches": profile.notify_matches,
                "product_news": profile.notify_product_news,
            },
        },
    }
    for config in apps.get_app_configs():
        try:
            collect = import_string(f"{config.name}.data_export.collect")
        except ImportError:
            continue
        data[config.label] = collect(user)
    return data


def data_export_build(*, export_id: str) -> DataExport | None:
    """Build the export file. Safe to run twice: only the run that claims the row does the work."""
    claimed = DataExport.objects.filter(id=export_id, status=DataExport.Status.PENDING).update(
        status=DataExport.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    export = DataExport.objects.select_related("user").get(id=export_id)
    try:
        payload = json.dumps(collect_user_data(export.user), indent=2, default=str).encode()
        name = default_storage.save(export.storage_name, ContentFile(payload))
    except Exception:
        logger.exception("data export %s failed", export_id)
        export.status = DataExport.Status.FAILED
        export.error = "We could not build your export. Please try again; if it keeps failing, contact support."
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at", "updated_at"])
        notifications.data_export_finished(export)
        return export
    export.file.name = name
    export.size = len(payload)
    export.status = DataExport.Status.COMPLETED
    export.finished_at = timezone.now()
    export.expires_at = export.finished_at + timedelta(hours=settings.DATA_EXPORT_TTL_HOURS)
    export.save(update_fields=["file", "size", "status", "finished_at", "expires_at", "updated_at"])
    notifications.data_export_finished(export)  # e-mails the owner if they left the page
    return export


def data_export_requeue_stuck(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Put back exports that a dead worker left "running", and re-send every queued one.

    Runs when a worker starts: with the in-memory broker a restart loses queued messages, and a worker killed
    mid-job leaves its row claimed. Re-sending is harmless because building claims the row first.
    """
    from accounts.actors import build_data_export

    cutoff = timezone.now() - older_than
    DataExport.objects.filter(status=DataExport.Status.RUNNING, started_at__lt=cutoff).update(
        status=DataExport.Status.PENDING
    )
    ids = list(DataExport.objects.filter(status=DataExport.Status.PENDING).values_list("id", flat=True))
    for export_id in ids:
        build_data_export.send(str(export_id))
    return len(ids)


def data_export_requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: nothing else is running yet, so every claimed export is orphaned."""
    return data_export_requeue_stuck(older_than=timedelta(0))


# --- Deletion -------------------------------------------------------------------------------------------


def account_delete(*, user: User) -> None:
    """Delete the account, every row it owns (by cascade) and every file under its storage prefix."""
    prefix = user_prefix(user.id)
    with transaction.atomic():
        user.delete()
    removed = delete_prefix(prefix)
    logger.info("account deleted", extra={"files_removed": removed})
