"""Laying out an article as screen lines that point back into its canonical text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.model import Article
from reader.text.safe import visible
from reader.tui.article.wrap import wrap_offsets

BULLET = "• "
QUOTE_BAR = "▎ "
# Find looks in the header too (title, subtitle, meta line). Its text has offsets of its
# own, below every canonical offset: HEADER plus the place in `header_text`.
HEADER = -(1 << 40)


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


@dataclass(slots=True)
class Layout:
    lines: list[Line]
    width: int
    starts: list[int]  # canonical start of every text line, ascending
    rows: list[int]  # the screen row of each entry in `starts`

    def row_for_offset(self, offset: int) -> int:
        """The screen row showing canonical `offset` (or the nearest text before it); the
        first row for an offset in the header."""
        if offset < 0:
            return 0
        i = bisect_right(self.starts, offset) - 1
        return self.rows[max(0, i)] if self.rows else 0

    def offset_at(self, row: int, column: int) -> int:
        """The canonical offset at a row and a column of its text (clamped)."""
        if not self.lines:
            return 0
        row = min(max(0, row), len(self.lines) - 1)
        line = self.lines[row]
        if line.is_text:
            return line.start + min(max(0, column), line.end - line.start)
        # A header or blank line: the start of the next text line.
        i = bisect_right(self.rows, row)
        return self.starts[i] if i < len(self.starts) else (self.starts[-1] if self.starts else 0)


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
    article: Article, meta: str, width: int, *, show_boilerplate: bool = False
) -> Layout:
    """Wrap every shown block at `width` cells, with a blank line between blocks."""
    lines = header_lines(article, meta, width)
    starts: list[int] = []
    rows: list[int] = []
    text = article.text
    reason = None  # the reason shown over the fold being drawn
    for index, block in enumerate(article.blocks):
        if block.boilerplate and not show_boilerplate:
            continue
        if not block.boilerplate:
            reason = None
        elif block.reason and block.reason != reason:
            # A fold says why it was folded, once for a run of blocks with one reason.
            reason = block.reason
            lines.append(Line("blank"))
            label = f"folded: {reason}"
            for start, end in wrap_offsets(label, width):
                lines.append(Line("boilerplate", label=label[start:end], boilerplate=True))
        prefix = ""
        if block.kind == "list_item":
            prefix = "  " * max(0, block.level - 1) + BULLET
        elif block.kind == "quote":
            prefix = QUOTE_BAR
        kind = block.kind
        if not block.tight:
            lines.append(Line("blank"))
        # Wrap what will be shown: each control character becomes a visible symbol.
        body = visible(text[block.start : block.end]).replace("\t", " ")
        inner = max(8, width - len(prefix))
        for n, (start, end) in enumerate(wrap_offsets(body, inner)):
            starts.append(block.start + start)
            rows.append(len(lines))
            lines.append(
                Line(
                    kind,
                    block.start + start,
                    block.start + end,
                    index,
                    prefix if n == 0 or block.kind == "quote" else " " * len(prefix),
                    boilerplate=block.boilerplate,
                )
            )
    lines.append(Line("blank"))
    return Layout(lines, width, starts, rows)
