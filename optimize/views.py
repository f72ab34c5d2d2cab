from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts import notifications
from billing import services as billing
from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post, render_poll
from jobs.models import JobDescription, JobPosting
from optimize import services
from optimize.ai.types import LABELS, WEIGHTS, Analysis
from optimize.diff import line_moves, word_diff
from optimize.forms import BulkForm, DecideForm, OptimizeForm, VersionForm
from optimize.models import Optimization, OptimizedVersion, Suggestion
from resumes.models import Resume

SECTION_TITLES = {"summary": "Summary", "experience": "Experience", "projects": "Projects", "skills": "Skills"}


def _initial(request: HttpRequest) -> dict:
    """Pre-fill from the page the user came from: ?resume=, ?jd= or ?posting=."""
    initial = {}
    user = request.user
    if resume_id := request.GET.get("resume"):
        resume = Resume.objects.for_user(user).filter(id=resume_id).first() if _is_uuid(resume_id) else None
        if resume:
            initial["resume"] = resume
    if jd_id := request.GET.get("jd"):
        jd = JobDescription.objects.for_user(user).filter(id=jd_id).first() if _is_uuid(jd_id) else None
        if jd:
            initial["job_description"] = jd
    if posting_id := request.GET.get("posting"):
        posting = JobPosting.objects.filter(id=posting_id).first() if _is_uuid(posting_id) else None
        if posting:
            initial["posting"] = posting
    return initial


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    initial = _initial(request)
    form = OptimizeForm(user=request.user, initial=initial)
    return render(request, "optimize/index.html", _index_context(request, form, initial.get("posting")))


def _index_context(request: HttpRequest, form: OptimizeForm, posting) -> dict:
    return {
        "form": form,
        "posting": posting,
        "runs": Optimization.objects.for_user(request.user).select_related("resume")[:30],
        "versions": OptimizedVersion.objects.for_user(request.user).select_related("resume")[:30],
        "has_resume": form.fields["resume"].queryset.exists(),
        "has_jd": form.fields["job_description"].queryset.exists(),
        # Shown before submitting when billing is on: "This costs 1 credit; you have N."
        "credit_cost": billing.cost_of("optimization") if billing.enabled() else None,
        "credit_balance": billing.balance(request.user),
    }


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", block=True)
def create(request: HttpRequest) -> HttpResponse:
    form = OptimizeForm(request.POST, user=request.user)
    out_of_credits = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            optimization, created = services.optimization_request(
                user=request.user,
                resume=data["resume"],
                job_description=data["job_description"],
                posting=data["posting"],
                strategy=data["strategy"],
                force=data["force"],
            )
        except services.OptimizeError as error:
            form.add_error(None, error.message)
            out_of_credits = error.code == "insufficient_credits"
        else:
            notifications.mark_present("optimization", optimization.id)  # the page opens next
            if not created:
                messages.info(
                    request, "You asked for this a moment ago; here is that run. Use “Run again” for a new one."
                )
            return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]))
    posting = form.cleaned_data.get("posting") if hasattr(form, "cleaned_data") else None
    context = {**_index_context(request, form, posting), "out_of_credits": out_of_credits}
    return render(request, "optimize/index.html", context, status=400)


def _review_context(optimization: Optimization) -> dict:
    context: dict = {"optimization": optimization}
    if optimization.status != Optimization.Status.COMPLETED:
        return context
    analysis = Analysis.from_dict(optimization.analysis)
    suggestions = list(optimization.suggestions.all())
    for s in suggestions:
        s.pieces = word_diff(s.before, s.final_text) if s.kind != "reorder" else []
        s.moves = line_moves(s.before, s.after) if s.kind == "reorder" else []
        before_items = set(s.before.splitlines())
        s.items = (
            [(item, item not in before_items) for item in s.final_text.splitlines()] if s.kind == "add_skill" else []
        )
    groups = []
    for section, items in groupby(
        sorted(suggestions, key=lambda s: (_section_order(s.section), s.position)), key=lambda s: s.section
    ):
        items = list(items)
        groups.append(
            {
                "key": section,
                "title": SECTION_TITLES.get(section, section.title()),
                "suggestions": items,
                "pending": sum(1 for s in items if s.status == Suggestion.Status.PENDING),
            }
        )
    context.update(
        analysis=analysis,
        components=[(c, round(100 * c.earned / c.weight) if c.weight else 0) for c in analysis.components],
        groups=groups,
        accepted=sum(
            1 for s in suggestions if s.status == Suggestion.Status.ACCEPTED and not (s.is_flag and not s.edited_after)
        ),
        pending=sum(1 for s in suggestions if s.status == Suggestion.Status.PENDING),
        versions=optimization.versions.all(),
    )
    return context


