"""Layout-aware resume parser: PDF, DOCX and plain text to normalised text plus structured sections.

Pure Python, no Django. Entry point: `parse_bytes(data, ext)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import NO_TEXT_LAYER_MESSAGE, ParseError
from .model import Document, Line, Span
from .normalize import normalize_text
from .structure import SCHEMA_VERSION, build_sections, drop_page_furniture

__all__ = ["SCHEMA_VERSION", "ParseError", "ParseResult", "parse_bytes"]

SUPPORTED = ("pdf", "docx", "txt")


@dataclass
class ParseResult:
    text: str
    sections: dict
    warnings: list[str] = field(default_factory=list)
    pages: int = 1


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1 (which never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_RULE = re.compile(r"\s*(?:={3,}|-{3,})\s*")


def extract_txt(data: bytes) -> Document:
    """Plain text: one line per line of text. A blank line above a line is kept as `meta["blank_before"]`, and a
    rule of "=" or "-" under a line (a setext heading, as our own text export writes them) as
    `meta["underlined"]`, the rule itself being dropped."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    blank = False
    for raw in text.split("\n"):
        if lines and not blank and _RULE.fullmatch(raw):
            lines[-1].meta["underlined"] = True
            continue
        parts = [normalize_text(p) for p in re.split(r"\t+| {3,}", raw)]
        spans = [Span(p) for p in parts if p]
        if spans:
            line = Line(spans=spans, x0=float(len(raw) - len(raw.lstrip())))
            if blank and lines:
                line.meta["blank_before"] = True
            lines.append(line)
        blank = not spans
    for i, line in enumerate(lines):
        line.top = float(i)
    return Document(lines=lines, pages=1)


def _extract(data: bytes, ext: str) -> Document:
    if ext == "pdf":
        from .pdf import extract_pdf

        return extract_pdf(data)
    if ext == "docx":
        from .docx import extract_docx

        return extract_docx(data)
    return extract_txt(data)


def _set_spacing(lines: list[Line]) -> None:
    """Vertical gap above each line within its page and column; headings in plain exports stand apart."""
    prev: Line | None = None
    for line in lines:
        same_flow = prev is not None and prev.page == line.page and prev.column == line.column
        if same_flow and line.size and prev.size:
            line.space_before = max(0.0, line.top - (prev.top + prev.size * 1.25))
        prev = line


def parse_bytes(data: bytes, ext: str) -> ParseResult:
    """Parse a resume file. `ext` is "pdf", "docx" or "txt". Raises ParseError for unreadable input."""
    ext = ext.lower().lstrip(".")
    if ext not in SUPPORTED:
        raise ParseError("unsupported_type", f"We read PDF, DOCX and TXT files, not .{ext}.")
    if not data:
        raise ParseError("empty_file", "The file is empty.")
    doc = _extract(data, ext)
    doc.lines = drop_page_furniture(doc.lines, doc.pages)
    _set_spacing(doc.lines)
    text = "\n".join(line.text for line in doc.lines)
    if ext == "pdf" and len(re.sub(r"\W", "", text)) < 20:
        raise ParseError("no_text_layer", NO_TEXT_LAYER_MESSAGE)
    if not text.strip():
        raise ParseError("no_text", "We could not find any text in this file.")
    sections = build_sections(doc, doc.links)
    return ParseResult(text=text, sections=sections, warnings=list(doc.warnings), pages=doc.pages)
