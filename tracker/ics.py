"""iCalendar (RFC 5545) files of interviews: one event per download, or the user's whole subscribable feed.

Times are written as local times with TZID = the interview's IANA zone, plus a VTIMEZONE for every zone used, so
calendar apps show "14:00 Berlin" rather than a UTC instant, and keep doing so across daylight-saving changes.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vDuration

from careeragent.timezones import zone_or_utc
from tracker.models import Application, Interview

PRODID = "-//Career Agent//Interview calendar//EN"
FEED_NAME = "Interviews (Career Agent)"
# How often a subscribed client should come back (Apple and Outlook honour these; Google decides for itself).
REFRESH = timedelta(hours=1)
# The VTIMEZONE rules cover a margin around the events instead of 1970-2038: smaller files, same answers.
ZONE_MARGIN = timedelta(days=400)


def application_path(application: Application) -> str:
    return reverse("tracker:detail", kwargs={"application_id": application.pk})


def event_uid(interview: Interview) -> str:
    return f"{interview.pk}@careeragent"


def summary(interview: Interview) -> str:
    app = interview.application
    return f"Interview: {app.role} at {app.company} ({interview.get_kind_display()})"


def description(interview: Interview, base_url: str) -> str:
    lines: list[str] = []
    interviewers = [line.strip() for line in interview.interviewers.splitlines() if line.strip()]
    if interviewers:
        lines += ["Interviewers:", *(f"- {name}" for name in interviewers), ""]
    if interview.meeting_url:
        lines += [f"Meeting link: {interview.meeting_url}", ""]
    if interview.preparation.strip():
        lines += ["Preparation:", interview.preparation.strip(), ""]
    if interview.outcome != Interview.Outcome.PENDING:
        lines += [f"Outcome: {interview.get_outcome_display()}", ""]
    lines.append(f"Application: {base_url}{application_path(interview.application)}")
    return "\n".join(lines)


def interview_event(interview: Interview, base_url: str, *, stamp: datetime | None = None) -> Event:
    zone = zoneinfo.ZoneInfo(zone_or_utc(interview.timezone))
    event = Event()
    event.add("uid", event_uid(interview))
    event.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    event.add("sequence", interview.sequence)
    event.add("created", interview.created_at.astimezone(UTC))
    event.add("last-modified", interview.updated_at.astimezone(UTC))
    event.add("dtstart", interview.starts_at.astimezone(zone))
    event.add("dtend", interview.ends_at.astimezone(zone))
    event.add("summary", summary(interview))
    where = interview.location or interview.meeting_url
    if where:
        event.add("location", where)
    if interview.meeting_url:
        event.add("url", interview.meeting_url)
    event.add("description", description(interview, base_url))
    cancelled = interview.outcome == Interview.Outcome.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return event


def build_calendar(interviews: Iterable[Interview], base_url: str, *, feed: bool = False) -> bytes:
    """The VCALENDAR text of `interviews` (their applications should be select_related)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if feed:
        calendar.add("x-wr-calname", FEED_NAME)
        calendar.add("x-wr-caldesc", "Your interviews, from Career Agent. Edit them there, not here.")
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    stamp = timezone.now()
    starts: list[datetime] = []
    for interview in interviews:
        calendar.add_component(interview_event(interview, base_url, stamp=stamp))
        starts.append(interview.starts_at)
    if starts:
        calendar.add_missing_timezones(
            first_date=(min(starts) - ZONE_MARGIN).date(), last_date=(max(starts) + ZONE_MARGIN).date()
        )
    return calendar.to_ical()


def ics_filename(interview: Interview) -> str:
    from django.utils.text import slugify

    local = interview.starts_at.astimezone(zoneinfo.ZoneInfo(zone_or_utc(interview.timezone)))
    name = slugify(f"interview {interview.application.company} {local:%Y-%m-%d}") or "interview"
    return f"{name}.ics"
