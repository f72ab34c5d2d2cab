"""The tracker: a user's applications, their history, contacts, interviews, reminders and weekly snapshots.

Every row is the user's (OwnedModel) and every view reads through `for_user`. Status changes go through
`tracker.services.change_status`, which records a StatusChange and keeps the denormalised dates below right.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone

from careeragent.models import OwnedModel, OwnedQuerySet


class ApplicationQuerySet(OwnedQuerySet):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=Application.OPEN)

    def closed(self) -> ApplicationQuerySet:
        return self.exclude(status__in=Application.OPEN)


class Application(OwnedModel):
    class Status(models.TextChoices):
        SAVED = "saved", "Saved"
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        GHOSTED = "ghosted", "No reply"

    # Still moving: the board's columns, in pipeline order.
    OPEN = (Status.SAVED, Status.APPLIED, Status.SCREENING, Status.INTERVIEWING, Status.OFFER)
    CLOSED = (Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED)
    # The funnel: reaching a later stage counts for every earlier one.
    FUNNEL = (Status.APPLIED, Status.SCREENING, Status.INTERVIEWING, Status.OFFER)
    # A reply from the employer: any move past "applied" except the user's own withdrawal or silence.
    RESPONDED = (Status.SCREENING, Status.INTERVIEWING, Status.OFFER, Status.ACCEPTED, Status.REJECTED)

    class ClosingReason(models.TextChoices):
        NONE = "", "—"
        ACCEPTED_OFFER = "accepted_offer", "Accepted this offer"
        ACCEPTED_OTHER = "accepted_other", "Accepted another offer"
        REJECTED_RESUME = "rejected_resume", "Rejected after applying"
        REJECTED_INTERVIEW = "rejected_interview", "Rejected after interviewing"
        POSITION_FILLED = "position_filled", "Position filled or closed"
        SALARY = "salary", "Salary or benefits"
        LOCATION = "location", "Location or remote policy"
        NOT_A_FIT = "not_a_fit", "Not the right fit"
        NO_RESPONSE = "no_response", "No response"
        OTHER = "other", "Other"

    class Priority(models.IntegerChoices):
        LOW = 1, "Low"
        NORMAL = 2, "Normal"
        HIGH = 3, "High"

    class Workplace(models.TextChoices):
        UNKNOWN = "", "Not stated"
        REMOTE = "remote", "Remote"
        HYBRID = "hybrid", "Hybrid"
        ONSITE = "onsite", "On-site"

    company = models.CharField(max_length=200)
    role = models.CharField(max_length=300)
    posting = models.ForeignKey(
        "jobs.JobPosting", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    job_description = models.ForeignKey(
        "jobs.JobDescription", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    source = models.CharField(
        max_length=100, blank=True, help_text="Where you found it: a job board, referral, recruiter, company site…"
    )
    apply_url = models.URLField(max_length=2000, blank=True)
    location = models.CharField(max_length=200, blank=True)
    workplace = models.CharField(max_length=10, choices=Workplace.choices, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=10, blank=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SAVED)
    closing_reason = models.CharField(max_length=20, choices=ClosingReason.choices, blank=True)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    excitement = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 (meh) to 5 (dream job).")
    deadline = models.DateField(null=True, blank=True, help_text="Apply by.")
    match_score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0-100, from an optimization.")
    # Computed from the user's weights (tracker.priority); orders the board's "saved" column.
    priority_score = models.PositiveSmallIntegerField(default=0)

    applied_on = models.DateField(null=True, blank=True)
    next_action = models.CharField(max_length=200, blank=True)
    next_action_on = models.DateField(null=True, blank=True)

    # What was sent, frozen at the time: later edits to the resume or letter do not change it.
    resume = models.ForeignKey(
        "resumes.Resume", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    resume_version = models.ForeignKey(
        "optimize.OptimizedVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    resume_label = models.CharField(max_length=200, blank=True, help_text="The resume's or version's name when sent.")
    resume_snapshot = models.JSONField(default=dict, blank=True, help_text="The parsed sections as sent.")
    cover_letter_text = models.TextField(blank=True, help_text="The cover letter as sent.")

    # Kept by tracker.services.change_status.
    status_changed_at = models.DateTimeField(default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-status_changed_at"]
        indexes = [
            # The board and the list: a user's applications by status, most recently moved first.
            models.Index(fields=["user", "status", "-status_changed_at"], name="application_user_status"),
            models.Index(fields=["user", "-created_at"], name="application_user_recent"),
            # The duplicate warning: the same company and role again.
            models.Index(fields=["user", "company"], name="application_user_company"),
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def salary_text(self) -> str:
        if self.salary_min is None and self.salary_max is None:
            return ""
        low, high = self.salary_min, self.salary_max
        if low is not None and high not in (None, low):
            amount = f"{low:,}\u2013{high:,}"
        else:
            amount = f"{(low if low is not None else high):,}"
        return f"{self.salary_currency} {amount}".strip()


class StatusChange(OwnedModel):
    """One move of an application from one status to another (the first row has no `from_status`)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Application.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "changed_at"]
        indexes = [models.Index(fields=["user", "-changed_at"], name="statuschange_user_recent")]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class Note(OwnedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()

    class Meta:
        ordering = ["application", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Contact(OwnedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True, help_text="Recruiter, hiring manager, referrer…")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    linkedin_url = models.URLField("LinkedIn", max_length=500, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "name"]

    def __str__(self) -> str:
        return self.name


class InterviewQuerySet(OwnedQuerySet):
    def upcoming(self, now=None) -> InterviewQuerySet:
        return self.filter(starts_at__gte=now or timezone.now(), outcome=Interview.Outcome.PENDING)


class Interview(OwnedModel):
    class Kind(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        ONSITE = "onsite", "On-site"
        TAKE_HOME = "take_home", "Take-home assignment"
        OTHER = "other", "Other"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Not yet known"
        PASSED = "passed", "Went well / moved on"
        FAILED = "failed", "Did not move on"
        CANCELLED = "cancelled", "Cancelled"
        RESCHEDULED = "rescheduled", "Rescheduled"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.VIDEO)
    # Stored in UTC; `timezone` is the IANA zone the user gave it in, used for display and the .ics file.
    starts_at = models.DateTimeField()
    timezone = models.CharField(max_length=64, default="UTC")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    location = models.CharField(max_length=300, blank=True, help_text="Address, or where to be.")
    meeting_url = models.URLField(max_length=1000, blank=True)
    interviewers = models.TextField(blank=True, help_text="One per line.")
    preparation = models.TextField(blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_notes = models.TextField(blank=True)
    # Raised on every edit so calendar clients replace the event instead of adding another (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["user", "starts_at"], name="interview_user_starts")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} interview, {self.application}"

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.duration_minutes)


class ReminderQuerySet(OwnedQuerySet):
    def pending(self) -> ReminderQuerySet:
        return self.filter(done_at__isnull=True)

    def due(self, on=None) -> ReminderQuerySet:
        """Not done, and due on or before `on` (today): a snoozed reminder is due again on its snooze date."""
        on = on or timezone.localdate()
        return self.pending().filter(
            models.Q(snoozed_until__isnull=True, due_on__lte=on) | models.Q(snoozed_until__lte=on)
        )


class Reminder(OwnedModel):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", "Follow up"
        THANK_YOU = "thank_you", "Send a thank-you"
        PREPARE = "prepare", "Prepare"
        DEADLINE = "deadline", "Deadline"
        OTHER = "other", "Other"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FOLLOW_UP)
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    snoozed_until = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at"]
        indexes = [models.Index(fields=["user", "done_at", "due_on"], name="reminder_user_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def effective_due_on(self):
        return self.snoozed_until or self.due_on


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(OwnedModel):
    """The secret address of a user's interview calendar. Revoking it deletes the row; a new one gets a new token."""

    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user"], name="calendarfeed_one_per_user")]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class AnalyticsSnapshot(OwnedModel):
    """One user's pipeline figures for one week (Monday), written by `snapshot_analytics`.

    Kept apart from the applications so trends survive deleting them. `metrics` holds the figures the
    dashboard shows (counts by status, funnel, response rate, median days to first response, by source and
    by resume version); its keys are written by tracker.analytics.
    """

    week_start = models.DateField()
    applications = models.PositiveIntegerField(default=0, help_text="Applied during the week.")
    responses = models.PositiveIntegerField(default=0, help_text="First replies received during the week.")
    interviews = models.PositiveIntegerField(default=0, help_text="Interviews held during the week.")
    offers = models.PositiveIntegerField(default=0, help_text="Offers received during the week.")
    metrics = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "week_start"], name="analyticssnapshot_user_week_uniq"),
        ]

    def __str__(self) -> str:
        return f"Week of {self.week_start} for {self.user}"


class CsvImport(OwnedModel):
    """An uploaded CSV waiting for (or done with) its column-mapping step."""

    class Status(models.TextChoices):
        MAPPING = "mapping", "Choose columns"
        COMPLETED = "completed", "Imported"
        FAILED = "failed", "Failed"

    original_filename = models.CharField(max_length=255, blank=True)
    # The decoded rows (header first), capped on upload; the mapping step reads them, nothing else does.
    rows = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True, help_text="Our field name -> column index.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    created_count = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, blank=True, help_text="Row number and reason for each row not imported.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_filename or "CSV import"
