from __future__ import annotations

from django import forms

from jobs.models import JobDescription, JobPosting


class LetterForm(forms.Form):
    resume = forms.ModelChoiceField(queryset=None, required=False, empty_label="Choose a resume…")
    version = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="The resume as it is", label="Or an optimized version"
    )
    job_description = forms.ModelChoiceField(
        queryset=JobDescription.objects.none(), required=False, empty_label="Choose a job description…"
    )
    posting = forms.ModelChoiceField(queryset=JobPosting.objects.none(), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        from optimize.models import OptimizedVersion
        from resumes.models import Resume

        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = (
            Resume.objects.for_user(user).alive().filter(parse_status=Resume.Status.COMPLETED).order_by("-created_at")
        )
        self.fields["version"].queryset = (
            OptimizedVersion.objects.for_user(user).select_related("resume").order_by("-created_at")
        )
        self.fields["job_description"].queryset = JobDescription.objects.for_user(user).order_by("-created_at")
        self.fields["posting"].queryset = JobPosting.objects.all()  # shared by everyone

    def clean(self):
        data = super().clean()
        if not data.get("resume") and not data.get("version"):
            raise forms.ValidationError("Choose the resume (or optimized version) to write the letter from.")
        if not data.get("job_description") and not data.get("posting"):
            raise forms.ValidationError("Choose the job to write the letter for.")
        if data.get("job_description") and data.get("posting"):
            data["posting"] = None  # the explicit choice wins over the page it came from
        return data


class TextForm(forms.Form):
    text = forms.CharField(max_length=20_000, strip=True, widget=forms.Textarea)


class AttachForm(forms.Form):
    application = forms.UUIDField()
