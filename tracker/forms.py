"""Forms of the tracker's application pages: create/edit, status moves, bulk moves, notes, contacts, list filters."""

from __future__ import annotations

from django import forms
from django.db import models

from tracker.models import Application, Contact, Note

Status = Application.Status
CLOSING_REASON_CHOICES = [("", "Default reason")] + [c for c in Application.ClosingReason.choices if c[0]]


def _formfield(field, **kwargs):
    # Addresses typed without a scheme are taken as https (Django 6's default; this silences its warning).
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


APPLICATION_FIELDS = (
    "company",
    "role",
    "status",
    "source",
    "apply_url",
    "job_description",
    "location",
    "workplace",
    "salary_min",
    "salary_max",
    "salary_currency",
    "priority",
    "excitement",
    "deadline",
    "applied_on",
    "next_action",
    "next_action_on",
    "resume",
    "resume_version",
    "cover_letter_text",
)


class ApplicationForm(forms.ModelForm):
    """Create (with a starting status) or edit (status is changed with the move form, so it is left out)."""

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        formfield_callback = _formfield
        labels = {
            "apply_url": "Apply URL",
            "job_description": "Job description",
            "salary_min": "Salary from",
            "salary_max": "Salary to",
            "salary_currency": "Currency",
            "applied_on": "Applied on",
            "next_action_on": "Next action date",
            "resume": "Resume sent",
            "resume_version": "Optimized version sent",
            "cover_letter_text": "Cover letter sent",
        }
        help_texts = {
            "resume_version": "Optional: the tailored version you sent. Its text is saved with this application.",
            "cover_letter_text": "Paste the letter as you sent it.",
        }
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "applied_on": forms.DateInput(attrs={"type": "date"}),
            "next_action_on": forms.DateInput(attrs={"type": "date"}),
            "cover_letter_text": forms.Textarea(attrs={"rows": 6}),
            "excitement": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args, user, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from jobs.models import JobDescription
        from optimize.models import OptimizedVersion
        from resumes.models import Resume

        self.user = user
        if creating:
            self.fields["status"].choices = Status.choices
        else:
            del self.fields["status"]
        self.fields["job_description"].queryset = JobDescription.objects.for_user(user).only("id", "title", "company")
        self.fields["resume"].queryset = Resume.objects.for_user(user).only("id", "title")
        self.fields["resume_version"].queryset = OptimizedVersion.objects.for_user(user).only("id", "name", "resume_id")
        self.fields["job_description"].label_from_instance = lambda jd: (
            f"{jd.title} ({jd.company})" if jd.company else jd.title
        )
        self.fields["resume_version"].label_from_instance = lambda version: version.name

    def clean_excitement(self):
        value = self.cleaned_data.get("excitement")
        if value is not None and not 1 <= value <= 5:
            raise forms.ValidationError("Use 1 (meh) to 5 (dream job).")
        return value

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", "The upper end is below the lower end.")
        version, resume = data.get("resume_version"), data.get("resume")
        if version is not None:
            if resume is None:
                data["resume"] = version.resume
            elif version.resume_id != resume.id:
                self.add_error("resume_version", "That version was made from another resume.")
        return data


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)
    closing_reason = forms.ChoiceField(choices=CLOSING_REASON_CHOICES, required=False, label="Closing reason")
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Note (optional)"
    )

    def clean(self):
        data = super().clean()
        if data.get("status") in Status.values and data["status"] not in Application.CLOSED:
            data["closing_reason"] = ""  # only a closed application has one
        return data


class BulkStatusForm(forms.Form):
    ids = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={
            "required": "Tick at least one application.",
            "invalid_choice": "One of the ticked applications no longer exists.",
            "invalid_pk_value": "One of the ticked applications no longer exists.",
        },
    )
    status = forms.ChoiceField(choices=Status.choices, error_messages={"required": "Choose a status to move them to."})
    closing_reason = forms.ChoiceField(choices=CLOSING_REASON_CHOICES, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].queryset = Application.objects.for_user(user)


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ("text",)
        labels = {"text": "Note"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "placeholder": "What happened, what you learnt…"})}


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        formfield_callback = _formfield
        fields = ("name", "role", "email", "phone", "linkedin_url", "notes")
        labels = {"linkedin_url": "LinkedIn"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


# The list's sort keys: what the URL says -> the ORDER BY (the "-" prefix in the URL reverses it).
SORTS = {
    "company": "Company",
    "role": "Role",
    "status": "Status",
    "applied_on": "Applied",
    "next_action_on": "Next action",
    "priority_score": "Priority",
    "updated_at": "Updated",
}
STATUS_FILTERS = [("", "All"), ("open", "Open"), ("closed", "Closed"), *Status.choices]


class ListFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.SearchInput(attrs={"placeholder": "Company or role"}),
    )
    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False)
    source = forms.ChoiceField(choices=[("", "Any source")], required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sources: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Any source"), *((s, s) for s in sources)]

    def clean_sort(self) -> str:
        value = self.cleaned_data.get("sort") or ""
        return value if value.lstrip("-") in SORTS else ""
