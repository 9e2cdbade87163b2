"""Laying out an article as screen lines that point back into its canonical text.

A layout is made lazily: the blocks are laid out in order, only as far as someone asks (a
row, an offset), so the first screen of a 19 MB article is there at once; `extend` lays
out a chunk more, which the view does in the background until the layout is `complete`.
A block of plain text (one cell a character) has its lines counted, not made, as it is laid
out: its rows are known, and it is wrapped when one of them is asked for (`_fill`), so the
end of a huge article, or a note deep in it, is reached without wrapping all that comes
before. Rows are kept compact (three ints each in arrays, a few bytes a row rather than an
object), and a `Line` is made for a row when it is asked for.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from reader.model import NO_TEXT, QUOTE_BAR, Article, Block
from reader.text.safe import visible, visible_line
from reader.tui.article import cells
from reader.tui.article.wrap import count_lines, wrap_offsets

# Find looks in the header too (title, subtitle, meta line). Its text has offsets of its
# own, below every canonical offset: HEADER plus the place in `header_text`.
HEADER = -(1 << 40)

ALL_FOLDED = "All of this article is folded as boilerplate ({} shows it)."  # the key

# Rows laid out per `extend` by default: about 10 ms of work, so keys are read between.
CHUNK_ROWS = 2000


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line. Text lines show `article.text[start:end]` after `prefix`;
    header and blank lines have start == end == -1 and carry their own `label`, a header
    line with the header offset of its first character (`label_at`, see `HEADER`)."""

    kind: str
    start: int = -1
    end: int = -1
    block: int = -1
    prefix: str = ""
    label: str = ""
    boilerplate: bool = False
    label_at: int | None = None

    @property
    def is_text(self) -> bool:
        return self.start >= 0


_BLANK = Line("blank")
# How a row that shows no text is stored in the start column: a blank line, or a label
# (the header's lines, a fold's reason) as -2 - its index in `Layout._labels`.
_BLANK_ROW = -1
# How a text row counted but not wrapped yet is stored in the end column (its start column
# holds its block's start, as does its entry in `starts`).
_COUNTED = -2
_COUNTED_ROW = array("i", [_COUNTED])


