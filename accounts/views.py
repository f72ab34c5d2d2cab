from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts import notifications, services
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import DataExport
from careeragent.access import get_owned_or_404
from careeragent.htmx import render_poll
from careeragent.storage import download_response


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:settings")
    context = {
        "form": form,
        "profile": profile,
        "email_address": notifications.recipient(request.user),
        "unsubscribed": request.GET.get("unsubscribed") in notifications.PREFERENCE_FIELDS,
    }
    return render(request, "accounts/settings.html", context)


@csrf_exempt  # mail clients POST here (RFC 8058) without a CSRF token; the signed token is the credential
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest) -> HttpResponse:
    """One-click unsubscribe from one kind of e-mail, no sign-in needed. GET only asks (link scanners follow
    links in mail and must not unsubscribe anyone); POST, from the page's button or the mail client's one-click
    List-Unsubscribe-Post, turns the kind off."""
    token = request.GET.get("token") or request.POST.get("token") or ""
    found = notifications.read_unsubscribe_token(token)
    if found is None:
        return render(request, "accounts/unsubscribe_invalid.html", status=400)
    user, kind = found
    context = {
        "kind": kind,
        "label": notifications.LABELS[kind],
        "token": token,
        "email": user.email,
        "settings_url": reverse("accounts:settings") + f"?unsubscribed={kind}#notifications",
    }
    if request.method == "POST":
        notifications.turn_off(user, kind)
        return render(request, "accounts/unsubscribe_done.html", context)
    return render(request, "accounts/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def data_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        export = services.data_export_request(user=request.user)
        notifications.mark_present("data_export", export.id)  # the page opens next
        messages.info(
            request,
            "We are preparing your data. This page updates when it is ready; if you leave, we'll e-mail you.",
        )
        return redirect("accounts:data")
    exports = DataExport.objects.for_user(request.user)[:10]
    for export in exports:
        if not export.is_finished:
            notifications.mark_present("data_export", export.id)
    return render(request, "accounts/data.html", {"exports": exports})


@login_required
@require_GET
def data_export_status(request: HttpRequest, export_id) -> HttpResponse:
    export = get_owned_or_404(DataExport, request.user, id=export_id)
    notifications.mark_present("data_export", export.id)  # watching: no e-mail when it is ready
    return render_poll(request, "accounts/data.html#export-row", {"export": export}, finished=export.is_finished)


@login_required
@require_GET
def data_export_download(request: HttpRequest, export_id) -> HttpResponse:
    export = get_owned_or_404(DataExport, request.user, id=export_id)
    if export.status != DataExport.Status.COMPLETED or not export.file or export.is_expired:
        raise Http404("This export is not available.")
    return download_response(export.file, "career-agent-data.json", content_type="application/json")


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, "Your account and all of its data have been deleted.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
