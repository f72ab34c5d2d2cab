"""HTML -> PDF through the system Chromium, driven by Playwright's sync API.

One headless browser is kept warm per process. Playwright's sync API is bound to the thread that started it, so
a single dedicated thread owns the Playwright instance and the browser and serves render requests from a queue;
`render_pdf` may be called from any thread (web workers, Dramatiq threads, tests) and waits for its result.

Every render gets a fresh browser context (no cookies, cache or storage shared between users), JavaScript off
and every request other than `data:` aborted, so the content of a resume can never fetch or run anything.
A browser that died (crash, killed, closed) is relaunched once and the render retried.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A render that is still running this long after its time-out gets its browser killed: page.pdf() has no
# time-out of its own, and the worker thread must not stay stuck behind a pathological page.
HARD_GRACE_S = 5.0
# How long a caller waits for the worker to pick its request up (renders are serialised).
QUEUE_WAIT_S = 60.0
LAUNCH_TIMEOUT_MS = 30_000
_CLOSED_MARKERS = ("target closed", "has been closed", "browser closed", "connection closed", "target crashed")


class RenderError(Exception):
    """`code` is "timeout" or "render_failed"; `message` is safe to log, not meant for users."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def chromium_path() -> str:
    try:
        from django.conf import settings

        return getattr(settings, "CHROMIUM_PATH", DEFAULT_CHROMIUM) or DEFAULT_CHROMIUM
    except Exception:  # settings not configured (plain scripts)
        return os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)


@dataclass
class _Request:
    html: str | None
    timeout_s: float
    call: object = None  # a callable run in the worker thread instead of a render (tests, diagnostics)
    started: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    abandoned: bool = False
    result: object = None
    error: BaseException | None = None


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[1] == str(pid):
            out.append(int(entry))
    return out


def _browser_pids() -> set[int]:
    """Chromium main processes below this process (the Playwright driver's children), Linux only."""
    if not os.path.isdir("/proc"):
        return set()
    found = set()
    for driver in _children(os.getpid()):
        for pid in _children(driver):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    cmdline = handle.read()
            except OSError:
                continue
            if b"--remote-debugging-pipe" in cmdline and b"--type=" not in cmdline:
                found.add(pid)
    return found


def _is_closed_error(error: BaseException) -> bool:
    text = str(error).lower()
    return any(marker in text for marker in _CLOSED_MARKERS)


