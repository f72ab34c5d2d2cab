from __future__ import annotations

from pathlib import PurePosixPath

from django.db import models

from careeragent.models import OwnedModel

ALLOWED_EXTENSIONS = ("pdf", "docx", "txt")
SECTION_LABELS = {
    "about": "About",
    "responsibilities": "Responsibilities",
    "requirements": "Requirements",
    "nice_to_have": "Nice to have",
    "benefits": "Benefits",
}
WORKPLACE_LABELS = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}


def original_upload_to(jd: JobDescription, filename: str) -> str:
    # Our name, never the user's: the user's file name is kept only as metadata.
    ext = PurePosixPath(filename).suffix.lower().lstrip(".")
    return f"users/{jd.user_id}/jobs/{jd.id}/original.{ext}"


class JobDescription(OwnedModel):
    class Source(models.TextChoices):
        PASTE = "paste", "Pasted text"
        FILE = "file", "Uploaded file"
        URL = "url", "Web address"

    title = models.CharField(max_length=300)
    company = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.PASTE)
    source_url = models.URLField(max_length=2000, blank=True, help_text="The address it was imported from.")
    original_filename = models.CharField(max_length=255, blank=True, help_text="As uploaded; metadata only.")
    file = models.FileField(upload_to=original_upload_to, max_length=300, blank=True)
    # What the source said in structured form (a JSON-LD JobPosting): used where the text analysis finds nothing.
    source_data = models.JSONField(default=dict, blank=True)
    text = models.TextField(help_text="Sanitised plain text.")
    analysis = models.JSONField(default=dict, blank=True)
    analysis_version = models.PositiveSmallIntegerField(default=0)
    analysed_at = models.DateTimeField(null=True, blank=True)
    # Copied from the analysis for the list page and the admin filters (set together with `analysis`).
    workplace = models.CharField(max_length=10, blank=True)
    skills_count = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The job description list: a user's job descriptions, newest first.
            models.Index(fields=["user", "-created_at"], name="jd_user_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return self.original_filename or PurePosixPath(self.file.name).name

    @property
    def workplace_label(self) -> str:
        return WORKPLACE_LABELS.get(self.workplace, "")

    @property
    def sections(self) -> list[tuple[str, list[str]]]:
        """The analysis sections that have lines, in reading order, with their labels."""
        found = self.analysis.get("sections") or {}
        ordered = [key for key in SECTION_LABELS if key in found] + [key for key in found if key not in SECTION_LABELS]
        return [
            (SECTION_LABELS.get(key, key.replace("_", " ").capitalize()), found[key]) for key in ordered if found[key]
        ]

    @property
    def required_skills(self) -> list[dict]:
        return (self.analysis.get("skills") or {}).get("required") or []

    @property
    def preferred_skills(self) -> list[dict]:
        return (self.analysis.get("skills") or {}).get("preferred") or []

    @property
    def salary_text(self) -> str:
        salary = self.analysis.get("salary") or {}
        if not salary or salary.get("min") is None:
            return ""
        low, high = salary.get("min"), salary.get("max")
        amount = f"{low:,.0f}" if high in (None, low) else f"{low:,.0f}–{high:,.0f}"  # noqa: RUF001
        parts = [salary.get("currency") or "", amount, f"per {salary['period']}" if salary.get("period") else ""]
        return " ".join(p for p in parts if p)

    @property
    def years_text(self) -> str:
        years = self.analysis.get("years_experience") or {}
        low, high = years.get("min"), years.get("max")
        if low is None and high is None:
            return ""
        if high is None:
            return f"{low}+ years"
        if low is None or low == high:
            return f"{high} years"
        return f"{low}–{high} years"  # noqa: RUF001
