"""The matches page and the match profile page (jobs:matches, jobs:match_profile, jobs:match_status)."""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from careeragent.htmx import render_poll
from jobs.matching import services
from jobs.matching.forms import MatchFilterForm, MatchProfileForm
from jobs.matching.profile import canonical_skill, effective_skills, parse_skill_list
from jobs.matching.score import breakdown_rows
from jobs.models import Match
from jobs.views import POSTING_LIST_FIELDS, salary_text

MATCHES_PER_PAGE = 20
MATCH_FIELDS = ("id", "score", "breakdown", "matched_skills", "missing_skills", "posting_id")
SKILLS_SHOWN = 8


def match_list(
    user,
    *,
    min_score: int,
    remote: bool | None = None,
    location: str = "",
    posted_within_days: int | None = None,
    skill: str = "",
) -> QuerySet[Match]:
    """The user's matches of live postings scoring at least ``min_score``, best first (the page's one query)."""
    qs = Match.objects.for_user(user).filter(
        score__gte=min_score, posting__closed_at__isnull=True, posting__duplicate_of__isnull=True
    )
    if remote is True:
        qs = qs.filter(Q(posting__remote=True) | Q(posting__workplace="remote"))
    elif remote is False:
        qs = qs.exclude(posting__remote=True).exclude(posting__workplace="remote")
    if location:
        qs = qs.filter(posting__location__icontains=location)
    if posted_within_days is not None:
        qs = qs.filter(posting__posted_at__gte=timezone.now() - timedelta(days=posted_within_days))
    if skill:
        name = canonical_skill(skill)
        if connection.vendor == "postgresql":
            qs = qs.filter(posting__skills__contains=[name])
        else:  # SQLite: the JSON text holds each name quoted
            qs = qs.annotate(skills_text=Cast("posting__skills", TextField()))
            qs = qs.filter(skills_text__icontains=json.dumps(name))
    fields = (*MATCH_FIELDS, *(f"posting__{f}" for f in POSTING_LIST_FIELDS if not f.startswith("source__")))
    return qs.select_related("posting").only(*fields).order_by("-score", "-posting__posted_at", "posting_id")


@login_required
@require_GET
def matches(request: HttpRequest) -> HttpResponse:
    match_profile = services.match_profile_for(request.user)
    form = MatchFilterForm(request.GET or None, threshold=match_profile.threshold)
    page = Paginator(match_list(request.user, **form.filters()), MATCHES_PER_PAGE).get_page(request.GET.get("page"))
    for match in page.object_list:
        match.parts = breakdown_rows(match.breakdown)
        match.have, match.have_more = (
            match.matched_skills[:SKILLS_SHOWN],
            max(0, len(match.matched_skills) - SKILLS_SHOWN),
        )
        match.lack, match.lack_more = (
            match.missing_skills[:SKILLS_SHOWN],
            max(0, len(match.missing_skills) - SKILLS_SHOWN),
        )
        match.posting.salary_label = salary_text(match.posting)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "match_profile": match_profile,
        "query_string": params.urlencode(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "jobs/matches.html#results" if partial else "jobs/matches.html", context)
    response["Vary"] = "HX-Request"
    return response


@login_required
@require_GET
def match_status(request: HttpRequest) -> HttpResponse:
    """Polled while the matches are being scored; 286 (stop polling) and an event for the list once they are."""
    match_profile = services.match_profile_for(request.user)
    finished = not match_profile.is_scoring
    response = render_poll(request, "jobs/matches.html#status", {"match_profile": match_profile}, finished=finished)
    if finished:
        response["HX-Trigger"] = "matches-scored"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def match_profile(request: HttpRequest) -> HttpResponse:
    from resumes.models import Resume

    profile = services.match_profile_for(request.user)
    resumes = Resume.objects.for_user(request.user).filter(parse_status=Resume.Status.COMPLETED).only("id", "title")
    form = MatchProfileForm(
        request.POST if request.POST.get("action", "save") == "save" and request.method == "POST" else None,
        resumes=resumes,
        initial={"resume": profile.resume_id, "seniority": profile.seniority, "threshold": profile.threshold},
    )
    if request.method == "POST":
        action = request.POST.get("action", "save")
        skill = canonical_skill(request.POST.get("skill", ""))
        if action == "save":
            if not form.is_valid():
                return render(request, "jobs/match_profile.html", _profile_context(profile, form), status=400)
            data = form.cleaned_data
            services.match_profile_update(
                match_profile=profile,
                resume=data["resume"],
                seniority=data["seniority"],
                threshold=data["threshold"],
                add=parse_skill_list(data["add_skills"]),
            )
        elif action in ("remove", "restore") and skill:
            services.match_profile_update(
                match_profile=profile, **{"remove" if action == "remove" else "restore": [skill]}
            )
        else:
            return render(request, "jobs/match_profile.html", _profile_context(profile, form), status=400)
        messages.success(request, "Saved. Your matches are being scored again.")
        return redirect("jobs:match_profile")
    return render(request, "jobs/match_profile.html", _profile_context(profile, form))


def _profile_context(profile, form) -> dict:
    removed = set(profile.skills_removed)
    return {
        "match_profile": profile,
        "form": form,
        "resume_skills": [{**item, "removed": item["skill"] in removed} for item in profile.skills],
        "added": profile.skills_added,
        "skill_count": len(effective_skills(profile.skills, profile.skills_added, profile.skills_removed)),
    }
