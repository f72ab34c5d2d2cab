"""Applications: the board, the list, one application's page (history, notes, contacts), and "Track this".

Every read goes through `for_user` / `get_owned_or_404`; every status change through `services.change_status`.
The board and the list run a fixed number of queries whatever the number of applications (see the tests).
"""

from __future__ import annotations

from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post
from tracker import services, tracking
from tracker.forms import SORTS, ApplicationForm, BulkStatusForm, ContactForm, ListFilterForm, MoveForm, NoteForm
from tracker.models import Application, Contact, Interview, Note, Reminder, StatusChange

Status = Application.Status
TEMPLATES = "tracker/applications"
BOARD_COLUMN_LIMIT = 100
LIST_PAGE_SIZE = 50
# What a board card shows; nothing else is loaded (the snapshot and the letter can be large).
CARD_FIELDS = (
    "id",
    "company",
    "role",
    "status",
    "priority",
    "priority_score",
    "match_score",
    "next_action",
    "next_action_on",
    "deadline",
    "status_changed_at",
)
LIST_FIELDS = (
    "id",
    "company",
    "role",
    "status",
    "source",
    "priority",
    "priority_score",
    "applied_on",
    "next_action",
    "next_action_on",
    "updated_at",
)
# The first click on a column header sorts this way; a second click reverses it.
DEFAULT_DESCENDING = {"priority_score", "updated_at", "applied_on"}
STATUS_RANK = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(Status.values)), output_field=IntegerField())
NIL_UUID = "00000000-0000-0000-0000-000000000000"


def _url_maker(name: str, kwarg: str = "application_id"):
    """reverse() once, then fill in each id: the board renders hundreds of cards and reverse() is not free."""
    template = reverse(f"tracker:{name}", kwargs={kwarg: NIL_UUID})
    return lambda pk: template.replace(NIL_UUID, str(pk))


def _add_urls(applications) -> None:
    detail, move = _url_maker("detail"), _url_maker("move")
    for application in applications:
        application.detail_url = detail(application.id)
        application.move_url = move(application.id)


def status_options(selected: str) -> str:
    """The <option>s of a card's status select, built once per column instead of once per card."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in Status.choices),
    )


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def _card_meta(card: Application, day) -> str:
    parts = []
    if card.priority == Application.Priority.HIGH:
        parts.append('<span class="badge">High priority</span>')
    if card.match_score is not None:
        parts.append(f'<span class="badge" title="Match score">{card.match_score}% match</span>')
    if card.next_action_on:
        action = escape(_short(card.next_action or "follow up"))
        parts.append(f'<span title="Next action">Next: {action}, {day(card.next_action_on)}</span>')
    elif card.deadline:
        parts.append(f"<span>Apply by {day(card.deadline)}</span>")
    return " ".join(parts)


def card_html(card: Application, *, options: str, csrf_input: str, back: str, day=None) -> SafeString:
    """One board card. Built in Python rather than with a template: the board draws up to 500 of them, and the
    template engine (or format_html) costs several times as much per card; the board's p95 target is 100 ms.
    Every value from the database goes through escape() (the standard library's, as Django's escape does)."""
    day = day or _day_formatter()
    role, company, move_url = escape(card.role), escape(card.company), escape(card.move_url)
    high = " priority-high" if card.priority == Application.Priority.HIGH else ""
    return mark_safe(  # noqa: S308 - every interpolated value is escaped or our own markup
        f'<article class="board-card{high}" id="card-{card.id}" data-status="{escape(card.status)}" '
        f'data-move-url="{move_url}">'
        f'<a class="card-role" href="{escape(card.detail_url)}">{role}</a><span class="card-company">{company}</span>'
        f'<small class="card-meta">{_card_meta(card, day)}</small>'
        f'<form method="post" action="{move_url}" class="card-move" hx-post="{move_url}" '
        f'hx-target="closest .board-card" hx-swap="outerHTML">{csrf_input}'
        f'<input type="hidden" name="next" value="{escape(back)}">'
        f'<select name="status" aria-label="Status of {role} at {company}">{options}</select>'
        '<button type="submit" class="small secondary outline">Move</button></form></article>'
    )


STATUS_LABELS = dict(Status.choices)


def row_html(app: Application, day) -> SafeString:
    """One row of the list, built like the board's cards (50 per page, and the list has the same p95 target)."""
    role, company = escape(app.role), escape(app.company)
    source = f'<br><small class="muted">{escape(app.source)}</small>' if app.source else ""
    if app.next_action_on:
        action = f'<br><small class="muted">{escape(_short(app.next_action))}</small>' if app.next_action else ""
        next_cell = day(app.next_action_on) + action
    else:
        next_cell = "\u2014"
    applied = day(app.applied_on) if app.applied_on else "\u2014"
    updated = day(timezone.localtime(app.updated_at).date())
    return mark_safe(  # noqa: S308 - every interpolated value is escaped or our own markup
        f'<tr><td><input type="checkbox" name="ids" value="{app.id}" aria-label="Select {role} at {company}"></td>'
        f'<td>{company}</td><td><a href="{escape(app.detail_url)}">{role}</a>{source}</td>'
        f'<td><span class="status status-{escape(app.status)}">{escape(STATUS_LABELS.get(app.status, app.status))}'
        f"</span></td><td>{applied}</td><td>{next_cell}</td><td>{app.priority_score}</td><td>{updated}</td></tr>"
    )


