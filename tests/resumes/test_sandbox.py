"""The parse sandbox: results and errors come back, time and memory are capped, crashes stay in the child."""

import ctypes
import dataclasses
import datetime
import os
import signal
import subprocess
import threading
import time
import zipfile

import pytest

from resumes.guard import GuardError, check_file
from resumes.parsing import ParseError, parse_bytes
from resumes.sandbox import (
    SandboxCrashed,
    SandboxError,
    SandboxFuncError,
    SandboxMemoryError,
    SandboxResultRejected,
    SandboxResultTooLarge,
    SandboxTimeout,
    run_sandboxed,
    run_sandboxed_with_stats,
)
from tests.resumes import hostile as h


class FakeParseError(Exception):
    """Shaped like resumes.parsing's ParseError(code, message)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):
        return (self.__class__, (self.code, self.message))


class CodeMessageError(Exception):
    """Shaped like resumes.parsing.errors.ParseError: no __reduce__, a formatted message in args."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class UnpicklableError(Exception):
    def __init__(self, code, message):  # no __reduce__: unpickling would call UnpicklableError(message)
        super().__init__(message)
        self.code = code


@dataclasses.dataclass
class Parsed:
    name: str
    when: datetime.date
    skills: list


def gone(pid: int) -> bool:
    """True once the process no longer exists at all (a zombie still does)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def dead(pid: int) -> bool:
    """Gone, or a zombie (for a grandchild, whose reaping is up to init)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_until_dead(pid: int, seconds: float = 5.0) -> bool:
    limit = time.monotonic() + seconds
    while not dead(pid):
        if time.monotonic() > limit:
            return False
        time.sleep(0.02)
    return True


# ------------------------------------------------------------------------------------------------- results


def test_result_comes_back():
    assert run_sandboxed(sorted, [3, 1, 2]) == [1, 2, 3]
    result = run_sandboxed(Parsed, "Jane", when=datetime.date(2024, 5, 1), skills=["Python"])
    assert result == Parsed("Jane", datetime.date(2024, 5, 1), ["Python"])


def test_func_really_runs_in_another_process():
    child = run_sandboxed(os.getpid)
    assert child != os.getpid()
    assert gone(child)  # reaped, not a zombie


def test_stats():
    result, stats = run_sandboxed_with_stats(bytes, 20 << 20)
    assert len(result) == 20 << 20  # 20 MB through the pipe: read while the child writes, no deadlock
    assert stats.exit == "exit 0"
    assert stats.child_peak_rss_mb > 20
    assert stats.wall_ms > 0 and stats.child_cpu_ms >= 0


def test_result_size_is_bounded():
    with pytest.raises(SandboxResultTooLarge) as caught:
        run_sandboxed(bytes, 2 << 20, max_result_bytes=1 << 20)
    assert caught.value.code == "parse_result_too_large"


def make_zip_info():
    return zipfile.ZipInfo("x")


def test_only_allow_listed_classes_come_back():
    with pytest.raises(SandboxResultRejected):
        run_sandboxed(make_zip_info)  # picklable, but zipfile is not a trusted package
    assert run_sandboxed(make_zip_info, trusted_modules=("zipfile",)).filename == "x"


class Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/sandbox-test-pwned",))


def test_a_hijacked_child_cannot_run_code_in_the_parent(tmp_path):
    marker = "/tmp/sandbox-test-pwned"
    if os.path.exists(marker):
        os.remove(marker)
    with pytest.raises(SandboxResultRejected):
        run_sandboxed(Evil)
    assert not os.path.exists(marker)


# ------------------------------------------------------------------------------------------------- errors


def raise_(exc):
    raise exc


def test_parse_error_arrives_intact():
    with pytest.raises(FakeParseError) as caught:
        run_sandboxed(raise_, FakeParseError("no_text_layer", "This looks like a scanned image."))
    assert (caught.value.code, caught.value.message) == ("no_text_layer", "This looks like a scanned image.")
    assert any("sandboxed child" in note for note in caught.value.__notes__)


def test_code_message_errors_are_rebuilt():
    with pytest.raises(CodeMessageError) as caught:
        run_sandboxed(raise_, CodeMessageError("no_text_layer", "Scanned."))
    assert (caught.value.code, caught.value.message) == ("no_text_layer", "Scanned.")
    assert caught.value.sandbox_stats.exit == "exit 0"


def test_the_parsers_parse_error_arrives_intact():
    errors = pytest.importorskip("resumes.parsing.errors")
    with pytest.raises(errors.ParseError) as caught:
        run_sandboxed(raise_, errors.ParseError("empty_file", "The file is empty."))
    assert (caught.value.code, caught.value.message) == ("empty_file", "The file is empty.")


def test_guard_error_from_the_child_arrives_intact():
    with pytest.raises(GuardError) as caught:
        run_sandboxed(check_file, b"", "pdf")
    assert caught.value.code == "empty"


def test_builtin_exceptions_are_re_raised():
    with pytest.raises(KeyError):
        run_sandboxed(dict().__getitem__, "missing")


def test_unpicklable_exception_becomes_sandbox_func_error():
    with pytest.raises(SandboxFuncError) as caught:
        run_sandboxed(raise_, UnpicklableError("docx_weird", "Something odd."))
    error = caught.value
    assert error.code == "docx_weird"
    assert error.message == "Something odd."
    assert error.type_name.endswith("test_sandbox.UnpicklableError")
    assert "raise_" in error.child_traceback


def test_system_exit_in_the_child_does_not_exit_the_parent():
    with pytest.raises(SandboxFuncError) as caught:
        run_sandboxed(raise_, SystemExit(3))
    assert caught.value.type_name == "builtins.SystemExit"
    assert caught.value.code == "parse_failed"


