"""Stripe: starting a Checkout for a credit pack, taking webhook events in, and acting on them.

The flow:

1. ``checkout_start`` asks Stripe for a Checkout Session (server side, one idempotency key per purchase) and
   records the Purchase, pending, under the session's id. A Stripe error records nothing.
2. Stripe calls the webhook. ``event_receive`` verifies the signature, stores the event under Stripe's own id
   and queues ``billing.actors.process_stripe_event`` on commit; the answer goes back at once.
3. ``event_process`` handles one stored event in one transaction: fulfils a paid Checkout once (the conditional
   UPDATE of ``Purchase.paid_at`` from NULL), takes credits back for refunds and disputes (only the new part of
   each, never more than was bought, never the balance below 0), gives a won dispute's credits back once, and
   marks other event types ignored. Credits move only through billing.services.

Events may arrive in any order and any number of times: a refund or dispute that comes before the completion is
recorded on the purchase, and the completion then credits only what is left.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from billing import services
from billing.models import Purchase, StripeEvent
from billing.packs import Pack
from careeragent.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)

# Signatures older than this are refused (Stripe's own default): a captured request cannot be replayed later.
WEBHOOK_TOLERANCE_SECONDS = 300
# A stored event still "received" after this long has probably lost its queue message: a redelivery requeues it.
STALE_RECEIVED = timedelta(minutes=10)

CHECKOUT_PAID_TYPES = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
Status = Purchase.Status


class CheckoutError(Exception):
    """Stripe did not give us a Checkout Session; the message can be shown to the user."""


class InvalidEvent(Exception):
    """A webhook request whose signature or payload does not check out (answer 400)."""


class PurchaseNotFound(Exception):
    """An event about a payment we cannot match to a purchase (yet): retried, it may be an early refund."""


def webhook_enabled() -> bool:
    return bool(settings.BILLING_ENABLED and settings.STRIPE_WEBHOOK_SECRET)


def _client() -> stripe.StripeClient:
    base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses=base,
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
    )


# --- 1. Checkout -----------------------------------------------------------------------------------------


def checkout_start(*, user, pack: Pack) -> Purchase:
    """Create the Stripe Checkout Session for `pack` and the pending Purchase; raise CheckoutError on failure.

    The purchase id is chosen first and sent as metadata, so a webhook can find (or recreate) the row; the row
    itself is written only once Stripe has answered, so a failed call leaves nothing pending behind.
    """
    purchase_id = uuid.uuid4()
    metadata = {
        "purchase_id": str(purchase_id),
        "user_id": str(user.pk),
        "pack": pack.id,
        "credits": str(pack.credits),
        "price_id": pack.price_id,
    }
    site = settings.SITE_URL
    params = {
        "mode": "payment",
        "line_items": [{"price": pack.price_id, "quantity": 1}],
        "client_reference_id": str(purchase_id),
        "metadata": metadata,
        # Refund and dispute events are about the charge: the payment intent (and its charge) carry this too.
        "payment_intent_data": {"metadata": metadata},
        # Stripe fills in {CHECKOUT_SESSION_ID} itself; it must stay unescaped.
        "success_url": f"{site}{reverse('billing:success')}?session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{site}{reverse('billing:index')}?checkout=cancelled",
    }
    if user.email:
        params["customer_email"] = user.email  # prefilled on Stripe's page; the receipt goes to the verified address
    try:
        session = (
            _client()
            .v1.checkout.sessions.create(params=params, options={"idempotency_key": f"checkout-{purchase_id}"})
            .to_dict()
        )
    except stripe.StripeError as exc:
        logger.warning(
            "stripe checkout failed", extra={"user": str(user.pk), "pack": pack.id, "error": type(exc).__name__}
        )
        if isinstance(exc, stripe.APIConnectionError):
            message = "We could not reach our payment provider."
        else:
            message = "Our payment provider could not start the checkout."
        raise CheckoutError(f"{message} Nothing was charged; please try again in a moment.") from exc
    if not session.get("id") or not session.get("url"):
        raise CheckoutError("Our payment provider gave an incomplete answer. Nothing was charged; please try again.")
    try:
        with transaction.atomic():
            purchase = Purchase.objects.create(
                id=purchase_id,
                user=user,
                pack=pack.id,
                credits=pack.credits,
                price_id=pack.price_id,
                display_price=pack.display_price,
                checkout_session_id=session["id"],
                currency=(session.get("currency") or "")[:3],
                amount_total=session.get("amount_total"),
            )
    except IntegrityError:
        # The webhook was faster and created it from the metadata.
        purchase = Purchase.objects.get(id=purchase_id)
    purchase.checkout_url = session["url"]
    return purchase


# --- 2. Webhook ------------------------------------------------------------------------------------------


@dataclass
class Received:
    event: StripeEvent
    queued: bool  # False: a redelivery of an event already queued or done


def event_receive(*, payload: bytes, signature: str | None) -> Received:
    """Verify and store one webhook call, and queue its processing on commit; raise InvalidEvent when bad."""
    from billing.actors import process_stripe_event

    try:
        event = stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as exc:
        raise InvalidEvent(f"signature: {exc.user_message or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidEvent(f"payload: {exc}") from None
    except Exception as exc:  # a payload the library cannot turn into an event (not an object, ...)
        raise InvalidEvent(f"payload: {type(exc).__name__}") from None
    del event  # verified and well-formed; what we keep is the payload exactly as Stripe sent it
    data = json.loads(payload)
    if not isinstance(data, dict):
        raise InvalidEvent("payload: not a JSON object")
    event_id, event_type = data.get("id"), data.get("type")
    if not isinstance(event_id, str) or not event_id or not isinstance(event_type, str) or not event_type:
        raise InvalidEvent("payload: an event needs an id and a type")
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                id=event_id[:255], type=event_type[:100], livemode=bool(data.get("livemode")), payload=data
            )
    except IntegrityError:
        stored = StripeEvent.objects.get(id=event_id[:255])
        stale = stored.status == StripeEvent.Status.RECEIVED and stored.received_at < timezone.now() - STALE_RECEIVED
        if stored.status == StripeEvent.Status.FAILED or stale:
            # Stripe retrying an event we failed on (or lost) is a fair second chance; processing is idempotent.
            enqueue_on_commit(process_stripe_event, stored.id)
            return Received(stored, queued=True)
        return Received(stored, queued=False)
    enqueue_on_commit(process_stripe_event, stored.id)
    return Received(stored, queued=True)


# --- 3. Processing ---------------------------------------------------------------------------------------


def event_process(*, event_id: str) -> str:
    """Act on one stored event; returns its status. Raises (after recording the error) so the actor retries."""
    if not services.enabled():
        StripeEvent.objects.filter(id=event_id, status=StripeEvent.Status.RECEIVED).update(
            status=StripeEvent.Status.FAILED, error="Billing is switched off (BILLING_ENABLED); reprocess later."
        )
        return StripeEvent.Status.FAILED
    try:
        with transaction.atomic():
            event = StripeEvent.objects.select_for_update().filter(id=event_id).first()
            if event is None:
                return "missing"
            if event.status in (StripeEvent.Status.PROCESSED, StripeEvent.Status.IGNORED):
                return event.status  # a redelivered message
            handler = HANDLERS.get(event.type)
            purchase = handler(event) if handler else None
            event.status = StripeEvent.Status.PROCESSED if handler else StripeEvent.Status.IGNORED
            event.processed_at = timezone.now()
            event.attempts += 1
            event.error = ""
            event.purchase = purchase or event.purchase
            event.save(update_fields=["status", "processed_at", "attempts", "error", "purchase"])
            return event.status
    except Exception as exc:
        StripeEvent.objects.filter(id=event_id).exclude(status=StripeEvent.Status.PROCESSED).update(
            status=StripeEvent.Status.FAILED,
            attempts=F("attempts") + 1,
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        logger.warning("stripe event failed", extra={"event": event_id, "error": type(exc).__name__})
        raise


def events_requeue_unprocessed(*, older_than: timedelta = STALE_RECEIVED) -> int:
    """Queue again the events stored but never processed (their message was lost: the embedded broker forgets its
    messages on restart). Processing skips finished events, so a duplicate message is harmless."""
    from billing.actors import process_stripe_event

    cutoff = timezone.now() - older_than
    ids = list(
        StripeEvent.objects.filter(status=StripeEvent.Status.RECEIVED, received_at__lte=cutoff).values_list(
            "id", flat=True
        )
    )
    for event_id in ids:
        process_stripe_event.send(event_id)
    return len(ids)


def events_requeue_after_restart() -> int:
    """The embedded worker's start-up sweep: every event still "received" lost its message with the old process."""
    return events_requeue_unprocessed(older_than=timedelta(0))


