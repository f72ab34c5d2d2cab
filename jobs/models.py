from __future__ import annotations

from pathlib import PurePosixPath

from django.db import models

from careeragent.models import OwnedModel, TimestampedModel

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


# ---------------------------------------------------------------------------------------------------------------
# Job-board ingestion (staff-managed, not user-owned): sources, the postings they bring in, and each run's record.


def _source_kind_choices() -> list[tuple[str, str]]:
    from jobs.sources import ADAPTERS

    return [(kind, adapter.label or kind) for kind, adapter in ADAPTERS.items()]


class JobSource(TimestampedModel):
    class Schedule(models.TextChoices):
        HOURLY = "hourly", "Hourly"
        EVERY_6_HOURS = "6h", "Every 6 hours"
        DAILY = "daily", "Daily"
        MANUAL = "manual", "Manual only"

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=_source_kind_choices)
    config = models.JSONField(
        default=dict, blank=True, help_text="Adapter settings: board token, url / urls, base_url, company, retries."
    )
    enabled = models.BooleanField(default=True)
    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.DAILY)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JobPosting(TimestampedModel):
    source = models.ForeignKey(JobSource, on_delete=models.CASCADE, related_name="postings")
    # The board's id for the posting (NormalizedPosting.source_id); not named source_id, which is the FK column.
    external_id = models.CharField(max_length=300, help_text="The board's own id for the posting.")
    title = models.CharField(max_length=300)
    company = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=300, blank=True)
    remote = models.BooleanField(null=True, blank=True)
    workplace = models.CharField(max_length=10, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=10, blank=True)
    salary_period = models.CharField(max_length=10, blank=True)
    tags = models.JSONField(default=list, blank=True)
    description_text = models.TextField(blank=True)
    apply_url = models.URLField(max_length=2000, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    employment_type = models.CharField(max_length=40, blank=True)
    # Extracted once at ingest (and again only when the content changes).
    skills = models.JSONField(default=list, blank=True, help_text="Canonical skill names from the description.")
    analysis = models.JSONField(default=dict, blank=True)
    # The few analysis fields a match score reads (jobs.matching.score.features_of), set with the analysis: reading
    # them from the analysis itself costs a decompression of the whole JSON per key, about 2.5 s per 100,000 rows.
    match_features = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=40, blank=True, help_text="SHA-1 of the board's fields.")
    first_seen_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Empty while the posting is open.")
    # Cross-board duplicate grouping (jobs.sources.fingerprint); duplicate_of is the earliest posting of the group.
    canonical_url = models.CharField(max_length=2000, blank=True)
    ctl_key = models.CharField(max_length=600, blank=True, help_text="company|title|location, normalised.")
    description_fingerprint = models.CharField(max_length=40, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )

    class Meta:
        ordering = ["-posted_at"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="jobposting_source_external_id_uniq"),
        ]
        indexes = [
            # Live postings (open, not a duplicate), newest first: the job list, and search's walk through the
            # newest postings when a query matches many of them (jobs.search).
            models.Index(
                fields=["-posted_at"],
                condition=models.Q(closed_at__isnull=True, duplicate_of__isnull=True),
                name="jobposting_live_recent",
            ),
            # Duplicate grouping at ingest: look-ups by each key.
            models.Index(fields=["canonical_url"], name="jobposting_canonical_url"),
            models.Index(fields=["ctl_key"], name="jobposting_ctl_key"),
            models.Index(fields=["description_fingerprint"], name="jobposting_desc_fp"),
            # The few postings whose match features are still to be stored (jobs.matching.rescore.fill_features,
            # run before every rescore): found without reading the whole table.
            models.Index(fields=["id"], condition=models.Q(match_features={}), name="jobposting_features_missing"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}" if self.company else self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ScrapeRun(TimestampedModel):
    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        PARTIAL = "partial", "Partial failure"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(JobSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    found = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0, help_text="Records the adapter skipped.")
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            # A source's recent runs (admin, the scrape_jobs command).
            models.Index(fields=["source", "-started_at"], name="scraperun_source_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.status}"


class SavedJob(OwnedModel):
    """A job-board posting a user keeps for later (the "Saved jobs" page)."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="saved_by")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="savedjob_user_posting_uniq"),
        ]
        indexes = [
            # The saved list: a user's saved jobs, newest first.
            models.Index(fields=["user", "-created_at"], name="savedjob_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.posting}"


# ---------------------------------------------------------------------------------------------------------------
# Matching (jobs.matching): each user's match profile and the postings scored against it, kept so that the matches
# page is a query, not a computation.

SENIORITY_CHOICES = [
    ("", "From my resume"),
    ("intern", "Intern"),
    ("junior", "Junior"),
    ("mid", "Mid-level"),
    ("senior", "Senior"),
    ("lead", "Lead"),
    ("staff", "Staff / principal"),
    ("director", "Director"),
]


class MatchProfile(OwnedModel):
    """What postings are matched against: the chosen resume's skills (with where each was found), the skills the
    user added or removed by hand, and the level; titles, location, remote and salary come from accounts.Profile.

    ``version`` goes up on every change of anything a score reads; ``scored_version`` is the version the stored
    matches were computed for, so the page shows "Scoring…" while ``scored_version < version``.
    """

    resume = models.ForeignKey(
        "resumes.Resume", on_delete=models.SET_NULL, null=True, blank=True, related_name="match_profiles"
    )
    # Computed from the resume (jobs.matching.profile): [{"skill": "Python", "evidence": ["experience: …"]}, …].
    skills = models.JSONField(default=list, blank=True)
    skills_added = models.JSONField(default=list, blank=True)
    skills_removed = models.JSONField(default=list, blank=True)
    seniority = models.CharField(max_length=10, choices=SENIORITY_CHOICES, blank=True)
    threshold = models.PositiveSmallIntegerField(default=50, help_text="Matches below this score are not shown.")
    version = models.PositiveIntegerField(default=1)
    scored_version = models.PositiveIntegerField(default=0)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user"], name="matchprofile_user_uniq"),
        ]

    def __str__(self) -> str:
        return f"Match profile of {self.user}"

    @property
    def is_scoring(self) -> bool:
        return self.scored_version < self.version


class Match(OwnedModel):
    """A posting scored for a user (only scores of at least jobs.matching.score.STORE_FLOOR are kept)."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="matches")
    score = models.PositiveSmallIntegerField()
    # Component key -> whole points; the points add up to ``score`` (labels and details are rebuilt on display).
    breakdown = models.JSONField(default=dict)
    matched_skills = models.JSONField(default=list, blank=True)
    missing_skills = models.JSONField(default=list, blank=True)
    profile_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["user", "posting"], name="match_user_posting_uniq"),
        ]
        indexes = [
            # The matches page: a user's matches at or above a score, best first.
            models.Index(fields=["user", "-score"], name="match_user_score"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ~ {self.posting_id}: {self.score}"


# ---------------------------------------------------------------------------------------------------------------
# Generated documents (jobs.generate): a cover letter for a posting or job description, with the resume highlights
# it draws on and likely interview questions.


class CoverLetter(OwnedModel):
    """A cover letter written for one resume (or optimized version) and one job, and the user's edits of it.

    The inputs are snapshotted when it is asked for (``resume_sections``, ``job``) so the actor writes exactly what
    was asked. ``cache_key`` identifies (user, job, resume, version, the sections' content, provider chain, prompt
    version): asking again with the same key returns the stored letter; "Regenerate" makes a new row.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Writing"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    posting = models.ForeignKey(
        JobPosting, on_delete=models.SET_NULL, null=True, blank=True, related_name="cover_letters"
    )
    job_description = models.ForeignKey(
        JobDescription, on_delete=models.SET_NULL, null=True, blank=True, related_name="cover_letters"
    )
    resume = models.ForeignKey(
        "resumes.Resume", on_delete=models.SET_NULL, null=True, blank=True, related_name="cover_letters"
    )
    resume_version = models.ForeignKey(
        "optimize.OptimizedVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="cover_letters"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Inputs, as they were when the letter was asked for.
    job_title = models.CharField(max_length=300, blank=True)
    job_company = models.CharField(max_length=200, blank=True)
    resume_label = models.CharField(max_length=200, blank=True)
    resume_sections = models.JSONField(default=dict, blank=True)
    job = models.JSONField(default=dict, blank=True, help_text="The job's title, company, text and analysis.")
    # Results.
    provider = models.CharField(max_length=20, blank=True)
    model_name = models.CharField(max_length=100, blank=True)
    prompt_version = models.CharField(max_length=40, blank=True)
    cache_key = models.CharField(max_length=64, db_index=True)
    content = models.JSONField(default=dict, blank=True, help_text="optimize.ai.types.CoverLetter.to_dict()")
    text = models.TextField(blank=True, help_text="The letter as the user edited it.")
    highlights = models.JSONField(default=list, blank=True)
    questions = models.JSONField(default=list, blank=True)
    guard_dropped = models.PositiveSmallIntegerField(default=0, help_text="Pieces the truthfulness guard removed.")
    edited = models.BooleanField(default=False)
    error_message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The letters page: a user's letters, newest first.
            models.Index(fields=["user", "-created_at"], name="coverletter_user_recent"),
        ]

    def __str__(self) -> str:
        return f"Cover letter: {self.job_title or 'job'}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED)
