"""A worker process killed in the middle of a run (SIGKILL while it waits for the model), then recovery.

This needs a broker that a separate `manage.py rundramatiq` process shares: Redis (the PostgreSQL pass). The
embedded pass covers the same recovery through the start-up sweep in test_pipeline.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from optimize import services
from optimize.models import AICall, Optimization
from tests.factories import resume as make_resume
from tests.jobs.factories import job_description
from tests.optimize.anthropic_server import AnthropicServer, tool_answer
from tests.optimize.factories import RESUME

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not settings.REDIS_URL, reason="a separate worker process needs the Redis broker"),
]
ROOT = Path(__file__).resolve().parent.parent.parent


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_run_whose_worker_is_killed_is_recovered(broker, transactional_db, owner, worker_env):
    server, env = worker_env
    # The model takes its time: the worker is inside the API call, in the "generating" stage, when it dies.
    server.script(tool_answer({"suggestions": []}, delay=120))
    resume = make_resume(owner)
    resume.parsed_sections = RESUME
    resume.save()
    optimization, _ = services.optimization_request(user=owner, resume=resume, job_description=job_description(owner))

    process = subprocess.Popen(
        [sys.executable, "manage.py", "rundramatiq", "--processes", "1", "--threads", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: len(server.requests) == 1), "the worker never reached the model"
        optimization.refresh_from_db()
        assert optimization.status == "generating" and optimization.score is not None
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    # What the dead worker left: a claimed run, its analysis, no suggestions, and nothing that will finish it.
    time.sleep(0.5)
    optimization.refresh_from_db()
    assert optimization.status == "generating" and optimization.suggestions.count() == 0

    # Recovery (`manage.py requeue_stuck`, or a worker's start-up sweep) hands it to a live worker.
    import dramatiq

    assert services.requeue_stuck(stuck_after=timedelta(0)) == 1
    live = dramatiq.Worker(broker, worker_threads=1, worker_timeout=50)
    live.start()
    try:
        assert wait_for(lambda: Optimization.objects.get(id=optimization.id).is_finished, timeout=30)
    finally:
        live.stop()
    optimization.refresh_from_db()
    assert optimization.status == "completed" and optimization.attempts == 2
    positions = list(optimization.suggestions.values_list("position", flat=True))
    assert positions == list(range(len(positions))) and positions
    assert AICall.objects.filter(optimization=optimization, operation="analyze").count() == 2


@pytest.fixture
def worker_env(settings):
    """A loopback Anthropic API, and the environment for a worker process on this test database."""
    server = AnthropicServer().start()
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AI_PROVIDERS": "anthropic,offline",
        "ANTHROPIC_API_KEY": "sk-ant-test",
        "ANTHROPIC_BASE_URL": server.base_url,
        "ANTHROPIC_TIMEOUT_SECONDS": "600",
        "PYTHONUNBUFFERED": "1",
    }
    # This process recovers the run with the offline engine only.
    settings.AI_PROVIDERS = ["offline"]
    yield server, env
    server.stop()
