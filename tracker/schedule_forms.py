"""Forms for interviews, reminders and snoozing.

An interview is entered as a wall-clock time in a named IANA zone (what the invitation says) and stored in UTC;
the zone is kept beside it so the page and the .ics file show the time the way it was given.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

from django import forms
from django.utils import timezone

from careeragent.timezones import valid_zones, zone_choices, zone_or_utc
from tracker.models import Application, Interview, Reminder

LOCAL_INPUT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
SNOOZE_DAYS = (1, 3, 7)
# Statuses from which scheduling an interview can move the application to "interviewing".
BEFORE_INTERVIEWING = (Application.Status.SAVED, Application.Status.APPLIED, Application.Status.SCREENING)


def default_zone(user) -> str:
    """The zone a new interview starts in: the user's preference, else the zone of their last interview, else UTC."""
    from accounts.models import Profile

    profile = Profile.objects.filter(user=user).first()
    preferred = (profile.preferences or {}).get("timezone") if profile else None
    if preferred in valid_zones():
        return preferred
    last = Interview.objects.for_user(user).order_by("-created_at").values_list("timezone", flat=True).first()
    return zone_or_utc(last)


def local_wall_time(instant: datetime, zone: str) -> datetime:
    """`instant` as a naive wall-clock time in `zone` (for the datetime-local input)."""
    return instant.astimezone(zoneinfo.ZoneInfo(zone_or_utc(zone))).replace(tzinfo=None)


class LocalDateTimeField(forms.DateTimeField):
    """A naive wall-clock date-time: the zone comes from another field, so Django's current zone must not apply."""

    input_formats = LOCAL_INPUT_FORMATS

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for fmt in self.input_formats:
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                continue
        raise forms.ValidationError("Enter a date and time, e.g. 2025-03-14 15:30.", code="invalid")


class InterviewForm(forms.ModelForm):
    starts_local = LocalDateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="As written in the invitation, in the time zone below.",
    )
    timezone = forms.ChoiceField(label="Time zone", choices=zone_choices)
    meeting_url = forms.URLField(
        label="Meeting link", max_length=1000, required=False, assume_scheme="https", help_text="Zoom, Meet, Teams…"
    )
    move_to_interviewing = forms.BooleanField(
        label="Move this application to “Interviewing”", required=False, initial=True
    )

    class Meta:
        model = Interview
        fields = [
            "kind",
            "starts_local",
            "timezone",
            "duration_minutes",
            "location",
            "meeting_url",
            "interviewers",
            "preparation",
            "outcome",
            "outcome_notes",
        ]
        labels = {"duration_minutes": "Duration (minutes)"}
        widgets = {
            "interviewers": forms.Textarea(attrs={"rows": 3}),
            "preparation": forms.Textarea(attrs={"rows": 4}),
            "outcome_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, application: Application, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["duration_minutes"].widget.attrs.update({"min": 5, "max": 1440})
        self.fields["interviewers"].help_text = "One per line, e.g. “Sam Lee, engineering manager”."
        editing = not self.instance._state.adding
        if editing:
            self.fields["timezone"].initial = zone_or_utc(self.instance.timezone)
            self.fields["starts_local"].initial = local_wall_time(self.instance.starts_at, self.instance.timezone)
        else:
            self.fields["timezone"].initial = default_zone(user)
            # A new interview has no outcome yet.
            del self.fields["outcome"], self.fields["outcome_notes"]
        if editing or application.status not in BEFORE_INTERVIEWING:
            del self.fields["move_to_interviewing"]

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"]
        if value not in valid_zones():
            raise forms.ValidationError("Choose a time zone from the list.")
        return value

    def clean_duration_minutes(self) -> int:
        value = self.cleaned_data["duration_minutes"]
        if not 5 <= value <= 1440:
            raise forms.ValidationError("Between 5 minutes and 24 hours (1440 minutes), please.")
        return value

    def clean(self):
        cleaned = super().clean()
        local, zone = cleaned.get("starts_local"), cleaned.get("timezone")
        if local is None or zone is None:
            return cleaned
        aware = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
        instant = aware.astimezone(UTC)
        # A wall time inside a spring-forward gap does not exist; it would silently move by the gap's length.
        if local_wall_time(instant, zone) != local:
            self.add_error(
                "starts_local", f"{local:%H:%M} does not exist on {local:%d %b %Y} in {zone}: the clocks change then."
            )
            return cleaned
        cleaned["starts_at"] = instant
        return cleaned

    @property
    def moves_to_interviewing(self) -> bool:
        return bool(self.cleaned_data.get("move_to_interviewing"))

    def save(self, commit: bool = True) -> Interview:
        interview = super().save(commit=False)
        interview.starts_at = self.cleaned_data["starts_at"]
        interview.timezone = self.cleaned_data["timezone"]
        if interview._state.adding:
            interview.application = self.application
            interview.user = self.application.user
        else:
            # Calendar clients replace an event only when its SEQUENCE goes up.
            interview.sequence += 1
        if commit:
            interview.save()
        return interview


class ReminderForm(forms.ModelForm):
    application = forms.ModelChoiceField(
        queryset=Application.objects.none(),
        required=False,
        empty_label="Not about one application",
        help_text="Optional.",
    )

    class Meta:
        model = Reminder
        fields = ["title", "kind", "due_on", "application", "notes"]
        labels = {"due_on": "Due on"}
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, hide_application: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["application"]
        # Only the user's own applications validate: another user's id is "not one of the choices".
        field.queryset = Application.objects.for_user(user).order_by("company", "role")
        field.label_from_instance = lambda app: f"{app.role} at {app.company}"
        if hide_application:
            field.widget = forms.HiddenInput()
        if self.instance._state.adding and not self.initial.get("due_on"):
            self.initial["due_on"] = timezone.localdate() + timedelta(days=3)

    def save(self, commit: bool = True) -> Reminder:
        reminder = super().save(commit=False)
        if reminder._state.adding:
            reminder.user = self.user
        if commit:
            reminder.save()
        return reminder


class SnoozeForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(str(d), str(d)) for d in SNOOZE_DAYS], coerce=int, required=False, empty_value=None
    )
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        days, until = cleaned.get("days"), cleaned.get("until")
        if until is None and days is None:
            raise forms.ValidationError("Choose how long to snooze for, or a date.")
        if days is not None:  # a "1 day" button wins over a date left in the field
            until = self.today + timedelta(days=days)
        if until <= self.today:
            raise forms.ValidationError("Snooze until a day after today.")
        if until > self.today + timedelta(days=366):
            raise forms.ValidationError("Snooze for at most a year.")
        cleaned["snoozed_until"] = until
        return cleaned
