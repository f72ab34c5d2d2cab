"""Cover letters: asking for one (or reusing the stored one), writing it (the actor's work), editing, attaching."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from datetime import timedelta

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from dramatiq.middleware import TimeLimitExceeded

from careeragent.tasks import enqueue_on_commit
from jobs.models import CoverLetter

logger = logging.getLogger(__name__)

SECTION_NAMES = {"experience": "Experience", "projects": "Projects", "summary": "Summary"}


class LetterError(Exception):
    """A request we refuse, with a message for the person who made it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- Asking ---------------------------------------------------------------------------------------------


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def cache_key(*, user, posting=None, job_description=None, resume=None, version=None, sections: dict) -> str:
    """sha256 of what makes a letter: the user, the job, the resume and version with a hash of the sections'
    content (a corrected resume is a new letter), and each provider with its model and prompt version."""
    from optimize.ai import chain

    payload = {
        "user": str(user.pk),
        "posting": str(posting.pk) if posting else "",
        "jd": str(job_description.pk) if job_description else "",
        "resume": str(resume.pk) if resume else "",
        "version": str(version.pk) if version else "",
        "sections": hashlib.sha256(_canonical(sections).encode()).hexdigest(),
        "letter": chain.signature(chain.COVER_LETTER),
        "questions": chain.signature(chain.INTERVIEW_QUESTIONS),
    }
    return hashlib.sha256(_canonical(payload).encode()).hexdigest()


def letter_request(
    *, user, resume=None, version=None, posting=None, job_description=None, force: bool = False
) -> tuple[CoverLetter, bool]:
    """The letter for (resume or version, job): the stored one with the same cache key (``created`` False), or a
    new queued one when there is none or ``force`` ("Regenerate")."""
    from optimize.services import OptimizeError, job_inputs
    from resumes.models import Resume

    if version is not None:
        resume = version.resume
        sections, label = version.sections, version.name
    elif resume is not None:
        if resume.parse_status != Resume.Status.COMPLETED or not resume.sections:
            raise LetterError("resume_not_ready", "This resume has not been read yet; try again once it is.")
        sections, label = resume.sections, resume.title
    else:
        raise LetterError("no_resume", "Choose the resume to write the letter from.")
    try:
        inputs = job_inputs(job_description=job_description, posting=posting)
    except OptimizeError as error:
        raise LetterError(error.code, error.message) from error

    key = cache_key(
        user=user, posting=posting, job_description=job_description, resume=resume, version=version, sections=sections
    )
    if not force:
        stored = CoverLetter.objects.for_user(user).filter(cache_key=key).exclude(status=CoverLetter.Status.FAILED)
        found = stored.order_by("-created_at").first()
        if found is not None:
            return found, False
    with transaction.atomic():
        letter = CoverLetter.objects.create(
            user=user,
            posting=posting,
            job_description=job_description,
            resume=resume,
            resume_version=version,
            job_title=inputs["job_title"][:300],
            job_company=inputs["job_company"][:200],
            resume_label=label[:200],
            resume_sections=sections,
            job={
                "title": inputs["job_title"],
                "company": inputs["job_company"],
                "text": inputs["job_text"],
                "analysis": inputs["job_analysis"],
            },
            cache_key=key,
        )
        _charge(user, letter)  # refused: the block rolls back and no letter exists
        enqueue_on_commit(_actor(), str(letter.id))
    return letter, True


def _charge(user, letter: CoverLetter) -> None:
    """Spend the generation's credits (billing on); a cached letter costs nothing, a new or regenerated one does."""
    from billing import services as billing

    try:
        billing.spend(user=user, amount=billing.cost_of("generation"), reason="generation", reference=letter)
    except billing.InsufficientCredits as short:
        raise LetterError("insufficient_credits", short.explain("A cover letter")) from None


def _refund(letter: CoverLetter) -> None:
    """A letter that failed on our side (a crash, a time-out) gives its credits back, once."""
    from billing import services as billing

    try:
        billing.refund(reference=letter, note="Cover letter failed on our side")
    except Exception:
        logger.exception("cover letter %s: refund failed", letter.id)


def _actor():
    from jobs.actors import generate_cover_letter

    return generate_cover_letter


# --- Writing --------------------------------------------------------------------------------------------


def source_label(sections: dict, path: str) -> str:
    """Where a highlight comes from, for people: "Experience: Software Engineer at Acme"."""
    parts = path.split(".")
    section = parts[0]
    label = SECTION_NAMES.get(section, section.title())
    try:
        entry = sections[section][int(parts[1])]
    except (KeyError, IndexError, ValueError, TypeError):
        return label
    if section == "experience":
        name = " at ".join(str(entry.get(k)).strip() for k in ("title", "company") if entry.get(k))
    else:
        name = str(entry.get("name") or "").strip()
    return f"{label}: {name}" if name else label


