"""The tracker's dashboard: the pipeline in figures and charts, what is coming up, and the weekly trend."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from tracker import analytics, charts


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    figures = analytics.dashboard(request.user)
    context = {"figures": figures, "empty": not figures["total"]}
    if figures["total"]:
        context["charts"] = {
            "funnel": charts.funnel_chart(figures["funnel"]),
            "weeks": charts.week_bars(figures["per_week"]),
            "by_source": charts.outcome_bars(figures["by_source"], chart_id="chart-sources", title="Replies by source"),
            "by_version": charts.outcome_bars(
                figures["by_version"], chart_id="chart-versions", title="Replies by resume version"
            ),
            "trend_applications": charts.sparkline(
                figures["trend"], key="applications", chart_id="chart-trend-applied", title="Applied per week"
            ),
            "trend_responses": charts.sparkline(
                figures["trend"], key="responses", chart_id="chart-trend-replies", title="Replies per week"
            ),
        }
        context["trend_taken"] = any(week["taken"] for week in figures["trend"])
    return render(request, "tracker/dashboard/index.html", context)


urlpatterns = [path("", index, name="index")]
