"""The priority score of an application (0-100) from the user's weights: what orders the board's "saved" column.

Five components, each 0..1, averaged with the user's weights (0-5 each, Profile.preferences["priority_weights"]).
An unknown input counts as the middle (0.5), so a sparse application is neither pushed up nor buried.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

COMPONENTS = ("salary", "match", "remote", "deadline", "excitement")
DEFAULT_WEIGHTS = {"salary": 2, "match": 3, "remote": 1, "deadline": 2, "excitement": 3}
UNKNOWN = 0.5

# How well each workplace fits each remote preference (accounts.Profile.Remote).
REMOTE_FIT = {
    "remote": {"remote": 1.0, "hybrid": 0.4, "onsite": 0.0},
    "hybrid": {"remote": 1.0, "hybrid": 1.0, "onsite": 0.2},
    "onsite": {"remote": 0.5, "hybrid": 0.8, "onsite": 1.0},
}


def weights_for(profile) -> dict[str, int]:
    stored = (profile.preferences or {}).get("priority_weights") or {} if profile else {}
    weights = {}
    for name in COMPONENTS:
        try:
            weights[name] = max(0, min(5, int(stored.get(name, DEFAULT_WEIGHTS[name]))))
        except (TypeError, ValueError):
            weights[name] = DEFAULT_WEIGHTS[name]
    return weights


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def components(application, *, min_salary: int | None, remote: str, today: date) -> dict[str, float]:
    top = max(v for v in (application.salary_min, application.salary_max, 0) if v is not None)
    if not top:
        salary = UNKNOWN
    elif min_salary:
        salary = _clamp((top / min_salary - 0.8) / 0.7)  # 80% of the minimum or less: 0; 150% or more: 1
    else:
        salary = UNKNOWN

    match = UNKNOWN if application.match_score is None else _clamp(application.match_score / 100)

    fit = REMOTE_FIT.get(remote)
    remote_fit = fit.get(application.workplace, UNKNOWN) if fit else UNKNOWN

    if application.deadline is None:
        deadline = 0.3
    else:
        days = (application.deadline - today).days
        deadline = 0.0 if days < 0 else 1.0 if days <= 3 else 0.8 if days <= 7 else 0.6 if days <= 14 else 0.4

    excitement = UNKNOWN if application.excitement is None else _clamp((application.excitement - 1) / 4)
    return {"salary": salary, "match": match, "remote": remote_fit, "deadline": deadline, "excitement": excitement}


def score(application, profile=None, *, today: date | None = None) -> int:
    weights = weights_for(profile)
    total = sum(weights.values())
    if not total:
        return 0
    parts = components(
        application,
        min_salary=_int_or_none(profile.preference("min_salary")) if profile else None,
        remote=profile.preference("remote") if profile else "any",
        today=today or timezone.localdate(),
    )
    return round(100 * sum(weights[name] * parts[name] for name in COMPONENTS) / total)


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def rescore(user) -> int:
    """Recompute every open application's priority score for `user` (after their weights change); returns how many
    changed."""
    from accounts.models import Profile
    from tracker.models import Application

    profile = Profile.objects.filter(user=user).first()
    today = timezone.localdate()
    changed = []
    for application in Application.objects.for_user(user).open():
        value = score(application, profile, today=today)
        if value != application.priority_score:
            application.priority_score = value
            changed.append(application)
    Application.objects.bulk_update(changed, ["priority_score"], batch_size=500)
    return len(changed)
