"""Generated resume fixtures (PDF via pdfgen, DOCX via python-docx): no corpus file is copied here."""

# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import io

from .pdfgen import PdfBuilder

JOBS = [
    (
        "Senior Software Engineer",
        "Acme Corp",
        "Austin, TX",
        "Jan 2020 – Present",
        ["Led a team of 5 engineers", "Cut p95 latency by 40%"],
    ),
    (
        "Software Engineer",
        "Globex Inc.",
        "Boston, MA",
        "Jun 2016 – Dec 2019",
        ["Built billing pipeline in Python"],
    ),
]


def single_column_pdf(glue_words: bool = False) -> bytes:
    b = PdfBuilder()
    b.text(72, 60, "Jane Q. Public", size=24, bold=True)
    b.text(72, 80, "jane.public@example.com | +1 (415) 555-0134 | Austin, TX | github.com/janeq", size=10)
    y = 110.0
    b.text(72, y, "SUMMARY", size=13, bold=True)
    b.text(72, y + 16, "Backend engineer who ships reliable distributed systems", glue_words=glue_words)
    y += 44
    b.text(72, y, "EXPERIENCE", size=13, bold=True)
    y += 18
    for title, company, place, dates, bullets in JOBS:
        b.text(72, y, company, bold=True).text(450, y, place)
        b.text(72, y + 13, title, glue_words=glue_words).text(450, y + 13, dates)
        y += 28
        for bullet in bullets:
            b.text(80, y, f"\u2022 {bullet}", glue_words=glue_words)
            y += 13
        y += 6
    b.text(72, y, "EDUCATION", size=13, bold=True)
    b.text(72, y + 18, "University of Texas at Austin", bold=True).text(450, y + 18, "Aug 2012 – May 2016")
    b.text(72, y + 31, "BS in Computer Science")
    b.text(72, y + 56, "SKILLS", size=13, bold=True)
    b.text(72, y + 74, "Languages: Python, Go, SQL")
    return b.to_bytes()


def two_column_pdf() -> bytes:
    """Sidebar (contact, skills) on the left, main flow on the right, letter-spaced name across the top."""
    b = PdfBuilder()
    b.text(170, 60, "JOHN ROE", size=30, letter_spacing=9)
    left, right = 30.0, 230.0
    sidebar = [
        "CONTACT",
        "john.roe@example.org",
        "555-123-4567",
        "Denver, CO",
        "",
        "SKILLS",
        "Java",
        "Kotlin",
        "Kafka",
        "PostgreSQL",
        "",
        "LANGUAGES",
        "English (Native)",
        "Spanish (Fluent)",
    ]
    main = [
        "SUMMARY",
        "Engineer building payment systems for ten years",
        "",
        "EXPERIENCE",
        "Staff Engineer",
        "Initech",
        "Mar 2019 – Present",
        "\u2022 Designed the ledger service",
        "\u2022 Mentored six engineers",
        "Backend Developer",
        "Hooli",
        "Jan 2015 – Feb 2019",
        "\u2022 Migrated monolith to services",
        "",
        "EDUCATION",
        "Colorado State University",
        "BS in Mathematics",
        "2010 – 2014",
    ]
    for i, text in enumerate(sidebar):
        if text:
            b.text(left, 120 + i * 18, text, size=12 if text.isupper() else 10, bold=text.isupper())
    for i, text in enumerate(main):
        if text:
            head = text.isupper()
            b.text(
                right,
                121 + i * 17,
                text,
                size=12 if head else 10,
                bold=head or text in ("Staff Engineer", "Backend Developer"),
            )
    return b.to_bytes()


def two_page_pdf() -> bytes:
    b = PdfBuilder()
    b.text(72, 60, "Ann Lee", size=22, bold=True).text(72, 80, "ann@example.com  +44 20 7946 0958")
    b.text(72, 110, "EXPERIENCE", size=13, bold=True)
    b.text(72, 128, "Data Analyst at Umbrella Ltd", bold=True).text(450, 128, "2018 – 2021")
    for i in range(6):
        b.text(80, 142 + i * 13, f"\u2022 Reported weekly metrics to directors number {i}")
    b.text(72, 760, "Ann Lee - Resume").text(540, 760, "1")
    b.new_page()
    b.text(72, 60, "EDUCATION", size=13, bold=True)
    b.text(72, 78, "University of Leeds", bold=True).text(450, 78, "2014 – 2017")
    b.text(72, 91, "BSc in Statistics")
    b.text(72, 760, "Ann Lee - Resume").text(540, 760, "2")
    return b.to_bytes()


def sample_pdfs() -> dict[str, bytes]:
    return {
        "single.pdf": single_column_pdf(),
        "latex-like.pdf": single_column_pdf(glue_words=True),
        "two-column.pdf": two_column_pdf(),
        "two-page.pdf": two_page_pdf(),
    }


def resume_docx(use_table: bool = False) -> bytes:
    """Custom-styled Word resume: no Heading styles, bold caps headings, tab-aligned dates, list bullets."""
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches, Pt

    document = docx.Document()
    style = document.styles.add_style("CM7", 1)
    style.font.size = Pt(10)

    def para(text: str, bold: bool = False, size: float | None = None, bullet: bool = False):
        p = document.add_paragraph(style="List Bullet" if bullet else "CM7")
        p.paragraph_format.tab_stops.add_tab_stop(Inches(6), WD_TAB_ALIGNMENT.RIGHT)
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return p

    para("Maria Garcia", bold=True, size=18)
    para("maria.garcia@example.com \u2022 (312) 555-0199 \u2022 Chicago, IL")
    para("PROFESSIONAL EXPERIENCE", bold=True)
    if use_table:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Product Manager, Initrode"
        table.rows[0].cells[1].text = "Mar 2021 – Present"
    else:
        para("Product Manager, Initrode\tMar 2021 – Present")
    para("Shipped onboarding flow used by 2M users", bullet=True)
    para("Marketing Analyst, Vandelay Industries\tJul 2018 – Feb 2021")
    para("Ran pricing experiments across 4 markets", bullet=True)
    para("EDUCATION", bold=True)
    para("Northwestern University\tJune 2018")
    para("Bachelor of Arts in Economics")
    para("SKILLS", bold=True)
    para("Analytics: SQL, Looker, Excel")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
