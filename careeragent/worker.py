"""The embedded worker: a real Dramatiq worker running inside the server process.

In the embedded default there is no Redis; the broker is Dramatiq's in-memory broker, so the worker has to live
in the process that enqueues. `manage.py serve` starts it beside the web server. With REDIS_URL set, run
`manage.py rundramatiq` as separate processes instead (on any number of machines).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import dramatiq
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from dramatiq.brokers.stub import StubBroker

logger = logging.getLogger(__name__)

# Functions run once when a worker starts, to recover work a dead worker left behind (for example runs stuck
# in "running"). Apps register them from their AppConfig.ready().
_startup_sweeps: list[Callable[[], object]] = []
_lock = threading.Lock()
_worker: dramatiq.Worker | None = None


def register_startup_sweep(func: Callable[[], object]) -> Callable[[], object]:
    if func not in _startup_sweeps:
        _startup_sweeps.append(func)
    return func


def run_startup_sweeps() -> None:
    for sweep in _startup_sweeps:
        try:
            result = sweep()
            logger.info("startup sweep %s.%s: %s", sweep.__module__, sweep.__qualname__, result)
        except Exception:
            logger.exception("startup sweep %s.%s failed", sweep.__module__, sweep.__qualname__)


def load_actors() -> None:
    """Import every app's actors module so the worker knows every actor before it takes messages."""
    autodiscover_modules(*settings.DRAMATIQ_AUTODISCOVER_MODULES)


def start_worker(*, threads: int | None = None, sweeps: bool = True) -> dramatiq.Worker:
    global _worker
    with _lock:
        if _worker is not None:
            return _worker
        load_actors()
        if sweeps:
            run_startup_sweeps()
        broker = dramatiq.get_broker()
        broker.emit_after("process_boot")
        worker = dramatiq.Worker(broker, worker_threads=threads or settings.EMBEDDED_WORKER_THREADS, worker_timeout=100)
        worker.start()
        _worker = worker
        logger.info("embedded worker started with %s threads", worker.worker_threads)
        return worker


def stop_worker() -> None:
    global _worker
    with _lock:
        if _worker is None:
            return
        shut_down(_worker)
        dramatiq.get_broker().emit_before("process_stop")
        _worker = None


def shut_down(worker: dramatiq.Worker, timeout_ms: int = 5000) -> None:
    """Stop `worker` and detach it from its broker.

    Dramatiq's Worker leaves its hook on the broker after stop(); a queue declared later would then start a
    consumer for the dead worker that takes messages nobody processes. Detaching prevents that when workers
    come and go within one process (tests, or a restarted embedded worker).
    """
    worker.stop(timeout=timeout_ms)
    broker = worker.broker
    broker.middleware[:] = [m for m in broker.middleware if getattr(m, "worker", None) is not worker]


def is_embedded_broker() -> bool:
    return isinstance(dramatiq.get_broker(), StubBroker)


def start_scheduler() -> threading.Thread:
    """Run the dramatiq-crontab schedule (every `@cron` actor) in a daemon thread of this process.

    The embedded mode's stand-in for `manage.py crontab`: the jobs it sends go to the in-memory broker and so to
    the in-process worker. Production runs `manage.py crontab` once instead.
    """
    from dramatiq_crontab import scheduler

    load_actors()  # importing the actors registers their schedules
    thread = threading.Thread(target=scheduler.start, name="scheduler", daemon=True)
    thread.start()
    return thread
