"""Helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def corpus_dir() -> Path | None:
    value = os.environ.get("CORPUS_DIR")
    if not value or not Path(value).is_dir():
        print("CORPUS_DIR is not set (or missing): corpus benchmarks skipped")
        return None
    return Path(value)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def time_ms(func: Callable[[], object], repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def row(value: float, unit: str, target: str = "") -> dict:
    return {"value": round(value, 4) if isinstance(value, float) else value, "unit": unit, "target": target}


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms, n={len(values)}"
