"""Generators of hostile (and a few valid) resume files, in pure Python.

Used by tests/resumes/test_guard.py, tests/resumes/test_sandbox.py and bench/parse_hostile.py. Every hostile
file is a `Hostile(name, ext, data, expected_code)`; `stage` says whether the upload guard rejects it
("guard") or whether it is built to pass the guard so that only the sandboxed parse can stop it ("sandbox").
Most sandbox-stage files exhaust a resource; which limit trips first (time or memory) depends on the machine,
so for them `expected_code` is the likely one and `acceptable_codes` holds both. The scanned-image PDF is a
sandbox-stage file too: the text-layer check has to load pages, which the guard process must not do.

Some files are large once generated (up to ~6 MB) and take a second or two to build, so each is built on first
use by `hostile(name)` and cached for the process; `HOSTILE_NAMES` lists them without building anything.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
import struct
import zipfile
import zlib
from typing import NamedTuple

RESOURCE_CODES = ("parse_timeout", "parse_memory")


class Hostile(NamedTuple):
    name: str
    ext: str
    data: bytes
    expected_code: str
    stage: str = "guard"

    @property
    def acceptable_codes(self) -> tuple[str, ...]:
        if self.expected_code in RESOURCE_CODES:
            return RESOURCE_CODES
        return (self.expected_code,)


# --------------------------------------------------------------------------------------------------- PDF


def _flate(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def _stream(data: bytes, extra: bytes = b"", *, compress: bool = True) -> bytes:
    body = _flate(data) if compress else data
    filt = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s %s >>\nstream\n%s\nendstream" % (len(body), filt, extra, body)


def build_pdf(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """Serialise objects 1..n (object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref_at,
    )
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf_escape(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 72 720 Td 14 TL"]
    ops += [b"(%s) '" % _pdf_escape(line) for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_with_pages(contents: list[bytes], *, resources: bytes | None = None, extra: list[bytes] = ()) -> bytes:
    """A PDF whose pages have the given (uncompressed) content streams; font /F1 is Helvetica (object 3).

    `extra` objects are appended after the pages and may be referred to from `resources`.
    """
    n = len(contents)
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))
    res = resources or b"<< /Font << /F1 3 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        _FONT,
    ]
    for i, content in enumerate(contents):
        page = first_page + 2 * i
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>" % (res, page + 1)
        )
        objects.append(_stream(content))
    objects += list(extra)
    return build_pdf(objects)


RESUME_LINES = [
    "Jane Q. Example",
    "Senior Software Engineer - jane@example.com - +1 555 0100",
    "Experience",
    "Acme Corp, Staff Engineer, 2019 - present",
    "Built a billing platform in Python and Django serving 2 million users.",
    "Education",
    "B.Sc. Computer Science, Example University, 2014",
    "Skills: Python, Django, PostgreSQL, Kubernetes",
]


def valid_pdf(pages: int = 1) -> bytes:
    return pdf_with_pages([_text_content([f"Page {i + 1}", *RESUME_LINES]) for i in range(pages)])


def many_pages_pdf(pages: int = 60) -> bytes:
    return valid_pdf(pages)


def truncated_pdf() -> bytes:
    """A 3-page PDF cut off before its page objects: no xref, no trailer, nothing to recover."""
    data = valid_pdf(3)
    return data[: data.index(b"4 0 obj")]


def image_only_pdf() -> bytes:
    """One page showing a 64x64 grey image XObject and no text at all (what a scanner produces)."""
    pixels = bytes((x * 4 + y) % 256 for y in range(64) for x in range(64))
    image = _stream(
        pixels,
        b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8",
    )
    content = b"q 500 0 0 700 56 46 cm /Im1 Do Q"
    # objects: 1 catalog, 2 pages, 3 font, 4 page, 5 content, 6 image
    return pdf_with_pages([content], resources=b"<< /XObject << /Im1 6 0 R >> >>", extra=[image])


def million_operators_pdf(operators: int = 1_000_000) -> bytes:
    """~10 KB on disk: one page whose compressed content stream holds a million text-showing operators."""
    content = b"BT /F1 1 Tf 10 10 Td " + b"(Lorem) Tj " * operators + b"ET"
    return pdf_with_pages([content])


