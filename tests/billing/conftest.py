from __future__ import annotations

import pytest


@pytest.fixture
def billing_on(settings):
    settings.BILLING_ENABLED = True
    settings.BILLING_FREE_CREDITS = 3
    settings.BILLING_COSTS = {"optimization": 1, "generation": 1}
    return settings
