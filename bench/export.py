"""Export round trip: every resume x every design x PDF/DOCX/TXT is exported, read back by our parser and scored.

Sources are the corpus resumes (PDF/DOCX under $CORPUS_DIR/resumes, parsed through the worker's path) or, without
CORPUS_DIR, the generated fixtures of tests/resumes/parsing/samples.py. Field recovery is
`resumes.export.readback.read_back`'s score; critical recovery covers name, e-mail, phone, employers, job titles
and experience dates. Latencies are the export alone (PDF: HTML rendering plus Chromium printing, browser warm).
Plain text has no design, so it is exported once per resume (shown as template "-").

Run: CORPUS_DIR=../shared/corpus DEBUG=true .venv/bin/python -m bench.export
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORST = 20


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careeragent.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def _sources() -> tuple[str, list[tuple[str, dict]]]:
    from resumes.parsing import parse_bytes

    corpus = os.environ.get("CORPUS_DIR")
    if corpus and Path(corpus, "resumes").is_dir():
        from resumes.services import ParseFailure, parse_file

        root = Path(corpus, "resumes")
        out = []
        for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in (".pdf", ".docx")):
            try:
                out.append(
                    (str(path.relative_to(root)), parse_file(path.read_bytes(), path.suffix[1:].lower()).sections)
                )
            except ParseFailure as error:
                print(f"skipped {path.name}: {error.code}")
        return "corpus", out
    from tests.resumes.parsing.samples import resume_docx, sample_pdfs

    out = [(name, parse_bytes(data, "pdf").sections) for name, data in sample_pdfs().items()]
    out.append(("resume.docx", parse_bytes(resume_docx(), "docx").sections))
    out.append(("resume-table.docx", parse_bytes(resume_docx(use_table=True), "docx").sections))
    return "generated", out


def _timed(func):
    started = time.perf_counter()
    value = func()
    return value, (time.perf_counter() - started) * 1000


def run() -> dict:
    _setup_django()
    from resumes.export.docx import render_docx
    from resumes.export.html import TEMPLATES, render_html
    from resumes.export.pdf import call_in_browser_thread, render_pdf
    from resumes.export.readback import read_back
    from resumes.export.text import render_text

    kind, sources = _sources()
    if not sources:
        print("no resumes to export")
        return {}
    render_pdf(render_html(sources[0][1]))  # launch and warm the browser
    render_docx(sources[0][1])  # build the Word templates
    render_text(sources[0][1])

    results: list[dict] = []
    timings: dict[str, list[float]] = defaultdict(list)

    def record(name: str, template: str, fmt: str, data: bytes, ms: float, source: dict) -> None:
        fidelity = read_back(data, fmt, source)
        timings[fmt].append(ms)
        results.append(
            {
                "resume": name,
                "template": template,
                "format": fmt,
                "ms": ms,
                "score": fidelity.score,
                "critical": fidelity.critical_score,
                "fields": len(fidelity.fields),
                "misses": [f for f in fidelity.fields if not f[3]],
                "critical_missing": fidelity.critical_missing,
            }
        )

    def settle() -> None:
        """Wait until the browser thread has opened its next page, so that the DOCX/TXT timings do not share
        the CPU with Chromium (in production the two run in different requests)."""
        call_in_browser_thread(lambda worker: None)

    for name, source in sources:
        for template in TEMPLATES:
            settle()
            data, ms = _timed(lambda s=source, t=template: render_pdf(render_html(s, template=t)))
            record(name, template, "pdf", data, ms, source)
            settle()
            data, ms = _timed(lambda s=source, t=template: render_docx(s, template=t))
            record(name, template, "docx", data, ms, source)
        settle()
        text, ms = _timed(lambda s=source: render_text(s))
        record(name, "-", "txt", text.encode("utf-8"), ms, source)

    print(f"{kind} resumes: {len(sources)}; exports: {len(results)}")
    print(f"\n{'resume':48} {'template':8} {'format':6} {'fields':>6} {'recovery':>8} {'critical':>8} {'ms':>7}")
    for r in results:
        print(
            f"{r['resume'][:48]:48} {r['template']:8} {r['format']:6} {r['fields']:6d} "
            f"{r['score']:8.3f} {r['critical']:8.3f} {r['ms']:7.1f}"
        )

    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in results:
        groups[(r["template"], r["format"])].append(r)
    print(f"\n{'template':8} {'format':6} {'n':>3} {'recovery':>8} {'worst':>6} {'critical':>8} {'p50 ms':>7}")
    for (template, fmt), rows in sorted(groups.items()):
        print(
            f"{template:8} {fmt:6} {len(rows):3d} {statistics.mean(r['score'] for r in rows):8.4f} "
            f"{min(r['score'] for r in rows):6.3f} {statistics.mean(r['critical'] for r in rows):8.4f} "
            f"{statistics.median(r['ms'] for r in rows):7.1f}"
        )

    misses = [(r["resume"], r["template"], r["format"], *m) for r in results for m in r["misses"]]
    critical_first = sorted(misses, key=lambda m: (not any(m[3] == p for p in _critical_paths(results, m)), m[:3]))
    print(f"\nmisses: {len(misses)} (critical first, {WORST} shown)")
    for resume, template, fmt, path, expected, found, _ in critical_first[:WORST]:
        print(f"  {resume[:32]:32} {template:8} {fmt:5} {path:28} want {expected[:50]!r} got {str(found)[:40]!r}")
    by_path: dict[str, int] = defaultdict(int)
    for m in misses:
        by_path[f"{m[2]}:{_generic(m[3])}"] += 1
    if by_path:
        print(
            "misses by format:field: "
            + ", ".join(f"{k} {v}" for k, v in sorted(by_path.items(), key=lambda kv: -kv[1]))
        )

    scores = [r["score"] for r in results]
    critical = [r["critical"] for r in results]
    return {
        "export.readback.field_recovery": {
            "value": round(statistics.mean(scores), 4),
            "unit": "share",
            "target": ">= 0.98",
        },
        "export.readback.critical_recovery": {
            "value": round(statistics.mean(critical), 4),
            "unit": "share",
            "target": "== 1",
        },
        "export.pdf_p50_ms": {"value": round(statistics.median(timings["pdf"]), 1), "unit": "ms", "target": "<= 400"},
        "export.docx_p50_ms": {"value": round(statistics.median(timings["docx"]), 1), "unit": "ms", "target": "<= 100"},
        "export.text_p50_ms": {"value": round(statistics.median(timings["txt"]), 2), "unit": "ms", "target": "<= 10"},
    }


def _critical_paths(results: list[dict], miss: tuple) -> list[str]:
    for r in results:
        if (r["resume"], r["template"], r["format"]) == miss[:3]:
            return r["critical_missing"]
    return []


def _generic(path: str) -> str:
    import re

    return re.sub(r"\[\d+\]", "[]", path)


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
