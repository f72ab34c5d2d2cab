"""Run an untrusted-input parse in a forked child with a memory cap and a wall-clock kill.

A Dramatiq time limit raises an exception in the worker thread, which cannot interrupt C code (pdfium, zlib,
lxml) and cannot give memory back, so a hostile file could pin a worker forever or take the machine's memory.
`run_sandboxed` forks the current process (the parsers are already imported, so the child starts in about a
millisecond instead of the ~200 ms of a new interpreter), runs `func` there under RLIMIT_AS, sends the result
back over a pipe and leaves with `os._exit`. The parent kills the child's process group with SIGKILL at the
deadline and always reaps it.

The child is not a security boundary against code execution (same user, same files, inherited sockets); it
bounds time and memory and keeps crashes of C code out of the worker. Because a child that was taken over by a
malicious file could send anything back, the parent unpickles only allow-listed classes (see `_Unpickler`).

Rules for `func`: it runs in a copy of the process, so it must not use inherited database or network
connections (the child never closes them: `os._exit` skips all cleanup), and it must return something
picklable made of builtins, dates/decimals, or classes from `resumes` or func's own top-level package (more
via `trusted_modules`). Exceptions it raises are re-raised in the parent as themselves when they pickle
cleanly, or when they have the shape `SomeError(code, message)` with both stored as attributes (so the
parser's `ParseError` arrives intact), otherwise as `SandboxFuncError` carrying the type name, message and
`code`. A re-raised exception carries the child's traceback as a note and the run's `sandbox_stats`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import io
import math
import os
import pickle
import resource
import select
import signal
import struct
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any

DEFAULT_MEMORY_LIMIT = 1 << 30
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_RESULT_BYTES = 32 << 20

_HEADER = struct.Struct("!Q")
_EXIT_INTERNAL = 70  # the child failed outside func (could not even report)
_EXIT_MEMORY = 71  # the child ran out of memory while reporting
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Fatal signals that C code raises when an allocation fails under RLIMIT_AS (abort on bad_alloc, pdfium's
# PartitionAlloc OOM_CRASH traps, or a NULL dereference after an unchecked malloc).
_OOM_LIKE_SIGNALS = {signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGTRAP, signal.SIGILL}

try:  # resolved here, in the parent, so that the child never calls dlopen after fork
    _prctl = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).prctl
except (OSError, AttributeError):  # pragma: no cover (not Linux)
    _prctl = None
_PR_SET_PDEATHSIG = 1


class SandboxError(Exception):
    """The sandboxed parse did not produce a result. `code` and `message` are shown to the person."""

    code = "parse_failed"

    def __init__(self, message: str, *, stats: SandboxStats | None = None):
        super().__init__(message)
        self.message = message
        self.stats = stats

    def __reduce__(self):
        return (self.__class__, (self.message,), self.__dict__)


class SandboxTimeout(SandboxError):
    code = "parse_timeout"


class SandboxMemoryError(SandboxError):
    code = "parse_memory"


class SandboxCrashed(SandboxError):
    code = "parse_crashed"


class SandboxResultTooLarge(SandboxError):
    code = "parse_result_too_large"


class SandboxResultRejected(SandboxError):
    """The child sent back a class that is not allow-listed (a programming error, or a hijacked child)."""

    code = "parse_crashed"


class SandboxFuncError(SandboxError):
    """func raised an exception that could not be re-raised as itself in the parent.

    `code` is the original exception's string `code` attribute when it had one, else "parse_failed".
    """

    def __init__(
        self,
        message: str,
        *,
        type_name: str = "",
        code: str | None = None,
        child_traceback: str = "",
        stats: SandboxStats | None = None,
    ):
        super().__init__(message, stats=stats)
        self.type_name = type_name
        if code:
            self.code = code
        self.child_traceback = child_traceback

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}" if self.type_name else self.message


@dataclass(frozen=True)
class SandboxStats:
    wall_ms: float
    child_peak_rss_mb: float  # includes the pages the child shares with the parent right after fork
    child_added_rss_mb: float  # peak RSS minus the parent's RSS at fork: roughly what the parse itself used
    child_cpu_ms: float
    exit: str  # "exit 0", "signal SIGKILL", ...


def run_sandboxed(func, /, *args, **kwargs) -> Any:
    """`func(*args, **kwargs)` in a forked child; returns its result or raises a SandboxError (or func's own
    exception). Keyword arguments `memory_limit`, `timeout`, `max_result_bytes` and `trusted_modules` are the
    sandbox's own (see `run_sandboxed_with_stats`)."""
    return run_sandboxed_with_stats(func, *args, **kwargs)[0]