def _join_html(parts) -> SafeString:
    return mark_safe("".join(parts))  # noqa: S308 - the parts are SafeStrings


def _day_formatter(pattern: str = "j M"):
    """ "3 Mar" for a date, memoised for one page (its rows share few distinct dates)."""
    seen: dict = {}

    def day(value) -> str:
        if value not in seen:
            seen[value] = escape(format_date(value, pattern))
        return seen[value]

    return day


def _csrf_input(request: HttpRequest) -> SafeString:
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _owned_application(request: HttpRequest, application_id) -> Application:
    return get_owned_or_404(Application, request.user, id=application_id)


# ---------------------------------------------------------------------------------------------------------------
# Board and list


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    mine = Application.objects.for_user(request.user)
    csrf, back, day = _csrf_input(request), reverse("tracker:board"), _day_formatter()
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("id")))
    columns = []
    for status in Application.OPEN:
        cards = mine.filter(status=status).only(*CARD_FIELDS)
        if status == Status.SAVED:
            cards = cards.order_by("-priority_score", "-priority", "-status_changed_at")
        else:
            cards = cards.order_by("-status_changed_at")
        cards = list(cards[:BOARD_COLUMN_LIMIT])
        _add_urls(cards)
        options = status_options(status)
        count = counts.get(status, 0)
        columns.append(
            {
                "status": status.value,
                "label": status.label,
                "cards": _join_html(card_html(c, options=options, csrf_input=csrf, back=back, day=day) for c in cards),
                "count": count,
                "more": count - len(cards),
            }
        )
    closed = [{"status": s.value, "label": s.label, "count": counts.get(s, 0)} for s in Application.CLOSED]
    context = {
        "columns": columns,
        "closed": closed,
        "closed_count": sum(c["count"] for c in closed),
        "total": sum(counts.values()),
    }
    return render(request, f"{TEMPLATES}/board.html", context)


def _sort_order(sort: str) -> list:
    key = sort.lstrip("-") or "updated_at"
    descending = sort.startswith("-") if sort else True
    expression = STATUS_RANK if key == "status" else F(key)
    ordered = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return [ordered, "-updated_at" if key != "updated_at" else "id"]


