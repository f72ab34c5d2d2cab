"""Reviewing and correcting a parsed resume in place."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from resumes.models import Resume
from tests.factories import SAMPLE_SECTIONS
from tests.factories import resume as make_resume

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def resume(owner):
    return make_resume(owner)


def field_url(resume):
    return reverse("resumes:field", args=[resume.id])


def test_the_page_shows_sections_beside_the_extracted_text(owner_client, resume):
    html = owner_client.get(reverse("resumes:detail", args=[resume.id])).content.decode()
    assert "Sam Sample" in html and "Built things" in html
    assert "Text we extracted" in html


def test_a_field_opens_as_a_form_and_saves_as_a_correction(owner_client, resume):
    form = owner_client.get(field_url(resume), {"path": "contact.name"}, **HTMX)
    assert b'name="value" value="Sam Sample"' in form.content
    saved = owner_client.post(field_url(resume), {"path": "contact.name", "value": "  Samantha   Sample "}, **HTMX)
    assert saved.status_code == 200 and b"Samantha Sample" in saved.content
    resume.refresh_from_db()
    assert resume.sections["contact"]["name"] == "Samantha Sample"
    assert resume.parsed_sections["contact"]["name"] == "Sam Sample"  # the parse is kept
    assert resume.is_corrected


def test_bullets_and_skill_lists_are_edited(owner_client, resume):
    owner_client.post(field_url(resume), {"path": "experience.0.bullets.1", "value": "Fixed 40 bugs"}, **HTMX)
    owner_client.post(field_url(resume), {"path": "skills.0.items", "value": "Python, SQL, , Go"}, **HTMX)
    owner_client.post(field_url(resume), {"path": "experience.0.end", "value": "2023-05"}, **HTMX)
    resume.refresh_from_db()
    assert resume.sections["experience"][0]["bullets"] == ["Built things", "Fixed 40 bugs"]
    assert resume.sections["skills"][0]["items"] == ["Python", "SQL", "Go"]
    assert resume.sections["experience"][0]["current"] is False


@pytest.mark.parametrize("path", ["contact.password", "experience.9.title", "experience.0.bullets.7", "user.id", ""])
def test_an_unknown_path_answers_404_and_changes_nothing(owner_client, resume, path):
    response = owner_client.post(field_url(resume), {"path": path, "value": "x"}, **HTMX)
    assert response.status_code == 404
    resume.refresh_from_db()
    assert resume.corrected_sections is None


def test_entries_and_lines_are_added_removed_and_reverted(owner_client, resume):
    change = reverse("resumes:change", args=[resume.id])
    owner_client.post(change, {"action": "add_entry", "section": "experience"}, **HTMX)
    owner_client.post(change, {"action": "add_item", "section": "experience", "index": "0"}, **HTMX)
    owner_client.post(change, {"action": "remove", "path": "experience.0.bullets.0"}, **HTMX)
    resume.refresh_from_db()
    assert len(resume.sections["experience"]) == 2
    assert resume.sections["experience"][0]["bullets"] == ["Fixed things", ""]
    response = owner_client.post(change, {"action": "revert"}, **HTMX)
    assert response.status_code == 200
    resume.refresh_from_db()
    assert resume.corrected_sections is None
    assert resume.sections == SAMPLE_SECTIONS


def test_edits_work_without_javascript(owner_client, resume):
    page = owner_client.get(field_url(resume), {"path": "summary.text"})
    assert page.status_code == 200 and b"<textarea" in page.content
    response = owner_client.post(field_url(resume), {"path": "summary.text", "value": "Backend engineer."})
    assert response.status_code == 302
    resume.refresh_from_db()
    assert resume.sections["summary"]["text"] == "Backend engineer."


def test_rename(owner_client, resume):
    owner_client.post(reverse("resumes:rename", args=[resume.id]), {"title": "  For   Acme "})
    resume.refresh_from_db()
    assert resume.title == "For Acme"


def test_delete_is_soft_until_purged(owner_client, resume):
    response = owner_client.post(reverse("resumes:delete", args=[resume.id]))
    assert response.status_code == 302
    assert owner_client.get(reverse("resumes:detail", args=[resume.id])).status_code == 404
    assert b"Sample" not in owner_client.get(reverse("resumes:index")).content
    assert default_storage.exists(resume.file.name)
    call_command("purge_deleted")
    assert not Resume.objects.filter(id=resume.id).exists()
    assert not default_storage.exists(resume.file.name)


def test_the_original_downloads_as_an_attachment(owner_client, resume):
    response = owner_client.get(reverse("resumes:download", args=[resume.id]))
    assert response.status_code == 200
    assert 'filename="sample.txt"' in response["Content-Disposition"]


def test_a_resume_still_parsing_cannot_be_edited(owner_client, resume):
    Resume.objects.filter(id=resume.id).update(parse_status=Resume.Status.PARSING)
    response = owner_client.post(field_url(resume), {"path": "contact.name", "value": "x"}, **HTMX)
    assert response.status_code == 404
