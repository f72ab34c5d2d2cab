"""``ADAPTERS``: kind -> adapter instance."""

from __future__ import annotations

from jobs.sources.adapter import Adapter
from jobs.sources.ashby import AshbyAdapter
from jobs.sources.feed import FeedAdapter
from jobs.sources.greenhouse import GreenhouseAdapter
from jobs.sources.lever import LeverAdapter
from jobs.sources.remoteok import RemoteOKAdapter
from jobs.sources.weworkremotely import WeWorkRemotelyAdapter

ADAPTERS: dict[str, Adapter] = {
    a.kind: a
    for a in (
        RemoteOKAdapter(),
        WeWorkRemotelyAdapter(),
        GreenhouseAdapter(),
        LeverAdapter(),
        AshbyAdapter(),
        FeedAdapter(),
    )
}
KINDS = tuple(ADAPTERS)


def get_adapter(kind: str) -> Adapter:
    try:
        return ADAPTERS[kind]
    except KeyError:
        raise KeyError(f"unknown job source kind {kind!r}; known: {', '.join(ADAPTERS)}") from None