class _Worker:
    """The thread that owns Playwright and the browser."""

    def __init__(self) -> None:
        self.requests: queue.Queue[_Request | None] = queue.Queue()
        self.playwright = None
        self.browser = None
        self.browser_pid: int | None = None
        self.launches = 0
        # A fresh context and page opened while idle (opening a page costs ~150 ms); each serves ONE render.
        self.spare = None
        self.used: list = []
        self.thread = threading.Thread(target=self._loop, name="resume-pdf-chromium", daemon=True)
        self.thread.start()

    # --- in the worker thread -------------------------------------------------------------------------

    def _loop(self) -> None:
        try:
            while True:
                request = self.requests.get()
                if request is None:
                    break
                if request.abandoned:
                    request.done.set()
                    continue
                request.started.set()
                try:
                    if request.call is not None:
                        request.result = request.call(self)
                    else:
                        request.result = self._render(request)
                except BaseException as error:  # handed to the caller
                    request.error = error
                finally:
                    request.done.set()
                self._tidy()
        finally:
            self._close()

    def _launch(self) -> None:
        self._close_browser()
        if self.playwright is None:
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
        before = _browser_pids()
        self.browser = self.playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS, timeout=LAUNCH_TIMEOUT_MS
        )
        new = _browser_pids() - before
        self.browser_pid = new.pop() if len(new) == 1 else None
        self.launches += 1
        logger.info("chromium %s launched (pid %s)", self.browser.version, self.browser_pid)

    def _tidy(self) -> None:
        """Between requests: close the contexts of finished renders, then open the next render's page."""
        used, self.used = self.used, []
        for context in used:
            with contextlib.suppress(Exception):
                context.close()
        if self.spare is None and self.browser is not None and self.requests.empty():
            try:
                if self.browser.is_connected():
                    self.spare = self._new_page()
            except Exception:
                self.spare = None

    def _new_page(self):
        context = self.browser.new_context(java_script_enabled=False, offline=True, service_workers="block")
        try:
            context.route("**/*", _block_request)
            return context, context.new_page()
        except BaseException:
            with contextlib.suppress(Exception):
                context.close()
            raise

    def _close_browser(self) -> None:
        spare, self.spare = self.spare, None
        if spare is not None:
            with contextlib.suppress(Exception):
                spare[0].close()
        browser, self.browser, self.browser_pid = self.browser, None, None
        if browser is not None:
            with contextlib.suppress(Exception):
                browser.close()

    def _close(self) -> None:
        self._close_browser()
        playwright, self.playwright = self.playwright, None
        if playwright is not None:
            with contextlib.suppress(Exception):
                playwright.stop()

    def ensure_browser(self):
        if self.browser is None or not self.browser.is_connected():
            self._launch()
        return self.browser

    def _render(self, request: _Request) -> bytes:
        deadline = time.monotonic() + request.timeout_s
        try:
            self.ensure_browser()
        except Exception as error:
            raise RenderError("render_failed", f"could not launch Chromium: {error}") from error
        try:
            return self._render_once(request.html, deadline)
        except RenderError:
            raise
        except Exception as error:
            if not (_is_closed_error(error) or not self.browser.is_connected()):
                raise RenderError("render_failed", str(error)) from error
            logger.warning("chromium died during a render (%s): relaunching", error)
        try:
            self._launch()
            return self._render_once(request.html, deadline)
        except RenderError:
            raise
        except Exception as error:
            raise RenderError("render_failed", str(error)) from error

    def _render_once(self, html: str, deadline: float) -> bytes:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        def remaining_ms() -> float:
            left = (deadline - time.monotonic()) * 1000
            if left < 1:  # Playwright reads 0 as "no time-out"
                raise RenderError("timeout", "the render ran out of time")
            return left

        spare, self.spare = self.spare, None
        context, page = spare if spare is not None else self._new_page()
        self.used.append(context)
        try:
            try:
                page.set_content(html, wait_until="load", timeout=remaining_ms())
                remaining_ms()
                data = page.pdf(prefer_css_page_size=True, print_background=True)
            except PlaywrightTimeout as error:
                raise RenderError("timeout", f"the page did not load in time: {error}") from error
            if time.monotonic() > deadline:
                raise RenderError("timeout", "the render ran out of time")
            return data
        finally:
            if not self.requests.empty():  # no idle moment coming: close now
                self._tidy()

    # --- in any thread --------------------------------------------------------------------------------

    def submit(self, request: _Request) -> _Request:
        self.requests.put(request)
        return request

    def kill_browser(self) -> None:
        """SIGKILL the current Chromium from outside the worker thread (the worker notices and relaunches)."""
        pid = self.browser_pid
        if pid:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _block_request(route, request) -> None:
    if request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


_lock = threading.Lock()
_worker: _Worker | None = None


def _get_worker() -> _Worker:
    global _worker
    with _lock:
        if _worker is None or not _worker.thread.is_alive():
            _worker = _Worker()
        return _worker


def _wait(request: _Request, timeout_s: float, worker: _Worker):
    if not request.started.wait(QUEUE_WAIT_S):
        request.abandoned = True
        raise RenderError("timeout", "the PDF renderer is busy")
    if not request.done.wait(timeout_s + HARD_GRACE_S):
        request.abandoned = True
        worker.kill_browser()
        raise RenderError("timeout", f"the render did not finish within {timeout_s:g} s")
    if request.error is not None:
        error = request.error
        if isinstance(error, RenderError):
            raise RenderError(error.code, error.message) from error
        raise RenderError("render_failed", str(error)) from error
    return request.result


def render_pdf(html: str, *, timeout_s: float = 20) -> bytes:
    """Print `html` to PDF (CSS @page size honoured, backgrounds printed). Raises RenderError."""
    worker = _get_worker()
    request = worker.submit(_Request(html=html, timeout_s=float(timeout_s)))
    return _wait(request, float(timeout_s), worker)


def call_in_browser_thread(func, timeout_s: float = 30):
    """Run `func(worker)` in the browser thread (the Playwright objects live there). For tests and diagnostics."""
    worker = _get_worker()
    request = worker.submit(_Request(html=None, timeout_s=timeout_s, call=func))
    return _wait(request, timeout_s, worker)


def browser_info() -> dict:
    """The warm browser's identity: {"id": id(browser), "pid": chromium pid, "launches": n}; starts it if needed."""

    def info(worker: _Worker) -> dict:
        browser = worker.ensure_browser()
        return {"id": id(browser), "pid": worker.browser_pid, "launches": worker.launches}

    return call_in_browser_thread(info)


def shutdown(timeout_s: float = 10) -> None:
    """Close the browser and stop its thread; the next render starts a new one."""
    global _worker
    with _lock:
        worker, _worker = _worker, None
    if worker is None or not worker.thread.is_alive():
        return
    worker.requests.put(None)
    worker.thread.join(timeout_s)
    if worker.thread.is_alive():
        worker.kill_browser()


atexit.register(shutdown)
