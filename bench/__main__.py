"""`make bench`: run every benchmark, print one table, write var/bench/results.json.

Each module in BENCHMARKS exposes `run() -> dict[str, {"value", "unit", "target"}]`; it may print its own
detail tables first. Benchmarks that need the shared corpus read CORPUS_DIR and return {} without it.
With DATABASE_URL / REDIS_URL set they run on PostgreSQL and Redis.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

BENCHMARKS = [
    "bench.web",
    "bench.parse_accuracy",
    "bench.parse_speed",
    "bench.parse_pipeline",
    "bench.parse_hostile",
    "bench.skills",
    "bench.jd_fields",
    "bench.jobs_ingest",
    "bench.jobs_search",
    "bench.optimize",
    "bench.optimize_guard",
    "bench.export",
    "bench.tracker",
    "bench.matching",
    "bench.insights",
    "bench.cover_letters",
    "bench.billing",
]

ROOT = Path(__file__).resolve().parent.parent


def meets(value: float, target: str) -> str:
    target = (target or "").strip()
    for op in ("<=", ">=", "==", "=", "<", ">"):
        if target.startswith(op):
            try:
                bound = float(target[len(op) :].split()[0])
            except ValueError:
                return ""
            ok = {
                "<=": value <= bound,
                ">=": value >= bound,
                "=": value == bound,
                "==": value == bound,
                "<": value < bound,
                ">": value > bound,
            }[op]
            return "yes" if ok else "NO"
    return ""


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # The benches drive views with Django's test client (host "testserver", e-mail kept in memory).
    setup_test_environment()
    results: dict[str, dict] = {}
    failures = 0
    for name in BENCHMARKS:
        started = time.perf_counter()
        print(f"\n### {name}")
        try:
            rows = importlib.import_module(name).run() or {}
        except Exception:
            failures += 1
            traceback.print_exc()
            continue
        results.update(rows)
        print(f"({name} took {time.perf_counter() - started:.1f} s)")

    print("\n| name | value | unit | target | met |\n| --- | ---: | --- | --- | --- |")
    for key in sorted(results):
        row = results[key]
        value = row["value"]
        shown = f"{value:.4g}" if isinstance(value, float) else str(value)
        target = row.get("target", "")
        print(f"| {key} | {shown} | {row.get('unit', '')} | {target} | {meets(float(value), target)} |")

    out = ROOT / "var" / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
