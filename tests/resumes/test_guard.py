"""The upload guard refuses hostile files with a stable code and a message a person can act on."""

import io
import pickle
import warnings
import zipfile

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumes.guard import GuardError, GuardLimits, check_file, sniff
from tests.resumes import hostile as h


def refusal(data: bytes, ext: str, limits: GuardLimits | None = None) -> GuardError:
    with pytest.raises(GuardError) as caught:
        check_file(data, ext, limits)
    return caught.value


def assert_human(message: str) -> None:
    assert len(message) > 30
    assert message[0].isupper() and message.endswith(".")
    assert "Traceback" not in message and "Error" not in message and "\n" not in message


@pytest.mark.parametrize("name", h.GUARD_STAGE)
def test_guard_refuses_each_hostile_file_with_its_code(name):
    file = h.hostile(name)
    error = refusal(file.data, file.ext)
    assert error.code == file.expected_code
    assert error.message == str(error)
    assert_human(error.message)


@pytest.mark.parametrize("name", h.SANDBOX_STAGE)
def test_sandbox_stage_files_pass_the_guard(name):
    """They are built to get past the cheap checks, so that the sandbox has to stop them."""
    file = h.hostile(name)
    assert check_file(file.data, file.ext).kind == file.ext


@pytest.mark.parametrize(("name", "ext", "data"), h.valid_files(), ids=[v[0] for v in h.valid_files()])
def test_valid_files_pass(name, ext, data):
    info = check_file(data, ext)
    assert (info.kind, info.size) == (ext, len(data))


def test_guard_info_describes_the_file():
    assert check_file(h.valid_pdf(3), "pdf").pages == 3
    assert check_file(h.encrypted_pdf(user_password=b""), "pdf").encrypted is True
    assert check_file(h.valid_pdf(1), "pdf").encrypted is False
    info = check_file(h.valid_docx(), "docx")
    assert info.members == 3 and 1000 < info.unpacked_bytes < 3000
    assert check_file("Café \u2013 naïve".encode("cp1252"), "txt").encoding == "cp1252"
    assert check_file("Café \u2013 naïve".encode(), "txt").encoding == "utf-8"


def test_word_generated_docx_passes():
    buf = io.BytesIO()
    document = docx.Document()  # python-docx's default template, made by Word: styles, theme, thumbnail...
    document.add_paragraph("Jane Q. Example")
    document.save(buf)
    info = check_file(buf.getvalue(), "docx")
    assert info.members > 10


def test_extension_is_normalised():
    assert check_file(h.valid_pdf(), ".PDF").kind == "pdf"
    assert check_file(h.valid_docx(), "Docx").kind == "docx"
    assert refusal(b"x", "").code == "bad_extension"
    assert refusal(h.valid_docx(), "doc").code == "bad_extension"


def test_size_message_names_both_sizes():
    error = refusal(b"%PDF-1.7\n" + bytes(212 * 1024 * 1024), "pdf")
    assert error.message == "This file is 212 MB; the limit is 5 MB."
    assert refusal(b"a" * 3000, "txt", GuardLimits(max_bytes=1024)).message == ("This file is 3 KB; the limit is 1 KB.")
    assert refusal(b"a" * (5 * 1024 * 1024 + 1), "txt").code == "too_large"
    assert check_file(b"%PDF" + b"a" * 10, "txt").kind == "txt"  # at the limit is fine, and "%PDF" alone is text


@pytest.mark.parametrize(
    ("data", "ext", "named"),
    [
        (h.valid_pdf(), "docx", "a PDF"),
        (h.valid_docx(), "pdf", "a zip archive"),
        (h.png_bytes(), "txt", "a PNG image"),
        (h.valid_pdf(), "txt", "a PDF"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "pdf", "a JPEG image"),
        (b"{\\rtf1 Jane}", "docx", "an RTF document"),
        (b"Just some text", "pdf", "something else"),
    ],
)
def test_type_mismatch_says_what_the_file_is(data, ext, named):
    error = refusal(data, ext)
    assert error.code == "type_mismatch"
    assert f"named .{ext} but its contents are {named}" in error.message


def test_pdf_header_after_junk_is_still_a_pdf():
    assert sniff(b"\r\n\r\n" + h.valid_pdf()) == "pdf"
    assert check_file(b"junk\n" + h.valid_pdf(), "pdf").pages == 1