# --------------------------------------------------------------------------------------------- time limits


def sleep_and_report(path, seconds):
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)


def test_timeout_kills_and_reaps_the_child(tmp_path):
    pid_file = tmp_path / "pid"
    with pytest.raises(SandboxTimeout) as caught:
        run_sandboxed(sleep_and_report, pid_file, 60, timeout=0.5)
    error = caught.value
    assert error.code == "parse_timeout"
    assert error.message.startswith("Reading this file took too long (over 0.5 s), so we stopped.")
    assert error.stats.exit == "signal SIGKILL"
    assert gone(int(pid_file.read_text()))


def busy_loop():
    while True:
        pass


def test_timeout_stops_code_that_never_yields():
    with pytest.raises(SandboxTimeout):
        run_sandboxed(busy_loop, timeout=0.5)


def start_grandchild_and_sleep(path):
    child = subprocess.Popen(["sleep", "60"])
    with open(path, "w") as f:
        f.write(str(child.pid))
    time.sleep(60)


def test_timeout_kills_the_whole_process_group(tmp_path):
    pid_file = tmp_path / "pid"
    with pytest.raises(SandboxTimeout):
        run_sandboxed(start_grandchild_and_sleep, pid_file, timeout=1.0)
    assert wait_until_dead(int(pid_file.read_text()))


def test_timeout_must_be_positive():
    with pytest.raises(ValueError):
        run_sandboxed(sorted, [], timeout=0)


# ------------------------------------------------------------------------------------------- memory limits


def allocate(megabytes):
    return len(bytearray(megabytes << 20))


def allocate_gradually(megabytes):
    chunks = [bytearray(1 << 20) for _ in range(megabytes)]
    return len(chunks)


def test_memory_cap():
    with pytest.raises(SandboxMemoryError) as caught:
        run_sandboxed(allocate, 2048)
    assert caught.value.code == "parse_memory"
    assert "needed more memory than we allow (over 1,024 MB)" in caught.value.message
    with pytest.raises(SandboxMemoryError):
        run_sandboxed(allocate_gradually, 600, memory_limit=256 << 20)


def test_memory_cap_is_on_top_of_what_the_parent_already_has():
    assert run_sandboxed(allocate, 200, memory_limit=256 << 20) == 200 << 20


def test_no_memory_cap():
    assert run_sandboxed(allocate, 300, memory_limit=None) == 300 << 20


# ------------------------------------------------------------------------------------------------- crashes


def segfault():
    os.kill(os.getpid(), signal.SIGSEGV)


def null_dereference():
    return ctypes.string_at(0)


def test_segfault_is_contained():
    with pytest.raises(SandboxCrashed) as caught:
        run_sandboxed(segfault)
    assert caught.value.code == "parse_crashed"
    assert "SIGSEGV" in caught.value.message
    with pytest.raises(SandboxCrashed):
        run_sandboxed(null_dereference)


def test_hard_exit_is_a_crash():
    with pytest.raises(SandboxCrashed) as caught:
        run_sandboxed(os._exit, 3)
    assert "exit status 3" in caught.value.message


# ------------------------------------------------------------------------------------------------ threads


def test_works_from_a_worker_thread():
    outcome = {}

    def worker():
        try:
            outcome["result"] = run_sandboxed(sorted, "cba")
            run_sandboxed(raise_, FakeParseError("x", "y"))
        except FakeParseError as exc:
            outcome["error"] = exc.code

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert outcome == {"result": ["a", "b", "c"], "error": "x"}


def test_concurrent_sandboxes_do_not_wait_for_each_other(tmp_path):
    """A child forked by another thread inherits this call's pipe, so the parent must not wait for EOF."""
    pid_file = tmp_path / "pid"
    slow = threading.Thread(target=lambda: run_sandboxed(sleep_and_report, pid_file, 2, timeout=20))
    slow.start()
    while not pid_file.exists() or not pid_file.read_text():
        time.sleep(0.01)
    results = []
    threads = [threading.Thread(target=lambda: results.append(run_sandboxed(sum, [1, 2]))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [3, 3, 3, 3]
    assert not gone(int(pid_file.read_text()))  # the slow one is still running: nobody waited for it
    slow.join(30)
    assert gone(int(pid_file.read_text()))


# ------------------------------------------------------------------------------------------ hostile files


@pytest.mark.parametrize("name", h.SANDBOX_STAGE)
def test_hostile_files_that_pass_the_guard_are_stopped_by_the_sandbox(name):
    file = h.hostile(name)
    check_file(file.data, file.ext)
    with pytest.raises((SandboxError, ParseError)) as caught:
        run_sandboxed(parse_bytes, file.data, file.ext, timeout=3, memory_limit=512 << 20)
    assert caught.value.code in file.acceptable_codes
    assert caught.value.message.endswith(".")


def test_a_parse_that_needs_more_memory_than_its_cap_is_stopped():
    # The 200 MB inflating stream (which the guard refuses first) makes the real parser grow past 256 MB.
    data = h.hostile("inflate-200mb.pdf").data
    with pytest.raises(SandboxError) as caught:
        run_sandboxed(parse_bytes, data, "pdf", timeout=5, memory_limit=256 << 20)
    assert caught.value.code == "parse_memory"


@pytest.mark.parametrize(("name", "ext", "data"), h.valid_files(), ids=[v[0] for v in h.valid_files()])
def test_valid_files_parse_in_the_sandbox(name, ext, data):
    check_file(data, ext)
    assert "Jane Q. Example" in run_sandboxed(parse_bytes, data, ext, timeout=10).text
