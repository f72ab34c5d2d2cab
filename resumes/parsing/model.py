"""Format-independent layout model shared by the PDF, DOCX and TXT readers.

Every reader turns its input into a list of `Line`s in reading order. A line keeps the typography that the
structure step needs (size, bold, position) and is split into `spans` where the source had a wide gap or a
tab, because that is how resumes put dates and locations "on the right" of a title.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    text: str
    x0: float = 0.0
    x1: float = 0.0


@dataclass
class Line:
    spans: list[Span]
    size: float = 0.0  # dominant font size in points (0 when unknown, e.g. plain text)
    bold: bool = False
    page: int = 0
    x0: float = 0.0
    top: float = 0.0  # distance from the top of the page, grows downwards
    column: int = 0  # 0 single column / header, 1 left column, 2 right column
    bullet: bool = False  # the source marked it as a list item
    space_before: float = 0.0  # vertical gap to the previous line of the same flow, in points
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\t".join(s.text for s in self.spans if s.text)


@dataclass
class Document:
    lines: list[Line]
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    page_width: float = 612.0
    links: list[str] = field(default_factory=list)  # link annotations (PDF) or hyperlinks (DOCX)