def test_page_limit_is_configurable():
    pdf = h.many_pages_pdf(60)
    assert "60 pages; the limit is 10" in refusal(pdf, "pdf").message
    assert check_file(pdf, "pdf", GuardLimits(max_pdf_pages=60)).pages == 60
    assert check_file(h.valid_pdf(10), "pdf").pages == 10


def test_encrypted_trailer_is_reported_even_when_pdfium_cannot_open_it():
    broken = b"%PDF-1.4\ngarbage\ntrailer\n<< /Root 1 0 R /Encrypt 9 0 R >>\n%%EOF\n"
    assert refusal(broken, "pdf").code == "pdf_encrypted"
    assert refusal(broken.replace(b"/Encrypt 9 0 R", b""), "pdf").code == "pdf_corrupt"


# ---------------------------------------------------------------------------------------------- DOCX details


@pytest.mark.parametrize("member", ["..\\evil.xml", "word/../../evil.xml", "C:/evil.xml", "/abs.xml", "..", "a/.."])
def test_unsafe_member_names(member):
    assert refusal(h.path_traversal_docx(member), "docx").code == "docx_path_traversal"


def test_dotted_names_that_are_not_traversal_pass():
    assert check_file(h.path_traversal_docx("word/..foo/x..y.xml"), "docx").members == 4


def test_duplicate_member_names():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we are making on purpose
        data = h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"word/document.xml": "<x/>"})
    error = refusal(data, "docx")
    assert error.code == "docx_corrupt"
    assert "same name" in error.message


def test_member_count_limit():
    assert check_file(h.too_many_members_docx(997), "docx").members == 1000
    error = refusal(h.too_many_members_docx(998), "docx")
    assert error.code == "docx_too_many_members"
    assert "1,001 parts; the limit is 1,000" in error.message


def test_ratio_only_matters_for_large_parts():
    small_but_repetitive = h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"word/styles.xml": "<s>" + " " * 900_000 + "</s>"})
    assert check_file(small_but_repetitive, "docx").kind == "docx"
    bomb = h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"word/styles.xml": "<s>" + " " * 2_000_000 + "</s>"})
    assert refusal(bomb, "docx").code == "docx_ratio"
    assert check_file(bomb, "docx", GuardLimits(docx_max_ratio=10_000)).kind == "docx"


def test_unpacked_limit_is_configurable():
    data = h.hostile("unpacked-25mb.docx").data
    assert "unpacks to 25 MB; the limit is 20 MB" in refusal(data, "docx").message
    assert check_file(data, "docx", GuardLimits(docx_max_unpacked=30 << 20)).unpacked_bytes > 25 << 20


def test_main_document_found_through_relationships():
    rels = h._ROOT_RELS.replace("word/document.xml", "word/document2.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", h._CONTENT_TYPES)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document2.xml", h.DOC_HEAD + h.DOC_TAIL)
    assert check_file(buf.getvalue(), "docx").kind == "docx"


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://evil.example/x.dtd"><d/>',
        '<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><d/>',
        "\ufeff<?xml version='1.0'?>\n<!-- a comment -->\n<?pi x?>\n<!doctype d><d/>",
        '<?xml version="1.0"?>\n<!DOCTYPE d>',
    ],
)
def test_any_doctype_is_refused(xml):
    data = h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"customXml/item1.xml": xml})
    assert refusal(data, "docx").code == "docx_xml_entities"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp037"])
def test_doctype_is_found_in_any_encoding(encoding):
    xml = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'
    data = h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"word/header1.xml": xml.encode(encoding)})
    assert refusal(data, "docx").code == "docx_xml_entities"


def test_doctype_is_found_whatever_the_part_is_called():
    """A crafted package can declare any part name as XML, so the check goes by content, not by name."""
    xml = b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'
    assert refusal(h.build_docx(h.DOC_HEAD + h.DOC_TAIL, {"word/media/x.bin": xml}), "docx").code == (
        "docx_xml_entities"
    )


