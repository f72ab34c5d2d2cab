"""Warm parse latency (p50/p95) for resumes of at most two pages.

With CORPUS_DIR set, every corpus resume PDF of <= 2 pages is timed; otherwise generated PDFs are used.
Run: CORPUS_DIR=../shared/corpus .venv/bin/python bench/parse_speed.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resumes.parsing import parse_bytes

REPEATS = 7


def _corpus_pdfs(corpus: Path) -> list[tuple[str, bytes]]:
    import pypdfium2 as pdfium

    out = []
    for path in sorted((corpus / "resumes").rglob("*.pdf")):
        data = path.read_bytes()
        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
        pdf.close()
        if pages <= 2:
            out.append((path.name, data))
    return out


def _generated_pdfs() -> list[tuple[str, bytes]]:
    from tests.resumes.parsing.samples import sample_pdfs

    return list(sample_pdfs().items())


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _production_path():
    """The worker's path: guard, then the parse in a forked sandbox. Falls back to the bare parser outside Django."""
    try:
        from resumes.services import parse_file

        parse_file(b"Warm Up\nwarm@example.com\n", "txt")
        return parse_file, "guard + sandboxed parse (the worker's path)"
    except Exception:  # no Django settings: plain `python bench/parse_speed.py`
        return parse_bytes, "parse_bytes in-process (no Django settings)"


def _time(func, data: bytes) -> float:
    func(data, "pdf")  # warm-up: imports, font caches
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        func(data, "pdf")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> dict:
    corpus_dir = os.environ.get("CORPUS_DIR")
    docs = _corpus_pdfs(Path(corpus_dir)) if corpus_dir else _generated_pdfs()
    source = "corpus" if corpus_dir else "generated"
    path, described = _production_path()
    bare: list[float] = []
    per_doc: list[float] = []
    print(f"timing: {described}; {source} PDFs of <= 2 pages, median of {REPEATS} warm runs each")
    print(f"{'file':45} {'parse ms':>9} {'worker path ms':>15}")
    for name, data in docs:
        bare.append(_time(parse_bytes, data))
        per_doc.append(_time(path, data))
        print(f"{name:45} {bare[-1]:9.1f} {per_doc[-1]:15.1f}")
    p50, p95 = _percentile(per_doc, 50), _percentile(per_doc, 95)
    print(f"parser alone: p50 {_percentile(bare, 50):.1f} ms, p95 {_percentile(bare, 95):.1f} ms")
    print(f"worker path:  p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(per_doc)} resumes")
    return {
        "parse.p50_ms": {"value": round(p50, 1), "unit": "ms", "target": "<= 150"},
        "parse.p95_ms": {"value": round(p95, 1), "unit": "ms", "target": "<= 150"},
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
