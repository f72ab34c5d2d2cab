from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from careeragent.health import run_checks


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "landing.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard.html", {"cards": dashboard_cards(request.user)})


def dashboard_cards(user) -> list[dict[str, object]]:
    """The dashboard's summary cards; each app contributes one from its `dashboard` module."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    cards = []
    for config in apps.get_app_configs():
        try:
            card = import_string(f"{config.name}.dashboard.card")
        except ImportError:
            continue
        cards.append(card(user))
    return cards


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = run_checks()
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def ratelimited(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "429.html", status=429)