def _locked(queryset) -> Purchase | None:
    return queryset.select_for_update().first()


def _metadata_purchase(obj: dict) -> Purchase | None:
    purchase_id = (obj.get("metadata") or {}).get("purchase_id")
    if not purchase_id:
        return None
    try:
        return _locked(Purchase.objects.filter(id=uuid.UUID(str(purchase_id))))
    except ValueError:
        return None


def _purchase_for_session(session: dict) -> Purchase:
    """The purchase behind a Checkout Session: by session id, by metadata, or recreated from the metadata."""
    purchase = _locked(Purchase.objects.filter(checkout_session_id=session.get("id") or "-"))
    if purchase is None:
        purchase = _metadata_purchase(session)
    if purchase is not None:
        return purchase
    metadata = session.get("metadata") or {}
    from django.contrib.auth import get_user_model

    try:
        user = get_user_model().objects.get(pk=metadata.get("user_id"))
        purchase_id = uuid.UUID(str(metadata.get("purchase_id")))
        credits = int(metadata.get("credits"))
    except (get_user_model().DoesNotExist, ValueError, TypeError) as exc:
        raise PurchaseNotFound(f"session {session.get('id')}: no purchase and unusable metadata") from exc
    purchase, _ = Purchase.objects.get_or_create(
        id=purchase_id,
        defaults={
            "user": user,
            "pack": str(metadata.get("pack") or "")[:40],
            "credits": credits,
            "price_id": str(metadata.get("price_id") or "")[:255],
            "checkout_session_id": session["id"],
        },
    )
    return _locked(Purchase.objects.filter(id=purchase.id))


