"""The market insights page (jobs:insights): skill demand in the user's target roles, trends, coverage, the
skills worth learning and salaries. The figures come from jobs.insights.analytics (cached per user)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from jobs.insights import analytics, charts


def _window(value: str | None) -> int:
    try:
        days = int(value or "")
    except ValueError:
        return analytics.DEFAULT_WINDOW
    return days if days in analytics.WINDOWS else analytics.DEFAULT_WINDOW


@login_required
@require_GET
def insights(request: HttpRequest) -> HttpResponse:
    from accounts.services import profile_for
    from jobs.matching.services import match_profile_for

    window = _window(request.GET.get("days"))
    account = profile_for(request.user)
    data = analytics.insights_for(request.user, account=account, match_profile=match_profile_for(request.user))
    current = data["windows"][window]
    pay = data["salaries"]
    context = {
        "data": data,
        "window": window,
        "windows": analytics.WINDOWS,
        "current": current,
        "basis": data["basis"],
        "pay": pay,
        "assumptions": analytics.SALARY_ASSUMPTIONS,
        "min_n": analytics.SALARY_MIN_N,
        "charts": _charts(current, pay, window),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "jobs/insights/index.html#window" if partial else "jobs/insights/index.html", context)
    response["Vary"] = "HX-Request"
    return response


def _charts(current: dict, pay: dict, window: int) -> dict:
    currency = pay["currency"] or ""
    found = {"demand": "", "coverage": "", "salary_skill": "", "salary_level": ""}
    if current["demand"]:
        found["demand"] = charts.demand_chart(current["demand"], window=window)
    if current["coverage"]["total"]:
        found["coverage"] = charts.coverage_chart(current["coverage"], window=window)
    for key, rows, label in (("salary_skill", pay["by_skill"], "skill"), ("salary_level", pay["by_level"], "level")):
        if rows:
            title = f"Yearly salary by {label} ({currency})"
            found[key] = charts.salary_chart(rows, currency=currency, title=title, chart_id=f"ins-pay-{label}")
    return found


urlpatterns: list = [
    path("insights/", insights, name="insights"),
]
