"""Resume -> Word (.docx) through docxtpl, from a template that `docx_template` builds in code.

One layout for every design: the three template names differ only in the font (the HTML designs' families,
as fonts a Linux box has and Word substitutes sensibly). The template bytes are built once per process per font.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Mapping

from jinja2 import Environment

from . import SEP, resume_view
from .docx_template import build_template

__all__ = ["FONTS", "render_docx"]

FONTS = {"classic": "Liberation Serif", "modern": "Liberation Sans", "compact": "DejaVu Sans"}
# Characters XML 1.0 cannot hold (a stray form feed from a PDF would make Word refuse the file).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@functools.lru_cache(maxsize=len(FONTS))
def _template_bytes(font: str) -> bytes:
    return build_template(font)


class _CachingEnvironment(Environment):
    """docxtpl compiles every XML part with `from_string` on every render; our parts are the same each time, so
    their compiled templates are kept (about half of a render's time)."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)  # resume text is data ("R&D", "<3 years>"), never markup
        self._compiled: dict[str, object] = {}
        self._compiled_lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiled_lock:
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            with self._compiled_lock:
                if len(self._compiled) > 64:
                    self._compiled.clear()
                self._compiled[source] = template
        return template


_environment = _CachingEnvironment()


def _clean(value):
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def render_docx(sections: Mapping, *, template: str = "classic") -> bytes:
    """A .docx for `sections` (schema v1). Raises ValueError for an unknown template."""
    from docxtpl import DocxTemplate

    if template not in FONTS:
        raise ValueError(f"Unknown template {template!r}; choose one of {', '.join(FONTS)}.")
    view = _clean(resume_view(sections))
    for section in view["sections"]:
        if section["kind"] == "dated":
            # As in the PDF: "Title<tab>dates" in bold, then "organisation<tab>location" on the italic line below,
            # so that a long or sentence-like organisation never shares a line with the title.
            for e in section["entries"]:
                e["sub"] = "\t".join(p for p in (e["org"], e["sub"]) if p) or None
                e["org"] = None
    context = {
        "name": view["name"],
        "contact_line": " | ".join(c["text"] for c in view["contact"]),
        "sections": view["sections"],
        "sep": SEP,
    }
    document = DocxTemplate(io.BytesIO(_template_bytes(FONTS[template])))
    document.render(context, jinja_env=_environment, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
