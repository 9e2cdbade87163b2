"""Where the characters of a painted line are drawn: cell columns to text offsets and back.

A column here is a cell, counted as Rich measures what it draws (an emoji sequence two
cells, not two per person in it). Each painted segment carries the cell column it starts
at, and a segment holds either characters of one cell each or one character drawn
otherwise, alone: so the column Textual reads under the pointer (it counts within a
segment code point by code point) is the very cell the pointer is on.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len, split_graphemes


def _simple(text: str) -> bool:
    """Every code point one cell and one character (printable ASCII: what most lines are)."""
    return text.isascii() and text.isprintable()


@lru_cache(maxsize=4096)  # a screen of Chinese painted again, as a drag goes on
def _graphemes(text: str) -> tuple[tuple[int, int, int], ...]:
    """Rich's characters of `text` as it draws them: (start, end, cells) each."""
    return tuple(split_graphemes(text)[0])


@lru_cache(maxsize=4096)
def pieces(text: str) -> tuple[tuple[str, int], ...]:
    """`text` cut into segments whose cells Textual counts as they are drawn: runs of
    characters of one code point and one cell, and every other character on its own;
    each with its cells."""
    if _simple(text):
        return ((text, len(text)),)
    out: list[tuple[str, int]] = []
    run = 0  # where the run of one-cell characters being gathered starts
    for start, end, cells in _graphemes(text):
        if end - start == 1 and cells == 1:
            continue
        if run < start:
            out.append((text[run:start], start - run))
        out.append((text[start:end], cells))
        run = end
    if run < len(text):
        out.append((text[run:], len(text) - run))
    return tuple(out)


def column_of(text: str, index: int) -> int:
    """The cell column where the character at `index` of `text` is drawn (the width of the
    text before it)."""
    index = max(0, min(index, len(text)))
    return index if _simple(text[:index]) else cell_len(text[:index])


def index_at(text: str, column: int) -> int:
    """The index where the character drawn on cell `column` starts (the whole of what a
    reader sees as one character: a flag, a letter and its marks); 0 before the text, its
    length past its end."""
    if column < 0:
        return 0
    if _simple(text):
        return min(column, len(text))
    span = _drawn_at(text, column)
    if span is None:
        return len(text)
    from reader.text.graphemes import snap_start  # `regex`: not loaded at start-up

    return snap_start(text, span[0])


def index_before(text: str, column: int) -> int:
    """The index after the character drawn on the cell before `column`: where a selection
    ending before that cell ends (0 at or before the text's first cell)."""
    if column <= 0:
        return 0
    if _simple(text):
        return min(column, len(text))
    span = _drawn_at(text, column - 1)
    if span is None:
        return len(text)
    from reader.text.graphemes import snap_end

    # After its first code point, the one drawn: a mark drawn as nothing after it (a bidi
    # mark, a zero-width space) is a character of its own.
    return snap_end(text, span[0] + 1)


def _drawn_at(text: str, column: int) -> tuple[int, int, int] | None:
    """Rich's character drawn on cell `column` (None past the end); characters drawn as
    nothing are on no cell."""
    at = 0
    for span in _graphemes(text):
        at += span[2]
        if at > column:
            return span
    return None