class Layout:
    """An article's screen lines at `width` cells, laid out on demand.

    Every query lays out as much as it needs first, so its answer is the same as on a
    complete layout: `line(row)`, `row_for_offset`, `offset_at`; `rows` and `starts`
    (the text lines' rows and canonical starts, ascending) hold what is laid out so far.
    """

    def __init__(
        self,
        article: Article,
        meta: str,
        width: int,
        *,
        show_boilerplate: bool = False,
        fold_key: str = "b",
    ) -> None:
        self.article = article
        self.width = width
        self.show_boilerplate = show_boilerplate
        self.fold_key = fold_key  # the key that shows boilerplate, as bound
        self._labels: list[Line] = header_lines(article, meta, width)
        count = len(self._labels)
        self._start = array("i", range(-2, -2 - count, -1))  # per row; see _BLANK_ROW
        self._end = array("i", bytes(4 * count))
        self._block = array("i", bytes(4 * count))
        self.starts = array("i")  # canonical start of every text line, ascending
        self.rows = array("i")  # the row of each entry in `starts`
        self._next = 0  # the next block to lay out
        self._reason: str | None = None  # the reason shown over the fold being laid out
        self.complete = False
        self._prefixes: dict[tuple[str, int, bool, int, int, bool], str] = {}
        if not article.blocks:
            self._finish_rows()

    # ----- what is laid out ----------------------------------------------------------

    @property
    def row_count(self) -> int:
        """The rows laid out so far (all of them once `complete`)."""
        return len(self._start)

    @property
    def estimated_rows(self) -> int:
        """The rows the whole article will take: exact once `complete`, else the rows so
        far plus the rest of the text at the rate so far (for the scrollbar)."""
        if self.complete:
            return len(self._start)
        text_length = len(self.article.text)
        done = self.article.blocks[self._next].start if self._next else 0
        rate = len(self._start) / done if done else 1 / max(1, self.width)
        return len(self._start) + max(1, round((text_length - done) * rate))

    @property
    def lines(self) -> Sequence[Line]:
        """Every line of the article (laying out the whole of it)."""
        self.finish()
        return _Lines(self)

    def line(self, row: int) -> Line:
        """The line on `row` (laid out first); a blank line past the end."""
        self.ensure_row(row)
        if not 0 <= row < len(self._start):
            return _BLANK
        if self._end[row] == _COUNTED:
            self._fill(self._block[row])
        start = self._start[row]
        if start == _BLANK_ROW:
            return _BLANK
        if start < 0:
            return self._labels[-2 - start]
        index = self._block[row]
        block = self.article.blocks[index]
        return Line(
            block.kind,
            start,
            self._end[row],
            index,
            self._prefix(block, first=block.begins_line(self.article.text, start)),
            boilerplate=block.boilerplate,
        )

    def shown(self, line: Line) -> str:
        """`line` as it reads on screen: its prefix and its text (an item's own "-" as the
        bullet, see `Block.shown`), or its label."""
        if not line.is_text:
            return line.label
        block = self.article.blocks[line.block]
        return line.prefix + block.shown(self.article.text, line.start, line.end)

    # ----- laying out ----------------------------------------------------------------

    def extend(self, rows: int = CHUNK_ROWS) -> bool:
        """Lay out about `rows` more rows; whether the layout is complete."""
        self.ensure_row(len(self._start) + rows - 1)
        return self.complete

    def ensure_row(self, row: int) -> None:
        """Lay out until `row` exists (or the article ends)."""
        while row >= len(self._start) and not self.complete:
            self._lay_out_block()

    def ensure_offset(self, offset: int) -> None:
        """Lay out every line starting at or before canonical `offset` (and the first)."""
        blocks = self.article.blocks
        while not self.complete and (blocks[self._next].start <= offset or not self.rows):
            self._lay_out_block()

    def finish(self) -> Layout:
        """Lay out the rest of the article (plain blocks counted, to be wrapped when read)."""
        while not self.complete:
            self._lay_out_block()
        return self

    def _lay_out_block(self) -> None:
        """Wrap the next block, with a blank line before it (unless it is tight)."""
        blocks = self.article.blocks
        index = self._next
        self._next += 1
        block = blocks[index]
        if not block.boilerplate or self.show_boilerplate:
            self._lay_out(index, block)
        if self._next == len(blocks):
            self._finish_rows()

    def _lay_out(self, index: int, block: Block) -> None:
        width = self.width
        if not block.boilerplate:
            self._reason = None
        elif block.reason and block.reason != self._reason:
            # A fold says why it was folded, once for a run of blocks with one reason.
            self._reason = block.reason
            self._add_row(_BLANK_ROW)
            label = f"folded: {block.reason}"
            for start, end in wrap_offsets(label, width):
                self._labels.append(Line("boilerplate", label=label[start:end], boilerplate=True))
                self._add_row(-1 - len(self._labels))
        if not block.tight:
            self._add_row(_BLANK_ROW)
        row = len(self._start)
        count = count_lines(self.article.text, block.start, block.end, self._inner(block))
        if count is None:
            lines = self._wrap(block)
            starts = array("i", [block.start + start for start, _ in lines])
            ends = array("i", [block.start + end for _, end in lines])
            count = len(lines)
        else:
            # Each line starts at its block's start until the block is wrapped (`_fill`).
            starts = array("i", [block.start]) * count
            ends = _COUNTED_ROW * count
        self.starts.extend(starts)
        self.rows.extend(range(row, row + count))
        self._start.extend(starts)
        self._end.extend(ends)
        self._block.extend(array("i", [index]) * count)

    def _inner(self, block: Block) -> int:
        """The cells a line of `block` may take, after its prefix."""
        return max(8, self.width - len(self._prefix(block, first=False)))

    def _wrap(self, block: Block) -> list[tuple[int, int]]:
        """The lines of `block`, as offsets into it; each control character is to show as
        a visible symbol."""
        body = visible(self.article.text[block.start : block.end]).replace("\t", " ")
        return wrap_offsets(body, self._inner(block))

    def _fill(self, index: int) -> None:
        """Wrap a block whose lines were counted: its rows get the text they show."""
        block = self.article.blocks[index]
        first = bisect_left(self.starts, block.start)  # its lines' starts, until now
        while self._block[self.rows[first]] != index:
            first += 1  # (after empty blocks at the same offset)
        row = self.rows[first]
        lines = self._wrap(block)
        starts = array("i", [block.start + start for start, _ in lines])
        self._start[row : row + len(lines)] = starts
        self._end[row : row + len(lines)] = array("i", [block.start + end for _, end in lines])
        self.starts[first : first + len(lines)] = starts

    def _add_row(self, start: int) -> None:
        self._start.append(start)
        self._end.append(-1)
        self._block.append(-1)

    def _finish_rows(self) -> None:
        if not self.rows:
            # No text to read: a line saying so, where the text would be.
            folded = not self.show_boilerplate and self.article.boilerplate_blocks
            message = ALL_FOLDED.format(self.fold_key) if folded else NO_TEXT
            self._add_row(_BLANK_ROW)
            for start, end in wrap_offsets(message, self.width):
                self._labels.append(Line("empty", label=message[start:end]))
                self._add_row(-1 - len(self._labels))
        self._add_row(_BLANK_ROW)
        self.complete = True

    def _prefix(self, block: Block, *, first: bool) -> str:
        """What goes before a line of `block`: a bullet or a number (on its first line),
        a quote bar (but on a line of a quotation that begins with its own mark). An
        item's later lines hang under its text (after its own marker)."""
        key = (block.kind, block.indent, first, block.number, block.own_marker, block.continued)
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = ""
            if block.kind == "list_item":
                prefix = block.item_prefix
                if not first:
                    prefix = " " * (len(prefix) + block.own_marker)
            elif block.kind == "quote" and not (block.own_marker and first):
                prefix = QUOTE_BAR
            self._prefixes[key] = prefix
        return prefix

    # ----- from offsets to rows and back -----------------------------------------------

    def row_for_offset(self, offset: int) -> int:
        """The screen row showing canonical `offset` (or the nearest text before it); the
        first row for an offset in the header."""
        if offset < 0:
            return 0
        self.ensure_offset(offset)
        if not self.rows:
            return 0
        row = self.rows[max(0, bisect_right(self.starts, offset) - 1)]
        if self._end[row] == _COUNTED:  # somewhere in a block not wrapped yet
            self._fill(self._block[row])
            row = self.rows[max(0, bisect_right(self.starts, offset) - 1)]
        return row

    def point_for_offset(self, offset: int) -> tuple[int, int]:
        """The (row, column) showing canonical `offset`, the column the cell its character
        is drawn on, counted from the line's text, as `offset_at` reads it back (0 on a
        line without text)."""
        row = self.row_for_offset(offset)
        line = self.line(row)
        if not line.is_text:
            return row, 0
        return row, cells.column_of(self._drawn(line), offset - line.start)

    def offset_at(self, row: int, column: int) -> int:
        """The canonical offset of the character drawn on a row at a cell column of its
        text (the start of it, as a reader sees one character; clamped to the line)."""
        return self._offset(row, column, end=False)

    def end_at(self, row: int, column: int) -> int:
        """The canonical offset after every character drawn on a row left of a cell column
        of its text: where a selection ending before that cell ends."""
        return self._offset(row, column, end=True)

    def _offset(self, row: int, column: int, *, end: bool) -> int:
        self.ensure_row(row)
        row = min(max(0, row), len(self._start) - 1)
        line = self.line(row)
        if line.is_text:
            index = cells.index_before if end else cells.index_at
            return line.start + index(self._drawn(line), column)
        # A header or blank line: the start of the next text line.
        i = bisect_right(self.rows, row)
        while i == len(self.starts) and not self.complete:
            self._lay_out_block()
        starts = self.starts
        if i < len(starts):
            return starts[i]  # a block's first line: it starts where the block does
        if not starts:
            return 0
        self.line(self.rows[-1])  # the last line, wrapped if it was only counted
        return starts[-1]

    def _drawn(self, line: Line) -> str:
        return drawn_text(self.article.text, line, self.article.blocks[line.block])

    def text_row(self, index: int) -> int:
        """The row of text line `index` (clamped to the first and the last text line); the
        first row when there is no text line."""
        if index < 0:
            index = 0
        while index >= len(self.rows) and not self.complete:
            self._lay_out_block()
        if not self.rows:
            return 0
        return self.rows[min(index, len(self.rows) - 1)]

    def text_index(self, row: int) -> int:
        """How many text lines come before `row` (laying out as far as `row`)."""
        self.ensure_row(row)
        return bisect_left(self.rows, row)

    def text_rows_between(self, top: int, bottom: int) -> tuple[int, int]:
        """The first and last text line index in rows [top, bottom) (first > last: none)."""
        self.ensure_row(bottom)
        return bisect_left(self.rows, top), bisect_left(self.rows, bottom) - 1