def test_xml_without_doctype_passes_and_binary_parts_are_skipped():
    extra = {
        "customXml/item1.xml": "<?xml version='1.0'?>\n<!-- <!DOCTYPE in a comment> -->\n<d>&amp;</d>",
        "word/empty.xml": "",
        "word/media/image1.png": h.png_bytes(),
        "word/media/blob.bin": bytes(range(256)) * 10,
    }
    assert check_file(h.build_docx(h.DOC_HEAD + h.DOC_TAIL, extra), "docx").members == 7


# -------------------------------------------------------------------------------------------------- TXT


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x00\x01\x02\x03" * 100, "txt_binary"),
        (b"Jane" + b"\x01\x02\x03\x04\x05" * 10, "txt_binary"),
        (b"\xff\xfe\x00\xd8", "txt_binary"),  # a UTF-16 BOM then a lone surrogate
        (b"   \n\t\r\n", "empty"),
        (b"", "empty"),
    ],
)
def test_text_refusals(data, code):
    assert refusal(data, "txt").code == code


def test_text_with_a_stray_control_character_passes():
    assert check_file(b"Jane Doe\x0c" + b"Experience " * 20, "txt").encoding == "utf-8"


# ------------------------------------------------------------------------------------- properties (fuzzing)


def test_guard_error_pickles_intact():
    error = pickle.loads(pickle.dumps(GuardError("pdf_corrupt", "Broken.")))
    assert (type(error), error.code, error.message) == (GuardError, "pdf_corrupt", "Broken.")


def _only_guard_outcomes(data: bytes, ext: str) -> None:
    try:
        info = check_file(data, ext)
    except GuardError as error:
        assert error.code and error.message
    else:
        assert info.kind == ext


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(data=st.binary(max_size=4096), ext=st.sampled_from(["pdf", "docx", "txt"]))
def test_random_bytes_only_ever_give_guard_outcomes(data, ext):
    _only_guard_outcomes(data, ext)


@FUZZ
@given(st.data())
def test_damaged_valid_files_only_ever_give_guard_outcomes(draw):
    ext, original = draw.draw(st.sampled_from([("pdf", h.valid_pdf(2)), ("docx", h.valid_docx())]))
    data = bytearray(original)
    for _ in range(draw.draw(st.integers(1, 8))):
        at = draw.draw(st.integers(0, len(data) - 1))
        data[at] = draw.draw(st.integers(0, 255))
    cut = draw.draw(st.integers(len(data) // 2, len(data)))
    _only_guard_outcomes(bytes(data[:cut]), ext)


# ------------------------------------------------------------------------------------- PDF inflation


def test_inflation_limit_counts_page_data_but_not_images():
    assert refusal(h.inflating_stream_pdf(12), "pdf", GuardLimits(pdf_max_inflated=10 << 20)).code == (
        "pdf_too_large_unpacked"
    )
    assert check_file(h.inflating_stream_pdf(8), "pdf", GuardLimits(pdf_max_inflated=10 << 20)).pages == 1
    flat_image = h._stream(
        bytes(12 << 20), b"/Type /XObject /Subtype /Image /Width 4096 /Height 3072 /ColorSpace /DeviceGray"
    )
    pdf = h.pdf_with_pages(
        [b"q 500 0 0 700 56 46 cm /Im1 Do Q"], resources=b"<< /XObject << /Im1 6 0 R >> >>", extra=[flat_image]
    )
    assert check_file(pdf, "pdf", GuardLimits(pdf_max_inflated=10 << 20)).pages == 1


def test_too_many_streams():
    pdf = h.valid_pdf() + b"stream\n" * 30
    assert refusal(pdf, "pdf", GuardLimits(pdf_max_streams=20)).code == "pdf_too_complex"
    assert check_file(pdf, "pdf", GuardLimits(pdf_max_streams=40)).pages == 1


def test_a_member_with_damaged_deflate_data_is_refused_as_corrupt():
    # Found by the fuzz test below: bytes flipped inside word/document.xml's compressed data made zipfile raise
    # zlib.error, which escaped the guard.
    data = bytearray(h.valid_docx())
    start = data.index(b"word/document.xml") + len(b"word/document.xml")
    for offset in range(start + 4, start + 40):
        data[offset] ^= 0xFF
    with pytest.raises(GuardError) as caught:
        check_file(bytes(data), "docx")
    assert caught.value.code == "docx_corrupt"