def _section_order(section: str) -> int:
    order = list(SECTION_TITLES)
    return order.index(section) if section in order else len(order)


@login_required
@require_GET
def detail(request: HttpRequest, optimization_id) -> HttpResponse:
    optimization = get_owned_or_404(Optimization.objects.select_related("resume"), request.user, id=optimization_id)
    if not optimization.is_finished:
        notifications.mark_present("optimization", optimization.id)
    return render(request, "optimize/detail.html", _review_context(optimization))


@login_required
@require_GET
def status(request: HttpRequest, optimization_id) -> HttpResponse:
    optimization = get_owned_or_404(Optimization.objects.select_related("resume"), request.user, id=optimization_id)
    notifications.mark_present("optimization", optimization.id)  # watching: no e-mail when it finishes
    if optimization.is_finished:
        # The whole review appears once: htmx swaps it in and stops polling (286).
        return render_poll(request, "optimize/detail.html#run", _review_context(optimization), finished=True)
    return render_poll(request, "optimize/detail.html#run", {"optimization": optimization}, finished=False)


@login_required
@require_POST
def decide(request: HttpRequest, optimization_id, suggestion_id) -> HttpResponse:
    optimization = get_owned_or_404(Optimization, request.user, id=optimization_id)
    suggestion = get_owned_or_404(Suggestion, request.user, id=suggestion_id, optimization=optimization)
    form = DecideForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        services.suggestion_decide(
            suggestion=suggestion,
            decision="accept" if action == "edit" else action,
            edited=form.cleaned_data["text"] if action == "edit" else None,
        )
    if request.htmx:
        return render(request, "optimize/detail.html#review", _review_context(optimization))
    return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]) + f"#s-{suggestion.id}")


@login_required
@require_POST
def bulk(request: HttpRequest, optimization_id) -> HttpResponse:
    optimization = get_owned_or_404(Optimization, request.user, id=optimization_id)
    form = BulkForm(request.POST)
    if form.is_valid():
        services.suggestions_decide_section(
            optimization=optimization,
            section=form.cleaned_data["section"] or None,
            accept=form.cleaned_data["action"] == "accept",
        )
    if request.htmx:
        return render(request, "optimize/detail.html#review", _review_context(optimization))
    return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]))


@login_required
@require_POST
def apply(request: HttpRequest, optimization_id) -> HttpResponse:
    optimization = get_owned_or_404(Optimization.objects.select_related("resume"), request.user, id=optimization_id)
    form = VersionForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    try:
        version = services.version_create(optimization=optimization, name=name)
    except services.OptimizeError as error:
        messages.error(request, error.message)
        return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]))
    return redirect_after_post(request, reverse("optimize:version", args=[version.id]))


@login_required
@require_POST
def rerun(request: HttpRequest, optimization_id) -> HttpResponse:
    """The same resume and job again (optionally with the other strategy), ignoring the ten-minute reuse."""
    optimization = get_owned_or_404(
        Optimization.objects.select_related("resume", "job_description", "posting"), request.user, id=optimization_id
    )
    strategy = request.POST.get("strategy") or optimization.strategy
    if optimization.job_description is None and optimization.posting is None:
        messages.error(request, "The job this run was for has been deleted.")
        return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]))
    try:
        new, _ = services.optimization_request(
            user=request.user,
            resume=optimization.resume,
            job_description=optimization.job_description,
            posting=optimization.posting,
            strategy=strategy,
            force=True,
        )
    except services.OptimizeError as error:
        messages.error(request, error.message)
        return redirect_after_post(request, reverse("optimize:detail", args=[optimization.id]))
    notifications.mark_present("optimization", new.id)
    return redirect_after_post(request, reverse("optimize:detail", args=[new.id]))


@login_required
@require_GET
def version(request: HttpRequest, version_id) -> HttpResponse:
    item = get_owned_or_404(
        OptimizedVersion.objects.select_related("resume", "optimization"), request.user, id=version_id
    )
    changes = [{**change, "pieces": word_diff(change["before"], change["after"])} for change in item.diff]
    after = Analysis.from_dict(item.analysis) if item.analysis else None
    before = Analysis.from_dict(item.optimization.analysis) if item.optimization.analysis else None
    rows = []
    if after and before:
        by_key = {c.key: c for c in before.components}
        rows = [(c, by_key.get(c.key)) for c in after.components]
    return render(request, "optimize/version.html", {"version": item, "changes": changes, "rows": rows})


@login_required
@require_http_methods(["GET"])
def scoring(request: HttpRequest) -> HttpResponse:
    weights = [(LABELS[key], points) for key, points in WEIGHTS.items()]
    return render(request, "optimize/scoring.html", {"weights": weights})
