"""Character-level clean-up applied to every line whatever the source format."""

# ruff: noqa: RUF001, RUF002 (resume text is full of en dashes, curly quotes and bullets on purpose)

from __future__ import annotations

import re
import unicodedata

BULLET = "•"

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Hyphen look-alikes become a plain ASCII hyphen; soft hyphens are invisible break hints and vanish.
_HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2043": "-", "\u2212": "-"}
_SPACES = {"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " "}
_ZERO_WIDTH = {"\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\ufffd": ""}
_BULLETS = {c: BULLET for c in "●▪■◦○◆◇►▸‣⁃∙⦁➢➤✓✔·"}

_TABLE = str.maketrans({**_LIGATURES, **_HYPHENS, **_SPACES, **_ZERO_WIDTH, **_BULLETS})

_CID = re.compile(r"\(cid:\d+\)")
_MULTI_HYPHEN = re.compile(r"-{2,}")
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\u0080-\u00bf€™œ\u0153\u201a-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a]")
_SPACE_RUN = re.compile(r"[ \u3000]{2,}")


def _is_private_use(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252 ("â€™" for "’"); ftfy is only called when the tell-tale pattern is there
    because it is slow compared with the rest of the pipeline."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy

    return ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)


def normalize_text(text: str) -> str:
    """Normalise one line: ligatures, hyphens, soft hyphens, icon glyphs and control characters."""
    text = fix_mojibake(text)
    text = _CID.sub(BULLET, text)
    text = text.translate(_TABLE)
    if any(_is_private_use(c) for c in text):
        # Icon fonts (FontAwesome in LaTeX/Typst resumes) map glyphs into the private-use area.
        text = "".join(BULLET if _is_private_use(c) else c for c in text)
    text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c)[0] != "C")
    # "on-\u00ad\u2010campus" (Word for Mac) collapses to "on--campus" after the table above.
    text = _MULTI_HYPHEN.sub("-", text)
    return _SPACE_RUN.sub(" ", text).strip(" ")
