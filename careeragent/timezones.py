"""IANA time zones as the forms offer them: the common ones first, then every real zone alphabetically."""

from __future__ import annotations

import zoneinfo
from functools import cache

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
