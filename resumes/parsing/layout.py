"""Turn positioned glyphs into words, lines and columns.

Thresholds are expressed in ems (fractions of the font size) so that they hold for 8 pt footers and 40 pt
names alike.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from statistics import median
from typing import TYPE_CHECKING

from .model import Line, Span
from .normalize import normalize_text

if TYPE_CHECKING:
    from .pdf import Char

WORD_GAP_EM = 0.08  # a gap wider than this between glyphs is a word break (LaTeX often writes no space)
SPAN_GAP_EM = 1.4  # a gap wider than this splits a line into spans (right-aligned dates, tab stops)
MIN_COLUMN_SEGMENTS = 6
SOFT_BREAK = "\u2027"  # hyphenation point: a word was split at the end of this line
_MARGINAL = re.compile(r"(?:19|20)\d\d|present|current|now|^[^,]{2,30}, ?[A-Z][\w. ]{1,25}$", re.IGNORECASE)


def _group_rows(chars: list[Char]) -> list[list[Char]]:
    """Cluster glyphs whose baselines are within ~0.4 em: superscripts stay on their line."""
    rows: list[list[Char]] = []
    row_base = row_size = 0.0
    for ch in sorted(chars, key=lambda c: c.base):
        tolerance = 0.4 * max(min(ch.size, row_size), 4.0)
        if rows and ch.base - row_base <= tolerance:
            rows[-1].append(ch)
            continue
        rows.append([ch])
        row_base, row_size = ch.base, ch.size
    return [sorted(r, key=lambda c: c.x0) for r in rows]


def _split_segments(row: list[Char]) -> list[list[Char]]:
    segments: list[list[Char]] = [[]]
    last_x1 = None
    for ch in row:
        if ch.ch == " " and not segments[-1]:
            continue
        if ch.ch != " " and last_x1 is not None and ch.x0 - last_x1 > SPAN_GAP_EM * max(ch.size, 6.0):
            segments.append([])
        segments[-1].append(ch)
        if ch.ch != " ":
            last_x1 = ch.x1
    return [s for s in segments if any(c.ch != " " for c in s)]


def _is_letter_spaced(glyphs: list[Char]) -> bool:
    """ "J O H N  D O E": every glyph stands alone, i.e. nearly all gaps would be word breaks."""
    if len(glyphs) < 4:
        return False
    gaps = [(b.x0 - a.x1) / max(b.size, 1.0) for a, b in pairwise(glyphs)]
    # Normal words have ~0 em between letters (kerning aside); tracked text has a steady positive gap.
    tracked = sum(1 for g in gaps if g > 0.06)
    return median(gaps) > 0.09 and tracked >= 0.8 * len(gaps) and all(c.ch.isalpha() or c.ch in "-'.&" for c in glyphs)


def _words_letter_spaced(glyphs: list[Char]) -> str:
    gaps = [b.x0 - a.x1 for a, b in pairwise(glyphs)]
    letter_gap = median(gaps)
    out = glyphs[0].ch
    for gap, ch in zip(gaps, glyphs[1:], strict=False):
        out += (" " if gap > 1.6 * letter_gap + 0.05 * ch.size else "") + ch.ch
    return out


def _segment_text(segment: list[Char]) -> str:
    glyphs = [c for c in segment if c.ch != " "]
    if _is_letter_spaced(glyphs):
        # pdfium reports explicit spaces between spaced letters too; the wider gaps mark the words
        return _words_letter_spaced(glyphs)
    out: list[str] = []
    prev: Char | None = None
    for ch in segment:
        if ch.ch == " ":
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None and out and out[-1] != " " and ch.x0 - prev.x1 > WORD_GAP_EM * min(ch.size, prev.size):
            out.append(" ")
        out.append(ch.ch)
        prev = ch
    return "".join(out).strip()


def _dominant(values: list) -> object:
    return Counter(values).most_common(1)[0][0]


def _make_line(segments: list[list[Char]], page: int, column: int) -> Line | None:
    spans = []
    for seg in segments:
        text = normalize_text(_segment_text(seg))
        if text:
            spans.append(Span(text, seg[0].x0, max(c.x1 for c in seg)))
    if not spans:
        return None
    hyphenated = any(span.text.endswith(SOFT_BREAK) for span in spans)
    for span in spans:
        span.text = span.text.replace(SOFT_BREAK, "-")
    glyphs = [c for seg in segments for c in seg if c.ch != " "]
    size = float(_dominant([round(c.size, 1) for c in glyphs]))
    letters = [c for c in glyphs if c.ch.isalnum()] or glyphs
    bold = sum(c.bold for c in letters) >= 0.6 * len(letters)
    top = min(c.base for c in glyphs) - size
    line = Line(spans=spans, size=size, bold=bold, page=page, x0=spans[0].x0, top=top, column=column)
    line.meta["hyphenated"] = hyphenated
    return line


def _find_gutter(rows: list[list[list[Char]]], width: float) -> tuple[float, float] | None:
    """Return (gutter_x, header_bottom) for a two-column page, else None.

    A gutter is an x position that no text segment spans below the header, with enough text on both sides
    spread over most of the page. A left column that only holds dates (moderncv) is not a sidebar: its
    segments share their rows with the right-hand text.
    """
    segs = [
        (seg[0].x0, max(c.x1 for c in seg), seg[0].base, i, "".join(c.ch for c in seg))
        for i, row in enumerate(rows)
        for seg in row
    ]
    if len(segs) < 2 * MIN_COLUMN_SEGMENTS:
        return None
    best: tuple[tuple[int, int], float, float] | None = None
    step = 3.0
    x = width * 0.2
    while x < width * 0.8:
        crossing = [s for s in segs if s[0] < x < s[1]]
        header_bottom = max((s[2] for s in crossing), default=-1.0)
        below = [s for s in segs if s[2] > header_bottom]
        left = [s for s in below if s[1] <= x]
        right = [s for s in below if s[0] >= x]
        if (
            len(crossing) <= max(3, len(segs) // 12)
            and len(left) >= MIN_COLUMN_SEGMENTS
            and len(right) >= MIN_COLUMN_SEGMENTS
        ):
            # Most text on both sides first; then the middle of the gutter, so that a centred name
            # straddling it is read as a header rather than as the top of one column.
            clearance = min(x - max(s[1] for s in left), min(s[0] for s in right) - x)
            score = (min(len(left), len(right)), round(clearance))
            if best is None or score > best[0]:
                best = (score, x, header_bottom)
        x += step
    if best is None:
        return None
    _, gx, header_bottom = best
    return _check_columns(segs, gx, header_bottom)


def _check_columns(segs: list, gx: float, header_bottom: float) -> tuple[float, float] | None:
    below = [s for s in segs if s[2] > header_bottom]
    # Crossing segments must all be above the column region (a full-width header), not scattered.
    if any(s[0] < gx < s[1] for s in below):
        return None
    left = [s for s in below if s[1] <= gx]
    right = [s for s in below if s[0] >= gx]
    if not left or not right:
        return None
    page_span = _vertical_span(below)
    if min(_vertical_span(left), _vertical_span(right)) < 0.45 * page_span:
        return None
    # A column aligned row by row with the other one and holding mostly dates or locations (moderncv's left
    # date column, right-aligned dates) is part of one flow, not a sidebar.
    shared_rows = {s[3] for s in left} & {s[3] for s in right}
    for side in (left, right):
        shared = sum(1 for s in side if s[3] in shared_rows) / len(side)
        marginal = sum(1 for s in side if _MARGINAL.search(s[4])) / len(side)
        if shared > 0.5 and marginal > 0.5:
            return None
    return gx, header_bottom


def _vertical_span(segs: list) -> float:
    if not segs:
        return 0.0
    return max(s[2] for s in segs) - min(s[2] for s in segs)


def build_lines(chars: list[Char], page: int, width: float) -> list[Line]:
    """Lines of one page in reading order: header, then left column, then right column."""
    rows = [_split_segments(r) for r in _group_rows(chars)]
    rows = [r for r in rows if r]
    gutter = _find_gutter(rows, width)
    if gutter is None:
        return [ln for row in rows if (ln := _make_line(row, page, 0))]
    gx, header_bottom = gutter
    header, left, right = [], [], []
    for row in rows:
        if row[0][0].base <= header_bottom:
            header.append(row)
            continue
        left_part = [s for s in row if s[0].x0 < gx]
        right_part = [s for s in row if s[0].x0 >= gx]
        if left_part:
            left.append(left_part)
        if right_part:
            right.append(right_part)
    lines = [ln for row in header if (ln := _make_line(row, page, 0))]
    lines += [ln for row in left if (ln := _make_line(row, page, 1))]
    lines += [ln for row in right if (ln := _make_line(row, page, 2))]
    return lines