def _purchase_for_payment(obj: dict, *, payment_intent: str | None) -> Purchase:
    """The purchase a charge or dispute is about: by the metadata Checkout copied, else by payment intent."""
    purchase = _metadata_purchase(obj)
    if purchase is None and payment_intent:
        purchase = _locked(Purchase.objects.filter(payment_intent_id=payment_intent))
    if purchase is None:
        raise PurchaseNotFound(f"no purchase for {obj.get('id')} (payment intent {payment_intent})")
    if payment_intent and not purchase.payment_intent_id:
        purchase.payment_intent_id = payment_intent
    return purchase


def _intent(value) -> str:
    if isinstance(value, dict):
        return value.get("id") or ""
    return value or ""


def _settle_status(purchase: Purchase) -> None:
    """The status that follows from the numbers, once payment, refund or dispute has been seen."""
    if purchase.dispute_status in (Purchase.Dispute.OPEN, Purchase.Dispute.LOST):
        purchase.status = Status.DISPUTED
    elif purchase.credits_reversed >= purchase.credits:
        purchase.status = Status.REFUNDED
    elif purchase.credits_reversed > 0 or purchase.amount_refunded > 0:
        purchase.status = Status.PARTIALLY_REFUNDED
    elif purchase.paid_at is not None:
        purchase.status = Status.PAID


def _on_checkout_paid(event: StripeEvent) -> Purchase | None:
    session = event.data_object
    purchase = _purchase_for_session(session)
    if session.get("payment_status") != "paid":
        # Completed with a delayed payment method: async_payment_succeeded follows when the money is in.
        return purchase
    now = timezone.now()
    credits = purchase.credits - purchase.credits_reversed  # a refund or dispute seen first keeps its part
    # The one fulfilment: only the UPDATE that finds paid_at still NULL goes on to credit.
    fulfilled = Purchase.objects.filter(id=purchase.id, paid_at__isnull=True).update(paid_at=now, updated_at=now)
    if not fulfilled:
        return purchase
    purchase.paid_at = now
    purchase.payment_intent_id = _intent(session.get("payment_intent")) or purchase.payment_intent_id
    purchase.amount_total = session.get("amount_total", purchase.amount_total)
    purchase.currency = (session.get("currency") or purchase.currency)[:3]
    details = session.get("customer_details") or {}
    purchase.receipt_email = (details.get("email") or session.get("customer_email") or "")[:254]
    purchase.credits_credited = max(0, credits)
    if purchase.status in (Status.PENDING, Status.EXPIRED, Status.FAILED):
        purchase.status = Status.PAID
    _settle_status(purchase)
    if credits > 0:
        services.credit_purchase(purchase=purchase, credits=credits, stripe_event_id=event.id)
        if _send_receipt(purchase):
            purchase.receipt_sent_at = now
    purchase.save()
    return purchase


def _on_checkout_unpaid(new_status: str):
    def handle(event: StripeEvent) -> Purchase | None:
        purchase = _locked(Purchase.objects.filter(checkout_session_id=event.data_object.get("id") or "-"))
        if purchase is not None and purchase.status == Status.PENDING and purchase.paid_at is None:
            purchase.status = new_status
            purchase.save(update_fields=["status", "updated_at"])
        return purchase

    return handle


def _take_back(purchase: Purchase, credits: int, *, event: StripeEvent, note: str) -> int:
    """Take `credits` back if the purchase was credited; returns the shortfall (what the balance lacked)."""
    if credits <= 0 or purchase.paid_at is None:
        return 0  # not credited yet: recording the reversal is enough, the completion will credit less
    taken = services.reverse_purchase(purchase=purchase, credits=credits, stripe_event_id=event.id, note=note)
    return credits - taken


