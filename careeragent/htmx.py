"""HTMX conventions shared by the apps."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# htmx stops polling (hx-trigger="every 1s") when a response has this status.
STOP_POLLING = 286


def render_poll(request: HttpRequest, template: str, context: dict, *, finished: bool) -> HttpResponse:
    """Render a status partial that htmx polls; once the job is finished, answer 286 so polling stops."""
    return render(request, template, context, status=STOP_POLLING if finished else 200)


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful POST: a plain redirect, or HX-Redirect so htmx navigates the whole page."""
    from django.shortcuts import redirect
    from django_htmx.http import HttpResponseClientRedirect

    return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
