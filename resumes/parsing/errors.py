"""Errors the parser reports to its callers with a stable code and a message a user can act on."""

from __future__ import annotations

NO_TEXT_LAYER_MESSAGE = (
    "This looks like a scanned image: the PDF has no text we can read. "
    "Upload the original document or a text-based PDF."
)


class ParseError(Exception):
    """A document we cannot turn into text. `code` is machine-readable, `message` is for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
