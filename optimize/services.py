"""Optimizations: asking for one, running it (the actor's work), reviewing suggestions and applying them."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from dramatiq.middleware import TimeLimitExceeded

from careeragent.tasks import enqueue_on_commit
from optimize import versions
from optimize.ai.types import Analysis, Job
from optimize.models import Optimization, OptimizedVersion, Suggestion

logger = logging.getLogger(__name__)

REPEAT_WINDOW = timedelta(minutes=10)
MAX_RUNNING_PER_USER = 2


class OptimizeError(Exception):
    """A request we refuse, with a message for the person who made it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- Asking ---------------------------------------------------------------------------------------------


def job_inputs(*, job_description=None, posting=None) -> dict:
    """The job fields an optimization snapshots: title, company, text and analysis."""
    from jobs.analysis import analyze_job

    if job_description is not None:
        title, company, text, analysis = (
            job_description.title,
            job_description.company,
            job_description.text,
            job_description.analysis,
        )
    elif posting is not None:
        title, company, text, analysis = posting.title, posting.company, posting.description_text, posting.analysis
    else:
        raise OptimizeError("no_job", "Choose a job description or a posting to optimise for.")
    if not (text or "").strip():
        raise OptimizeError("empty_job", "That job has no description text to compare the resume with.")
    if not analysis or not analysis.get("skills"):
        analysis = analyze_job(text, title=title, company=company).to_dict()
    return {"job_title": title or "", "job_company": company or "", "job_text": text, "job_analysis": analysis}


def optimization_request(
    *, user, resume, job_description=None, posting=None, strategy: str = "conservative", force: bool = False
) -> tuple[Optimization, bool]:
    """The run for (resume, job, strategy): a new queued one, or the same request made in the last ten minutes
    (``created`` False) unless ``force``. Refused when the resume is not read yet or two runs are going."""
    from resumes.models import Resume

    if strategy not in Optimization.Strategy.values:
        raise OptimizeError("bad_strategy", "Choose the conservative or the targeted strategy.")
    if resume.parse_status != Resume.Status.COMPLETED or not resume.sections:
        raise OptimizeError("resume_not_ready", "This resume has not been read yet; wait until it is, then try again.")
    inputs = job_inputs(job_description=job_description, posting=posting)
    mine = Optimization.objects.for_user(user)
    if not force:
        recent = (
            mine.filter(
                resume=resume,
                job_description=job_description,
                posting=posting,
                strategy=strategy,
                created_at__gte=timezone.now() - REPEAT_WINDOW,
            )
            .exclude(status=Optimization.Status.FAILED)
            .first()
        )
        if recent is not None:
            return recent, False
    if mine.filter(status__in=Optimization.RUNNING).count() >= MAX_RUNNING_PER_USER:
        raise OptimizeError(
            "too_many_running",
            f"You already have {MAX_RUNNING_PER_USER} optimizations running. Wait for one to finish, then try again.",
        )
    with transaction.atomic():
        optimization = Optimization.objects.create(
            user=user,
            resume=resume,
            job_description=job_description,
            posting=posting,
            strategy=strategy,
            resume_sections=resume.sections,
            **inputs,
        )
        _charge(user, optimization)  # refused: the block rolls back and no run exists
        _enqueue(optimization)
    return optimization, True


def _charge(user, optimization: Optimization) -> None:
    from billing import services as billing

    try:
        billing.spend(user=user, amount=billing.cost_of("optimization"), reason="optimization", reference=optimization)
    except billing.InsufficientCredits as short:
        raise OptimizeError("insufficient_credits", short.explain("An optimization")) from None


def _enqueue(optimization: Optimization) -> None:
    from optimize.actors import run_optimization

    enqueue_on_commit(run_optimization, str(optimization.id))


# --- Running --------------------------------------------------------------------------------------------


def job_of(optimization: Optimization) -> Job:
    return Job(
        text=optimization.job_text,
        analysis=optimization.job_analysis,
        title=optimization.job_title,
        company=optimization.job_company,
    )


