"""The tracker's card on the main dashboard (careeragent.views.dashboard_cards): one aggregate query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from tracker.models import Application


def card(user) -> dict[str, object]:
    counts = Application.objects.for_user(user).aggregate(
        open=Count("id", filter=Q(status__in=Application.OPEN)),
        interviewing=Count("id", filter=Q(status=Application.Status.INTERVIEWING)),
        offers=Count("id", filter=Q(status=Application.Status.OFFER)),
    )
    if not counts["open"]:
        text = "No open applications yet: save a job you like and track it from saved to offer."
    else:
        text = f"{counts['interviewing']} interviewing, {counts['offers']} with an offer."
    return {"title": "Open applications", "url": reverse("tracker:index"), "figure": counts["open"], "text": text}
