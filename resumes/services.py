"""Resume workflows: upload, the guarded and sandboxed parse, re-parse, recovery and purge."""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from careeragent.tasks import enqueue_on_commit
from resumes.guard import GuardError, GuardLimits, check_file
from resumes.models import ALLOWED_EXTENSIONS, Resume
from resumes.parsing import ParseError, ParseResult, parse_bytes
from resumes.sandbox import SandboxError, run_sandboxed

logger = logging.getLogger(__name__)


@dataclass
class ParseFailure(Exception):
    """A file we could not read, with a stable code and a message for the person."""

    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def guard_limits() -> GuardLimits:
    return GuardLimits(
        max_bytes=settings.RESUME_MAX_BYTES,
        max_pdf_pages=settings.RESUME_MAX_PDF_PAGES,
        docx_max_unpacked=settings.RESUME_DOCX_MAX_UNPACKED,
        docx_max_ratio=settings.RESUME_DOCX_MAX_RATIO,
        docx_max_members=settings.RESUME_DOCX_MAX_MEMBERS,
    )


def extension_of(filename: str) -> str:
    return PurePosixPath(filename.replace("\\", "/")).suffix.lower().lstrip(".")


def parse_file(data: bytes, ext: str) -> ParseResult:
    """Guard, then parse in a sandboxed child. The one path for uploads, re-parses and `manage.py parse_resume`."""
    try:
        check_file(data, ext, guard_limits())
        return run_sandboxed(
            parse_bytes,
            data,
            ext,
            memory_limit=settings.RESUME_PARSE_MEMORY_MB * 1024 * 1024,
            timeout=float(settings.RESUME_PARSE_TIMEOUT_S),
        )
    except (GuardError, ParseError, SandboxError) as error:
        raise ParseFailure(error.code, error.message) from error


# --- Upload ---------------------------------------------------------------------------------------------


def resume_create(*, user, uploaded: UploadedFile, title: str = "") -> Resume:
    """Store an upload under our own name and queue its parse. The guard runs in the parse, so a refused file
    is kept (and can be re-parsed after a limit changes) with its reason."""
    ext = extension_of(uploaded.name or "")
    if ext not in ALLOWED_EXTENSIONS:
        raise ValueError(f"unsupported extension {ext!r}")
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    original = (uploaded.name or f"resume.{ext}")[-255:]
    with transaction.atomic():
        resume = Resume(
            user=user,
            title=(title or PurePosixPath(original).stem or "Resume")[:200],
            original_filename=original,
            file_ext=ext,
            file_size=uploaded.size or 0,
            file_sha256=digest.hexdigest(),
        )
        resume.file.save("original", uploaded, save=False)
        resume.save()
        _enqueue_parse(resume)
    return resume


def _enqueue_parse(resume: Resume) -> None:
    from resumes.actors import parse_resume

    enqueue_on_commit(parse_resume, str(resume.id))


# --- Parse ----------------------------------------------------------------------------------------------


