from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from billing import packs, payments, services
from billing.models import Purchase
from careeragent.access import get_owned_or_404
from careeragent.htmx import render_poll
from careeragent.middleware import build_csp

HISTORY_PAGE_SIZE = 50
RECEIPTS_SHOWN = 20
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"


def _billing_on() -> None:
    if not settings.BILLING_ENABLED:
        raise Http404("Billing is switched off on this installation.")


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: after a POST the browser follows with a GET (to Stripe's page, or back to ours)."""

    status_code = 303
    allowed_schemes = ["https", "http"]


def _see_other(url: str) -> HttpResponse:
    return HttpResponseSeeOther(url)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _billing_on()
    entries = services.history(request.user)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))  # get_page: ?page=x is page 1
    if request.GET.get("checkout") == "cancelled":
        messages.info(request, "Checkout cancelled: nothing was charged.")
    context = {
        "balance": services.balance(request.user),
        "costs": {"optimization": services.cost_of("optimization"), "generation": services.cost_of("generation")},
        "page": page,
        "buying": packs.buying_available(),
        "packs": packs.all_packs(),
        "receipts": Purchase.objects.for_user(request.user)
        .filter(paid_at__isnull=False)
        .order_by("-paid_at")[:RECEIPTS_SHOWN],
    }
    response = render(request, "billing/index.html", context)
    if context["buying"]:
        response["Content-Security-Policy"] = _csp_with_checkout()
    return response


def _csp_with_checkout() -> str:
    """The site's policy, but the buy forms may lead to Stripe's hosted Checkout: browsers apply form-action to
    the redirect that follows a form's POST, so the 303 to checkout.stripe.com is blocked under plain 'self'."""
    policy = dict(settings.CONTENT_SECURITY_POLICY)
    policy["form-action"] = [*policy.get("form-action", ["'self'"]), STRIPE_CHECKOUT_ORIGIN]
    return build_csp(policy)


@login_required
@require_POST
@ratelimit(group="billing-buy", key="user", rate="20/h", method="POST", block=True)
def buy(request: HttpRequest) -> HttpResponse:
    _billing_on()
    if not packs.buying_available():
        raise Http404("Buying credits is not set up on this installation.")
    pack = packs.get(request.POST.get("pack", ""))
    if pack is None:
        messages.error(request, "That pack is not on sale. Pick one of the packs below.")
        return _see_other(reverse("billing:index"))
    try:
        purchase = payments.checkout_start(user=request.user, pack=pack)
    except payments.CheckoutError as exc:
        messages.error(request, str(exc))
        return _see_other(reverse("billing:index"))
    return _see_other(purchase.checkout_url)


@login_required
@require_GET
def success(request: HttpRequest) -> HttpResponse:
    """Where Stripe sends the buyer back: the credits arrive with the webhook, usually within seconds."""
    _billing_on()
    session_id = request.GET.get("session_id", "")
    purchase = Purchase.objects.for_user(request.user).filter(checkout_session_id=session_id).first()
    context = {"purchase": purchase, "balance": services.balance(request.user), "session_id": session_id}
    if request.htmx:
        done = purchase is None or purchase.paid_at is not None
        return render_poll(request, "billing/success.html#status", context, finished=done)
    return render(request, "billing/success.html", context)


@login_required
@require_GET
def receipt(request: HttpRequest, purchase_id) -> HttpResponse:
    # A record of money paid: it stays readable to its owner even if billing is switched off later.
    purchase = get_owned_or_404(Purchase, request.user, id=purchase_id)
    return render(request, "billing/receipt.html", {"purchase": purchase})


@csrf_exempt  # Stripe signs the request instead; there is no session or form
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    if not payments.webhook_enabled():
        raise Http404("Billing is switched off on this installation.")
    try:
        received = payments.event_receive(payload=request.body, signature=request.headers.get("Stripe-Signature"))
    except payments.InvalidEvent as exc:
        return HttpResponse(f"Invalid event ({exc}).", status=400, content_type="text/plain")
    answer = "queued" if received.queued else "already received"
    return HttpResponse(answer, content_type="text/plain")
