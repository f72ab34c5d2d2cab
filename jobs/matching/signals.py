"""Receivers that keep stored matches current when what they were scored from changes elsewhere.

The accounts settings page (titles, location, remote, minimum salary) and the resume editor (sections) live in
other apps; these receivers only mark the match profile changed, which queues a rescore after the commit.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from jobs.matching.services import match_profile_changed

PROFILE_FIELDS = {"location", "target_roles", "preferences"}
# The preferences a score reads (jobs.matching.services.scoring_profile); others (paper size, priority weights,
# time zone, bookkeeping) change no score.
SCORED_PREFERENCES = ("remote", "min_salary", "salary_currency")
RESUME_FIELDS = {"parsed_sections", "corrected_sections", "deleted_at", "parse_status"}


def _touches(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


def _scored_inputs(profile) -> tuple:
    return (
        profile.location,
        list(profile.target_roles or []),
        tuple(profile.preference(name) for name in SCORED_PREFERENCES),
    )


@receiver(pre_save, sender="accounts.Profile", dispatch_uid="matching-profile-saving")
def profile_saving(sender, instance, update_fields=None, raw: bool = False, **kwargs) -> None:
    instance._scored_inputs_before = None
    if raw or instance._state.adding or not _touches(update_fields, PROFILE_FIELDS):
        return
    stored = sender.objects.filter(pk=instance.pk).first()
    instance._scored_inputs_before = _scored_inputs(stored) if stored is not None else None


@receiver(post_save, sender="accounts.Profile", dispatch_uid="matching-profile-saved")
def profile_saved(sender, instance, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    before = getattr(instance, "_scored_inputs_before", None)
    if not raw and not created and before is not None and before != _scored_inputs(instance):
        match_profile_changed(user_id=instance.user_id)


@receiver(post_save, sender="resumes.Resume", dispatch_uid="matching-resume-saved")
def resume_saved(sender, instance, created: bool, update_fields=None, raw: bool = False, **kwargs) -> None:
    if not raw and not created and _touches(update_fields, RESUME_FIELDS):
        match_profile_changed(resume_id=instance.pk)


@receiver(pre_delete, sender="resumes.Resume", dispatch_uid="matching-resume-deleted")
def resume_deleted(sender, instance, **kwargs) -> None:
    match_profile_changed(resume_id=instance.pk)