def letter_run(*, letter_id: str) -> CoverLetter | None:
    """Write one letter and its interview questions. Only the call that claims it (queued -> running) works, so
    a message delivered twice is harmless."""
    from optimize.ai import chain
    from optimize.ai.types import Job
    from optimize.audit import recorder

    claimed = CoverLetter.objects.filter(id=letter_id, status=CoverLetter.Status.QUEUED).update(
        status=CoverLetter.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        return None
    letter = CoverLetter.objects.get(id=letter_id)
    started = time.perf_counter()
    data = letter.job or {}
    job = Job(
        text=data.get("text") or "",
        analysis=data.get("analysis") or {},
        title=data.get("title") or "",
        company=data.get("company") or "",
    )
    sections = letter.resume_sections or {}
    record = recorder(user=letter.user)
    try:
        written = chain.run_cover_letter(sections, job, record=record)
        prep = chain.run_interview_questions(sections, job, record=record)
        provider = next((p for p in chain.providers() if p.name == written.provider), None)
        letter.provider = written.provider
        letter.model_name = written.model[:100]
        letter.prompt_version = chain.prompt_version(provider, chain.COVER_LETTER)[:40] if provider else ""
        letter.content = written.to_dict()
        letter.text = written.text
        letter.highlights = [{**h.to_dict(), "source": source_label(sections, h.path)} for h in written.highlights]
        letter.questions = [q.to_dict() for q in prep.questions]
        letter.guard_dropped = written.dropped
        letter.edited = False
        _finish(letter, CoverLetter.Status.COMPLETED, started)
    except TimeLimitExceeded:
        letter.error_message = "This took too long and was stopped. Please try again."
        _finish(letter, CoverLetter.Status.FAILED, started)
        _refund(letter)
        raise
    except (OperationalError, InterfaceError):
        logger.warning("cover letter %s: database error, re-queued", letter_id, exc_info=True)
        CoverLetter.objects.filter(id=letter_id).update(status=CoverLetter.Status.QUEUED)
        raise
    except Exception:
        logger.exception("cover letter %s failed", letter_id)
        letter.error_message = "Something went wrong on our side while writing. Nothing was lost; please try again."
        _finish(letter, CoverLetter.Status.FAILED, started)
        _refund(letter)
    return letter


# A letter "running" this long was left by a dead worker (the actor's time limit is 5 minutes).
LETTER_STUCK_AFTER = timedelta(minutes=10)


def letter_requeue_stuck(*, stuck_after: timedelta | None = None) -> int:
    """Put letters a dead worker left "running" back in the queue, and re-send every queued one (the embedded
    broker forgets its messages on restart). Claiming makes a duplicate message harmless; the credits were
    spent when the letter was asked for, so a requeued letter costs nothing more."""
    from jobs.actors import generate_cover_letter

    cutoff = timezone.now() - (LETTER_STUCK_AFTER if stuck_after is None else stuck_after)
    CoverLetter.objects.filter(status=CoverLetter.Status.RUNNING, started_at__lt=cutoff).update(
        status=CoverLetter.Status.QUEUED, updated_at=timezone.now()
    )
    ids = list(CoverLetter.objects.filter(status=CoverLetter.Status.QUEUED).values_list("id", flat=True))
    for letter_id in ids:
        generate_cover_letter.send(str(letter_id))
    return len(ids)


def letter_requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: nothing else is running yet, so every claimed letter is orphaned."""
    return letter_requeue_stuck(stuck_after=timedelta(0))


def _finish(letter: CoverLetter, status: str, started: float) -> None:
    letter.status = status
    letter.finished_at = timezone.now()
    letter.duration_ms = round((time.perf_counter() - started) * 1000)
    letter.save()
    from accounts import notifications

    notifications.cover_letter_finished(letter)  # e-mails the owner after the commit, if they left the page
    logger.info(
        "cover letter finished",
        extra={"letter": str(letter.id), "status": status, "provider": letter.provider, "ms": letter.duration_ms},
    )


# --- Editing and using ----------------------------------------------------------------------------------


def letter_save_text(*, letter: CoverLetter, text: str) -> CoverLetter:
    text = text.replace("\r\n", "\n").strip()
    if text != letter.text:
        letter.text = text
        letter.edited = True
        letter.save(update_fields=["text", "edited", "updated_at"])
    return letter


def letter_attach(*, letter: CoverLetter, application) -> None:
    """Copy the letter's text into the application: a frozen copy of what was sent, later edits do not follow."""
    if letter.status != CoverLetter.Status.COMPLETED or not letter.text.strip():
        raise LetterError("not_ready", "This letter is not written yet.")
    application.cover_letter_text = letter.text
    application.save(update_fields=["cover_letter_text", "updated_at"])
