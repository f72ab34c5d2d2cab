"""The resumes part of "download your data" (accounts.services.collect_user_data)."""

from __future__ import annotations

from resumes.models import ExportArtifact, Resume


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def collect(user) -> dict:
    # Resumes deleted by the user are left out: they are on their way to being purged.
    return {
        "resumes": [
            {
                "id": str(r.id),
                "title": r.title,
                "original_filename": r.original_filename,
                "file_type": r.file_ext,
                "file_size": r.file_size,
                "uploaded_at": _iso(r.created_at),
                "parse_status": r.parse_status,
                "parsed_at": _iso(r.parsed_at),
                "text": r.parsed_text,
                "sections": r.parsed_sections,
                "corrected_sections": r.corrected_sections,
                "warnings": r.parse_warnings,
                "last_score": r.last_score,
            }
            for r in Resume.objects.for_user(user).order_by("created_at")
        ],
        "exports": [
            {
                "id": str(e.id),
                "resume": str(e.resume_id),
                "what": e.source_label,
                "format": e.format,
                "template": e.template,
                "status": e.status,
                "created_at": _iso(e.created_at),
                "sections": e.sections,
            }
            for e in ExportArtifact.objects.for_user(user).order_by("created_at")
        ],
    }