def _on_charge_refunded(event: StripeEvent) -> Purchase:
    charge = event.data_object
    purchase = _purchase_for_payment(charge, payment_intent=_intent(charge.get("payment_intent")))
    amount = int(charge.get("amount") or 0)
    refunded = int(charge.get("amount_refunded") or 0)
    # amount_refunded is cumulative, so an older event arriving late never moves anything back.
    purchase.amount_refunded = max(purchase.amount_refunded, refunded)
    purchase.currency = purchase.currency or (charge.get("currency") or "")[:3]
    if charge.get("refunded") or (amount and purchase.amount_refunded >= amount):
        target = purchase.credits
    else:
        target = purchase.credits * purchase.amount_refunded // amount if amount else 0  # rounded in their favour
    already = purchase.credits_reversed - purchase.credits_disputed
    new = min(target - already, purchase.credits - purchase.credits_reversed)
    if new > 0:
        shortfall = _take_back(purchase, new, event=event, note=f"Refund of the {purchase.pack} pack")
        purchase.credits_reversed += new
        purchase.reversal_shortfall += shortfall
    _settle_status(purchase)
    purchase.save()
    return purchase


def _on_dispute_created(event: StripeEvent) -> Purchase:
    dispute = event.data_object
    purchase = _purchase_for_payment(dispute, payment_intent=_intent(dispute.get("payment_intent")))
    if purchase.dispute_status in (Purchase.Dispute.OPEN, Purchase.Dispute.LOST):
        return purchase
    new = purchase.credits - purchase.credits_reversed
    if new > 0:
        shortfall = _take_back(purchase, new, event=event, note=f"Payment for the {purchase.pack} pack disputed")
        purchase.credits_reversed += new
        purchase.credits_disputed = new
        purchase.dispute_shortfall = shortfall
        purchase.reversal_shortfall += shortfall
    purchase.dispute_status = Purchase.Dispute.OPEN
    _settle_status(purchase)
    purchase.save()
    return purchase


def _on_dispute_closed(event: StripeEvent) -> Purchase:
    dispute = event.data_object
    purchase = _purchase_for_payment(dispute, payment_intent=_intent(dispute.get("payment_intent")))
    if dispute.get("status") != "won":
        if purchase.dispute_status == Purchase.Dispute.OPEN:
            purchase.dispute_status = Purchase.Dispute.LOST
            _settle_status(purchase)
            purchase.save()
        return purchase
    if purchase.dispute_status != Purchase.Dispute.OPEN:
        return purchase  # already closed (a second closing event): nothing to give back twice
    held = purchase.credits_disputed
    if purchase.paid_at is not None:
        # Only what was actually taken comes back; credits already spent were never taken.
        services.restore_purchase(
            purchase=purchase,
            credits=held - purchase.dispute_shortfall,
            stripe_event_id=event.id,
            note=f"Dispute of the {purchase.pack} pack won: credits restored",
        )
    purchase.credits_reversed -= held
    purchase.reversal_shortfall -= purchase.dispute_shortfall
    purchase.credits_disputed = 0
    purchase.dispute_shortfall = 0
    purchase.dispute_status = Purchase.Dispute.WON
    purchase.status = Status.PAID if purchase.paid_at else Status.PENDING
    _settle_status(purchase)
    purchase.save()
    return purchase


def _send_receipt(purchase: Purchase) -> bool:
    """The purchase receipt e-mail, queued on commit with the fulfilment (so once, as the fulfilment is once)."""
    from accounts.notifications import notify

    subject = f"Your receipt: {purchase.credits_credited} credits ({purchase.reference})"
    context = {
        "purchase": purchase,
        "receipt_url": f"{settings.SITE_URL}{reverse('billing:receipt', args=[purchase.id])}",
        "billing_url": f"{settings.SITE_URL}{reverse('billing:index')}",
        "balance": services.balance(purchase.user),
    }
    return notify(purchase.user, "receipt", subject=subject, template="billing/emails/receipt", context=context)


HANDLERS = {
    "checkout.session.completed": _on_checkout_paid,
    "checkout.session.async_payment_succeeded": _on_checkout_paid,
    "checkout.session.async_payment_failed": _on_checkout_unpaid(Status.FAILED),
    "checkout.session.expired": _on_checkout_unpaid(Status.EXPIRED),
    "charge.refunded": _on_charge_refunded,
    "charge.dispute.created": _on_dispute_created,
    "charge.dispute.closed": _on_dispute_closed,
}
