from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import services
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
    return render(request, "accounts/settings.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def data_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.data_export_request(user=request.user)
        messages.info(request, "We are preparing your data. This page updates when it is ready.")
        return redirect("accounts:data")
    exports = DataExport.objects.for_user(request.user)[:10]
    return render(request, "accounts/data.html", {"exports": exports})


@login_required
@require_GET
def data_export_status(request: HttpRequest, export_id) -> HttpResponse:
    export = get_owned_or_404(DataExport, request.user, id=export_id)
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
