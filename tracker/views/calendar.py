"""The private calendar feed: a secret address per user that calendar apps subscribe to.

The feed itself takes no login: calendar servers (Google, Apple) fetch it without cookies, so the unguessable
token in the URL is the credential. Resetting the address deletes the row and makes a new token, which kills the
old URL at once; turning it off deletes the row.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import ics
from tracker.models import CalendarFeed, Interview

# How far back the feed goes: recent interviews stay visible, the distant past is not re-sent every hour.
FEED_HISTORY = timedelta(days=180)
# last_fetched_at is written at most this often, so a client polling every minute does not write every time.
FETCH_STAMP_EVERY = timedelta(minutes=1)


def feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("tracker:calendar_feed", kwargs={"token": feed.token}))


def webcal_url(url: str) -> str:
    return "webcal://" + url.split("://", 1)[1]


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.for_user(request.user).first()
    context: dict = {"feed": feed}
    if feed:
        context["feed_url"] = feed_url(request, feed)
        context["webcal_url"] = webcal_url(context["feed_url"])
    context["interview_count"] = Interview.objects.for_user(request.user).upcoming().count()
    return render(request, "tracker/calendar/index.html", context)


@login_required
@require_POST
def calendar_create(request: HttpRequest) -> HttpResponse:
    _, created = CalendarFeed.objects.get_or_create(user=request.user)
    if created:
        messages.success(request, "Your private calendar address is ready. Add it to your calendar app below.")
    return redirect("tracker:calendar")


@login_required
@require_POST
def calendar_rotate(request: HttpRequest) -> HttpResponse:
    with transaction.atomic():
        CalendarFeed.objects.for_user(request.user).delete()
        CalendarFeed.objects.create(user=request.user)
    messages.success(
        request, "Your calendar address was reset: the old one stopped working. Subscribe again with the new one."
    )
    return redirect("tracker:calendar")


@login_required
@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    deleted, _ = CalendarFeed.objects.for_user(request.user).delete()
    if deleted:
        messages.success(request, "Your calendar address was turned off. Calendars subscribed to it stop updating.")
    return redirect("tracker:calendar")


@require_http_methods(["GET", "HEAD"])
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lt=now - FETCH_STAMP_EVERY)
    ).update(last_fetched_at=now)
    interviews = (
        Interview.objects.for_user(feed.user)
        .filter(starts_at__gte=now - FEED_HISTORY)
        .select_related("application")
        .order_by("starts_at")
    )
    body = ics.build_calendar(interviews, request.build_absolute_uri("/").rstrip("/"), feed=True)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="interviews.ics"'
    response["Cache-Control"] = "private, max-age=300"
    # The address is a secret: keep it out of search engines and out of Referer headers.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


urlpatterns = [
    path("calendar/", calendar, name="calendar"),
    path("calendar/create/", calendar_create, name="calendar_create"),
    path("calendar/reset/", calendar_rotate, name="calendar_rotate"),
    path("calendar/turn-off/", calendar_revoke, name="calendar_revoke"),
    path("calendar/feed/<str:token>.ics", calendar_feed, name="calendar_feed"),
]
