"""Demo data for `manage.py seed_demo`: one finished optimization of the sample resume for a sample job."""

from jobs.models import JobDescription
from optimize import services
from optimize.models import Optimization
from resumes.models import Resume


def seed(user) -> str:
    if Optimization.objects.for_user(user).exists():
        return "an optimization already there"
    resume = Resume.objects.for_user(user).alive().filter(parse_status=Resume.Status.COMPLETED).first()
    jd = JobDescription.objects.for_user(user).order_by("created_at").first()
    if resume is None or jd is None:
        return "no parsed resume or job description to optimise"
    optimization, _ = services.optimization_request(user=user, resume=resume, job_description=jd, strategy="targeted")
    # Run now rather than waiting for a worker: seed_demo may run before any worker starts. The queued message
    # finds the run already claimed and does nothing.
    services.optimization_run(optimization_id=str(optimization.id))
    optimization.refresh_from_db()
    return f"optimization {optimization.status} (score {optimization.score})"