def run_sandboxed_with_stats(
    func,
    /,
    *args,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    trusted_modules: tuple[str, ...] = (),
    **kwargs,
) -> tuple[Any, SandboxStats]:
    """Like `run_sandboxed`, also returning `SandboxStats`. Raised SandboxErrors carry `.stats` too.

    memory_limit: bytes of address space the child may add to what it inherits (the worker's own mappings,
        thread stacks and malloc arenas, which can be large in a threaded process, are not counted against
        it); None for no cap.
    timeout: seconds of wall-clock time before the child is killed with SIGKILL.
    max_result_bytes: the largest pickled result accepted.
    """
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    trusted = _trusted_prefixes(func, trusted_modules)
    parent_rss = _current_rss()
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    try:
        pid = os.fork()
    except OSError:  # EAGAIN/ENOMEM: no child to supervise
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:  # the child: never returns
        try:
            os.close(read_fd)
            _child_main(write_fd, func, args, kwargs, memory_limit, timeout, max_result_bytes)
        finally:
            os._exit(_EXIT_INTERNAL)

    os.close(write_fd)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also done in the child; whichever runs first wins the race
    supervisor = _Supervisor(pid, read_fd, started + timeout, max_result_bytes)
    try:
        payload, timed_out, too_big, status, usage = supervisor.run()
    finally:
        supervisor.close()

    wall_ms = (time.monotonic() - started) * 1000
    stats = SandboxStats(
        wall_ms=round(wall_ms, 1),
        child_peak_rss_mb=round(usage.ru_maxrss / 1024, 1) if usage else 0.0,
        child_added_rss_mb=round(max(0, usage.ru_maxrss * 1024 - parent_rss) / (1 << 20), 1) if usage else 0.0,
        child_cpu_ms=round((usage.ru_utime + usage.ru_stime) * 1000, 1) if usage else 0.0,
        exit=_describe_status(status),
    )
    if timed_out:
        raise SandboxTimeout(_timeout_message(timeout), stats=stats)
    if too_big:
        raise SandboxResultTooLarge(_too_big_message(), stats=stats)
    if payload is not None:
        return _decode(payload, trusted, memory_limit, stats), stats
    raise _error_from_status(status, usage, parent_rss, memory_limit, timeout, stats)


# ------------------------------------------------------------------------------------------------ messages

_RETRY = "Try exporting it again as PDF or DOCX, or upload a plain-text (.txt) version."


def _timeout_message(timeout: float) -> str:
    return f"Reading this file took too long (over {timeout:g} s), so we stopped. {_RETRY}"


def _memory_message(memory_limit: int | None) -> str:
    limit = f" (over {memory_limit / (1 << 20):,.0f} MB)" if memory_limit else ""
    return f"Reading this file needed more memory than we allow{limit}, so we stopped. {_RETRY}"


def _crash_message(detail: str) -> str:
    return f"Our file reader crashed on this file ({detail}), so we stopped. {_RETRY}"


def _too_big_message() -> str:
    return f"Reading this file produced far more data than a resume holds, so we stopped. {_RETRY}"


# --------------------------------------------------------------------------------------------------- child


