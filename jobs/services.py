"""Job description workflows: create (paste, upload, web address), edit with re-analysis, delete.

Analysis is fast and deterministic, so it runs inline: a job description is analysed when it is created and
again whenever it is edited.
"""

from __future__ import annotations

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from jobs import conf
from jobs.analysis import analyze_job
from jobs.fetch import FetchedJob, FetchError, fetch_job
from jobs.models import ALLOWED_EXTENSIONS, JobDescription
from jobs.text import clean_text
from resumes.services import ParseFailure, extension_of, parse_file

logger = logging.getLogger(__name__)

# Bump when jobs.analysis changes what it finds; rows with an older version can be re-analysed.
ANALYSIS_VERSION = 1
MAX_TEXT_CHARS = 100_000
UNTITLED = "Untitled job description"


class EmptyText(ValueError):
    message = "We found no text in that job description."


def _clip(value: str | None, length: int) -> str:
    return " ".join((value or "").split())[:length]


def analyse(jd: JobDescription) -> JobDescription:
    """Fill `jd.analysis` (and the columns copied from it) from its text; the caller saves."""
    result = analyze_job(jd.text, title=jd.title or None, company=jd.company or None).to_dict()
    # A job board's structured data (JSON-LD) fills what the text alone does not say.
    hints = jd.source_data or {}
    for key in ("employment_type", "workplace", "salary"):
        if result.get(key) is None and hints.get(key):
            result[key] = hints[key]
    if result.get("location") is None and jd.location:
        result["location"] = jd.location
    jd.analysis = result
    jd.analysis_version = ANALYSIS_VERSION
    jd.analysed_at = timezone.now()
    jd.workplace = result.get("workplace") or ""
    skills = result.get("skills") or {}
    jd.skills_count = min(len(skills.get("required") or []) + len(skills.get("preferred") or []), 32767)
    return jd


def _create(*, user, text: str, title: str = "", company: str = "", location: str = "", **fields) -> JobDescription:
    text = clean_text(text)[:MAX_TEXT_CHARS]
    if not text.strip():
        raise EmptyText(EmptyText.message)
    jd = JobDescription(
        user=user,
        text=text,
        title=_clip(title, 300),
        company=_clip(company, 200),
        location=_clip(location, 200),
        **fields,
    )
    analyse(jd)
    # What the text says fills in whatever the person (or the page) did not give.
    jd.title = jd.title or _clip(jd.analysis.get("title"), 300) or UNTITLED
    jd.company = jd.company or _clip(jd.analysis.get("company"), 200)
    jd.location = jd.location or _clip(jd.analysis.get("location"), 200)
    return jd


def jd_create_from_text(*, user, text: str, title: str = "", company: str = "", location: str = "") -> JobDescription:
    """A pasted job description (HTML is flattened to text)."""
    jd = _create(
        user=user, text=text, title=title, company=company, location=location, source=JobDescription.Source.PASTE
    )
    jd.save()
    return jd


def jd_create_from_upload(*, user, uploaded: UploadedFile, title: str = "") -> JobDescription:
    """An uploaded PDF/DOCX/TXT, read through the resume guard and sandbox. Raises ParseFailure."""
    ext = extension_of(uploaded.name or "")
    if ext not in ALLOWED_EXTENSIONS:
        raise ParseFailure("extension", "Please upload a PDF, a Word .docx or a plain-text .txt file.")
    data = uploaded.read(conf.upload_max_bytes() + 1)
    uploaded.seek(0)
    try:
        result = parse_file(data, ext)
    except ParseFailure as failure:
        # The guard's messages are written for resumes.
        raise ParseFailure(failure.code, failure.message.replace("your resume", "the job description")) from None
    original = (uploaded.name or f"job.{ext}")[-255:]
    try:
        jd = _create(
            user=user,
            text=result.text,
            title=title or "",
            source=JobDescription.Source.FILE,
            original_filename=original,
        )
    except EmptyText:
        raise ParseFailure("empty", "We found no text in that file. Is it a scan? Please paste the text.") from None
    with transaction.atomic():
        jd.file.save(f"original.{ext}", uploaded, save=False)
        jd.save()
    return jd


def jd_create_from_url(*, user, url: str) -> JobDescription:
    """A job page fetched from the web (see jobs.fetch for the safety checks). Raises FetchError."""
    fetched: FetchedJob = fetch_job(url)
    source_data = dict(fetched.hints)
    source_data["found"] = fetched.found
    if fetched.final_url != fetched.url:
        source_data["final_url"] = fetched.final_url
    try:
        jd = _create(
            user=user,
            text=fetched.text,
            title=fetched.title if fetched.found == "json-ld" else "",
            company=fetched.company or "",
            location=fetched.location or "",
            source=JobDescription.Source.URL,
            source_url=fetched.url[:2000],
            source_data=source_data,
        )
    except EmptyText:
        raise FetchError("empty", "We found no job description text on that page. Please paste it instead.") from None
    if jd.title == UNTITLED and fetched.title:
        jd.title = _clip(fetched.title, 300)
    jd.save()
    return jd


def jd_update(*, jd: JobDescription, title: str, company: str, location: str, text: str, notes: str) -> JobDescription:
    """Save edited metadata and text, and analyse again."""
    cleaned = clean_text(text)[:MAX_TEXT_CHARS]
    if not cleaned.strip():
        raise EmptyText(EmptyText.message)
    jd.title = _clip(title, 300) or jd.title
    jd.company = _clip(company, 200)
    jd.location = _clip(location, 200)
    jd.text = cleaned
    jd.notes = notes.strip()
    analyse(jd)
    jd.save()
    return jd


def jd_reanalyse(*, jd: JobDescription) -> JobDescription:
    analyse(jd)
    jd.save(
        update_fields=[
            "analysis",
            "analysis_version",
            "analysed_at",
            "workplace",
            "skills_count",
            "updated_at",
        ]
    )
    return jd


def jd_delete(*, jd: JobDescription) -> None:
    """Delete the row, and its stored file once the deletion is committed."""
    name, storage = (jd.file.name, jd.file.storage) if jd.file else (None, None)
    jd.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
