"""Upload to parsed preview, through the real queue and worker."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resumes.models import Resume
from tests.resumes import hostile
from tests.resumes.parsing import samples

pytestmark = pytest.mark.worker

TEXT_RESUME = b"""Alex Example
alex@example.com | +1 415 555 0100 | Austin, TX

EXPERIENCE
Software Engineer\tJan 2020 - Present
Initech, Austin, TX
- Built billing APIs in Python
"""


def upload(client, name: str, data: bytes, **extra):
    return client.post(reverse("resumes:upload"), {"file": SimpleUploadedFile(name, data)}, **extra)


def test_an_upload_is_stored_under_our_name_and_parsed(owner_client, owner, worker):
    response = upload(owner_client, "My CV (final).txt", TEXT_RESUME)
    resume = Resume.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("resumes:detail", args=[resume.id])
    assert resume.file.name == f"users/{owner.id}/resumes/{resume.id}/original.txt"
    assert resume.original_filename == "My CV (final).txt"
    assert resume.title == "My CV (final)"

    worker.drain()
    resume.refresh_from_db()
    assert resume.parse_status == Resume.Status.COMPLETED, resume.parse_error
    assert resume.sections["contact"]["email"] == "alex@example.com"
    assert resume.sections["experience"][0]["company"] == "Initech"
    assert "Alex Example" in resume.parsed_text


@pytest.mark.parametrize(
    ("name", "build"),
    [("resume.pdf", samples.single_column_pdf), ("resume.docx", samples.resume_docx)],
)
def test_pdf_and_docx_uploads_are_parsed(owner_client, owner, worker, name, build):
    upload(owner_client, name, build())
    worker.drain()
    resume = Resume.objects.get(user=owner)
    assert resume.parse_status == Resume.Status.COMPLETED, resume.parse_error
    assert resume.sections["contact"]["name"]
    assert resume.sections["experience"]


def test_an_htmx_upload_redirects_the_browser(owner_client, owner):
    response = upload(owner_client, "cv.txt", TEXT_RESUME, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("resumes:detail", args=[Resume.objects.get(user=owner).id])


def test_the_status_partial_polls_until_the_parse_is_done(owner_client, owner, worker):
    upload(owner_client, "cv.txt", TEXT_RESUME)
    resume = Resume.objects.get(user=owner)
    url = reverse("resumes:status", args=[resume.id])
    Resume.objects.filter(id=resume.id).update(parse_status=Resume.Status.PARSING)
    polling = owner_client.get(url, HTTP_HX_REQUEST="true")
    assert polling.status_code == 200 and b"hx-trigger" in polling.content
    Resume.objects.filter(id=resume.id).update(parse_status=Resume.Status.PENDING)
    from resumes.services import resume_requeue_stuck

    resume_requeue_stuck()
    worker.drain()
    done = owner_client.get(url, HTTP_HX_REQUEST="true")
    assert done.status_code == 286
    assert b"Alex Example" in done.content


def test_an_unknown_extension_is_refused_with_a_reason(owner_client, owner):
    response = upload(owner_client, "cv.exe", b"MZ\x90\x00")
    assert response.status_code == 400
    assert b"We can&#x27;t read .exe" in response.content
    assert not Resume.objects.filter(user=owner).exists()


def test_an_empty_file_is_refused_at_once(owner_client, owner):
    response = upload(owner_client, "empty.pdf", b"")
    assert response.status_code == 400
    assert b"The submitted file is empty" in response.content
    assert not Resume.objects.filter(user=owner).exists()


def test_an_oversized_upload_is_refused_before_it_is_stored(owner_client, owner, settings):
    settings.RESUME_MAX_BYTES = 1024
    response = upload(owner_client, "cv.txt", b"x" * 200_000)
    assert response.status_code == 400
    assert b"the limit is 1.0\xc2\xa0KB" in response.content
    assert not Resume.objects.filter(user=owner).exists()


@pytest.mark.parametrize(
    ("name", "build", "code"),
    [
        ("bomb.docx", lambda: hostile.zip_bomb_docx(60), "docx_ratio"),
        ("xxe.docx", hostile.xxe_docx, "docx_xml_entities"),
        ("image.pdf", hostile.png_bytes, "type_mismatch"),
        ("locked.pdf", hostile.encrypted_pdf, "pdf_encrypted"),
        ("long.pdf", lambda: hostile.many_pages_pdf(60), "pdf_too_many_pages"),
    ],
)
def test_hostile_files_fail_their_own_resume_and_keep_the_original(owner_client, owner, worker, name, build, code):
    upload(owner_client, name, build())
    worker.drain()
    resume = Resume.objects.get(user=owner)
    assert resume.parse_status == Resume.Status.FAILED
    assert resume.parse_error_code == code
    assert resume.parse_error  # a sentence for the person
    assert default_storage.exists(resume.file.name)
    page = owner_client.get(reverse("resumes:detail", args=[resume.id]))
    assert resume.parse_error.encode()[:40] in page.content.replace(b"&#x27;", b"'")


def test_a_runaway_parse_is_killed_and_the_worker_goes_on(owner_client, owner, worker, settings):
    settings.RESUME_PARSE_TIMEOUT_S = 2
    upload(owner_client, "slow.docx", hostile.many_paragraphs_docx(400_000, passes_guard=True))
    worker.drain()
    slow = Resume.objects.get(user=owner)
    assert slow.parse_status == Resume.Status.FAILED
    assert slow.parse_error_code in ("parse_timeout", "parse_memory")
    # The same worker still parses the next upload.
    upload(owner_client, "fine.txt", TEXT_RESUME)
    worker.drain()
    fine = Resume.objects.get(user=owner, original_filename="fine.txt")
    assert fine.parse_status == Resume.Status.COMPLETED


def test_a_failed_resume_can_be_read_again_after_a_limit_changes(owner_client, owner, worker, settings):
    settings.RESUME_MAX_PDF_PAGES = 2
    upload(owner_client, "three.pdf", hostile.valid_pdf(pages=3))
    worker.drain()
    resume = Resume.objects.get(user=owner)
    assert resume.parse_error_code == "pdf_too_many_pages"
    settings.RESUME_MAX_PDF_PAGES = 10
    owner_client.post(reverse("resumes:reparse", args=[resume.id]))
    worker.drain()
    resume.refresh_from_db()
    assert resume.parse_status == Resume.Status.COMPLETED


def test_a_parse_left_behind_by_a_dead_worker_is_recovered(owner, worker):
    from django.utils import timezone

    from resumes.services import resume_requeue_stuck
    from tests.factories import resume as make_resume

    orphan = make_resume(owner)
    Resume.objects.filter(id=orphan.id).update(
        parse_status=Resume.Status.PARSING, parse_started_at=timezone.now() - timezone.timedelta(minutes=30)
    )
    assert resume_requeue_stuck() == 1
    worker.drain()
    orphan.refresh_from_db()
    assert orphan.parse_status == Resume.Status.COMPLETED
    assert orphan.parsed_text.startswith("Sam Sample")


def test_a_redelivered_message_parses_once(owner):
    from resumes.services import resume_parse
    from tests.factories import resume as make_resume

    item = make_resume(owner)
    Resume.objects.filter(id=item.id).update(parse_status=Resume.Status.PENDING)
    assert resume_parse(resume_id=str(item.id)) is not None
    assert resume_parse(resume_id=str(item.id)) is None
    item.refresh_from_db()
    assert item.parse_attempts == 1


def test_uploads_are_rate_limited_per_user(owner_client, settings):
    settings.RESUME_UPLOADS_PER_HOUR_USER = 2
    statuses = [upload(owner_client, f"cv{i}.txt", TEXT_RESUME).status_code for i in range(3)]
    assert statuses == [302, 302, 429]


def test_uploads_are_rate_limited_per_address(owner_client, stranger_client, settings):
    settings.RESUME_UPLOADS_PER_HOUR_IP = 2
    first = upload(owner_client, "a.txt", TEXT_RESUME).status_code
    second = upload(stranger_client, "b.txt", TEXT_RESUME).status_code
    third = upload(stranger_client, "c.txt", TEXT_RESUME).status_code
    assert (first, second, third) == (302, 302, 429)


def test_unverified_users_cannot_upload(client, db):
    from tests.conftest import make_user

    client.force_login(make_user("new@example.com", verified=False))
    response = upload(client, "cv.txt", TEXT_RESUME)
    assert not Resume.objects.exists()
    assert response.status_code in (200, 302)


def test_the_list_shows_status_and_dates_without_a_query_per_row(owner_client, owner, django_assert_max_num_queries):
    from tests.factories import resume as make_resume

    for _ in range(5):
        make_resume(owner)
    with django_assert_max_num_queries(8):
        response = owner_client.get(reverse("resumes:index"))
    assert response.content.count(b"status-completed") == 5


def test_an_unexpected_error_fails_the_resume_instead_of_leaving_it_reading(owner, monkeypatch):
    from resumes import services
    from tests.factories import resume as make_resume

    def broken(data, ext):
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(services, "parse_file", broken)
    item = make_resume(owner)
    Resume.objects.filter(id=item.id).update(parse_status=Resume.Status.PENDING)
    services.resume_parse(resume_id=str(item.id))
    item.refresh_from_db()
    assert item.parse_status == Resume.Status.FAILED
    assert item.parse_error_code == "internal_error"
    assert "Read again" in item.parse_error
