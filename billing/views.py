from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not settings.BILLING_ENABLED:
        raise Http404("Billing is switched off on this installation.")
    return render(request, "billing/index.html")