def optimization_run(*, optimization_id: str) -> Optimization | None:
    """Run one optimization. Only the call that claims it (queued -> analyzing) works, so a message delivered
    twice is harmless; suggestions and the completed status are written in one transaction."""
    from optimize.ai import chain
    from optimize.audit import recorder

    claimed = Optimization.objects.filter(id=optimization_id, status=Optimization.Status.QUEUED).update(
        status=Optimization.Status.ANALYZING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if not claimed:
        return None
    optimization = Optimization.objects.get(id=optimization_id)
    started = time.perf_counter()
    record = recorder(user=optimization.user, optimization=optimization)
    try:
        job = job_of(optimization)
        analysis = chain.run_analyze(optimization.resume_sections, job, record=record)
        optimization.analysis = analysis.to_dict()
        optimization.score = analysis.score
        optimization.status = Optimization.Status.GENERATING
        optimization.save(update_fields=["analysis", "score", "status", "updated_at"])

        result = chain.run_suggest(optimization.resume_sections, job, analysis, optimization.strategy, record=record)
        with transaction.atomic():
            optimization.suggestions.all().delete()  # a run re-queued after a crash starts clean
            Suggestion.objects.bulk_create(
                Suggestion(
                    user=optimization.user,
                    optimization=optimization,
                    position=position,
                    section=s.section,
                    path=s.path,
                    kind=s.kind,
                    before=s.before,
                    after=s.after,
                    reason=s.reason,
                    keywords=list(s.keywords),
                )
                for position, s in enumerate(result.suggestions)
            )
            optimization.provider = result.provider
            optimization.model_name = result.model
            optimization.guard_dropped = result.dropped
            _finish(optimization, Optimization.Status.COMPLETED, started)
    except TimeLimitExceeded:
        optimization.error_code = "timeout"
        optimization.error_message = "This took too long and was stopped. Nothing was lost; please try again."
        _finish(optimization, Optimization.Status.FAILED, started)
        raise
    except (OperationalError, InterfaceError):
        # The database went away: hand the run back to the queue and let the message be retried.
        logger.warning("optimization %s: database error, re-queued", optimization_id, exc_info=True)
        Optimization.objects.filter(id=optimization_id).update(status=Optimization.Status.QUEUED)
        raise
    except Exception:
        logger.exception("optimization %s failed", optimization_id)
        optimization.error_code = "internal_error"
        optimization.error_message = (
            "Something went wrong on our side while optimising. Nothing was lost; please try again."
        )
        _finish(optimization, Optimization.Status.FAILED, started)
    return optimization


def _finish(optimization: Optimization, status: str, started: float) -> None:
    optimization.status = status
    optimization.finished_at = timezone.now()
    optimization.duration_ms = round((time.perf_counter() - started) * 1000)
    optimization.save()
    if status == Optimization.Status.FAILED:
        _refund_if_ours(optimization)
    from accounts import notifications

    notifications.optimization_finished(optimization)  # e-mails the owner after the commit, if they left the page
    logger.info(
        "optimization finished",
        extra={
            "optimization": str(optimization.id),
            "status": status,
            "provider": optimization.provider,
            "duration_ms": optimization.duration_ms,
        },
    )


# Failures that are ours (the provider, a time-out, a crash or a lost worker), refunded; anything else was
# caused by what the user sent and keeps its charge.
REFUNDED_ERRORS = frozenset({"timeout", "internal_error", "provider_error", "worker_lost"})


def _refund_if_ours(optimization: Optimization) -> None:
    """Give the credits back for a run that failed through no fault of the user's; the ledger makes it once."""
    if optimization.error_code not in REFUNDED_ERRORS:
        return
    from billing import services as billing

    try:
        billing.refund(reference=optimization, note=f"Run failed: {optimization.error_code}")
    except Exception:
        # The run is marked failed either way; a missed refund shows in the logs and can be granted by hand.
        logger.exception("optimization %s: refund failed", optimization.id)


def requeue_stuck(*, stuck_after: timedelta | None = None) -> int:
    """Put runs a dead worker left in analyzing/generating back in the queue, and re-send queued ones (the
    embedded broker forgets its messages on restart). Claiming makes a duplicate message harmless."""
    from optimize.actors import run_optimization

    stuck_after = stuck_after if stuck_after is not None else timedelta(seconds=settings.OPTIMIZE_STUCK_AFTER_S)
    Optimization.objects.filter(
        status__in=[Optimization.Status.ANALYZING, Optimization.Status.GENERATING],
        started_at__lt=timezone.now() - stuck_after,
    ).update(status=Optimization.Status.QUEUED, updated_at=timezone.now())
    ids = list(Optimization.objects.filter(status=Optimization.Status.QUEUED).values_list("id", flat=True))
    for optimization_id in ids:
        run_optimization.send(str(optimization_id))
    return len(ids)


def requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: nothing else is running yet, so every claimed run is orphaned."""
    return requeue_stuck(stuck_after=timedelta(0))


# --- Reviewing ------------------------------------------------------------------------------------------


def suggestion_decide(*, suggestion: Suggestion, decision: str, edited: str | None = None) -> Suggestion:
    """ "accept" (optionally in the user's own wording), "reject", or "undo" (back to review)."""
    statuses = {
        "accept": Suggestion.Status.ACCEPTED,
        "reject": Suggestion.Status.REJECTED,
        "undo": Suggestion.Status.PENDING,
    }
    suggestion.status = statuses[decision]
    edited = (edited or "").strip()
    suggestion.edited_after = edited if decision == "accept" and edited and edited != suggestion.after else ""
    suggestion.decided_at = timezone.now() if decision != "undo" else None
    suggestion.save(update_fields=["status", "edited_after", "decided_at", "updated_at"])
    return suggestion


def suggestions_decide_section(*, optimization: Optimization, section: str | None, accept: bool) -> int:
    """Accept or reject every suggestion still to review in ``section`` (all sections when None). Flags (a
    prompt to add a figure) are not changes, so accepting them all does nothing to them."""
    pending = optimization.suggestions.pending()
    if section:
        pending = pending.filter(section=section)
    if accept:
        pending = pending.exclude(kind="flag_metric")
    status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.REJECTED
    return pending.update(status=status, decided_at=timezone.now(), updated_at=timezone.now())


def version_create(*, optimization: Optimization, name: str = "") -> OptimizedVersion:
    """Apply the accepted suggestions to the run's resume sections, re-score, and keep the result."""
    from optimize.ai import chain

    accepted = list(optimization.suggestions.filter(status=Suggestion.Status.ACCEPTED).order_by("position"))
    changes = [(s.path, s.final_text) for s in accepted if s.changes_text]
    if not changes:
        raise OptimizeError("nothing_accepted", "Accept at least one change first.")
    try:
        sections = versions.apply(optimization.resume_sections, changes)
    except versions.ApplyError as exc:
        raise OptimizeError("bad_change", f"A change could not be applied: {exc}") from exc
    analysis: Analysis = chain.run_analyze(sections, job_of(optimization))
    diff = [
        {"path": s.path, "kind": s.kind, "before": s.before, "after": s.final_text, "edited": bool(s.edited_after)}
        for s in accepted
        if s.changes_text
    ]
    count = optimization.versions.count() + 1
    default_name = f"{optimization.resume.title} for {optimization.job_title or 'the job'} (v{count})"
    return OptimizedVersion.objects.create(
        user=optimization.user,
        resume=optimization.resume,
        optimization=optimization,
        name=(name.strip() or default_name)[:200],
        sections=sections,
        diff=diff,
        score_before=optimization.score,
        score=analysis.score,
        analysis=analysis.to_dict(),
    )
