"""Importing a JSON Resume file (https://jsonresume.org) as a new, already read resume."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from resumes import exports, services
from resumes.export.jsonresume import from_json_resume, to_json_resume
from resumes.export.text import render_text
from resumes.models import Resume

DOCUMENT = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Dana Whitfield",
        "label": "Senior Software Engineer",
        "email": "dana@example.com",
        "phone": "+1 (415) 555-0134",
        "summary": "Backend engineer who ships billing systems.",
        "location": {"city": "Austin", "region": "TX"},
        "profiles": [{"network": "LinkedIn", "username": "dana", "url": "https://linkedin.com/in/dana"}],
    },
    "work": [
        {
            "name": "Acme Logistics",
            "position": "Senior Software Engineer",
            "location": "Austin, TX",
            "startDate": "2020-01",
            "highlights": ["Led the migration of billing to Python 3.12", "Cut invoice latency by 40%"],
        },
        {
            "name": "Globex",
            "position": "Software Engineer",
            "startDate": "2016-06",
            "endDate": "2019-12",
            "highlights": ["Built the payments API"],
        },
    ],
    "education": [
        {
            "institution": "University of Texas at Austin",
            "studyType": "BSc",
            "area": "Computer Science",
            "startDate": "2012",
            "endDate": "2016",
            "score": "3.8",
            "courses": ["Distributed Systems"],
        }
    ],
    "skills": [
        {"name": "Languages", "keywords": ["Python", "Go", "SQL"]},
        {"name": "Infrastructure", "keywords": ["PostgreSQL", "Redis", "AWS"]},
    ],
    "projects": [
        {
            "name": "ledgerlite",
            "description": "A tiny double-entry ledger",
            "url": "https://github.com/dana/ledgerlite",
            "startDate": "2021-03",
            "highlights": ["300 stars on GitHub"],
        }
    ],
    "languages": [{"language": "Spanish", "fluency": "Professional"}],
}


def upload(client, name: str, data: bytes, **extra):
    url = reverse("resumes:import_json")
    return client.post(url, {"import-file": SimpleUploadedFile(name, data, "application/json")}, **extra)


def as_bytes(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.fixture
def imported(owner_client, owner) -> Resume:
    response = upload(owner_client, "dana.json", as_bytes(DOCUMENT))
    resume = Resume.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("resumes:detail", args=[resume.id])
    return resume


@pytest.mark.django_db
def test_the_index_offers_the_import(owner_client):
    page = owner_client.get(reverse("resumes:index")).content.decode()
    assert "Import a JSON Resume" in page
    assert f'action="{reverse("resumes:import_json")}"' in page and 'accept=".json,application/json"' in page


@pytest.mark.django_db
def test_an_import_is_read_at_once_and_stored_like_an_upload(owner_client, owner, imported):
    resume = imported
    sections = from_json_resume(DOCUMENT)
    assert resume.parse_status == Resume.Status.COMPLETED and resume.parsed_at is not None
    assert resume.parsed_sections == sections and resume.sections == sections
    assert resume.parsed_text == render_text(sections)
    assert resume.schema_version == sections["schema_version"] and resume.page_count == 1
    assert resume.title == "Dana Whitfield – Senior Software Engineer"  # noqa: RUF001
    assert resume.original_filename == "dana.json" and resume.file_ext == "json"
    assert resume.file.name == f"users/{owner.id}/resumes/{resume.id}/original.json"
    assert json.loads(resume.file.read()) == DOCUMENT
    assert resume.file_size == len(as_bytes(DOCUMENT)) and len(resume.file_sha256) == 64

    page = owner_client.get(reverse("resumes:detail", args=[resume.id])).content.decode()
    assert "Dana Whitfield" in page and "Acme Logistics" in page and "was imported from JSON Resume" in page
    assert "Reading your resume" not in page  # nothing to wait for


@pytest.mark.django_db
def test_an_import_queues_no_parse(owner_client, owner, monkeypatch, django_capture_on_commit_callbacks):
    def refuse(resume):
        raise AssertionError("an import must not queue a parse")

    monkeypatch.setattr(services, "_enqueue_parse", refuse)
    with django_capture_on_commit_callbacks() as callbacks:
        upload(owner_client, "dana.json", as_bytes(DOCUMENT))
    assert callbacks == []
    assert Resume.objects.get(user=owner).parse_status == Resume.Status.COMPLETED


@pytest.mark.django_db
def test_a_utf8_bom_and_no_label_give_the_name_as_title(owner_client, owner):
    document = {"basics": {"name": "Zoë Ångström"}, "work": [{"name": "Café Müller", "position": "Barista"}]}
    upload(owner_client, "cv.json", b"\xef\xbb\xbf" + as_bytes(document))
    resume = Resume.objects.get(user=owner)
    assert resume.title == "Zoë Ångström"
    assert resume.sections["experience"][0]["company"] == "Café Müller"


@pytest.mark.django_db
def test_without_a_name_the_title_is_the_file_name(owner_client, owner):
    upload(owner_client, "My CV 2025.json", as_bytes({"skills": [{"name": "Python"}]}))
    assert Resume.objects.get(user=owner).title == "My CV 2025"


@pytest.mark.django_db
def test_export_to_json_resume_round_trips(owner, imported):
    artifact = exports.export_request(user=owner, resume=imported, fmt="json")
    exported = json.loads(artifact.file.read())
    assert from_json_resume(exported) == imported.sections
    assert exported["basics"]["name"] == "Dana Whitfield" and exported["basics"]["email"] == "dana@example.com"
    assert [w["name"] for w in exported["work"]] == ["Acme Logistics", "Globex"]
    assert exported["work"][0]["highlights"] == DOCUMENT["work"][0]["highlights"]
    assert exported["work"][1]["startDate"] == "2016-06" and exported["work"][1]["endDate"] == "2019-12"
    assert exported["education"][0]["institution"] == "University of Texas at Austin"
    assert exported["skills"] == DOCUMENT["skills"]
    assert exported["projects"][0]["url"] == DOCUMENT["projects"][0]["url"]
    assert exported == to_json_resume(imported.sections)


@pytest.mark.django_db
def test_the_original_downloads_as_json(owner_client, imported):
    response = owner_client.get(reverse("resumes:download", args=[imported.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert 'filename="dana.json"' in response["Content-Disposition"]
    assert json.loads(b"".join(response.streaming_content)) == DOCUMENT


@pytest.mark.django_db
def test_a_stranger_gets_404_on_an_imported_resume(imported, stranger_client):
    for name in ("detail", "download", "status", "export"):
        assert stranger_client.get(reverse(f"resumes:{name}", args=[imported.id])).status_code == 404
    assert stranger_client.post(reverse("resumes:reparse", args=[imported.id])).status_code == 404


# --- Refusals: a clear message and no Resume row ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.json", b'{"basics": {"name": "Dana",}}', "This is not valid JSON: Expecting property name"),
        ("cv.json", b"", "The submitted file is empty"),
        ("cv.json", b"\xff\xfe{\x00}\x00", "This file is not UTF-8 text"),
        ("cv.json", b'[{"basics": {"name": "Dana"}}]', "A JSON Resume must be a JSON object, not a list."),
        ("cv.json", b'{"name": "Dana", "jobs": []}', "This is not a JSON Resume: it has none of the sections"),
        ("cv.json", b'{"basics": {"name": "Dana"}, "work": {"name": "Acme"}}', "work must be a list, not an object."),
        ("cv.json", b"[" * 100_000 + b"]" * 100_000, "This is not valid JSON"),
        ("cv.pdf", as_bytes(DOCUMENT), "We can only import a JSON Resume (.json) file, not .pdf."),
        ("cv", as_bytes(DOCUMENT), "not files without an extension"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(owner_client, owner, name, data, message):
    response = upload(owner_client, name, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page, page[page.find("import-form") :][:1500]
    assert "Import a JSON Resume" in page and "<details open>" in page
    assert not Resume.objects.exists()


@pytest.mark.django_db
def test_a_file_over_a_megabyte_is_refused(owner_client, owner):
    # Just over the limit: the declared length passes, the form refuses it by its size.
    padded = as_bytes({**DOCUMENT, "meta": {"padding": "x" * (1024 * 1024)}})
    response = upload(owner_client, "big.json", padded)
    assert response.status_code == 400
    assert "This file is over 1.0\xa0MB; a JSON Resume may be at most 1.0\xa0MB." in response.content.decode()
    assert not Resume.objects.exists()


@pytest.mark.django_db
def test_a_huge_body_is_refused_before_it_is_read(owner_client, owner, monkeypatch):
    from django.http import HttpRequest

    def never(*args, **kwargs):
        raise AssertionError("the body should not have been read")

    monkeypatch.setattr(HttpRequest, "_load_post_and_files", never)
    response = upload(owner_client, "huge.json", b" " * (5 * 1024 * 1024))
    assert response.status_code == 400
    assert "This file is about 5.0\xa0MB; a JSON Resume may be at most 1.0\xa0MB." in response.content.decode()
    assert not Resume.objects.exists()


@pytest.mark.django_db
def test_the_service_reads_no_more_than_the_limit(owner):
    class Endless(SimpleUploadedFile):
        def read(self, size=-1):
            assert 0 < size <= services.JSON_IMPORT_MAX_BYTES + 1, "read without a limit"
            return b"x" * size

    with pytest.raises(services.ParseFailure) as caught:
        services.resume_import_json(user=owner, uploaded=Endless("cv.json", b"{}"))
    assert caught.value.code == "file_too_large"
    assert not Resume.objects.exists()


@pytest.mark.django_db
def test_a_failed_save_leaves_no_row_and_no_file(owner, monkeypatch, settings):
    from django.core.files.storage import default_storage

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Resume, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.resume_import_json(user=owner, uploaded=SimpleUploadedFile("cv.json", as_bytes(DOCUMENT)))
    monkeypatch.undo()
    assert not Resume.objects.exists()
    prefix = f"users/{owner.id}/resumes/"
    folders = default_storage.listdir(prefix)[0] if default_storage.exists(prefix) else []
    assert all(default_storage.listdir(f"{prefix}{folder}/")[1] == [] for folder in folders)


@pytest.mark.django_db
def test_nul_characters_and_lone_surrogates_are_dropped(owner_client, owner):
    data = b'{"basics": {"name": "Dana\\u0000 Whitfield"}, "work": [{"name": "Acme \\ud800Inc"}]}'
    upload(owner_client, "cv.json", data)
    resume = Resume.objects.get(user=owner)
    assert resume.sections["contact"]["name"] == "Dana Whitfield"
    assert resume.sections["experience"][0]["company"] == "Acme ?Inc"
    assert "\x00" not in resume.parsed_text and "\x00" not in resume.title


@pytest.mark.django_db
def test_imports_share_the_upload_rate_limit(owner_client, owner, settings):
    settings.RESUME_UPLOADS_PER_HOUR_USER = 2
    assert upload(owner_client, "a.json", as_bytes(DOCUMENT)).status_code == 302
    assert upload(owner_client, "b.json", as_bytes(DOCUMENT)).status_code == 302
    assert upload(owner_client, "c.json", as_bytes(DOCUMENT)).status_code == 429
    assert Resume.objects.count() == 2


@pytest.mark.django_db
def test_uploads_and_imports_count_together(owner_client, settings):
    settings.RESUME_UPLOADS_PER_HOUR_USER = 1
    text = SimpleUploadedFile("cv.txt", b"Dana Whitfield\ndana@example.com\n")
    assert owner_client.post(reverse("resumes:upload"), {"file": text}).status_code == 302
    assert upload(owner_client, "a.json", as_bytes(DOCUMENT)).status_code == 429


@pytest.mark.django_db
def test_an_unverified_user_cannot_import(client):
    from tests.conftest import make_user

    client.force_login(make_user("new@example.com", verified=False))
    upload(client, "cv.json", as_bytes(DOCUMENT))
    assert not Resume.objects.exists()


# --- Read again -------------------------------------------------------------------------------------------


@pytest.fixture
def no_parser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an imported JSON Resume must never reach the PDF/DOCX/TXT parser")

    monkeypatch.setattr(services, "parse_file", refuse)


@pytest.mark.worker
def test_read_again_re_imports_the_stored_json(owner_client, owner, worker, no_parser):
    upload(owner_client, "dana.json", as_bytes(DOCUMENT))
    resume = Resume.objects.get(user=owner)
    Resume.objects.filter(id=resume.id).update(parsed_sections={}, parsed_text="")
    response = owner_client.post(reverse("resumes:reparse", args=[resume.id]))
    assert response.status_code == 302
    worker.drain()
    resume.refresh_from_db()
    assert resume.parse_status == Resume.Status.COMPLETED, resume.parse_error
    assert resume.parsed_sections == from_json_resume(DOCUMENT)
    assert resume.parsed_text == render_text(resume.parsed_sections)
    assert resume.parse_error_code == "" and resume.parse_attempts == 2


@pytest.mark.django_db
def test_read_again_keeps_corrections_and_fails_with_a_reason_when_the_json_is_broken(owner, imported, no_parser):
    imported.corrected_sections = {**imported.parsed_sections, "summary": {"text": "Mine", "confidence": 1.0}}
    imported.save()
    imported.file.storage.delete(imported.file.name)
    imported.file.storage.save(imported.file.name, SimpleUploadedFile("x", b"[1, 2"))
    services.resume_reparse(resume=imported)
    services.resume_parse(resume_id=str(imported.id))
    imported.refresh_from_db()
    assert imported.parse_status == Resume.Status.FAILED and imported.parse_error_code == "json_invalid"
    assert imported.parse_error.startswith("This is not valid JSON")
    assert imported.parsed_sections == from_json_resume(DOCUMENT)  # what was read is kept
    assert imported.sections["summary"]["text"] == "Mine"


@pytest.mark.django_db
def test_reparse_resumes_command_re_imports(owner, imported, no_parser):
    Resume.objects.filter(id=imported.id).update(parsed_sections={})
    out = io.StringIO()
    call_command("reparse_resumes", stdout=out)
    assert "Queued 1 resume(s)." in out.getvalue()
    services.resume_parse(resume_id=str(imported.id))
    imported.refresh_from_db()
    assert imported.parse_status == Resume.Status.COMPLETED
    assert imported.parsed_sections == from_json_resume(DOCUMENT)
