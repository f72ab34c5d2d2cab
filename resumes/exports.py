"""Exporting a resume: rendering a file, reading it back as an ATS would, storing it for a while.

Text, JSON Resume and DOCX render in the request (a few milliseconds); PDF goes through the ``render_export``
actor, whose worker keeps one Chromium warm. Either way ``export_render`` does the work, so a PDF rendered by a
redelivered message is rendered once: only the call that claims the row (queued -> rendering) renders.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from careeragent.tasks import enqueue_on_commit
from resumes.models import ExportArtifact, Resume

logger = logging.getLogger(__name__)

INLINE_FORMATS = {ExportArtifact.Format.TXT, ExportArtifact.Format.JSON, ExportArtifact.Format.DOCX}
# Read-back text kept on the row for the comparison page.
MAX_READBACK_TEXT = 50_000


class ExportError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def export_request(
    *, user, resume: Resume, fmt: str, template: str = "classic", paper: str = "a4", version=None
) -> ExportArtifact:
    """Export ``resume`` (or one of its optimised versions) as ``fmt``. Inline formats are finished on return;
    a PDF is queued."""
    from resumes.export.html import PAPERS, TEMPLATES

    if fmt not in ExportArtifact.Format.values:
        raise ExportError("bad_format", "Choose PDF, Word, plain text or JSON Resume.")
    if template not in TEMPLATES or paper not in PAPERS:
        raise ExportError("bad_template", "Choose one of the templates and a paper size.")
    if version is not None:
        sections, label = version.sections, version.name
    elif resume.parse_status == Resume.Status.COMPLETED and resume.sections:
        sections = resume.sections
        label = f"{resume.title} ({'corrected' if resume.is_corrected else 'as read'})"
    else:
        raise ExportError("resume_not_ready", "This resume has not been read yet; wait until it is, then export.")
    with transaction.atomic():
        export = ExportArtifact.objects.create(
            user=user,
            resume=resume,
            version=version,
            source_label=label[:200],
            sections=sections,
            format=fmt,
            template=template,
            paper=paper,
            expires_at=timezone.now() + timedelta(hours=settings.RESUME_EXPORT_TTL_HOURS),
        )
        if fmt not in INLINE_FORMATS:
            from resumes.actors import render_export

            enqueue_on_commit(render_export, str(export.id))
    if fmt in INLINE_FORMATS:
        export_render(export_id=str(export.id))
        export.refresh_from_db()
    return export


def render_bytes(sections: dict, fmt: str, *, template: str = "classic", paper: str = "a4") -> bytes:
    """The file of ``sections`` in ``fmt`` (no database, no storage): the same code the app and the bench run."""
    if fmt == "txt":
        from resumes.export.text import render_text

        return render_text(sections).encode("utf-8")
    if fmt == "json":
        from resumes.export.jsonresume import to_json_resume

        return json.dumps(to_json_resume(sections), indent=2, ensure_ascii=False).encode("utf-8")
    if fmt == "docx":
        from resumes.export.docx import render_docx

        return render_docx(sections, template=template)
    if fmt == "pdf":
        from resumes.export.html import render_html
        from resumes.export.pdf import render_pdf

        html = render_html(sections, template=template, paper=paper)
        return render_pdf(html, timeout_s=settings.RESUME_EXPORT_RENDER_TIMEOUT_S)
    raise ExportError("bad_format", f"Unknown format {fmt!r}.")


def export_render(*, export_id: str) -> ExportArtifact | None:
    """Render, read back and store one export; only the call that claims it works."""
    from resumes.export.pdf import RenderError

    claimed = ExportArtifact.objects.filter(id=export_id, status=ExportArtifact.Status.QUEUED).update(
        status=ExportArtifact.Status.RENDERING, started_at=timezone.now()
    )
    if not claimed:
        return None
    export = ExportArtifact.objects.get(id=export_id)
    started = time.perf_counter()
    try:
        data = render_bytes(export.sections, export.format, template=export.template, paper=export.paper)
    except RenderError as error:
        return _fail(export, error.code, _render_message(error.code), started)
    except Exception:
        logger.exception("export %s: render failed", export_id)
        return _fail(export, "render_failed", "We could not make this file. Please try again.", started)
    export.render_ms = round((time.perf_counter() - started) * 1000)
    export.fidelity = _read_back(data, export)
    export.file.save(f"resume.{export.format}", ContentFile(data), save=False)
    export.file_size = len(data)
    export.status = ExportArtifact.Status.COMPLETED
    export.save()
    logger.info("export rendered", extra={"export": str(export.id), "format": export.format, "ms": export.render_ms})
    return export


def _render_message(code: str) -> str:
    if code == "timeout":
        return "Making the PDF took too long and was stopped. Please try again in a moment."
    return "We could not make the PDF. Please try again, or choose another format."


def _fail(export: ExportArtifact, code: str, message: str, started: float) -> ExportArtifact:
    export.status = ExportArtifact.Status.FAILED
    export.error_code = code
    export.error_message = message
    export.render_ms = round((time.perf_counter() - started) * 1000)
    export.save()
    return export


def _read_back(data: bytes, export: ExportArtifact) -> dict:
    """What our own parser (an ATS stand-in) reads from the file, compared with what was exported."""
    if export.format == "json":
        from resumes.export.jsonresume import from_json_resume
        from resumes.export.readback import score_fields

        # A JSON Resume is read back by our importer rather than the parser: what another tool importing it gets.
        fidelity = score_fields(export.sections, from_json_resume(json.loads(data)), data.decode("utf-8"))
    else:
        from resumes.export.readback import read_back

        fidelity = read_back(data, export.format, export.sections)
    result = asdict(fidelity)
    result["text"] = (result.get("text") or "")[:MAX_READBACK_TEXT]
    return result


def expire_exports(*, now=None) -> int:
    """Delete exports past their expiry, files first. Returns how many went."""
    now = now or timezone.now()
    expired = list(ExportArtifact.objects.filter(expires_at__lte=now))
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


def requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: PDF exports left queued or rendering are rendered again."""
    from resumes.actors import render_export

    ExportArtifact.objects.filter(status=ExportArtifact.Status.RENDERING).update(status=ExportArtifact.Status.QUEUED)
    ids = list(ExportArtifact.objects.filter(status=ExportArtifact.Status.QUEUED).values_list("id", flat=True))
    for export_id in ids:
        render_export.send(str(export_id))
    return len(ids)
