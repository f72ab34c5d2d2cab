from __future__ import annotations

from django import forms

from jobs.models import JobDescription, JobPosting
from optimize.models import Optimization
from resumes.models import Resume


class OptimizeForm(forms.Form):
    resume = forms.ModelChoiceField(queryset=Resume.objects.none(), empty_label=None)
    job_description = forms.ModelChoiceField(
        queryset=JobDescription.objects.none(), required=False, empty_label="Choose a job description…"
    )
    posting = forms.ModelChoiceField(queryset=JobPosting.objects.none(), required=False, widget=forms.HiddenInput)
    strategy = forms.ChoiceField(
        choices=Optimization.Strategy.choices, initial=Optimization.Strategy.CONSERVATIVE, widget=forms.RadioSelect
    )
    force = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = (
            Resume.objects.for_user(user).alive().filter(parse_status=Resume.Status.COMPLETED).order_by("-created_at")
        )
        self.fields["job_description"].queryset = JobDescription.objects.for_user(user).order_by("-created_at")
        self.fields["posting"].queryset = JobPosting.objects.all()  # shared by everyone

    def clean(self):
        data = super().clean()
        if not data.get("job_description") and not data.get("posting"):
            raise forms.ValidationError("Choose the job description to optimise for.")
        if data.get("job_description") and data.get("posting"):
            data["posting"] = None  # the explicit choice wins over the page it came from
        return data


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject"), ("edit", "edit"), ("undo", "undo")])
    text = forms.CharField(required=False, max_length=5_000, strip=True)


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    section = forms.CharField(required=False, max_length=20)


class VersionForm(forms.Form):
    name = forms.CharField(required=False, max_length=200)
