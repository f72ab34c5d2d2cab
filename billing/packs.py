"""Credit packs: what a user can buy, read from settings.BILLING_PACKS.

``BILLING_PACKS`` in the environment is a comma-separated list of ``id:credits:stripe_price_id:display price``,
for example ``starter:10:price_abc:9.00 USD,pro:50:price_def:35.00 USD``. The display price is only shown; what
the customer pays is the Stripe Price. settings.py parses the variable with `parse` (so a typo stops the process
at start-up) into a list of plain dicts, which tests can replace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class Pack:
    id: str
    credits: int
    price_id: str
    display_price: str


def parse(value: str, name: str = "BILLING_PACKS") -> list[dict]:
    packs: list[dict] = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        fields = [field.strip() for field in item.split(":", 3)]
        if len(fields) != 4 or not all(fields):
            raise ImproperlyConfigured(f"{name}: {item!r} must be id:credits:stripe_price_id:display price")
        pack_id, credits, price_id, display_price = fields
        if not _ID.match(pack_id):
            raise ImproperlyConfigured(f"{name}: pack id {pack_id!r} must be lower-case letters, digits, - or _")
        if not credits.isdigit() or int(credits) < 1:
            raise ImproperlyConfigured(f"{name}: pack {pack_id!r} must give at least 1 credit, got {credits!r}")
        if any(pack["id"] == pack_id for pack in packs):
            raise ImproperlyConfigured(f"{name}: pack id {pack_id!r} appears twice")
        packs.append({"id": pack_id, "credits": int(credits), "price_id": price_id, "display_price": display_price})
    return packs


def all_packs() -> list[Pack]:
    from django.conf import settings

    return [Pack(**pack) for pack in settings.BILLING_PACKS]


def get(pack_id: str) -> Pack | None:
    return next((pack for pack in all_packs() if pack.id == pack_id), None)


def buying_available() -> bool:
    """Buying needs billing on, a Stripe secret key and at least one pack."""
    from django.conf import settings

    return bool(settings.BILLING_ENABLED and settings.STRIPE_SECRET_KEY and settings.BILLING_PACKS)