def _sort_links(params, current: str) -> dict:
    links = {}
    for key in SORTS:
        if current.lstrip("-") == key:
            wanted = key if current.startswith("-") else f"-{key}"
        else:
            wanted = f"-{key}" if key in DEFAULT_DESCENDING else key
        query = params.copy()
        query["sort"] = wanted
        query.pop("page", None)
        direction = ""
        if current.lstrip("-") == key:
            direction = "descending" if current.startswith("-") else "ascending"
        links[key] = {"label": SORTS[key], "query": query.urlencode(), "direction": direction}
    return links


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    mine = Application.objects.for_user(request.user)
    sources = list(mine.exclude(source="").order_by("source").values_list("source", flat=True).distinct())
    form = ListFilterForm(request.GET or None, sources=sources)
    data = form.cleaned_data if form.is_valid() else {}
    found = mine.only(*LIST_FIELDS)
    if q := (data.get("q") or "").strip():
        found = found.filter(Q(company__icontains=q) | Q(role__icontains=q))
    status = data.get("status") or ""
    if status == "open":
        found = found.open()
    elif status == "closed":
        found = found.closed()
    elif status:
        found = found.filter(status=status)
    if data.get("source"):
        found = found.filter(source=data["source"])
    sort = data.get("sort") or ""
    found = found.order_by(*_sort_order(sort))
    page = Paginator(found, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    _add_urls(page.object_list)
    day = _day_formatter("j M Y")
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": _join_html(row_html(app, day) for app in page.object_list),
        "query_string": params.urlencode(),
        "sort_links": _sort_links(params, sort),
        "filtering": bool(q or status or data.get("source")),
        "status_choices": Status.choices,
        "closing_choices": [c for c in Application.ClosingReason.choices if c[0]],
        "here": request.get_full_path(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, f"{TEMPLATES}/list.html#results" if partial else f"{TEMPLATES}/list.html", context)
    response["Vary"] = "HX-Request"
    return response


def _freeze_if_sending(application: Application, from_status: str) -> None:
    """Saved -> applied is the moment of sending: keep the chosen resume as it is now."""
    if from_status == Status.SAVED and application.status == Status.APPLIED and application.resume_id:
        tracking.freeze_sent_resume(application)


@login_required
@require_POST
def bulk_status(request: HttpRequest) -> HttpResponse:
    back = _safe_next(request, reverse("tracker:list"))
    form = BulkStatusForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    status, reason = form.cleaned_data["status"], form.cleaned_data["closing_reason"]
    if status not in Application.CLOSED:
        reason = ""
    moved = 0
    for application in form.cleaned_data["ids"]:
        from_status = application.status
        if services.change_status(application, status, closing_reason=reason):
            moved += 1
            _freeze_if_sending(application, from_status)
    label = Status(status).label
    messages.success(request, f"Moved {moved} application{'s' if moved != 1 else ''} to {label}.")
    return redirect(back)


# ---------------------------------------------------------------------------------------------------------------
# One application


def _timeline(application: Application) -> list[dict]:
    changes = StatusChange.objects.for_user(application.user).filter(application=application)
    notes = Note.objects.for_user(application.user).filter(application=application)
    entries = [{"kind": "status", "at": c.changed_at, "item": c} for c in changes]
    entries += [{"kind": "note", "at": n.created_at, "item": n} for n in notes]
    entries.sort(key=lambda entry: entry["at"])
    return entries


def _detail_context(request: HttpRequest, application: Application, **extra) -> dict:
    user = request.user
    closed_first = F("done_at").asc(nulls_first=True)
    return {
        "application": application,
        "timeline": _timeline(application),
        "contacts": Contact.objects.for_user(user).filter(application=application),
        "interviews": Interview.objects.for_user(user).filter(application=application).order_by("starts_at"),
        "reminders": Reminder.objects.for_user(user)
        .filter(application=application)
        .order_by(closed_first, "due_on", "created_at"),
        "move_form": MoveForm(initial={"status": application.status, "closing_reason": application.closing_reason}),
        "note_form": NoteForm(),
        "closed_statuses": [s.value for s in Application.CLOSED],
        **extra,
    }


@login_required
@require_GET
def detail(request: HttpRequest, application_id) -> HttpResponse:
    application = get_owned_or_404(
        Application.objects.select_related("posting", "job_description", "resume", "resume_version"),
        request.user,
        id=application_id,
    )
    return render(request, f"{TEMPLATES}/detail.html", _detail_context(request, application))


def _duplicates_page(request: HttpRequest, duplicates, *, action: str, hidden: list, title: str) -> HttpResponse:
    _add_urls(duplicates)
    context = {"duplicates": duplicates, "action": action, "hidden": hidden, "title": title}
    return render(request, f"{TEMPLATES}/duplicates.html", context)


def _reposted_fields(request: HttpRequest) -> list[tuple[str, str]]:
    skip = {"csrfmiddlewaretoken", "confirm"}
    return [(name, value) for name, values in request.POST.lists() if name not in skip for value in values]


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user, creating=True)
        if form.is_valid():
            data = form.cleaned_data
            duplicates = list(services.find_duplicates(request.user, data["company"], data["role"]))
            if duplicates and request.POST.get("confirm") != "1":
                return _duplicates_page(
                    request,
                    duplicates,
                    action=reverse("tracker:create"),
                    hidden=_reposted_fields(request),
                    title=f"{data['role']} at {data['company']}",
                )
            application = services.create_application(request.user, **form.cleaned_data)
            if application.resume_id and application.status != Status.SAVED:
                tracking.freeze_sent_resume(application)
            messages.success(request, f"Tracking {application}.")
            return redirect("tracker:detail", application.id)
        return render(request, f"{TEMPLATES}/form.html", {"form": form, "creating": True}, status=400)
    form = ApplicationForm(user=request.user, creating=True, initial={"status": Status.SAVED})
    return render(request, f"{TEMPLATES}/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    if request.method == "POST":
        before = (application.resume_id, application.resume_version_id)
        form = ApplicationForm(request.POST, instance=application, user=request.user)
        if form.is_valid():
            application = form.save(commit=False)
            chosen = (application.resume_id, application.resume_version_id)
            # A new choice is frozen now; clearing the choice keeps the copy of what was sent.
            if chosen != before and any(chosen):
                tracking.freeze_sent_resume(application, save=False)
            services.refresh_priority(application, save=False)
            application.save()
            messages.success(request, "Saved.")
            return redirect("tracker:detail", application.id)
        return render(request, f"{TEMPLATES}/form.html", {"form": form, "application": application}, status=400)
    form = ApplicationForm(instance=application, user=request.user)
    return render(request, f"{TEMPLATES}/form.html", {"form": form, "application": application})


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    if request.method == "POST":
        name = str(application)
        application.delete()
        messages.success(request, f"“{name}” was deleted.")
        return redirect_after_post(request, reverse("tracker:board"))
    return render(request, f"{TEMPLATES}/delete.html", {"application": application})


@login_required
@require_POST
def move(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return HttpResponse("Choose a valid status.", status=400)
        messages.error(request, "Choose a valid status.")
        return redirect(_safe_next(request, reverse("tracker:detail", args=[application.id])))
    data = form.cleaned_data
    from_status = application.status
    changed = services.change_status(
        application, data["status"], note=data["note"].strip(), closing_reason=data["closing_reason"]
    )
    if not changed and data["note"].strip():
        # Nothing moved, but the note is still worth keeping.
        Note.objects.create(user=request.user, application=application, text=data["note"].strip())
    if changed:
        _freeze_if_sending(application, from_status)
    if request.htmx:
        _add_urls([application])
        options = status_options(application.status)
        back = reverse("tracker:board")
        return HttpResponse(card_html(application, options=options, csrf_input=_csrf_input(request), back=back))
    if changed:
        messages.success(request, f"Moved to {application.get_status_display()}.")
    return redirect(_safe_next(request, reverse("tracker:detail", args=[application.id])))


@login_required
@require_GET
def snapshot(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    context = {"application": application, "sent": tracking.snapshot_view(application.resume_snapshot)}
    return render(request, f"{TEMPLATES}/snapshot.html", context)


# ---------------------------------------------------------------------------------------------------------------
# Notes and contacts


def _timeline_response(request: HttpRequest, application: Application, note_form=None, status: int = 200):
    if request.htmx:
        context = _detail_context(request, application, note_form=note_form or NoteForm())
        return render(request, f"{TEMPLATES}/detail.html#timeline", context, status=status)
    if status >= 400:
        messages.error(request, "Write something in the note first.")
    return redirect(reverse("tracker:detail", args=[application.id]) + "#timeline")


@login_required
@require_POST
def note_add(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _timeline_response(request, application, form, status=400)
    Note.objects.create(user=request.user, application=application, text=form.cleaned_data["text"].strip())
    return _timeline_response(request, application)


@login_required
@require_POST
def note_delete(request: HttpRequest, note_id) -> HttpResponse:
    note = get_owned_or_404(Note.objects.select_related("application"), request.user, id=note_id)
    application = note.application
    note.delete()
    return _timeline_response(request, application)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, application_id) -> HttpResponse:
    application = _owned_application(request, application_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.user, contact.application = request.user, application
        contact.save()
        messages.success(request, f"Added {contact.name}.")
        return redirect(reverse("tracker:detail", args=[application.id]) + "#contacts")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "application": application}
    return render(request, f"{TEMPLATES}/contact_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, contact_id) -> HttpResponse:
    contact = get_owned_or_404(Contact.objects.select_related("application"), request.user, id=contact_id)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {contact.name}.")
        return redirect(reverse("tracker:detail", args=[contact.application_id]) + "#contacts")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "application": contact.application, "contact": contact}
    return render(request, f"{TEMPLATES}/contact_form.html", context, status=status)


@login_required
@require_POST
def contact_delete(request: HttpRequest, contact_id) -> HttpResponse:
    contact = get_owned_or_404(Contact, request.user, id=contact_id)
    application_id, name = contact.application_id, contact.name
    contact.delete()
    messages.success(request, f"Removed {name}.")
    return redirect_after_post(request, reverse("tracker:detail", args=[application_id]) + "#contacts")


# ---------------------------------------------------------------------------------------------------------------
# "Track this" from a posting or a job description


def _track(request: HttpRequest, fields: dict, *, action: str) -> HttpResponse:
    duplicates = list(services.find_duplicates(request.user, fields["company"], fields["role"]))
    if duplicates and request.POST.get("confirm") != "1":
        title = f"{fields['role']} at {fields['company']}"
        return _duplicates_page(request, duplicates, action=action, hidden=[], title=title)
    application = services.create_application(request.user, **fields)
    messages.success(request, f"Tracking {application}. It is in your “Saved” column.")
    return redirect("tracker:detail", application.id)


@login_required
@require_POST
def track_posting(request: HttpRequest, posting_id) -> HttpResponse:
    from jobs.models import JobPosting

    # Postings are shared by every user (not owned), so this reads them directly.
    posting = get_object_or_404(JobPosting.objects.select_related("source"), id=posting_id)
    fields = tracking.fields_from_posting(request.user, posting)
    return _track(request, fields, action=reverse("tracker:track_posting", args=[posting.id]))


@login_required
@require_POST
def track_jd(request: HttpRequest, jd_id) -> HttpResponse:
    from jobs.models import JobDescription

    jd = get_owned_or_404(JobDescription, request.user, id=jd_id)
    fields = tracking.fields_from_jd(request.user, jd)
    return _track(request, fields, action=reverse("tracker:track_jd", args=[jd.id]))


urlpatterns = [
    path("board/", board, name="board"),
    path("applications/", application_list, name="list"),
    path("applications/new/", create, name="create"),
    path("applications/bulk-status/", bulk_status, name="bulk_status"),
    path("applications/<uuid:application_id>/", detail, name="detail"),
    path("applications/<uuid:application_id>/edit/", edit, name="edit"),
    path("applications/<uuid:application_id>/delete/", delete, name="delete"),
    path("applications/<uuid:application_id>/status/", move, name="move"),
    path("applications/<uuid:application_id>/sent-resume/", snapshot, name="snapshot"),
    path("applications/<uuid:application_id>/notes/", note_add, name="note_add"),
    path("applications/<uuid:application_id>/contacts/new/", contact_add, name="contact_add"),
    path("notes/<uuid:note_id>/delete/", note_delete, name="note_delete"),
    path("contacts/<uuid:contact_id>/edit/", contact_edit, name="contact_edit"),
    path("contacts/<uuid:contact_id>/delete/", contact_delete, name="contact_delete"),
    path("track/posting/<uuid:posting_id>/", track_posting, name="track_posting"),
    path("track/description/<uuid:jd_id>/", track_jd, name="track_jd"),
]
