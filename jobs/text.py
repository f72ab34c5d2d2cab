# ruff: noqa: RUF002  (typographic dashes and quotes here are data this code must handle)
"""Turning job-board HTML into plain text, and repairing mojibake.

Shared by JD analysis and (later) job-board ingestion. No Django imports.
"""

from __future__ import annotations

import html
import re

import ftfy
import lxml.etree
import lxml.html

# Content that is never text a reader sees.
_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "head", "svg", "math"})
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
        "caption",
    ]
)
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
_ESCAPED_TAG = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9]*[\s/&]")
_HAS_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, fix_line_breaks=True)


def looks_like_html(text: str) -> bool:
    return bool(_HAS_TAG.search(text) or _ESCAPED_TAG.search(text))


def html_to_text(markup: str) -> str:
    """Readable text from an HTML fragment: scripts and styles dropped, blocks on their own lines, list items
    as "- " bullets, entities decoded. Entity-escaped HTML (Greenhouse's ``content``) is unescaped first."""
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and _ESCAPED_TAG.search(markup):
        markup = html.unescape(markup)
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _strip_tags(markup)
    text = _tidy("".join(_pieces(root)))
    # libxml2 gives up on absurdly deep nesting and returns nothing; fall back to stripping tags by pattern.
    return text or _strip_tags(markup)


def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", markup)
    return _tidy(html.unescape(re.sub(r"<[^>]*>", " ", markup)))


def _pieces(root) -> list[str]:
    """Walk the tree without recursion (deeply nested markup must not blow the stack)."""
    out: list[str] = []
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if not tag or tag in _DROP:
                walker.skip_subtree()
                continue
            _open(tag, el, out)
        else:
            if tag and tag not in _DROP:
                _close(tag, out)
            if el.tail and el is not root:
                out.append(_inline(el.tail))
    return out


def _open(tag: str, el, out: list[str]) -> None:
    if tag == "br":
        out.append("\n")
    elif tag == "li":
        out.append("\n- ")
    elif tag in _BLOCK:
        out.append("\n")
    elif tag in _CELLS:
        out.append(" ")
    if el.text:
        out.append(_inline(el.text))


def _close(tag: str, out: list[str]) -> None:
    if tag in _BLOCK or tag == "li":
        out.append("\n")
    elif tag in _CELLS:
        out.append(" ")


def _inline(text: str) -> str:
    # Newlines inside HTML text are just spaces; real line breaks come from the markup.
    return _SPACES.sub(" ", text.replace("\n", " "))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if out and out[-1] == "-" and line:
            out[-1] = "- " + line.lstrip("- ").strip()  # "<li><p>text</p></li>" -> "- text"
            continue
        if line == "- ":
            line = "-"
        if not line and (not out or not out[-1]):
            continue  # at most one blank line in a row
        out.append(line)
    while out and out[-1] in ("", "-"):
        out.pop()
    # No blank line between two items of the same list.
    out = [
        line
        for i, line in enumerate(out)
        if line or not (0 < i < len(out) - 1 and out[i - 1].startswith("- ") and out[i + 1].startswith("- "))
    ]
    return "\n".join(out).strip()


# Plain ASCII with no control characters (or CR) has nothing for ftfy to repair: mojibake needs non-ASCII
# characters. Skipping ftfy there keeps ingest fast, since most postings are ASCII.
_ASCII_NEEDS_FIX = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as Latin-1/CP1252 ("Youâ€™ll" -> "You’ll") and similar damage; quotes are kept."""
    if not text:
        return ""
    if text.isascii() and not _ASCII_NEEDS_FIX.search(text):
        return text
    return ftfy.fix_text(text, config=_FTFY)


def clean_text(text: str) -> str:
    """Mojibake repaired and HTML (if any) flattened: the form JD analysis works on."""
    text = fix_mojibake(text or "")
    return html_to_text(text) if looks_like_html(text) else _tidy(text)
