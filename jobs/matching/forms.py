from __future__ import annotations

from django import forms

from jobs.matching.score import STORE_FLOOR
from jobs.models import SENIORITY_CHOICES

POSTED_CHOICES = [("", "Any time"), ("1", "Last 24 hours"), ("7", "Last 7 days"), ("30", "Last 30 days")]
REMOTE_CHOICES = [("", "Remote or not"), ("yes", "Remote only"), ("no", "Not remote")]


class MatchFilterForm(forms.Form):
    min_score = forms.IntegerField(required=False, min_value=STORE_FLOOR, max_value=100, label="Minimum score")
    remote = forms.ChoiceField(required=False, choices=REMOTE_CHOICES, label="Remote")
    location = forms.CharField(required=False, max_length=100, label="Location")
    posted = forms.ChoiceField(required=False, choices=POSTED_CHOICES, label="Posted")
    skill = forms.CharField(required=False, max_length=100, label="Skill")

    def __init__(self, *args, threshold: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.threshold = threshold
        self.fields["min_score"].widget.attrs["placeholder"] = str(threshold)

    def filters(self) -> dict:
        """The match_list arguments of the valid fields (an invalid one falls back to no filter, never an error)."""
        data: dict = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data then holds the valid fields only
            data = self.cleaned_data
        posted = data.get("posted")
        return {
            "min_score": data.get("min_score") or self.threshold,
            "remote": {"yes": True, "no": False}.get(data.get("remote") or ""),
            "location": data.get("location") or "",
            "posted_within_days": int(posted) if posted else None,
            "skill": (data.get("skill") or "").strip(),
        }


class MatchProfileForm(forms.Form):
    resume = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="No resume (skills added by hand only)", label="Resume"
    )
    seniority = forms.ChoiceField(choices=SENIORITY_CHOICES, required=False, label="Seniority")
    threshold = forms.IntegerField(
        min_value=STORE_FLOOR, max_value=100, label="Show matches scoring at least", help_text="Out of 100."
    )
    add_skills = forms.CharField(
        required=False, max_length=500, label="Add skills", help_text="Comma separated, e.g. “Go, Terraform”."
    )

    def __init__(self, *args, resumes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume"].queryset = resumes
