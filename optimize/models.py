"""Optimizations of a resume for a job, their suggestions, the versions made by applying them, and the AI audit log.

An ``Optimization`` snapshots its inputs (the resume's sections and the job's text and analysis) when it is
created, so the suggestions' paths keep pointing at what they were written for even if the resume is corrected
later. Its actor (optimize.actors) moves it ``queued -> analyzing -> generating -> completed | failed``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from careeragent.models import OwnedModel, OwnedQuerySet, TimestampedModel
from optimize.ai.types import KINDS

KIND_LABELS = {
    "rewrite": "Rewrite",
    "reorder": "New order",
    "add_skill": "Add skills",
    "summary": "Summary",
    "flag_metric": "Add a figure",
}


class Optimization(OwnedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        ANALYZING = "analyzing", "Analysing"
        GENERATING = "generating", "Writing suggestions"
        COMPLETED = "completed", "Completed"
        FAILED = "failed", "Failed"

    class Strategy(models.TextChoices):
        CONSERVATIVE = "conservative", "Conservative: wording only"
        TARGETED = "targeted", "Targeted: wording, order and summary"

    RUNNING = (Status.QUEUED, Status.ANALYZING, Status.GENERATING)

    resume = models.ForeignKey("resumes.Resume", on_delete=models.CASCADE, related_name="optimizations")
    job_description = models.ForeignKey(
        "jobs.JobDescription", on_delete=models.SET_NULL, null=True, blank=True, related_name="optimizations"
    )
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.SET_NULL, null=True, blank=True, related_name="optimizations"
    )
    strategy = models.CharField(max_length=12, choices=Strategy.choices, default=Strategy.CONSERVATIVE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)

    # Inputs, as they were when the run was asked for.
    resume_sections = models.JSONField(default=dict)
    job_title = models.CharField(max_length=300, blank=True)
    job_company = models.CharField(max_length=200, blank=True)
    job_text = models.TextField(blank=True)
    job_analysis = models.JSONField(default=dict, blank=True)

    # Results.
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    analysis = models.JSONField(default=dict, blank=True, help_text="optimize.ai.types.Analysis.to_dict()")
    provider = models.CharField(max_length=20, blank=True, help_text="Which provider wrote the suggestions.")
    model_name = models.CharField(max_length=100, blank=True)
    guard_dropped = models.PositiveSmallIntegerField(default=0, help_text="Suggestions the truthfulness guard removed.")

    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="optimization_user_recent"),
            models.Index(fields=["resume", "-created_at"], name="optimization_resume_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.job_title or 'Job'} ({self.get_strategy_display().split(':')[0]})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED)

    @property
    def stage_index(self) -> int:
        """0..3 for the progress display: queued, analysing, writing, done."""
        order = [self.Status.QUEUED, self.Status.ANALYZING, self.Status.GENERATING, self.Status.COMPLETED]
        return order.index(self.status) if self.status in order else 0


class SuggestionQuerySet(OwnedQuerySet):
    def pending(self) -> SuggestionQuerySet:
        return self.filter(status=Suggestion.Status.PENDING)


class Suggestion(OwnedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "To review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    optimization = models.ForeignKey(Optimization, on_delete=models.CASCADE, related_name="suggestions")
    position = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=20)
    path = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=[(k, KIND_LABELS[k]) for k in KINDS])
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    keywords = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    edited_after = models.TextField(blank=True, help_text="The user's own wording, when they edited before accepting.")
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["optimization", "position"]
        constraints = [
            # A redelivered message can never add a second copy of a suggestion.
            models.UniqueConstraint(fields=["optimization", "position"], name="suggestion_optimization_position_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.path}"

    @property
    def final_text(self) -> str:
        return self.edited_after or self.after

    @property
    def is_flag(self) -> bool:
        return self.kind == "flag_metric"

    @property
    def changes_text(self) -> bool:
        """Whether accepting it changes the resume (a flag does only when the user wrote their figure in)."""
        return not self.is_flag or bool(self.edited_after)


class OptimizedVersion(OwnedModel):
    """A resume with the accepted suggestions of one optimization applied, re-scored."""

    resume = models.ForeignKey("resumes.Resume", on_delete=models.CASCADE, related_name="versions")
    optimization = models.ForeignKey(Optimization, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(max_length=200)
    sections = models.JSONField()
    diff = models.JSONField(default=list, help_text="The applied changes: path, kind, before, after.")
    score_before = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    analysis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resume", "-created_at"], name="version_resume_recent")]

    def __str__(self) -> str:
        return self.name


class AICall(TimestampedModel):
    """One provider call (or cache hit), for the audit log. Stored text has e-mail, phone and street address
    redacted (optimize.audit)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    optimization = models.ForeignKey(
        Optimization, on_delete=models.SET_NULL, null=True, blank=True, related_name="ai_calls"
    )
    provider = models.CharField(max_length=20)
    model_name = models.CharField(max_length=100, blank=True)
    prompt_version = models.CharField(max_length=40, blank=True)
    operation = models.CharField(max_length=30)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    latency_ms = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=30, help_text='"ok", "cached", or an error code.')
    error = models.TextField(blank=True)
    request_text = models.TextField(blank=True)
    response_text = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "AI call"

    def __str__(self) -> str:
        return f"{self.provider} {self.operation} {self.outcome}"