def _child_main(fd, func, args, kwargs, memory_limit, timeout, max_result_bytes) -> None:
    parent = os.getppid()
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)  # our own process group, so that one killpg takes anything we start
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # die with the parent thread
        if os.getppid() != parent:
            os._exit(_EXIT_INTERNAL)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGCHLD):
        with contextlib.suppress(OSError, ValueError):
            signal.signal(sig, signal.SIG_DFL)  # not the worker's handlers
    gc.freeze()  # inherited objects stay out of collections, so their pages are not copied
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = math.ceil(timeout) + 2  # a backstop should the parent die without killing us
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
    if memory_limit is not None:
        cap = _current_vm_size() + memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    memory_frame = _frame(pickle.dumps(("memory",)))  # built before func can use up the memory
    try:
        try:
            result = func(*args, **kwargs)
            payload = pickle.dumps(("ok", result), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = None
        except BaseException as exc:
            payload = _pickle_exception(exc)
        if payload is None:
            frame = memory_frame
        elif len(payload) > max_result_bytes:
            frame = _frame(pickle.dumps(("too_big", len(payload))))
        else:
            frame = _frame(payload)
        del payload
    except MemoryError:
        frame = memory_frame
    try:
        _write_all(fd, frame)
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    except OSError:
        os._exit(_EXIT_INTERNAL)
    os._exit(0)


def _pickle_exception(exc: BaseException) -> bytes:
    info = {
        "type": f"{type(exc).__module__}.{type(exc).__qualname__}",
        "message": str(getattr(exc, "message", "") or exc)[:2000],
        "code": exc.code if isinstance(getattr(exc, "code", None), str) else None,
        "traceback": "".join(traceback.format_exception(exc))[-20_000:],
        "pickled": None,
        "rebuild": None,
    }
    try:
        blob = pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(blob)  # noqa: S301 (our own bytes); an exception whose __init__ differs fails here
        info["pickled"] = blob
    except Exception:
        # The usual shape of our errors, `SomeError(code, message)` storing both as attributes, does not
        # pickle by default (Exception pickles its args, here a formatted string); rebuild it in the parent.
        code, message = getattr(exc, "code", None), getattr(exc, "message", None)
        if isinstance(code, str) and isinstance(message, str):
            with contextlib.suppress(Exception):
                rebuilt = type(exc)(code, message)
                if (rebuilt.code, rebuilt.message) == (code, message):
                    info["rebuild"] = pickle.dumps((type(exc), code, message))
    return pickle.dumps(("exc", info), protocol=pickle.HIGHEST_PROTOCOL)


def _frame(payload: bytes) -> bytes:
    return _HEADER.pack(len(payload)) + payload


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


# -------------------------------------------------------------------------------------------------- parent


class _Supervisor:
    """Reads the child's frame while it runs (so a large result never blocks it) until the frame is complete,
    the child exits, or the deadline passes; then reaps it."""

    def __init__(self, pid: int, read_fd: int, deadline: float, max_result_bytes: int):
        self.pid = pid
        self.fd = read_fd
        self.deadline = deadline
        self.limit = max_result_bytes + 1024  # the child pickles a short "too_big" note itself
        self.buf = bytearray()
        self.reaped = False
        self.status: int | None = None
        self.usage = None
        self.pidfd = None
        with contextlib.suppress(AttributeError, OSError):
            self.pidfd = os.pidfd_open(pid)  # Linux >= 5.3: poll tells us when the child exits

    def run(self):
        timed_out = too_big = False
        exited = False
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        if self.pidfd is not None:
            poller.register(self.pidfd, select.POLLIN)
        while not self._complete():
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            wait_ms = math.ceil(remaining * 1000) if self.pidfd is not None else min(50, math.ceil(remaining * 1000))
            events = poller.poll(wait_ms)
            eof = False
            for fd, _ in events:
                if fd == self.fd:
                    chunk = os.read(self.fd, 1 << 20)
                    if chunk:
                        self.buf += chunk
                    else:
                        eof = True
                elif fd == self.pidfd:
                    exited = True
            if self.pidfd is None and not events:
                exited = self._poll_exit()
            if len(self.buf) > self.limit + _HEADER.size:
                too_big = True
                break
            if eof:
                break
            if exited:
                # Another concurrently forked child may hold our pipe's write end, so EOF is not guaranteed:
                # take what the exited child left in the pipe and stop.
                self._drain()
                break
        if timed_out or too_big:
            self._kill()
        status, usage = self._reap(grace=not (timed_out or too_big))
        payload = None
        if not (timed_out or too_big) and self._complete():
            payload = bytes(self.buf[_HEADER.size :])
        return payload, timed_out, too_big, status, usage

    def _complete(self) -> bool:
        if len(self.buf) < _HEADER.size:
            return False
        (length,) = _HEADER.unpack_from(self.buf)
        return len(self.buf) >= _HEADER.size + length

    def _drain(self) -> None:
        os.set_blocking(self.fd, False)
        try:
            while len(self.buf) <= self.limit + _HEADER.size:
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    break
                self.buf += chunk
        except BlockingIOError:
            pass

    def _poll_exit(self) -> bool:
        try:
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
        except ChildProcessError:
            self.reaped, self.status, self.usage = True, None, None
            return True
        if pid:
            self.reaped, self.status, self.usage = True, status, usage
            return True
        return False

    def _kill(self) -> None:
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
                return
            except (ProcessLookupError, PermissionError):
                continue

    def _reap(self, *, grace: bool):
        if self.reaped:
            return self.status, self.usage
        if grace:  # the child has sent its frame (or closed the pipe) and is on its way out
            limit = time.monotonic() + 2.0
            while not self._poll_exit():
                if time.monotonic() > limit:
                    self._kill()
                    break
                time.sleep(0.001)
            if self.reaped:
                return self.status, self.usage
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:  # someone else reaped it (a SIGCHLD handler calling waitpid(-1))
            status, usage = None, None
        self.reaped = True
        return status, usage

    def close(self) -> None:
        if not self.reaped:  # we are leaving on an exception (KeyboardInterrupt...): leave no child behind
            self._kill()
            with contextlib.suppress(ChildProcessError):
                os.wait4(self.pid, 0)
            self.reaped = True
        os.close(self.fd)
        if self.pidfd is not None:
            os.close(self.pidfd)


def _describe_status(status: int | None) -> str:
    if status is None:
        return "unknown"
    if os.WIFSIGNALED(status):
        return f"signal {_signal_name(os.WTERMSIG(status))}"
    return f"exit {os.waitstatus_to_exitcode(status)}"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _error_from_status(status, usage, parent_rss, memory_limit, timeout, stats) -> SandboxError:
    if status is None:
        return SandboxCrashed(_crash_message("it ended without a result"), stats=stats)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return SandboxTimeout(_timeout_message(timeout), stats=stats)
        if sig == signal.SIGKILL:  # not ours (we only kill on timeout): the kernel's OOM killer
            return SandboxMemoryError(_memory_message(memory_limit), stats=stats)
        if sig in _OOM_LIKE_SIGNALS and memory_limit and usage is not None:
            # C code that cannot allocate usually dies this way. RSS is below the address-space cap, so call
            # it a memory failure when the child's resident growth came within reach of the cap.
            added = usage.ru_maxrss * 1024 - parent_rss
            if added > memory_limit * 0.5:
                return SandboxMemoryError(_memory_message(memory_limit), stats=stats)
        return SandboxCrashed(_crash_message(f"signal {_signal_name(sig)}"), stats=stats)
    code = os.waitstatus_to_exitcode(status)
    if code == _EXIT_MEMORY:
        return SandboxMemoryError(_memory_message(memory_limit), stats=stats)
    return SandboxCrashed(_crash_message(f"exit status {code}"), stats=stats)


def _decode(payload: bytes, trusted: tuple[str, ...], memory_limit, stats: SandboxStats):
    try:
        message = _Unpickler(io.BytesIO(payload), trusted).load()
    except _Rejected as exc:
        raise SandboxResultRejected(
            _crash_message(f"it sent back {exc}, which is not an allowed type"), stats=stats
        ) from None
    except Exception as exc:
        raise SandboxCrashed(_crash_message(f"unreadable result: {exc}"), stats=stats) from None
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "memory":
        raise SandboxMemoryError(_memory_message(memory_limit), stats=stats)
    if kind == "too_big":
        raise SandboxResultTooLarge(_too_big_message(), stats=stats)
    if kind == "exc":
        info = message[1]
        original = None
        if info["pickled"] is not None:
            # Not allow-listed or not loadable: reported generically below.
            with contextlib.suppress(Exception):
                original = _Unpickler(io.BytesIO(info["pickled"]), trusted).load()
        elif info["rebuild"] is not None:
            with contextlib.suppress(Exception):
                cls, code, message = _Unpickler(io.BytesIO(info["rebuild"]), trusted).load()
                if isinstance(cls, type) and issubclass(cls, Exception):
                    original = cls(code, message)
        if isinstance(original, BaseException) and not isinstance(original, (SystemExit, KeyboardInterrupt)):
            original.add_note("Raised in the sandboxed child process:\n" + info["traceback"])
            original.sandbox_stats = stats
            raise original
        raise SandboxFuncError(
            info["message"],
            type_name=info["type"],
            code=info["code"],
            child_traceback=info["traceback"],
            stats=stats,
        )
    raise SandboxCrashed(_crash_message("unknown result"), stats=stats)


# ----------------------------------------------------------------------------------- restricted unpickling

_SAFE_BUILTINS = {
    "dict", "list", "tuple", "set", "frozenset", "bytes", "bytearray", "str", "int", "float", "complex",
    "bool", "slice", "range", "object",
}  # fmt: skip
_SAFE_MODULES = {"datetime", "decimal", "fractions", "collections", "uuid", "enum", "pathlib"}


class _Rejected(Exception):
    pass


class _Unpickler(pickle.Unpickler):
    """Loads only classes: builtins' plain types and exceptions, a few stdlib value types, any exception
    class, and classes from trusted packages; and only from modules the process has already imported."""

    def __init__(self, file, trusted: tuple[str, ...]):
        super().__init__(file)
        self.trusted = trusted

    def find_class(self, module: str, name: str):
        if module not in sys.modules:
            raise _Rejected(f"{module}.{name}")
        obj = super().find_class(module, name)
        if not isinstance(obj, type):
            raise _Rejected(f"{module}.{name}")
        if module == "builtins":
            if name in _SAFE_BUILTINS or issubclass(obj, BaseException):
                return obj
            raise _Rejected(f"{module}.{name}")
        top = module.partition(".")[0]
        if top in _SAFE_MODULES or top in self.trusted or issubclass(obj, BaseException):
            return obj
        raise _Rejected(f"{module}.{name}")


def _trusted_prefixes(func, extra: tuple[str, ...]) -> tuple[str, ...]:
    own = (getattr(func, "__module__", None) or "").partition(".")[0]
    return tuple({"resumes", own, *(m.partition(".")[0] for m in extra)} - {"", "builtins"})


# ------------------------------------------------------------------------------------------------- /proc


def _statm(field: int) -> int:
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[field]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):  # pragma: no cover (not Linux)
        return 0


def _current_vm_size() -> int:
    return _statm(0)


def _current_rss() -> int:
    return _statm(1)
