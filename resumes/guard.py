"""The upload guard: cheap structural checks that run before any parser sees a file.

`check_file(data, ext)` reads only what it needs to decide: the size, the first bytes (magic), the PDF's xref
and page tree (via pdfium, which does not parse page contents to count pages), and a DOCX's zip central
directory plus the first few KB of each XML part. It raises `GuardError(code, message)`, whose message can be
shown to the person as is, or returns a `GuardInfo`.

What the guard deliberately leaves to the sandboxed parse (`resumes.sandbox`):
- Anything that needs a page's content stream, including the "no text layer" check (the parser's
  `ParseError("no_text_layer")`): loading a page makes pdfium parse its whole content stream, which for a
  22 KB PDF holding a million text operators takes ~0.9 s, and counting its characters another ~7 s and 1.6 GB.
- DOCX parts that pass the size and ratio checks but hold millions of elements, and PDF pages with millions
  of operators in a small stream: only a time and memory limit stops them reliably. (PDF streams that inflate
  hugely, such as a 200 KB FlateDecode of 200 MB of zeros, are caught here by a bounded inflate, unless
  disguised as images or hidden behind another filter; the sandbox stops those.)

A DOCX part's sizes come from the zip's central directory, which an attacker writes. That is enough here
because every reader we use goes through Python's zipfile, which never inflates a member past its declared
size (and fails the CRC check if the data disagrees).
"""

from __future__ import annotations

import codecs
import io
import os
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ALLOWED_EXTENSIONS = ("pdf", "docx", "txt")

# pdfium is not thread-safe: every call into it in this process must hold this lock. It is also taken around
# os.fork() so that a sandboxed child never inherits pdfium in the middle of a call from another thread.
PDFIUM_LOCK = threading.RLock()
os.register_at_fork(
    before=PDFIUM_LOCK.acquire,
    after_in_parent=PDFIUM_LOCK.release,
    after_in_child=PDFIUM_LOCK.release,
)

_XML_PROLOG_BUDGET = 8 * 1024  # characters before the root element; Word writes about 60
_RATIO_MIN_MEMBER = 1 << 20  # small parts may compress well without being a bomb
_RESUBMIT = "Please upload your resume as a PDF, a Word .docx or a plain-text .txt file."


@dataclass(frozen=True)
class GuardLimits:
    max_bytes: int = 5 * 1024 * 1024
    max_pdf_pages: int = 10
    docx_max_unpacked: int = 20 * 1024 * 1024
    docx_max_ratio: int = 100
    docx_max_members: int = 1000
    pdf_max_inflated: int = 100 * 1024 * 1024  # FlateDecode output of all non-image streams together
    pdf_max_streams: int = 20_000


@dataclass(frozen=True)
class GuardInfo:
    kind: str  # "pdf", "docx" or "txt"
    size: int
    pages: int | None = None  # PDF
    encrypted: bool = False  # PDF with an owner password only: opens without asking, parsers decrypt it
    members: int | None = None  # DOCX
    unpacked_bytes: int | None = None  # DOCX, as declared by the zip
    encoding: str | None = None  # TXT: the codec that decodes it


class GuardError(Exception):
    """The file is refused. `code` is stable (for logs and tests), `message` is for the person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # picklable, so that it crosses the sandbox's pipe intact
        return (self.__class__, (self.code, self.message))

    def __repr__(self) -> str:
        return f"GuardError({self.code!r}, {self.message!r})"


def check_file(data: bytes, ext: str, limits: GuardLimits | None = None) -> GuardInfo:
    limits = limits or GuardLimits()
    ext = ext.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        shown = f".{ext}" if ext else "no extension"
        raise GuardError("bad_extension", f"We can't read {shown} files. {_RESUBMIT}")
    if not data:
        raise GuardError("empty", "This file is empty (0 bytes). " + _RESUBMIT)
    if len(data) > limits.max_bytes:
        raise GuardError("too_large", f"This file is {_human(len(data))}; the limit is {_human(limits.max_bytes)}.")
    actual = sniff(data)
    if ext == "pdf":
        if actual != "pdf":
            raise _mismatch(ext, actual)
        return _check_pdf(data, limits)
    if ext == "docx":
        if actual == "ole":
            raise GuardError(
                "type_mismatch",
                "This is an old-style Word document (.doc) or a password-protected .docx. Remove the "
                "password or use Save As .docx or PDF, then upload it again.",
            )
        if actual != "zip":
            raise _mismatch(ext, actual)
        return _check_docx(data, limits)
    if actual in _NOT_TEXT:
        raise _mismatch(ext, actual)
    return _check_txt(data)


# ------------------------------------------------------------------------------------------------- magic

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"MZ", "exe"),
    (b"\x7fELF", "exe"),
)
_NAMES = {
    "pdf": "a PDF",
    "zip": "a zip archive (or a .docx)",
    "ole": "an old-style Word or Excel file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "rtf": "an RTF document",
    "exe": "a program",
    "unknown": "something else",
}
_NOT_TEXT = {"pdf", "zip", "ole", "png", "jpeg", "gif", "tiff", "exe"}


def sniff(data: bytes) -> str:
    """What the first bytes say the file is: "pdf", "zip", "ole", "png", ..., or "unknown"."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"%PDF-" in data[:1024]:  # readers accept a PDF header after some junk, and so do we
        return "pdf"
    return "unknown"