class _Lines(Sequence[Line]):
    """The rows of a complete layout as `Line`s, made one at a time."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout

    def __len__(self) -> int:
        return self._layout.row_count

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Line]: ...
    def __getitem__(self, index: int | slice) -> Line | Sequence[Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._layout.line(index)

    def __iter__(self) -> Iterator[Line]:
        return (self._layout.line(i) for i in range(len(self)))


def drawn_text(text: str, line: Line, block: Block | None) -> str:
    """A text line's text as it is painted (its prefix apart): its block's own marks as
    shown (see `Block.shown`), control characters as symbols, a tab as a space; one
    character for one, so a character's index in it is its offset from the line's start."""
    start, end = line.start, line.end
    return visible_line(text[start:end] if block is None else block.shown(text, start, end))


def _header_fields(article: Article, meta: str) -> list[tuple[str, str]]:
    return [("title", article.title), ("subtitle", article.subtitle or ""), ("meta", meta)]


def header_text(article: Article, meta: str) -> str:
    """The header as find reads it: the title, the subtitle and the meta line, one a line."""
    return "\n".join(text for _, text in _header_fields(article, meta))


def header_lines(article: Article, meta: str, width: int) -> list[Line]:
    lines: list[Line] = []
    at = HEADER
    for kind, text in _header_fields(article, meta):
        if text or kind == "meta":
            for start, end in wrap_offsets(text, width):
                lines.append(Line(kind, label=text[start:end], label_at=at + start))
        at += len(text) + 1
    lines.append(Line("rule", label="─" * min(width, 40)))
    return lines


def layout_article(
    article: Article,
    meta: str,
    width: int,
    *,
    show_boilerplate: bool = False,
    fold_key: str = "b",
) -> Layout:
    """The article's layout at `width` cells: each shown block wrapped, with a blank line
    between blocks (of none shown, a line saying `fold_key` shows the folded ones). Laid
    out as it is read (`Layout.finish` lays out the whole)."""
    return Layout(article, meta, width, show_boilerplate=show_boilerplate, fold_key=fold_key)
