"""Match profile workflows: create, edit, and mark as changed (which queues a rescore)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careeragent.tasks import enqueue_on_commit
from jobs.matching import score
from jobs.matching.profile import effective_skills, resume_skill_evidence
from jobs.models import MatchProfile
from optimize.scoring import dated_years, resume_level, resume_titles

UNCHANGED = object()


def _usable(resume) -> bool:
    return resume is not None and resume.deleted_at is None and resume.parse_status == resume.Status.COMPLETED


def resume_sections(match_profile: MatchProfile) -> dict:
    resume = match_profile.resume
    return (resume.sections or {}) if _usable(resume) else {}


def match_profile_for(user) -> MatchProfile:
    """The user's match profile, created on first use with the newest readable resume (and scored then)."""
    from resumes.models import Resume

    profile = MatchProfile.objects.for_user(user).select_related("resume").first()
    if profile is not None:
        return profile
    resume = Resume.objects.for_user(user).filter(parse_status=Resume.Status.COMPLETED).first()
    with transaction.atomic():
        profile, created = MatchProfile.objects.get_or_create(user=user, defaults={"resume": resume})
        if created:
            profile.skills = resume_skill_evidence(resume_sections(profile))
            profile.save(update_fields=["skills"])
            _enqueue_rescore(profile)
    return profile


def match_profile_update(
    *,
    match_profile: MatchProfile,
    resume=UNCHANGED,
    seniority: str | None = None,
    threshold: int | None = None,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
    restore: Sequence[str] = (),
) -> MatchProfile:
    """Apply the user's edits and recompute the resume's skills; when anything a score reads changed, bump the
    version and queue a rescore (the threshold alone only filters the page)."""
    before = (
        match_profile.resume_id,
        match_profile.seniority,
        match_profile.skills_added,
        match_profile.skills_removed,
    )
    if resume is not UNCHANGED:
        match_profile.resume = resume
    if seniority is not None:
        match_profile.seniority = seniority
    if threshold is not None:
        match_profile.threshold = threshold
    computed = resume_skill_evidence(resume_sections(match_profile))
    from_resume = {item["skill"] for item in computed}
    added = [s for s in match_profile.skills_added if s not in remove]
    added += [s for s in dict.fromkeys(add) if s not in added and s not in from_resume]
    removed = [s for s in match_profile.skills_removed if s not in add and s not in restore]
    removed += [s for s in dict.fromkeys(remove) if s in from_resume and s not in removed]
    match_profile.skills, match_profile.skills_added, match_profile.skills_removed = computed, added, removed
    changed = before != (match_profile.resume_id, match_profile.seniority, added, removed)
    fields = ["resume", "seniority", "threshold", "skills", "skills_added", "skills_removed", "updated_at"]
    with transaction.atomic():
        if changed:
            match_profile.version = F("version") + 1
            fields.append("version")
        match_profile.save(update_fields=fields)
        if changed:
            match_profile.refresh_from_db(fields=["version"])
            _enqueue_rescore(match_profile)
    return match_profile


def match_profile_changed(*, user_id=None, resume_id=None) -> int:
    """Something a score reads changed (the account's preferences, the chosen resume): bump and queue a rescore.

    Returns how many profiles were marked."""
    profiles = MatchProfile.objects.all()
    profiles = profiles.filter(user_id=user_id) if user_id is not None else profiles.filter(resume_id=resume_id)
    users = list(profiles.values_list("user_id", flat=True))
    if users:
        MatchProfile.objects.filter(user_id__in=users).update(version=F("version") + 1, updated_at=timezone.now())
        for uid in users:
            _enqueue(str(uid))
    return len(users)


def _enqueue_rescore(match_profile: MatchProfile) -> None:
    _enqueue(str(match_profile.user_id))


def _enqueue(user_id: str) -> None:
    from jobs.actors import rescore_matches

    enqueue_on_commit(rescore_matches, user_id)


def scoring_profile(match_profile: MatchProfile, *, account=None, now: datetime | None = None) -> score.Profile:
    """What the scorer needs from the match profile, its resume and the account's preferences."""
    from accounts.models import Profile

    now = now or timezone.now()
    if account is None:
        account = Profile.objects.filter(user_id=match_profile.user_id).first() or Profile(
            user_id=match_profile.user_id
        )
    sections = resume_sections(match_profile)
    today = now.date()
    years = dated_years(sections, today) if sections else None
    level = match_profile.seniority or (resume_level(sections, today, years) if sections else None)
    return score.build_profile(
        skills=effective_skills(match_profile.skills, match_profile.skills_added, match_profile.skills_removed),
        target_roles=[r for r in account.target_roles or [] if isinstance(r, str)],
        resume_titles=resume_titles(sections, today) if sections else [],
        seniority=level,
        years=years,
        location=account.location or "",
        remote=account.preference("remote"),
        min_salary=account.preference("min_salary"),
        currency=account.preference("salary_currency") or "USD",
        now=now,
    )
