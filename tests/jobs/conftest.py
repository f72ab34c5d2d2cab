import pytest

from tests.jobs.sources.boardserver import BoardServer


@pytest.fixture
def server():
    """A loopback server answering in each job board's real format (see tests/jobs/sources/boardserver.py)."""
    with BoardServer() as s:
        s.install_boards()
        yield s
