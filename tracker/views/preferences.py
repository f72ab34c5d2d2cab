"""Priority preferences: how much salary, match score, remote fit, deadline and excitement weigh in the order of
the board's "saved" column (tracker.priority)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from accounts.services import profile_for
from tracker import priority
from tracker.models import Application

WEIGHT_HELP = {
    "salary": (
        "Salary",
        "Pay compared with the minimum salary in your profile: at 150% of it or more the job scores full marks.",
    ),
    "match": ("Match score", "How well your resume matched the job description in its last optimization."),
    "remote": ("Remote fit", "How well the job's workplace (remote, hybrid, on-site) fits your remote preference."),
    "deadline": ("Deadline", "How soon applications close: jobs closing within days move up."),
    "excitement": ("Excitement", "The 1-5 excitement you gave the job: how much you want it."),
}
PREVIEW = 10


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in priority.COMPONENTS:
            label, help_text = WEIGHT_HELP[name]
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=5,
                help_text=f"{help_text} 0 ignores it, 5 weighs it most.",
                error_messages={
                    "required": f"Give {label.lower()} a weight from 0 to 5.",
                    "invalid": f"The weight of {label.lower()} must be a whole number from 0 to 5.",
                    "min_value": f"The weight of {label.lower()} must be from 0 to 5.",
                    "max_value": f"The weight of {label.lower()} must be from 0 to 5.",
                },
                widget=forms.NumberInput(attrs={"min": 0, "max": 5, "step": 1, "inputmode": "numeric"}),
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in priority.COMPONENTS):
            raise forms.ValidationError(
                "Give at least one factor a weight above 0: with every weight at 0 all saved jobs score the same."
            )
        return cleaned


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    profile = profile_for(request.user)
    current = priority.weights_for(profile)
    if request.method == "POST":
        form = WeightsForm({**priority.DEFAULT_WEIGHTS} if "reset" in request.POST else request.POST)
        if form.is_valid():
            profile.preferences = {
                **(profile.preferences or {}),
                "priority_weights": {name: form.cleaned_data[name] for name in priority.COMPONENTS},
            }
            profile.save(update_fields=["preferences", "updated_at"])
            changed = priority.rescore(request.user)
            if changed:
                messages.success(
                    request,
                    f"Your priorities are saved: {changed} application{'s' if changed != 1 else ''} got a new "
                    "priority score, and the saved column follows the new order.",
                )
            else:
                messages.success(request, "Your priorities are saved: the order of your applications did not change.")
            return redirect("tracker:preferences")
    else:
        form = WeightsForm(initial=current)
    saved = (
        Application.objects.for_user(request.user)
        .filter(status=Application.Status.SAVED)
        .only("id", "company", "role", "priority_score")
        .order_by("-priority_score", "-created_at")[:PREVIEW]
    )
    return render(
        request,
        "tracker/preferences/index.html",
        {"form": form, "saved": saved, "defaults": priority.DEFAULT_WEIGHTS, "profile": profile},
    )


urlpatterns = [path("preferences/", preferences, name="preferences")]