def _mismatch(ext: str, actual: str) -> GuardError:
    return GuardError(
        "type_mismatch",
        f"This file is named .{ext} but its contents are {_NAMES.get(actual, _NAMES['unknown'])}. " + _RESUBMIT,
    )


# --------------------------------------------------------------------------------------------------- PDF

_ENCRYPT_RE = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")


def _check_pdf(data: bytes, limits: GuardLimits) -> GuardInfo:
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) or _ENCRYPT_RE.search(
                data[-4096:]
            ):
                raise GuardError(
                    "pdf_encrypted",
                    "This PDF is protected with a password, so we can't read it. Save a copy without the "
                    "password (for example with Print > Save as PDF) and upload that.",
                ) from None
            raise _pdf_corrupt() from None
        try:
            pages = len(doc)
            encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(doc) != -1
        finally:
            doc.close()
    if pages == 0:
        raise _pdf_corrupt()
    _check_pdf_inflation(data, limits)
    if pages > limits.max_pdf_pages:
        raise GuardError(
            "pdf_too_many_pages",
            f"This PDF has {pages} pages; the limit is {limits.max_pdf_pages}. A resume is usually one to "
            "three pages: upload just your resume.",
        )
    return GuardInfo(kind="pdf", size=len(data), pages=pages, encrypted=encrypted)


_STREAM_RE = re.compile(rb"stream\r?\n")
_INPUT_CHUNK = 64 * 1024
_OUTPUT_CHUNK = 1 << 20


def _check_pdf_inflation(data: bytes, limits: GuardLimits) -> None:
    """Inflate every zlib stream (discarding the output, 1 MB at a time) until the total passes the limit.

    Image streams are skipped: text extraction does not decode them, and flat graphics legitimately compress
    50:1. This costs time in proportion to the inflated size (about 1 ms per MB), so it is bounded by the
    limit. A bomb disguised as an image, or hidden behind another filter, is left to the sandbox.
    """
    view = memoryview(data)
    total = 0
    for count, match in enumerate(_STREAM_RE.finditer(data), start=1):
        if count > limits.pdf_max_streams:
            raise GuardError(
                "pdf_too_complex",
                f"This PDF is built from more than {limits.pdf_max_streams:,} separate parts, far more than a "
                "resume needs. Export it again from your word processor and upload the new file.",
            )
        start = match.end()
        if not _zlib_header(data[start : start + 2]):
            continue
        head = data[max(0, match.start() - 1024) : match.start()]
        if b"/Image" in head[head.rfind(b"obj") + 1 :]:
            continue
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        inflater = zlib.decompressobj()
        try:
            for at in range(start, end, _INPUT_CHUNK):
                total += len(inflater.decompress(view[at : min(at + _INPUT_CHUNK, end)], _OUTPUT_CHUNK))
                while inflater.unconsumed_tail and not inflater.eof and total <= limits.pdf_max_inflated:
                    total += len(inflater.decompress(inflater.unconsumed_tail, _OUTPUT_CHUNK))
                if total > limits.pdf_max_inflated:
                    raise GuardError(
                        "pdf_too_large_unpacked",
                        f"This PDF unpacks to more than {_human(limits.pdf_max_inflated)} of page data, which "
                        "only happens with damaged or deliberately crafted files. Export it again from your "
                        "word processor and upload the new file.",
                    )
                if inflater.eof:
                    break
        except zlib.error:
            continue  # not really a zlib stream, or damaged: the parser will judge


