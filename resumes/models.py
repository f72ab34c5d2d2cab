from __future__ import annotations

import copy
from pathlib import PurePosixPath

from django.db import models
from django.utils import timezone

from careeragent.models import OwnedModel, OwnedQuerySet

ALLOWED_EXTENSIONS = ("pdf", "docx", "txt")
# Files that are imported, not parsed: a JSON Resume (see resumes.services.resume_import_json). Never accepted by
# the upload guard; a resume with this extension is read again by re-importing its stored JSON.
IMPORTED_EXTENSIONS = ("json",)
FILE_EXT_CHOICES = [(e, e.upper()) for e in (*ALLOWED_EXTENSIONS, *IMPORTED_EXTENSIONS)]


def original_upload_to(resume: Resume, filename: str) -> str:
    # Our name, never the user's: the user's file name is kept only as metadata.
    return f"users/{resume.user_id}/resumes/{resume.id}/original.{resume.file_ext}"


class ResumeQuerySet(OwnedQuerySet):
    def for_user(self, user) -> ResumeQuerySet:
        return super().for_user(user).filter(deleted_at__isnull=True)

    def alive(self) -> ResumeQuerySet:
        return self.filter(deleted_at__isnull=True)


class Resume(OwnedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Queued"
        PARSING = "parsing", "Reading"
        COMPLETED = "completed", "Ready"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=200)
    original_filename = models.CharField(max_length=255, help_text="As uploaded; metadata only.")
    file = models.FileField(upload_to=original_upload_to, max_length=300)
    file_ext = models.CharField(max_length=5, choices=FILE_EXT_CHOICES)
    file_size = models.PositiveIntegerField(default=0)
    file_sha256 = models.CharField(max_length=64, blank=True)

    parse_status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    parse_error_code = models.CharField(max_length=40, blank=True)
    parse_error = models.TextField(blank=True, help_text="Shown to the user.")
    parse_attempts = models.PositiveSmallIntegerField(default=0)
    parse_started_at = models.DateTimeField(null=True, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True)
    parse_ms = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    schema_version = models.PositiveSmallIntegerField(null=True, blank=True)
    parsed_text = models.TextField(blank=True)
    # What the parser read, never edited, so a correction can always be compared with (or reverted to) it.
    parsed_sections = models.JSONField(default=dict, blank=True)
    parse_warnings = models.JSONField(default=list, blank=True)
    # The user's corrected version: a full copy of the sections, made on the first edit.
    corrected_sections = models.JSONField(null=True, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)

    last_score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Latest optimize score.")
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ResumeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The resume list: a user's live resumes, newest first.
            models.Index(fields=["user", "-created_at"], name="resume_user_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.parse_status in (self.Status.COMPLETED, self.Status.FAILED)

    @property
    def sections(self) -> dict:
        """The sections everything downstream uses: the user's corrections when there are any."""
        return self.corrected_sections if self.corrected_sections is not None else self.parsed_sections

    @property
    def is_corrected(self) -> bool:
        return self.corrected_sections is not None

    @property
    def download_name(self) -> str:
        stem = PurePosixPath(self.original_filename).stem or "resume"
        return f"{stem}.{self.file_ext}"

    @property
    def is_imported(self) -> bool:
        """A JSON Resume import: its sections come from the stored JSON, not from the parser."""
        return self.file_ext in IMPORTED_EXTENSIONS

    def editable_copy(self) -> dict:
        return copy.deepcopy(self.sections)

    def soft_delete(self) -> None:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])


def export_upload_to(export: ExportArtifact, filename: str) -> str:
    return f"users/{export.user_id}/exports/{export.id}/resume.{export.format}"


class ExportArtifact(OwnedModel):
    """A resume (as read, as corrected, or an optimised version) exported as a file, with what an ATS reads back."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        TXT = "txt", "Plain text"
        JSON = "json", "JSON Resume"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RENDERING = "rendering", "Rendering"
        COMPLETED = "completed", "Ready"
        FAILED = "failed", "Failed"

    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "txt": "text/plain; charset=utf-8",
        "json": "application/json",
    }

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="exports")
    version = models.ForeignKey(
        "optimize.OptimizedVersion", on_delete=models.CASCADE, null=True, blank=True, related_name="exports"
    )
    source_label = models.CharField(max_length=200, help_text="What was exported, in words.")
    sections = models.JSONField(help_text="The sections exported, as they were.")
    format = models.CharField(max_length=4, choices=Format.choices)
    template = models.CharField(max_length=20, default="classic")
    paper = models.CharField(max_length=6, default="a4")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=export_upload_to, max_length=300, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    fidelity = models.JSONField(default=dict, blank=True, help_text="The ATS read-back: scores, misses, text.")
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_user_recent")]

    def __str__(self) -> str:
        return f"{self.source_label} ({self.format})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED)

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]

    @property
    def download_name(self) -> str:
        stem = " ".join("".join(ch for ch in self.source_label if ch.isalnum() or ch in "-_ ").split()) or "resume"
        return f"{stem[:80]}.{self.format}"
