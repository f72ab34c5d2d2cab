"""Receivers that keep stored matches current when what they were scored from changes elsewhere.

The accounts settings page (titles, location, remote, minimum salary) and the resume editor (sections) live in
other apps; these receivers only mark the match profile changed, which queues a rescore after the commit.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from jobs.matching.services import match_profile_changed

PROFILE_FIELDS = {"location", "target_roles", "preferences"}
RESUME_FIELDS = {"parsed_sections", "corrected_sections", "deleted_at", "parse_status"}


def _touches(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


@receiver(post_save, sender="accounts.Profile", dispatch_uid="matching-profile-saved")
def profile_saved(sender, instance, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    if not raw and not created and _touches(update_fields, PROFILE_FIELDS):
        match_profile_changed(user_id=instance.user_id)


@receiver(post_save, sender="resumes.Resume", dispatch_uid="matching-resume-saved")
def resume_saved(sender, instance, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    if not raw and not created and _touches(update_fields, RESUME_FIELDS):
        match_profile_changed(resume_id=instance.pk)


@receiver(pre_delete, sender="resumes.Resume", dispatch_uid="matching-resume-deleted")
def resume_deleted(sender, instance, **kwargs) -> None:
    match_profile_changed(resume_id=instance.pk)
