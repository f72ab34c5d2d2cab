from __future__ import annotations

import pytest

from jobs.sources import make_client
from tests.jobs.sources.boardserver import FAST_RETRIES


@pytest.fixture
def client():
    with make_client(connect=1.0, read=0.3) as c:
        yield c


@pytest.fixture
def fast():
    return dict(FAST_RETRIES)