def inflating_stream_pdf(megabytes: int = 200) -> bytes:
    """A page with a line of real text (so it passes the text-layer check) followed by a second content
    stream that is a ~200 KB FlateDecode of 200 MB of zero bytes."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    body = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
        b" /Contents [5 0 R 6 0 R] >>",
        _stream(_text_content(RESUME_LINES)),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(body), body),
    ]
    return build_pdf(objects)


# Standard security handler, revision 2 (RC4, 40-bit key), as in ISO 32000-1 section 7.6.3.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with RC4-40 that needs `user_password` to open (empty user password: opens
    without asking, like a PDF that only restricts printing)."""
    padded_user = (user_password + _PAD)[:32]
    padded_owner = (owner_password + _PAD)[:32]
    o_value = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    permissions = -4  # all permissions; only the password matters here
    file_id = hashlib.md5(b"career-agent-hostile").digest()
    key = hashlib.md5(padded_user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = _rc4(key, _PAD)

    def object_key(number: int) -> bytes:
        return hashlib.md5(key + struct.pack("<i", number)[:3] + b"\x00\x00").digest()[:10]

    content = _rc4(object_key(5), _flate(_text_content(RESUME_LINES)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        _FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_value.hex().encode(), u_value.hex().encode(), permissions),
    ]
    return build_pdf(objects, trailer_extra=b"/Encrypt 6 0 R /ID [<%s> <%s>]" % ((file_id.hex().encode(),) * 2))


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# -------------------------------------------------------------------------------------------------- DOCX

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>'
DOC_TAIL = "</w:body></w:document>"


def _paragraph(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:p><w:r><w:t xml:space="preserve">{escaped}</w:t></w:r></w:p>'


def build_docx(document_xml: bytes | str | None, extra: dict[str, bytes | str] | None = None) -> bytes:
    """A minimal DOCX; document_xml=None leaves word/document.xml out."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        if document_xml is not None:
            zf.writestr("word/document.xml", document_xml)
        for name, body in (extra or {}).items():
            zf.writestr(name, body)
    return buf.getvalue()


def valid_docx(lines: list[str] = RESUME_LINES) -> bytes:
    return build_docx(DOC_HEAD + "".join(_paragraph(line) for line in lines) + DOC_TAIL)


def _streamed_docx(chunks, *, compresslevel: int = 6) -> bytes:
    """A DOCX whose document.xml is written chunk by chunk (never held whole in memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)
    return buf.getvalue()


def zip_bomb_docx(megabytes: int = 200) -> bytes:
    """~200 KB that declares (and inflates to) a 200 MB word/document.xml: ratio ~1000."""
    block = (_paragraph("A") * 20_000).encode()[: 1 << 20]
    block = block[: block.rindex(b"</w:p>") + 6]

    def chunks():
        yield DOC_HEAD.encode()
        size = 0
        while size < megabytes << 20:
            yield block
            size += len(block)
        yield DOC_TAIL.encode()

    return _streamed_docx(chunks(), compresslevel=9)


def large_unpacked_docx(megabytes: int = 25) -> bytes:
    """~25 MB of low-entropy text (compression ratio ~10-20, so not a 'bomb') in a ~2 MB file."""
    rng = random.Random(7)
    table = bytes(ord("e") if i < 24 else ord(" ") for i in range(256))  # ~10 % letters, the rest spaces

    def chunks():
        yield DOC_HEAD.encode()
        for _ in range(megabytes):
            yield (
                b'<w:p><w:r><w:t xml:space="preserve">'
                + rng.randbytes(1 << 20).translate(table)
                + b"</w:t></w:r></w:p>"
            )
        yield DOC_TAIL.encode()

    return _streamed_docx(chunks())


def many_paragraphs_docx(paragraphs: int = 2_000_000, *, passes_guard: bool = False) -> bytes:
    """Two million empty paragraphs. Plain, they compress ~1000:1 (the guard's ratio check rejects them);
    with `passes_guard`, a sprinkle of random whitespace keeps the ratio under 100 (file ~200 KB, 12 MB
    unpacked) so that only the sandboxed parse can stop it."""
    rng = random.Random(11)

    def chunks():
        yield DOC_HEAD.encode()
        step = 100_000
        for _ in range(paragraphs // step):
            if passes_guard:
                yield b"".join(b"<w:p/>" + (b" " if rng.random() < 0.1 else b"") for _ in range(step))
            else:
                yield b"<w:p/>" * step
        yield DOC_TAIL.encode()

    return _streamed_docx(chunks(), compresslevel=9)


def xxe_docx() -> bytes:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    )
    return build_docx(xml)


def billion_laughs_docx() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE lolz [{''.join(entities)}]>\n"
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return build_docx(xml)


def doctype_after_long_comment_docx() -> bytes:
    """The DOCTYPE hides behind a 200 KB comment, past any fixed-size first-KB scan."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!--' + "x" * 200_000 + "-->\n"
        '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    )
    return build_docx(xml)


def utf16_doctype_docx() -> bytes:
    """An XXE DOCTYPE in a UTF-16 encoded part, invisible to a scan for the ASCII bytes '<!DOCTYPE'."""
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    )
    return build_docx(xml.encode("utf-16"))


def path_traversal_docx(member: str = "../../evil.xml") -> bytes:
    return build_docx(DOC_HEAD + _paragraph("hi") + DOC_TAIL, {member: "<x/>"})


def too_many_members_docx(members: int = 1001) -> bytes:
    return build_docx(DOC_HEAD + DOC_TAIL, {f"word/media/m{i}.xml": "<x/>" for i in range(members)})


def not_a_zip_docx() -> bytes:
    """Starts like a zip (local file header) but has no central directory."""
    return valid_docx()[:300]


def old_doc_as_docx() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)


# -------------------------------------------------------------------------------------------------- corpus


def _huge_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(6 * 1024 * 1024)


# (name, ext, factory, expected_code, stage)
_SPECS = (
    ("empty.pdf", "pdf", lambda: b"", "empty", "guard"),
    ("huge.pdf", "pdf", _huge_pdf, "too_large", "guard"),
    ("resume.exe", "exe", lambda: b"MZ\x90\x00" + bytes(100), "bad_extension", "guard"),
    ("image.png-as.pdf", "pdf", png_bytes, "type_mismatch", "guard"),
    ("old-word.doc-as.docx", "docx", old_doc_as_docx, "type_mismatch", "guard"),
    ("truncated.pdf", "pdf", truncated_pdf, "pdf_corrupt", "guard"),
    ("encrypted.pdf", "pdf", encrypted_pdf, "pdf_encrypted", "guard"),
    ("sixty-pages.pdf", "pdf", many_pages_pdf, "pdf_too_many_pages", "guard"),
    ("scanned-image.pdf", "pdf", image_only_pdf, "no_text_layer", "sandbox"),
    ("million-operators.pdf", "pdf", million_operators_pdf, "parse_timeout", "sandbox"),
    ("inflate-200mb.pdf", "pdf", inflating_stream_pdf, "pdf_too_large_unpacked", "guard"),
    ("not-a-zip.docx", "docx", not_a_zip_docx, "docx_not_zip", "guard"),
    ("zip-bomb.docx", "docx", zip_bomb_docx, "docx_ratio", "guard"),
    ("unpacked-25mb.docx", "docx", large_unpacked_docx, "docx_too_large_unpacked", "guard"),
    ("two-million-paragraphs.docx", "docx", many_paragraphs_docx, "docx_ratio", "guard"),
    (
        "two-million-paragraphs-passes-guard.docx",
        "docx",
        functools.partial(many_paragraphs_docx, passes_guard=True),
        "parse_timeout",
        "sandbox",
    ),
    ("xxe.docx", "docx", xxe_docx, "docx_xml_entities", "guard"),
    ("billion-laughs.docx", "docx", billion_laughs_docx, "docx_xml_entities", "guard"),
    ("doctype-after-comment.docx", "docx", doctype_after_long_comment_docx, "docx_xml_entities", "guard"),
    ("utf16-doctype.docx", "docx", utf16_doctype_docx, "docx_xml_entities", "guard"),
    ("path-traversal.docx", "docx", path_traversal_docx, "docx_path_traversal", "guard"),
    (
        "absolute-path.docx",
        "docx",
        functools.partial(path_traversal_docx, "/etc/x"),
        "docx_path_traversal",
        "guard",
    ),
    ("too-many-members.docx", "docx", too_many_members_docx, "docx_too_many_members", "guard"),
    ("no-document.docx", "docx", functools.partial(build_docx, None), "docx_missing_document", "guard"),
    ("nul-bytes.txt", "txt", lambda: b"Jane Doe\x00\x00\x00\x01\x02binary" * 50, "txt_binary", "guard"),
)
HOSTILE_NAMES = tuple(spec[0] for spec in _SPECS)
GUARD_STAGE = tuple(spec[0] for spec in _SPECS if spec[4] == "guard")
SANDBOX_STAGE = tuple(spec[0] for spec in _SPECS if spec[4] == "sandbox")


@functools.cache
def hostile(name: str) -> Hostile:
    """One hostile file, built on first use (a few take a second) and kept for the process."""
    name, ext, factory, expected_code, stage = next(spec for spec in _SPECS if spec[0] == name)
    return Hostile(name, ext, factory(), expected_code, stage)


def hostile_corpus() -> tuple[Hostile, ...]:
    return tuple(hostile(name) for name in HOSTILE_NAMES)


def valid_files() -> tuple[tuple[str, str, bytes], ...]:
    text = "\n".join(RESUME_LINES)
    return (
        ("resume.pdf", "pdf", valid_pdf(2)),
        ("resume.docx", "docx", valid_docx()),
        ("resume.txt", "txt", text.encode()),
        ("resume-cp1252.txt", "txt", (text + "\nCaf\u00e9 \u2013 na\u00efve").encode("cp1252")),
        ("resume-utf16.txt", "txt", text.encode("utf-16")),
        ("owner-password-only.pdf", "pdf", encrypted_pdf(user_password=b"")),
    )