def _zlib_header(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] << 8 | head[1]) % 31 == 0


def _pdf_corrupt() -> GuardError:
    return GuardError(
        "pdf_corrupt",
        "This PDF is damaged or incomplete (it may not have finished uploading or downloading), so we can't "
        "read it. Open it on your computer to check, export it again, and upload the new file.",
    )


# -------------------------------------------------------------------------------------------------- DOCX

_EOCD = b"PK\x05\x06"
_MAIN_REL_RE = re.compile(
    rb'Type="[^"]*/officeDocument"[^>]*?Target="([^"]+)"|Target="([^"]+)"[^>]*?Type="[^"]*/officeDocument"'
)


def _check_docx(data: bytes, limits: GuardLimits) -> GuardInfo:
    declared = _declared_member_count(data)
    if declared is not None and declared > limits.docx_max_members:
        raise _too_many_members(declared, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error):
        raise GuardError(
            "docx_not_zip",
            "This .docx file is damaged (it isn't a complete Word document), so we can't read it. Open it in "
            "Word or Google Docs, save it again, and upload the new file.",
        ) from None
    try:
        with zf:
            return _check_docx_members(zf, limits, len(data))
    except _UNPACK_ERRORS:
        # A damaged member (bad deflate data, a truncated entry) anywhere the checks read.
        raise _docx_corrupt("a part of it can't be unpacked") from None


# What reading a damaged zip member can raise; zlib.error comes from bad deflate data inside an entry.
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, ValueError)


def _check_docx_members(zf: zipfile.ZipFile, limits: GuardLimits, size: int) -> GuardInfo:
    infos = zf.infolist()
    if len(infos) > limits.docx_max_members:
        raise _too_many_members(len(infos), limits)
    names = [info.filename for info in infos]
    for name in names:
        if _unsafe_member_name(name):
            raise GuardError(
                "docx_path_traversal",
                f"This .docx contains a part with an unsafe name ({name[:80]!r}), which Word never "
                "writes. Save it again from your word processor and upload the new file.",
            )
    if len(set(names)) != len(names):
        raise _docx_corrupt("two parts have the same name")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _docx_corrupt("parts of it are encrypted")
        if info.file_size > _RATIO_MIN_MEMBER and info.file_size > limits.docx_max_ratio * max(info.compress_size, 1):
            raise GuardError(
                "docx_ratio",
                f"This .docx would unpack from {_human(info.compress_size)} to {_human(info.file_size)}, "
                "which only happens with deliberately crafted files (a 'zip bomb'). Save it again from "
                "your word processor and upload the new file.",
            )
        total += info.file_size
    if total > limits.docx_max_unpacked:
        raise GuardError(
            "docx_too_large_unpacked",
            f"This .docx unpacks to {_human(total)}; the limit is {_human(limits.docx_max_unpacked)}. "
            "Remove large images or embedded files, or upload a PDF instead.",
        )
    if "word/document.xml" not in names and _main_part_name(zf, names) not in names:
        raise GuardError(
            "docx_missing_document",
            "This .docx has no document text inside (it may be a template or another kind of Office "
            "file). Save your resume as .docx or PDF and upload it again.",
        )
    for info in infos:
        _check_xml_prolog(zf, info)
    return GuardInfo(kind="docx", size=size, members=len(infos), unpacked_bytes=total)


def _declared_member_count(data: bytes) -> int | None:
    """The entry count from the end-of-central-directory record, read before zipfile parses every entry."""
    at = data.rfind(_EOCD, max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, at + 10)
    return None if count == 0xFFFF else count  # 0xFFFF: zip64, zipfile will tell us


def _too_many_members(count: int, limits: GuardLimits) -> GuardError:
    return GuardError(
        "docx_too_many_members",
        f"This .docx is made of {count:,} parts; the limit is {limits.docx_max_members:,}. Save it again "
        "from your word processor, or upload a PDF instead.",
    )


def _docx_corrupt(why: str) -> GuardError:
    return GuardError(
        "docx_corrupt",
        f"This .docx is damaged or unusual ({why}), so we can't read it. Save it again from Word or Google "
        "Docs and upload the new file.",
    )


