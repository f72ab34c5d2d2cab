"""Exporting a resume or an optimised version: inline formats, PDF through the worker, the read-back page,
downloads, the live preview and expiry."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resumes import exports
from resumes.models import ExportArtifact
from tests.factories import resume as make_resume
from tests.optimize.factories import RESUME

pytestmark = pytest.mark.django_db


@pytest.fixture
def resume(owner):
    item = make_resume(owner)
    item.parsed_sections = RESUME
    item.title = "Ada"
    item.save()
    return item


def export(client, resume, fmt, *, follow=False, **extra):
    data = {"format": fmt, "template": "classic", "paper": "a4", **extra}
    return client.post(reverse("resumes:export_create", args=[resume.id]), data, follow=follow)


def test_plain_text_is_made_at_once_read_back_and_downloadable(owner_client, resume):
    response = export(owner_client, resume, "txt")
    artifact = ExportArtifact.objects.get()
    assert response["Location"] == reverse("resumes:artifact", args=[artifact.id])
    assert artifact.status == "completed" and artifact.file_size > 0
    assert artifact.fidelity["critical_score"] == 1.0 and artifact.fidelity["score"] >= 0.9
    assert artifact.expires_at > timezone.now() + timedelta(hours=71)
    page = owner_client.get(response["Location"]).content.decode()
    assert "What an applicant tracking system reads" in page and "Ada Example" in page
    download = owner_client.get(reverse("resumes:artifact_download", args=[artifact.id]))
    body = b"".join(download.streaming_content).decode()
    assert download["Content-Type"].startswith("text/plain") and "Ada Example" in body
    assert "Responsible for managing the billing service" in body


def test_json_resume_export_reads_back_through_the_importer(owner_client, resume):
    export(owner_client, resume, "json")
    artifact = ExportArtifact.objects.get()
    data = json.loads(artifact.file.read())
    assert data["basics"]["name"] == "Ada Example" and data["work"][0]["name"] == "Northwind"
    assert artifact.fidelity["score"] == 1.0


def test_an_optimised_version_is_exported_with_its_own_sections(owner_client, owner, resume):
    from optimize.models import OptimizedVersion
    from tests.optimize.factories import finished_optimization

    run = finished_optimization(owner)
    changed = json.loads(json.dumps(RESUME))
    changed["experience"][0]["bullets"][0] = "Managed the billing service"
    version = OptimizedVersion.objects.create(
        user=owner, resume=run.resume, optimization=run, name="Ada for Backend (v1)", sections=changed
    )
    export(owner_client, run.resume, "txt", version=version.id)
    artifact = ExportArtifact.objects.get()
    assert artifact.version == version and artifact.source_label == "Ada for Backend (v1)"
    assert b"Managed the billing service" in artifact.file.read()
    # Another resume's version is not found.
    assert export(owner_client, resume, "txt", version=version.id).status_code == 404


def test_a_bad_choice_is_explained(owner_client, resume):
    response = export(owner_client, resume, "exe", follow=True)
    assert "Choose PDF, Word, plain text or JSON Resume." in response.content.decode()
    assert not ExportArtifact.objects.exists()


def test_the_preview_is_the_html_a_pdf_is_printed_from_with_no_scripts(owner_client, resume):
    url = reverse("resumes:export_preview", args=[resume.id]) + "?template=modern&paper=letter"
    response = owner_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Ada Example" in html and "<script" not in html
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    page = owner_client.get(reverse("resumes:export", args=[resume.id])).content.decode()
    assert 'id="export-preview"' in page and "sandbox" in page


def test_expired_files_go_and_cannot_be_downloaded(owner_client, resume):
    export(owner_client, resume, "txt")
    artifact = ExportArtifact.objects.get()
    name = artifact.file.name
    ExportArtifact.objects.filter(id=artifact.id).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert owner_client.get(reverse("resumes:artifact_download", args=[artifact.id])).status_code == 404
    assert exports.expire_exports() == 1
    assert not ExportArtifact.objects.exists() and not artifact.file.storage.exists(name)


def test_paper_defaults_to_letter_in_north_america_and_a4_elsewhere(owner):
    from accounts.services import profile_for
    from resumes.views import default_paper

    profile = profile_for(owner)
    profile.location = "Lisbon, Portugal"
    profile.save()
    assert default_paper(owner) == "a4"
    profile.location = "Austin, TX, United States"
    profile.save()
    assert default_paper(owner) == "letter"
    profile.preferences = {**profile.preferences, "paper_size": "a4"}
    profile.save()
    assert default_paper(owner) == "a4"  # an explicit choice wins


@pytest.mark.worker
@pytest.mark.browser
def test_a_pdf_is_rendered_by_the_worker_and_read_back(worker, owner_client, resume):
    response = export(owner_client, resume, "pdf")
    artifact = ExportArtifact.objects.get()
    assert artifact.status in ("queued", "rendering", "completed")
    worker.drain()
    artifact.refresh_from_db()
    assert artifact.status == "completed", artifact.error_message
    assert artifact.file.read(5) == b"%PDF-"
    assert artifact.fidelity["critical_score"] == 1.0
    status = owner_client.get(reverse("resumes:artifact_status", args=[artifact.id]))
    assert status.status_code == 286 and "Download" in status.content.decode()
    assert response.status_code == 302
