"""A tiny PDF writer for test fixtures: Helvetica / Helvetica-Bold text at given positions.

Enough of PDF 1.4 to exercise the parser's layout code: several pages, font sizes and weights, text placed
anywhere (two columns, right-aligned dates), words separated by positioning instead of space glyphs (as
LaTeX writes them) and letter-spaced text (the Tc operator).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONTS = {False: "F1", True: "F2"}


def _escape(text: str) -> bytes:
    out = bytearray()
    for byte in text.encode("cp1252"):
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out)


@dataclass
class PdfBuilder:
    width: float = 612.0
    height: float = 792.0
    pages: list[list[bytes]] = field(default_factory=list)

    def new_page(self) -> PdfBuilder:
        self.pages.append([])
        return self

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float = 10.0,
        bold: bool = False,
        letter_spacing: float = 0.0,
        glue_words: bool = False,
    ) -> PdfBuilder:
        """Draw `text` with its baseline `top` points below the top edge.

        glue_words: no space glyphs; words are moved apart with TJ offsets, which is how LaTeX output looks.
        letter_spacing: extra points between glyphs (Tc), as in spaced-out names.
        """
        if not self.pages:
            self.new_page()
        if glue_words:
            parts = []
            for i, word in enumerate(text.split(" ")):
                if i:
                    parts.append(b" -333 ")
                parts.append(b"(" + _escape(word) + b")")
            show = b"[" + b"".join(parts) + b"] TJ"
        else:
            show = b"(" + _escape(text) + b") Tj"
        y = self.height - top
        op = f"BT /{FONTS[bold]} {size:g} Tf {letter_spacing:g} Tc {x:g} {y:g} Td ".encode() + show + b" ET"
        self.pages[-1].append(op)
        return self

    def to_bytes(self) -> bytes:
        if not self.pages:
            self.new_page()
        objects: list[bytes] = []
        n_pages = len(self.pages)
        # 1 catalog, 2 pages, 3 F1, 4 F2, then page/content pairs
        kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n_pages))
        objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
        for name in ("Helvetica", "Helvetica-Bold"):
            objects.append(f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding >>".encode())
        for i, ops in enumerate(self.pages):
            content = b"\n".join(ops)
            objects.append(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {self.width:g} {self.height:g}] "
                f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode()
            )
            objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        out = bytearray(b"%PDF-1.4\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        for offset in offsets:
            out += f"{offset:010d} 00000 n \n".encode()
        out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def image_only_pdf() -> bytes:
    """A page with a drawn rectangle and no text: what a scan looks like to a text extractor."""
    builder = PdfBuilder().new_page()
    builder.pages[-1].append(b"0.5 g 50 50 500 700 re f")
    return builder.to_bytes()
