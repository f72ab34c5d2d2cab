"""IANA time zones as the forms offer them: the common ones first, then every real zone alphabetically."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache

from django.db.models import Q

# Offered first in the zone select; every other zone follows, alphabetically.
COMMON_ZONES = (
    "UTC",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Toronto",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Kyiv",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)
# Names zoneinfo lists that are not real places (the machine's own zone, the tz database's placeholder).
NOT_ZONES = {"localtime", "Factory"}


@cache
def valid_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - NOT_ZONES)


@cache
def zone_choices() -> list:
    zones = valid_zones()
    common = [(name, name.replace("_", " ")) for name in COMMON_ZONES if name in zones]
    others = [(name, name.replace("_", " ")) for name in sorted(zones) if name not in COMMON_ZONES]
    return [("Common", common), ("All time zones", others)]


def zone_or_utc(name: str | None) -> str:
    return name if name in valid_zones() else "UTC"


def zones_at_hour(now: datetime, hour: int) -> frozenset[str]:
    """The zones in which the instant `now` falls within `hour` o'clock, local time (for the morning e-mails)."""
    return frozenset(name for name in valid_zones() if now.astimezone(zoneinfo.ZoneInfo(name)).hour == hour)


def in_zones(users, zones: frozenset[str], *, path: str = "profile__preferences__timezone"):
    """`users` whose profile's time zone is one of `zones`; a user without one (or with a name we don't know)
    lives in UTC."""
    known = Q(**{f"{path}__in": sorted(zones)})
    if "UTC" in zones:
        known |= Q(**{f"{path}__isnull": True}) | ~Q(**{f"{path}__in": sorted(valid_zones())})
    return users.filter(known)


def local_now(name: str | None, now: datetime) -> datetime:
    return now.astimezone(zoneinfo.ZoneInfo(zone_or_utc(name)))
