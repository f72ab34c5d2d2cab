"""Resume workflows: upload, JSON Resume import, the guarded and sandboxed parse, re-parse, recovery and purge."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from careeragent.tasks import enqueue_on_commit
from resumes.guard import GuardError, GuardLimits, check_file
from resumes.models import ALLOWED_EXTENSIONS, IMPORTED_EXTENSIONS, Resume
from resumes.parsing import ParseError, ParseResult, parse_bytes
from resumes.sandbox import SandboxError, run_sandboxed

logger = logging.getLogger(__name__)

# A JSON Resume is a few kilobytes; a megabyte is generous and keeps json.loads cheap.
JSON_IMPORT_MAX_BYTES = 1024 * 1024


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


# --- JSON Resume import ---------------------------------------------------------------------------------


def read_json_resume(data: bytes) -> ParseResult:
    """Sections (and their plain text) from the bytes of a JSON Resume file. Raises ParseFailure with a message
    for the person. Used by the import and by "Read again" on an imported resume: the parser never sees JSON."""
    return _read_json_resume(data)[1]


def _read_json_resume(data: bytes) -> tuple[object, ParseResult]:
    from resumes.export.jsonresume import from_json_resume
    from resumes.export.text import render_text

    if len(data) > JSON_IMPORT_MAX_BYTES:
        limit = filesizeformat(JSON_IMPORT_MAX_BYTES)
        raise ParseFailure("file_too_large", f"This file is over {limit}; a JSON Resume may be at most {limit}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseFailure(
            "json_encoding", f"This file is not UTF-8 text (byte {error.start}); save it as UTF-8 and try again."
        ) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseFailure("json_invalid", f"This is not valid JSON: {error}.") from error
    except (ValueError, RecursionError) as error:  # an integer of 5,000 digits, 100,000 nested lists
        raise ParseFailure("json_invalid", f"This is not valid JSON: {error or 'it is nested too deeply'}.") from error
    try:
        sections = _clean_strings(from_json_resume(document))
    except ValueError as error:
        raise ParseFailure("json_not_resume", str(error)) from error
    return document, ParseResult(text=render_text(sections), sections=sections, warnings=[], pages=1)


def _clean_strings(value):
    """No NUL characters (PostgreSQL refuses them) and no lone surrogates (not encodable): JSON allows both."""
    if isinstance(value, str):
        return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_strings(v) for k, v in value.items()}
    return value


def _import_title(document, filename: str) -> str:
    basics = document.get("basics") if isinstance(document, dict) else None
    basics = basics if isinstance(basics, dict) else {}
    parts = [" ".join(v.split()) for v in (basics.get("name"), basics.get("label")) if isinstance(v, str)]
    title = " – ".join(p for p in parts if p) or PurePosixPath(filename).stem or "Resume"  # noqa: RUF001
    return _clean_strings(title)[:200]


def resume_import_json(*, user, uploaded: UploadedFile, title: str = "") -> Resume:
    """A new, already read resume from a JSON Resume file (https://jsonresume.org). The file is kept as the
    original, like an upload; nothing is queued. Raises ParseFailure (nothing stored) when it is not one."""
    ext = extension_of(uploaded.name or "")
    if ext not in IMPORTED_EXTENSIONS:
        shown = f".{ext}" if ext else "files without an extension"
        raise ParseFailure("wrong_extension", f"We can only import a JSON Resume (.json) file, not {shown}.")
    uploaded.seek(0)
    data = uploaded.read(JSON_IMPORT_MAX_BYTES + 1)
    document, result = _read_json_resume(data)
    original = (uploaded.name or "resume.json")[-255:]
    now = timezone.now()
    resume = Resume(
        user=user,
        title=(title or _import_title(document, original))[:200],
        original_filename=original,
        file_ext=ext,
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
        parse_status=Resume.Status.COMPLETED,
        parse_attempts=1,
        parse_started_at=now,
        parsed_at=now,
        parse_ms=0,
        page_count=result.pages,
        schema_version=result.sections.get("schema_version"),
        parsed_text=result.text,
        parsed_sections=result.sections,
        parse_warnings=result.warnings,
    )
    try:
        with transaction.atomic():
            resume.file.save("original", ContentFile(data), save=False)
            resume.save()
    except BaseException:
        # The row was rolled back: do not leave its file behind.
        if resume.file.name:
            resume.file.storage.delete(resume.file.name)
        raise
    logger.info("resume imported", extra={"resume": str(resume.id)})
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
            limit = JSON_IMPORT_MAX_BYTES if resume.is_imported else settings.RESUME_MAX_BYTES
            data = handle.read(limit + 1)
        # An imported JSON Resume is read again by importing its stored JSON again: the parser never sees it.
        result = read_json_resume(data) if resume.is_imported else parse_file(data, resume.file_ext)
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
