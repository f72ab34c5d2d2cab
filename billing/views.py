from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from billing import services
from billing.models import CreditLedgerEntry

HISTORY_PAGE_SIZE = 50


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not settings.BILLING_ENABLED:
        raise Http404("Billing is switched off on this installation.")
    entries = services.history(request.user)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))  # get_page: ?page=x is page 1
    context = {
        "balance": services.balance(request.user),
        "costs": {"optimization": services.cost_of("optimization"), "generation": services.cost_of("generation")},
        "page": page,
        "receipts": entries.filter(reason=CreditLedgerEntry.Reason.PURCHASE)[:20],
    }
    return render(request, "billing/index.html", context)
