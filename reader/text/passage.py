"""A reading place kept by its text as well as its offset, so that it is found again in
an article edited since (text inserted or removed above it)."""

from __future__ import annotations

PASSAGE_CHARS = 80  # what is kept of the text at a place
_SHORTEST = 16  # a passage shorter than this names no place well: the offset is used


def passage_at(text: str, offset: int) -> str:
    """The text starting at `offset`, to find the place again."""
    return text[offset : offset + PASSAGE_CHARS]


def place_of(text: str, offset: int, passage: str) -> int:
    """Where `passage` is in `text`: at `offset` if it is still there, else where it is
    nearest to `offset`; the offset (kept inside the text) when it is nowhere."""
    offset = min(max(0, offset), len(text))
    if len(passage.strip()) < _SHORTEST or text.startswith(passage, offset):
        return offset
    before = text.rfind(passage, 0, offset + len(passage) - 1)
    after = text.find(passage, offset)
    found = [at for at in (before, after) if at >= 0]
    return min(found, key=lambda at: abs(at - offset)) if found else offset
