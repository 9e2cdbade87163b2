"""Word wrapping that keeps offsets, so each screen line knows which text it shows."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Span, Text

_TOKEN = re.compile(r"[^ \t]+[ \t]*|[ \t]+")
# Text whose every character takes one cell and stands alone (no joiners, marks, wide or
# Japanese characters), broken only at spaces: Latin, Greek and Cyrillic letters, curly
# quotes, dashes, currency signs, control pictures (as `visible` shows control characters).
# No other space (a tab, a no-break space): `str.rstrip` would take it off a word.
_ONE_CELL_EACH = re.compile(
    "[\x20-\x7e\xa1-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e"
    "\u20a0-\u20c0\u2400-\u2426]*"
)
_NOT_SPACE = re.compile(r"[^ ]")
_REGIONAL, _REGIONAL_END = "\U0001f1e6", "\U0001f1ff"  # the letters of flags


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


def count_lines(text: str, start: int, end: int, width: int) -> int | None:
    """How many lines `wrap_offsets(text[start:end], width)` gives, counted without making
    them (a few times faster); None unless that text is one cell a character (see
    `_ONE_CELL_EACH`), when the lines must be made to be counted."""
    if _ONE_CELL_EACH.fullmatch(text, start, end) is None:
        return None
    if start == end:
        return 1
    return len(_line_pattern(max(1, width)).findall(text, start, end))


@lru_cache(maxsize=16)
def _line_pattern(width: int) -> re.Pattern[str]:
    """One line of `_wrap_one_cell_each`: as much as fits that ends the text, or stands
    before spaces (taken with it), or ends with a space; else a longer word's first cells."""
    return re.compile(rf".{{1,{width}}}(?:\Z| +|(?<= ))|.{{{width}}}")


def _wrap_line(text: str, base: int, width: int, out: list[tuple[int, int]]) -> None:
    if _one_cell_each(text):  # most text: no need to measure it by cells
        _wrap_one_cell_each(text, base, width, out)
        return
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
            # A word wider than the line (or a line of Chinese or Japanese): cut it by
            # cells, between characters as a terminal draws them (an emoji sequence is
            # one, of two cells), keeping Japanese line-break rules.
            cut = match.start()
            for piece in _characters(stripped):
                w = measure(piece)
                if line_cells + w > width:
                    at = _kinsoku(text, line_start, cut, width - w, measure)
                    out.append((base + line_start, base + at))
                    line_cells = measure(text[at:cut])
                    line_start = at
                line_cells += w
                cut += len(piece)
            line_cells += measure(word) - cells
            continue
        line_cells += measure(word)
    out.append((base + line_start, base + _rstrip_end(text, line_start, len(text))))


def _one_cell_each(text: str) -> bool:
    return _ONE_CELL_EACH.fullmatch(text) is not None


def _wrap_one_cell_each(text: str, base: int, width: int, out: list[tuple[int, int]]) -> None:
    """`_wrap_line` for text of one cell a character, broken at spaces: a line at a time
    rather than a word at a time (a 19 MB article is laid out about three times faster)."""
    end = len(text)
    start = 0
    while True:
        over = start + width  # the first character that would not fit on this line
        if over >= end:
            out.append((base + start, base + _rstrip_end(text, start, end)))
            return
        if text[over] == " ":
            # The line ends with the word before `over`; the next begins at the next word.
            out.append((base + start, base + _rstrip_end(text, start, over)))
            following = _NOT_SPACE.search(text, over)
            if following is None:
                return
            start = following.start()
            continue
        word = text.rfind(" ", start, over) + 1  # where the word running past `over` begins
        if word:
            out.append((base + start, base + _rstrip_end(text, start, word)))
            start = word
        else:
            # A word wider than the line: cut it by cells.
            out.append((base + start, base + over))
            start = over


def _characters(word: str) -> list[str]:
    """The characters of a word as a terminal draws them: an emoji sequence is one."""
    if word.isascii():
        return list(word)
    starts = [i for i in range(len(word)) if not inside_character(word, i)]
    return [word[i:j] for i, j in zip(starts, [*starts[1:], len(word)], strict=True)]


def inside_character(text: str, i: int) -> bool:
    """Whether offset i falls inside one character as a terminal draws it (and as Rich
    measures it): before a joiner (ZWJ), a variation selector or a zero-width mark, after
    a joiner, or between the two letters of a flag."""
    if i <= 0 or i >= len(text):
        return False
    ch, before = text[i], text[i - 1]
    if before == "\u200d" or ch in "\u200d\ufe0f":
        return True
    if ch < "\u0300":
        return False
    if get_character_cell_size(ch) == 0:
        return True
    if _REGIONAL <= ch <= _REGIONAL_END and _REGIONAL <= before <= _REGIONAL_END:
        run = i
        while run > 0 and _REGIONAL <= text[run - 1] <= _REGIONAL_END:
            run -= 1
        return (i - run) % 2 == 1
    return False


def whole_characters(text: Text) -> None:
    """Stretch the styled spans of a line to whole characters: a style boundary inside
    an emoji sequence would have its parts measured apart, and the line painted wider or
    narrower than the terminal draws it (stray cells)."""
    plain = text.plain
    if plain.isascii() or not text.spans:
        return
    spans = text.spans
    for n, (start, end, style) in enumerate(spans):
        while inside_character(plain, start):
            start -= 1
        while inside_character(plain, end):
            end += 1
        spans[n] = Span(start, end, style)


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


class WrappedText:
    """Rich text wrapped as the article is (Japanese line-break rules, an emoji sequence
    never split), for the panes that show a passage outside the article view."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for start, end in wrap_offsets(self.text.plain, options.max_width):
            line = self.text[start:end]
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
