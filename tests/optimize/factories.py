"""Factories for the optimize app, keyed by URL keyword (see tests/factories.py)."""

from __future__ import annotations

from optimize.ai.types import LABELS, WEIGHTS, Analysis, Gaps, ScoreComponent
from tests.factories import factory

RESUME = {
    "schema_version": 1,
    "contact": {
        "name": "Ada Example",
        "email": "ada@example.com",
        "phone": "+44 20 7946 0018",
        "location": "London, UK",
    },
    "summary": {"text": "Backend engineer.", "confidence": 0.9},
    "experience": [
        {
            "title": "Backend Engineer",
            "company": "Northwind",
            "location": "London, UK",
            "start": "2019-03",
            "end": "present",
            "current": True,
            "bullets": ["Responsible for managing the billing service", "Worked on k8s deployments"],
        }
    ],
    "education": [],
    "skills": [{"group": "Skills", "items": ["Python", "Django"]}],
    "projects": [],
    "certifications": [],
    "awards": [],
    "languages": [],
    "other": [],
}


def analysis(score: int = 62) -> dict:
    """A stored analysis of the right shape, with components that add up to ``score``."""
    keys = list(WEIGHTS)
    share = score / 100
    components = tuple(
        ScoreComponent(key=k, label=LABELS[k], weight=WEIGHTS[k], earned=round(WEIGHTS[k] * share, 1), detail="…")
        for k in keys
    )
    return Analysis(
        score=score,
        components=components,
        gaps=Gaps(missing_required=("PostgreSQL",), missing_preferred=("Kubernetes",), unevidenced=("Django",)),
    ).to_dict()


def finished_optimization(user, **fields):
    """A completed run with two suggestions (a rewrite and a flag), made without the engine."""
    from optimize.models import Optimization, Suggestion
    from tests.factories import resume
    from tests.jobs.factories import job_description

    jd = job_description(user)
    optimization = Optimization.objects.create(
        user=user,
        resume=resume(user),
        job_description=jd,
        strategy="conservative",
        status=Optimization.Status.COMPLETED,
        resume_sections=RESUME,
        job_title=jd.title,
        job_company=jd.company,
        job_text=jd.text,
        job_analysis=jd.analysis,
        score=62,
        analysis=analysis(62),
        provider="offline",
        **fields,
    )
    Suggestion.objects.create(
        user=user,
        optimization=optimization,
        position=0,
        section="experience",
        path="experience.0.bullets.0",
        kind="rewrite",
        before="Responsible for managing the billing service",
        after="Managed the billing service",
        reason="A strong verb instead of “responsible for”.",
    )
    Suggestion.objects.create(
        user=user,
        optimization=optimization,
        position=1,
        section="experience",
        path="experience.0.bullets.1",
        kind="flag_metric",
        before="Worked on k8s deployments",
        after="Worked on k8s deployments",
        reason="No measurable result: how many, how much, how fast?",
    )
    return optimization


@factory("optimization_id")
def optimization(user):
    return finished_optimization(user)


@factory("suggestion_id")
def suggestion(user):
    return finished_optimization(user).suggestions.first()


@factory("version_id")
def version(user):
    from optimize.models import OptimizedVersion

    run = finished_optimization(user)
    return OptimizedVersion.objects.create(
        user=user,
        resume=run.resume,
        optimization=run,
        name="Sample for Backend Engineer (v1)",
        sections=RESUME,
        diff=[{"path": "summary.text", "kind": "summary", "before": "", "after": "Backend engineer.", "edited": False}],
        score_before=62,
        score=70,
        analysis=analysis(70),
    )
