import pytest

from resumes.parsing import SCHEMA_VERSION, ParseError, parse_bytes

from .pdfgen import PdfBuilder, image_only_pdf
from .samples import single_column_pdf, two_column_pdf, two_page_pdf


@pytest.fixture(scope="module")
def single():
    return parse_bytes(single_column_pdf(), "pdf")


def test_contact_from_header(single):
    contact = single.sections["contact"]
    assert contact["name"] == "Jane Q. Public"
    assert contact["email"] == "jane.public@example.com"
    assert contact["phone"] == "+1 (415) 555-0134"
    assert contact["location"] == "Austin, TX"
    assert {"label": "GitHub", "url": "github.com/janeq"} in contact["links"]
    assert contact["confidence"]["name"] >= 0.9


def test_experience_with_right_aligned_dates_and_locations(single):
    jobs = single.sections["experience"]
    assert [(j["title"], j["company"]) for j in jobs] == [
        ("Senior Software Engineer", "Acme Corp"),
        ("Software Engineer", "Globex Inc."),
    ]
    assert jobs[0]["start"] == "2020-01" and jobs[0]["end"] == "present" and jobs[0]["current"] is True
    assert jobs[1]["end"] == "2019-12" and jobs[1]["current"] is False
    assert jobs[0]["location"] == "Austin, TX"
    assert jobs[0]["bullets"] == ["Led a team of 5 engineers", "Cut p95 latency by 40%"]


def test_education_and_skills(single):
    school = single.sections["education"][0]
    assert (school["school"], school["degree"], school["field"]) == (
        "University of Texas at Austin",
        "BS",
        "Computer Science",
    )
    assert single.sections["skills"] == [{"group": "Languages", "items": ["Python", "Go", "SQL"]}]
    assert single.sections["schema_version"] == SCHEMA_VERSION


def test_words_are_rebuilt_when_the_pdf_has_no_space_glyphs():
    result = parse_bytes(single_column_pdf(glue_words=True), "pdf")
    assert "Backend engineer who ships reliable distributed systems" in result.text
    assert result.sections["experience"][0]["bullets"][0] == "Led a team of 5 engineers"


def test_letter_spaced_name_is_joined():
    b = PdfBuilder().text(150, 60, "MARY ANN SMITH", size=26, letter_spacing=8)
    b.text(72, 100, "mary@example.com")
    for i in range(5):
        b.text(72, 130 + 14 * i, f"Some body text line {i}")
    result = parse_bytes(b.to_bytes(), "pdf")
    assert result.text.splitlines()[0] == "MARY ANN SMITH"
    assert result.sections["contact"]["name"] == "Mary Ann Smith"


def test_two_columns_are_read_one_after_the_other():
    result = parse_bytes(two_column_pdf(), "pdf")
    lines = result.text.splitlines()
    # sidebar lines stay together instead of interleaving with the main column
    assert lines.index("CONTACT") < lines.index("Java") < lines.index("SUMMARY")
    assert not any("john.roe@example.org" in ln and "Engineer" in ln for ln in lines)
    sections = result.sections
    assert sections["contact"]["name"] == "John Roe"
    assert sections["contact"]["phone"] == "555-123-4567"
    assert [j["company"] for j in sections["experience"]] == ["Initech", "Hooli"]
    assert [s for g in sections["skills"] for s in g["items"]] == ["Java", "Kotlin", "Kafka", "PostgreSQL"]
    assert sections["languages"] == [
        {"language": "English", "proficiency": "Native"},
        {"language": "Spanish", "proficiency": "Fluent"},
    ]


def test_multi_page_footer_is_dropped_and_sections_continue():
    result = parse_bytes(two_page_pdf(), "pdf")
    assert result.pages == 2
    assert "Ann Lee - Resume" not in result.text
    job = result.sections["experience"][0]
    assert (job["title"], job["company"]) == ("Data Analyst", "Umbrella Ltd")
    assert len(job["bullets"]) == 6
    assert result.sections["education"][0]["school"] == "University of Leeds"
    assert result.sections["contact"]["phone"] == "+44 20 7946 0958"


def test_image_only_pdf_raises_no_text_layer():
    with pytest.raises(ParseError) as info:
        parse_bytes(image_only_pdf(), "pdf")
    assert info.value.code == "no_text_layer"
    assert "scanned image" in info.value.message


def test_garbage_bytes_raise_parse_error():
    with pytest.raises(ParseError) as info:
        parse_bytes(b"%PDF-1.4 this is not really a pdf", "pdf")
    assert info.value.code == "invalid_pdf"


def test_unsupported_extension():
    with pytest.raises(ParseError) as info:
        parse_bytes(b"abc", "odt")
    assert info.value.code == "unsupported_type"


def test_parsing_is_deterministic():
    data = two_column_pdf()
    first, second = parse_bytes(data, "pdf"), parse_bytes(data, "pdf")
    assert first == second


def test_a_name_repeated_as_a_running_header_is_kept_once():
    from resumes.parsing import parse_bytes
    from tests.resumes.hostile import valid_pdf

    result = parse_bytes(valid_pdf(2), "pdf")  # the same header block on both pages
    assert result.sections["contact"]["name"] == "Jane Q. Example"
    assert result.text.count("Jane Q. Example") == 1
    assert "Page 1" not in result.text and "Page 2" not in result.text
