"""DOCX reader: paragraphs and tables in document order, with the typography the structure step needs.

Word resumes rarely use Heading styles; headings are bold, capitalised or larger runs in custom styles, so
we carry run-level bold/size through. Tab stops right-align dates: a tab becomes a span boundary.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from .errors import ParseError
from .model import Document, Line, Span
from .normalize import normalize_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _run_size(run, paragraph) -> float | None:
    if run.font.size:
        return run.font.size.pt
    for style in _style_chain(paragraph.style):
        if style.font is not None and style.font.size:
            return style.font.size.pt
    return None


def _run_bold(run, paragraph) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for style in _style_chain(paragraph.style):
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
    return False


def _is_list(paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if "list" in name or "bullet" in name:
        return True
    return any(s.element.pPr is not None and s.element.pPr.numPr is not None for s in _style_chain(paragraph.style))


def _paragraph_line(paragraph, default_size: float) -> Line | None:
    runs = list(paragraph.runs)
    raw = paragraph.text
    if not raw.strip():
        return None
    sizes: Counter = Counter()
    bold_chars = letters = 0
    for run in runs:
        size = _run_size(run, paragraph) or default_size
        n = len(run.text.strip())
        sizes[size] += n
        if n:
            letters += n
            bold_chars += n if _run_bold(run, paragraph) else 0
    spans = [Span(normalize_text(part)) for part in raw.split("\t")]
    spans = [s for s in spans if s.text]
    if not spans:
        return None
    size = sizes.most_common(1)[0][0] if sizes else default_size
    heading_style = (paragraph.style.name or "").lower().startswith(("heading", "title")) if paragraph.style else False
    bold = (letters > 0 and bold_chars >= 0.6 * letters) or heading_style
    return Line(spans=spans, size=float(size), bold=bold, bullet=_is_list(paragraph))


def _iter_blocks(document):
    """Paragraphs and table cells in body order (python-docx lists them separately)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield from _table_paragraphs(Table(child, document))


def _table_paragraphs(table):
    """Each row becomes one line per paragraph position: a two-cell row "Title | Dates" reads like a
    tab-aligned line; cells merged across columns are read once."""
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        yield ("row", cells)


def _default_size(document) -> float:
    try:
        size = document.styles["Normal"].font.size
    except KeyError:
        size = None
    return size.pt if size else 11.0


def _row_lines(cells, default_size: float) -> list[Line]:
    columns = [[ln for p in cell.paragraphs if (ln := _paragraph_line(p, default_size))] for cell in cells]
    if len([c for c in columns if c]) <= 1:
        return [ln for c in columns for ln in c]
    # Cells side by side: pair their paragraphs line by line, like tab-separated text.
    out = []
    for i in range(max(len(c) for c in columns)):
        parts = [c[i] for c in columns if i < len(c)]
        first = parts[0]
        spans = [s for p in parts for s in p.spans]
        out.append(Line(spans=spans, size=first.size, bold=first.bold, bullet=first.bullet))
    return out


def _hyperlinks(document) -> list[str]:
    rels = document.part.rels.values()
    return [r.target_ref for r in rels if "hyperlink" in r.reltype and r.is_external]


def extract_docx(data: bytes) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ParseError(
            "invalid_docx", "This file is not a Word document we can open. Save it again as .docx."
        ) from exc
    default_size = _default_size(document)
    lines: list[Line] = []
    for block in _iter_blocks(document):
        if isinstance(block, tuple):
            lines.extend(_row_lines(block[1], default_size))
        elif (line := _paragraph_line(block, default_size)) is not None:
            lines.append(line)
    for i, line in enumerate(lines):
        line.top = float(i)
    return Document(lines=lines, pages=1, links=_hyperlinks(document))
