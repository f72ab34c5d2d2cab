"""Hostile uploads: every one must be refused, by the guard or by the sandboxed parse, without the worker
(this process) growing.

For each file of tests/resumes/hostile.py: `resumes.guard.check_file`, then the parse in `run_sandboxed`
with the production memory cap (1 GB) and a bench-specific 5 s timeout instead of the production 15 s (set
BENCH_HOSTILE_TIMEOUT to change it), so the three files that only a limit can stop cost 5 s each rather than
15. The parse is the product's own, `resumes.parsing.parse_bytes`. A few valid files run the same way as a
control: they must come through.

Run alone: `.venv/bin/python -m bench.parse_hostile`.
"""

from __future__ import annotations

import os
import resource
import time

from resumes.guard import GuardError, check_file
from resumes.parsing import parse_bytes
from resumes.sandbox import DEFAULT_MEMORY_LIMIT, SandboxError, run_sandboxed_with_stats
from tests.resumes.hostile import HOSTILE_NAMES, hostile, valid_files

TIMEOUT = float(os.environ.get("BENCH_HOSTILE_TIMEOUT", "5"))


def _attempt(parse, data: bytes, ext: str) -> tuple[str, str, float, float | None]:
    """(outcome code or "accepted", where it stopped, milliseconds, child peak RSS in MB)."""
    started = time.perf_counter()
    try:
        check_file(data, ext)
    except GuardError as error:
        return error.code, "guard", (time.perf_counter() - started) * 1000, None
    try:
        _, stats = run_sandboxed_with_stats(parse, data, ext, timeout=TIMEOUT, memory_limit=DEFAULT_MEMORY_LIMIT)
    except SandboxError as error:
        stats = error.stats
        outcome = error.code
    except Exception as error:  # the parser's own refusal (ParseError, GuardError), re-raised from the child
        stats = getattr(error, "sandbox_stats", None)
        outcome = getattr(error, "code", type(error).__name__)
    else:
        outcome = "accepted"
    elapsed = (time.perf_counter() - started) * 1000
    return outcome, "sandbox", elapsed, stats.child_peak_rss_mb if stats else None


def run() -> dict:
    parse = parse_bytes
    print(f"parse.hostile: guard, then resumes.parsing.parse_bytes sandboxed (timeout {TIMEOUT:g} s, memory +1 GB)")
    header = f"{'file':44} {'size':>9} {'outcome':24} {'expected':9} {'stopped at':10} {'ms':>8} {'child MB':>9}"
    print(header)
    print("-" * len(header))
    rejected = 0
    for name in HOSTILE_NAMES:
        file = hostile(name)
        outcome, where, ms, peak = _attempt(parse, file.data, file.ext)
        rejected += outcome != "accepted"
        expected = "yes" if outcome in file.acceptable_codes else f"no ({file.expected_code})"
        shown_peak = f"{peak:9.0f}" if peak is not None else f"{'-':>9}"
        print(f"{name:44} {len(file.data):9,} {outcome:24} {expected:9} {where:10} {ms:8.1f} {shown_peak}")
    controls_ok = 0
    for name, ext, data in valid_files():
        outcome, where, ms, peak = _attempt(parse, data, ext)
        controls_ok += outcome == "accepted"
        shown_peak = f"{peak:9.0f}" if peak is not None else f"{'-':>9}"
        print(f"{'(valid) ' + name:44} {len(data):9,} {outcome:24} {'':9} {where:10} {ms:8.1f} {shown_peak}")
    worker_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"valid controls accepted: {controls_ok}/{len(valid_files())}; worker peak RSS {worker_peak_mb:.0f} MB")
    return {
        "parse.hostile.rejected_fraction": {
            "value": round(rejected / len(HOSTILE_NAMES), 4),
            "unit": "",
            "target": "= 1.0",
        },
        "parse.hostile.worker_peak_mb": {"value": round(worker_peak_mb, 1), "unit": "MB", "target": "<= 512"},
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(key, value)
