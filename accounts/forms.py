from __future__ import annotations

from django import forms

from accounts.models import Profile
from careeragent.timezones import zone_choices


class ProfileForm(forms.ModelForm):
    target_roles = forms.CharField(
        required=False,
        max_length=500,
        help_text="Separate titles with commas, e.g. “Backend Engineer, Platform Engineer”.",
    )
    remote = forms.ChoiceField(choices=Profile.Remote.choices, label="Remote preference")
    min_salary = forms.IntegerField(
        required=False, min_value=0, max_value=10_000_000, label="Minimum salary (per year)"
    )
    salary_currency = forms.CharField(max_length=3, min_length=3, initial="USD", label="Currency")
    paper_size = forms.ChoiceField(choices=[("letter", "US Letter"), ("a4", "A4")], label="Paper size for exports")
    no_reply_days = forms.IntegerField(min_value=1, max_value=90, label="Flag applications with no reply after (days)")
    timezone = forms.ChoiceField(
        choices=zone_choices,
        label="Time zone",
        help_text="New interviews start in it; e-mails show times in it; the digests arrive at 7 a.m. here.",
    )

    PREFERENCE_FIELDS = ("remote", "min_salary", "salary_currency", "paper_size", "no_reply_days", "timezone")

    class Meta:
        model = Profile
        fields = [
            "full_name",
            "headline",
            "location",
            "notify_job_finished",
            "notify_reminders",
            "notify_matches",
            "notify_product_news",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance
        self.fields["target_roles"].initial = ", ".join(profile.target_roles or [])
        for name in self.PREFERENCE_FIELDS:
            self.fields[name].initial = profile.preference(name)

    def clean_target_roles(self) -> list[str]:
        roles: list[str] = []
        for part in self.cleaned_data["target_roles"].split(","):
            role = " ".join(part.split())
            if role and role.lower() not in {r.lower() for r in roles}:
                roles.append(role[:100])
        if len(roles) > 10:
            raise forms.ValidationError("Up to 10 target roles, please.")
        return roles

    def clean_salary_currency(self) -> str:
        value = self.cleaned_data["salary_currency"].upper()
        if not value.isalpha():
            raise forms.ValidationError("Use a three-letter currency code such as USD or EUR.")
        return value

    def save(self, commit: bool = True) -> Profile:
        profile = super().save(commit=False)
        profile.target_roles = self.cleaned_data["target_roles"]
        preferences = dict(profile.preferences or {})
        for name in self.PREFERENCE_FIELDS:
            preferences[name] = self.cleaned_data[name]
        profile.preferences = preferences
        if commit:
            profile.save()
        return profile


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(label="Type your e-mail address to confirm")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"]
        if value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError("That is not the e-mail address of this account.")
        return value
