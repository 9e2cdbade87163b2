"""Word wrapping that keeps offsets, so each screen line knows which text it shows."""

from __future__ import annotations

import re

from rich.cells import cell_len

_TOKEN = re.compile(r"[^ \t]+[ \t]*|[ \t]+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Split text into lines of at most `width` cells, as (start, end) offsets.

    Breaks at spaces; a word wider than the line is cut by cells. Hard line
    breaks ("\\n") always end a line. Trailing spaces are left out of `end`.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for piece in text.split("\n"):
        _wrap_line(piece, pos, width, lines)
        pos += len(piece) + 1
    return lines


def _wrap_line(text: str, base: int, width: int, out: list[tuple[int, int]]) -> None:
    measure = len if text.isascii() else _cells
    if measure(text) <= width:
        out.append((base, base + len(text.rstrip())))
        return
    line_start = 0
    line_cells = 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        stripped = word.rstrip()
        cells = measure(stripped)
        if line_cells and line_cells + cells > width:
            out.append((base + line_start, base + _rstrip_end(text, line_start, match.start())))
            line_start = match.start()
            line_cells = 0
        if cells > width and stripped:
            # A word wider than the line (or a line of Chinese or Japanese): cut it by cells.
            start = match.start()
            for ch_index, ch in enumerate(stripped):
                w = measure(ch)
                if line_cells + w > width:
                    cut = _kinsoku(text, line_start, start + ch_index, width - w, measure)
                    out.append((base + line_start, base + cut))
                    line_cells = measure(text[cut : start + ch_index])
                    line_start = cut
                line_cells += w
            line_cells += measure(word) - cells
            continue
        line_cells += measure(word)
    out.append((base + line_start, base + _rstrip_end(text, line_start, len(text))))


# Japanese line-breaking rules (kinsoku): no line starts with closing punctuation or a
# small kana, none ends with an opening bracket.
_NO_START = frozenset(
    "。、，．・：；？！ー」』）］｝〕〉》】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)
_NO_END = frozenset("「『（［｛〔〈《【")


def _kinsoku(text: str, line_start: int, cut: int, room: int, measure) -> int:
    """Where to break before `cut` so that the rules above hold: a character or two
    earlier, carried to the next line (which has `room` cells for them); else `cut`."""
    at = cut
    while at > line_start + 1 and (text[at] in _NO_START or text[at - 1] in _NO_END):
        at -= 1
    if text[at] in _NO_START or text[at - 1] in _NO_END or measure(text[at:cut]) > room:
        return cut
    return at


def _cells(text: str) -> int:
    # Most words are ASCII even in a line with one curly quote: skip the cell lookup.
    return len(text) if text.isascii() else cell_len(text)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end
