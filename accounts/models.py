from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from careeragent.models import OwnedModel, OwnedQuerySet, TimestampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address. No username."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    username = None
    email = models.EmailField("e-mail address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def has_verified_email(self) -> bool:
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=self, verified=True).exists()

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        return (profile.full_name if profile and profile.full_name else "") or self.email


class Profile(TimestampedModel):
    class Remote(models.TextChoices):
        ANY = "any", "No preference"
        REMOTE = "remote", "Remote only"
        HYBRID = "hybrid", "Hybrid or remote"
        ONSITE = "onsite", "On-site"

    class Digest(models.TextChoices):
        OFF = "off", "Off"
        DAILY = "daily", "Daily"
        WEEKLY = "weekly", "Weekly"

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="profile")
    full_name = models.CharField(max_length=150, blank=True)
    headline = models.CharField(max_length=200, blank=True, help_text="One line, e.g. “Backend engineer, Python”.")
    location = models.CharField(max_length=150, blank=True)
    target_roles = models.JSONField(default=list, blank=True, help_text="Job titles you are aiming for.")
    # Free-form preferences that later features read (remote, minimum salary, paper size, no-reply days...).
    # Known keys and their defaults live in PREFERENCE_DEFAULTS so readers never guess.
    preferences = models.JSONField(default=dict, blank=True)
    notify_job_finished = models.BooleanField(
        "E-mail me when an optimization, cover letter or export finishes while I'm away", default=True
    )
    notify_reminders = models.BooleanField("Daily digest of follow-ups and interviews", default=True)
    notify_matches = models.CharField(
        "New job matches by e-mail", max_length=10, choices=Digest.choices, default=Digest.WEEKLY
    )
    notify_product_news = models.BooleanField("Occasional product news", default=False)

    objects = OwnedQuerySet.as_manager()

    PREFERENCE_DEFAULTS = {
        "remote": Remote.ANY.value,
        "min_salary": None,
        "salary_currency": "USD",
        "paper_size": "letter",
        "no_reply_days": 10,
        "timezone": "UTC",
    }

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def preference(self, key: str):
        return self.preferences.get(key, self.PREFERENCE_DEFAULTS.get(key))


class DataExport(OwnedModel):
    """A download of everything the user has given us, built in the background."""

    class Status(models.TextChoices):
        PENDING = "pending", "Queued"
        RUNNING = "running", "Building"
        COMPLETED = "completed", "Ready"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="unused", max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Data export {self.id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def storage_name(self) -> str:
        return f"users/{self.user_id}/exports/{self.id}/career-agent-data.json"
