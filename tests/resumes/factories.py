"""Factories for resume exports, keyed by URL keyword (see tests/factories.py)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import factory


@factory("artifact_id")
def export_artifact(user):
    """A finished plain-text export of the sample resume."""
    from resumes.models import ExportArtifact
    from tests.factories import resume

    source = resume(user)
    artifact = ExportArtifact(
        user=user,
        resume=source,
        source_label="Sample (as read)",
        sections=source.sections,
        format="txt",
        status=ExportArtifact.Status.COMPLETED,
        fidelity={"score": 1.0, "critical_score": 1.0, "missing": [], "text": "Sam Sample"},
        expires_at=timezone.now() + timedelta(hours=1),
    )
    artifact.file.save("resume.txt", ContentFile(b"Sam Sample\n"), save=False)
    artifact.file_size = 11
    artifact.save()
    return artifact
