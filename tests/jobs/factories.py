"""Factories for the jobs app, keyed by URL keyword (see tests/factories.py)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from tests.factories import factory

SAMPLE_TEXT = """Backend Engineer
Acme Analytics - Berlin, Germany (Hybrid)

Requirements
- 3+ years of experience with Python and Django.
- Experience with PostgreSQL.

Nice to have
- Kubernetes is a plus.
"""


@factory("jd_id")
def job_description(user):
    """An uploaded job description (with its file, so the download URL has something to serve)."""
    from jobs.models import JobDescription
    from jobs.services import analyse

    jd = JobDescription(
        user=user,
        title="Backend Engineer",
        company="Acme Analytics",
        source=JobDescription.Source.FILE,
        original_filename="backend.txt",
        text=SAMPLE_TEXT,
    )
    analyse(jd)
    jd.file.save("original.txt", ContentFile(SAMPLE_TEXT.encode()), save=False)
    jd.save()
    return jd


def job_posting(title="Backend Engineer", *, source=None, **fields):
    """A job-board posting (shared by every user: see SHARED in tests/test_tenancy.py)."""
    from django.utils import timezone

    from jobs.models import JobPosting, JobSource

    if source is None:
        source, _ = JobSource.objects.get_or_create(name="Test board", defaults={"kind": "feed"})
    now = timezone.now()
    defaults = {
        "external_id": f"ext-{JobPosting.objects.count() + 1}-{title}",
        "company": "Acme Analytics",
        "location": "Berlin, Germany",
        "description_text": "We build software.",
        "posted_at": now,
        "first_seen_at": now,
        "last_seen_at": now,
    }
    return JobPosting.objects.create(source=source, title=title, **{**defaults, **fields})


@factory("posting_id")
def shared_posting(user):
    return job_posting()


# --- cover letters (jobs.generate) ------------------------------------------------------------------------------


@factory("letter_id")
def cover_letter(user, **fields):
    """A written cover letter (the offline engine's, composed in place) for the sample resume and job description."""
    from jobs.generate import services
    from tests.factories import resume

    letter, _ = services.letter_request(user=user, resume=resume(user), job_description=job_description(user))
    services.letter_run(letter_id=str(letter.id))
    letter.refresh_from_db()
    for name, value in fields.items():
        setattr(letter, name, value)
    if fields:
        letter.save()
    return letter


class _Format:
    """A download format in a URL (``<str:fmt>``): the sweep reads ``.pk`` of what a factory returns."""

    pk = "txt"


@factory("fmt")
def download_format(user):
    return _Format()