def resume_parse(*, resume_id: str) -> Resume | None:
    """Parse one resume. Only the call that claims the row (pending -> parsing) does the work, so a message
    delivered twice is harmless."""
    now = timezone.now()
    claimed = Resume.objects.filter(id=resume_id, parse_status=Resume.Status.PENDING, deleted_at__isnull=True).update(
        parse_status=Resume.Status.PARSING, parse_started_at=now, parse_attempts=F("parse_attempts") + 1
    )
    if not claimed:
        return None
    resume = Resume.objects.get(id=resume_id)
    started = time.perf_counter()
    try:
        with resume.file.open("rb") as handle:
            data = handle.read(settings.RESUME_MAX_BYTES + 1)
        result = parse_file(data, resume.file_ext)
    except ParseFailure as failure:
        return _record_failure(resume, failure.code, failure.message, started)
    except OSError:
        logger.exception("resume %s: stored file could not be read", resume_id)
        return _record_failure(
            resume, "file_missing", "We could not open the stored file. Please upload it again.", started
        )
    except Exception:
        # A bug of ours (in the guard, say) must fail this resume with a reason, not leave it "reading" forever
        # while the message is retried and the recovery sweep re-queues it.
        logger.exception("resume %s: unexpected error while reading it", resume_id)
        return _record_failure(
            resume,
            "internal_error",
            "Something went wrong on our side while reading this file. It is kept; please try “Read again” later.",
            started,
        )
    resume.parsed_text = result.text
    resume.parsed_sections = result.sections
    resume.parse_warnings = result.warnings
    resume.page_count = result.pages
    resume.schema_version = result.sections.get("schema_version")
    resume.parse_status = Resume.Status.COMPLETED
    resume.parse_error_code = ""
    resume.parse_error = ""
    resume.parsed_at = timezone.now()
    resume.parse_ms = round((time.perf_counter() - started) * 1000)
    resume.save()
    logger.info("resume parsed", extra={"resume": str(resume.id), "parse_ms": resume.parse_ms})
    return resume


def _record_failure(resume: Resume, code: str, message: str, started: float) -> Resume:
    resume.parse_status = Resume.Status.FAILED
    resume.parse_error_code = code
    resume.parse_error = message
    resume.parsed_at = timezone.now()
    resume.parse_ms = round((time.perf_counter() - started) * 1000)
    resume.save(
        update_fields=["parse_status", "parse_error_code", "parse_error", "parsed_at", "parse_ms", "updated_at"]
    )
    logger.info("resume parse failed", extra={"resume": str(resume.id), "code": code})
    return resume


def resume_reparse(*, resume: Resume) -> Resume:
    """Queue a fresh parse of the stored original. Corrections are kept; the new parse sits beside them."""
    with transaction.atomic():
        Resume.objects.filter(id=resume.id).update(
            parse_status=Resume.Status.PENDING, parse_error_code="", parse_error="", updated_at=timezone.now()
        )
        resume.refresh_from_db()
        _enqueue_parse(resume)
    return resume


def resume_requeue_stuck(*, stuck_after: timedelta | None = None) -> int:
    """Re-queue parses a dead worker left behind, and re-send queued ones (the in-memory broker forgets them
    on restart). Claiming makes a duplicate message harmless."""
    from resumes.actors import parse_resume

    stuck_after = stuck_after or timedelta(seconds=settings.RESUME_PARSE_STUCK_AFTER_S)
    Resume.objects.alive().filter(
        parse_status=Resume.Status.PARSING, parse_started_at__lt=timezone.now() - stuck_after
    ).update(parse_status=Resume.Status.PENDING)
    ids = list(Resume.objects.alive().filter(parse_status=Resume.Status.PENDING).values_list("id", flat=True))
    for resume_id in ids:
        parse_resume.send(str(resume_id))
    return len(ids)


def resume_requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: nothing else is running yet, so every claimed parse is orphaned."""
    return resume_requeue_stuck(stuck_after=timedelta(0))


# --- Edits and deletion ---------------------------------------------------------------------------------


def resume_rename(*, resume: Resume, title: str) -> Resume:
    resume.title = " ".join(title.split())[:200] or resume.title
    resume.save(update_fields=["title", "updated_at"])
    return resume


def resume_delete(*, resume: Resume) -> None:
    """Soft delete: the row disappears for the user at once; `manage.py purge_deleted` removes the files."""
    resume.soft_delete()


def resume_purge_deleted(*, older_than: timedelta = timedelta(0)) -> int:
    cutoff = timezone.now() - older_than
    purged = 0
    for resume in Resume.objects.filter(deleted_at__isnull=False, deleted_at__lte=cutoff).iterator():
        if resume.file:
            resume.file.storage.delete(resume.file.name)
        resume.delete()
        purged += 1
    return purged
