"""This app's part of a user's data export (accounts.services.collect_user_data)."""

from optimize.models import Optimization, OptimizedVersion


def collect(user) -> dict:
    runs = Optimization.objects.for_user(user).prefetch_related("suggestions")
    return {
        "optimizations": [
            {
                "id": str(run.id),
                "resume": str(run.resume_id),
                "job_title": run.job_title,
                "job_company": run.job_company,
                "strategy": run.strategy,
                "status": run.status,
                "score": run.score,
                "analysis": run.analysis,
                "provider": run.provider,
                "created_at": run.created_at.isoformat(),
                "suggestions": [
                    {
                        "path": s.path,
                        "kind": s.kind,
                        "before": s.before,
                        "after": s.after,
                        "reason": s.reason,
                        "status": s.status,
                        "edited_after": s.edited_after,
                    }
                    for s in run.suggestions.all()
                ],
            }
            for run in runs
        ],
        "versions": [
            {
                "id": str(v.id),
                "name": v.name,
                "resume": str(v.resume_id),
                "optimization": str(v.optimization_id),
                "sections": v.sections,
                "diff": v.diff,
                "score_before": v.score_before,
                "score": v.score,
                "created_at": v.created_at.isoformat(),
            }
            for v in OptimizedVersion.objects.for_user(user)
        ],
    }
