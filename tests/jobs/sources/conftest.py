from __future__ import annotations

import pytest

from jobs.sources import make_client
from tests.jobs.sources.boardserver import BoardServer

# Retry settings that keep the suite fast: tiny backoff, a short Retry-After cap.
FAST = {"backoff_base_s": 0.01, "backoff_cap_s": 0.05, "retry_after_cap_s": 0.2, "deadline_s": 10}


@pytest.fixture
def server():
    with BoardServer() as s:
        s.install_boards()
        yield s


@pytest.fixture
def client():
    with make_client(connect=1.0, read=0.3) as c:
        yield c


@pytest.fixture
def fast():
    return dict(FAST)