def _unsafe_member_name(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or "\x00" in name
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in name.split("/")
    )


def _main_part_name(zf: zipfile.ZipFile, names: list[str]) -> str:
    """The main document part named by _rels/.rels (some generators do not call it word/document.xml)."""
    if "_rels/.rels" not in names:
        return ""
    with zf.open("_rels/.rels") as f:
        rels = f.read(64 * 1024)
    match = _MAIN_REL_RE.search(rels)
    if not match:
        return ""
    return (match.group(1) or match.group(2)).decode("utf-8", "replace").lstrip("/")


def _check_xml_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse any DOCTYPE (entity declarations: XXE, billion laughs) in any part that looks like XML.

    Reads at most the prolog, whatever the part's name (a crafted package can declare any part as XML) and
    whatever its encoding; a prolog longer than Word ever writes is refused rather than read to the end.
    """
    try:
        with zf.open(info) as member:
            head = member.read(4)
            encoding, skip = _xml_encoding(head)
            if encoding is None:
                return  # not XML (an image, a font...)
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            text = decoder.decode(head[skip:])
            read = len(head)
            while True:
                verdict = _prolog_verdict(text)
                if verdict == "doctype":
                    raise GuardError(
                        "docx_xml_entities",
                        "This .docx declares XML entities (a DOCTYPE), which Word never writes and which can "
                        "be used to attack the reader. Save it again from your word processor and upload the "
                        "new file.",
                    )
                if verdict in ("root", "not-xml"):
                    return
                if read > _XML_PROLOG_BUDGET:
                    raise GuardError(
                        "docx_xml_entities",
                        f"This .docx has an XML part ({info.filename[:80]}) with an unusually long preamble, "
                        "which Word never writes. Save it again from your word processor and upload the new "
                        "file.",
                    )
                chunk = member.read(1024)
                if not chunk:
                    return  # ended inside the prolog: no root element, no DOCTYPE either
                read += len(chunk)
                text += decoder.decode(chunk)
    except _UNPACK_ERRORS:
        raise _docx_corrupt(f"the part {info.filename[:80]} can't be unpacked") from None


def _xml_encoding(head: bytes) -> tuple[str | None, int]:
    """(codec, BOM length) by the XML spec's autodetection (appendix F); codec None when not XML-looking."""
    for prefix, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(prefix):
            return encoding, len(prefix)
    for prefix, encoding in (
        (b"<\x00\x00\x00", "utf-32-le"),
        (b"\x00\x00\x00<", "utf-32-be"),
        (b"<\x00", "utf-16-le"),
        (b"\x00<", "utf-16-be"),
        (b"\x4c\x6f\xa7\x94", "cp037"),  # "<?xm" in EBCDIC
    ):
        if head.startswith(prefix):
            return encoding, 0
    if head.lstrip(b" \t\r\n").startswith(b"<") or (head and not head.strip(b" \t\r\n")):
        return "utf-8", 0
    return None, 0


def _prolog_verdict(text: str) -> str:
    """ "doctype", "root" (the root element starts with no DOCTYPE before it), "not-xml", or "more"."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return "more"
        if text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                return "more"
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return "more"
            i = end + 3
        elif text.startswith("<!", i):
            return "doctype"
        elif text[i] == "<":
            if i + 1 >= n:
                return "more"
            return "root"
        else:
            return "not-xml"


# --------------------------------------------------------------------------------------------------- TXT


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_txt(data: bytes) -> GuardInfo:
    binary = GuardError(
        "txt_binary",
        "This .txt file contains binary data, not plain text. Save your resume as plain text (UTF-8), PDF or "
        ".docx and upload it again.",
    )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise binary
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise binary from None
        encoding = "cp1252"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            text = data.decode(encoding)
    controls = len(_CONTROL_RE.findall(text))
    if controls > len(text) * 0.01:
        raise binary
    if not text.strip():
        raise GuardError("empty", "This file has no text in it. " + _RESUBMIT)
    return GuardInfo(kind="txt", size=len(data), encoding=encoding)


# ------------------------------------------------------------------------------------------------ helpers


def _human(size: int) -> str:
    if size >= 1 << 20:
        value = size / (1 << 20)
        return f"{value:.1f} MB".replace(".0 MB", " MB") if value < 10 else f"{value:,.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"
