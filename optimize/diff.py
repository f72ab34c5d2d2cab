"""Word-level differences between a suggestion's before and after, for the review page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "del", "ins"
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    """``before`` turned into ``after`` as runs of unchanged, removed and inserted words (spaces kept)."""
    old, new = TOKEN.findall(before or ""), TOKEN.findall(after or "")
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("del", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("ins", "".join(new[j1:j2])))
    return pieces


def line_moves(before: str, after: str) -> list[tuple[int, int, str]]:
    """For a reorder: each line of ``after`` with its old and new position (1-based)."""
    old = before.splitlines()
    remaining = {i: line for i, line in enumerate(old)}
    moves = []
    for new_index, line in enumerate(after.splitlines()):
        old_index = next((i for i, text in remaining.items() if text == line), None)
        if old_index is not None:
            del remaining[old_index]
        moves.append(((old_index if old_index is not None else -1) + 1, new_index + 1, line))
    return moves
