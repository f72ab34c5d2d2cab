"""The Word template that `resumes.export.docx` fills with docxtpl, built by code rather than kept as a binary.

`build_template(font)` lays the document out with python-docx on its own default template (so Word's built-in
styles are real: Title for the name, Heading 1 per section, so the navigation pane lists them; List Bullet for
bullets; Normal for the rest) and puts docxtpl's Jinja tags in the paragraphs. The markup mirrors the HTML designs
(`resumes/templates/resumes/export/base.html`) and is read back by `resumes.parsing`: "Title — Organisation" and
the date range on one line split by a right tab stop, the location on the next line, bullets as list paragraphs.

The bytes are deterministic: fixed core properties and fixed zip timestamps.

    python -m resumes.export.docx_template [OUT]    # writes resumes/export/templates/classic.docx by default
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

DEFAULT_FONT = "Liberation Sans"
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
OUT = Path(__file__).resolve().parent / "templates" / "classic.docx"


def _set_font(style, name: str, size_pt: float | None = None, *, bold: bool | None = None, color=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    if size_pt is not None:
        style.font.size = Pt(size_pt)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = RGBColor(*color)


def _styles(document, font: str) -> None:
    from docx.shared import Pt

    styles = document.styles
    _set_font(styles["Normal"], font, 10.5, color=(0x1A, 0x1A, 0x1A))
    normal = styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(2), 1.1

    title = styles["Title"]
    _set_font(title, font, 22, bold=True, color=(0x1A, 0x1A, 0x1A))
    title.paragraph_format.space_after = Pt(2)
    # Word's Title draws a coloured bottom border in the default template: keep it plain.
    ppr = title.element.pPr
    if ppr is not None:
        for border in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
            ppr.remove(border)

    heading = styles["Heading 1"]
    _set_font(heading, font, 12, bold=True, color=(0x1A, 0x1A, 0x1A))
    heading.font.all_caps = True
    fmt = heading.paragraph_format
    fmt.space_before, fmt.space_after, fmt.keep_with_next = Pt(10), Pt(3), True

    bullet = styles["List Bullet"]
    _set_font(bullet, font, 10.5)
    bullet.paragraph_format.space_after = Pt(1)


def _tag(document, text: str) -> None:
    """A paragraph that holds only a docxtpl `{%p ... %}` tag (docxtpl removes the paragraph)."""
    document.add_paragraph(text, style="Normal")


def build_document(font: str = DEFAULT_FONT):
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(17)
        section.top_margin = section.bottom_margin = Mm(16)
    text_width = Mm(210 - 2 * 17)
    _styles(document, font)

    props = document.core_properties
    props.author = props.last_modified_by = "Career Agent"
    props.title = "Resume"
    props.created = props.modified = FIXED_TIME
    props.revision = 1

    def head_line(bold_tag: str, rest: str, tail: str):
        p = document.add_paragraph(style="Normal")
        p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.keep_with_next = True
        p.add_run(bold_tag).bold = True
        p.add_run(rest)
        p.add_run(tail)
        return p

    _tag(document, "{%p if name %}")
    document.add_paragraph("{{ name }}", style="Title")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if contact_line %}")
    document.add_paragraph("{{ contact_line }}", style="Normal").paragraph_format.space_after = Pt(6)
    _tag(document, "{%p endif %}")

    _tag(document, "{%p for s in sections %}")
    document.add_paragraph("{{ s.heading }}", style="Heading 1")

    _tag(document, '{%p if s.kind == "summary" %}')
    document.add_paragraph("{{ s.text }}", style="Normal")

    _tag(document, '{%p elif s.kind == "dated" %}')
    _tag(document, "{%p for e in s.entries %}")
    head_line(
        "{{ e.title or '' }}",
        "{% if e.org %}{{ sep }}{{ e.org }}{% endif %}",
        "{% if e.dates %}\t{{ e.dates }}{% endif %}",
    )
    _tag(document, "{%p if e.sub %}")
    document.add_paragraph(style="Normal").add_run("{{ e.sub }}").italic = True
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if e.desc %}")
    document.add_paragraph("{{ e.desc }}", style="Normal")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for b in e.bullets %}")
    document.add_paragraph("{{ b }}", style="List Bullet")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")

    _tag(document, '{%p elif s.kind == "skills" %}')
    _tag(document, "{%p for g in s.entries %}")
    p = document.add_paragraph(style="Normal")
    p.add_run("{% if g.group %}{{ g.group }}: {% endif %}").bold = True
    p.add_run("{{ g['items'] }}")
    _tag(document, "{%p endfor %}")

    _tag(document, '{%p elif s.kind == "items" %}')
    _tag(document, "{%p for e in s.entries %}")
    head_line("{{ e.title }}", "{% if e.org %}, {{ e.org }}{% endif %}", "{% if e.dates %}\t{{ e.dates }}{% endif %}")
    _tag(document, "{%p if e.desc %}")
    document.add_paragraph("{{ e.desc }}", style="Normal")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")

    _tag(document, '{%p elif s.kind == "languages" %}')
    _tag(document, "{%p for lang in s.entries %}")
    p = document.add_paragraph(style="Normal")
    p.add_run("{{ lang.language }}").bold = True
    p.add_run("{% if lang.proficiency %} ({{ lang.proficiency }}){% endif %}")
    _tag(document, "{%p endfor %}")

    _tag(document, "{%p else %}")
    _tag(document, "{%p for line in s.lines %}")
    document.add_paragraph("{{ line }}", style="Normal")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    return document


def deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps and order, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build_template(font: str = DEFAULT_FONT) -> bytes:
    buffer = io.BytesIO()
    build_document(font).save(buffer)
    return deterministic_zip(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_template())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
