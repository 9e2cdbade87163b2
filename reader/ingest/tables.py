"""A table as one block of text: a line per row, its cells apart by " │ ".

Columns are aligned (cells padded with spaces) when the table fits in `ALIGNED_WIDTH`
cells, so it reads as a grid on an 80-column screen; a wider table's rows are its cells
apart by the bar only, each row wrapping as a line of text does, since padding would
make every wrapped row a jumble of gaps. The header row is bold. What a table shows is
plain text in the article, so find, search and notes work on it as on any block.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from reader.ingest.canonical import Part
from reader.model import Mark

SEPARATOR = " │ "
# The widest table shown as an aligned grid: a line of the app's 80-column measure,
# with room for its margin.
ALIGNED_WIDTH = 72


@dataclass(slots=True)
class Cell:
    """A cell's text on one line, with marks relative to it."""

    text: str
    marks: list[Mark] = field(default_factory=list)


def cell(text: str, marks: list[Mark] | None = None) -> Cell:
    """A cell of `text`: line breaks become spaces, the ends are trimmed (marks follow)."""
    flat = text.replace("\n", " ").replace("\t", " ")
    lead = len(flat) - len(flat.lstrip())
    stripped = flat.strip()
    kept = [
        Mark(m.start - lead, m.end - lead, m.style, m.href)
        for m in marks or []
        if m.start >= lead and m.end - lead <= len(stripped) and m.end > m.start
    ]
    return Cell(stripped, kept)


def table_part(
    rows: list[list[Cell]], header_rows: int = 0, right: frozenset[int] = frozenset()
) -> Part | None:
    """The table of `rows` (the first `header_rows` of them its header; the columns in
    `right` aligned right) as one block; rows without text are left out, and a table
    without any is None."""
    heads = sum(1 for row in rows[:header_rows] if any(c.text for c in row))
    rows = [row for row in rows if any(c.text for c in row)]
    if not rows:
        return None
    columns = max(map(len, rows))
    rows = [row + [Cell("")] * (columns - len(row)) for row in rows]
    widths = [max(_cells(row[k].text) for row in rows) for k in range(columns)]
    aligned = sum(widths) + len(SEPARATOR) * (columns - 1) <= ALIGNED_WIDTH
    lines: list[str] = []
    marks: list[Mark] = []
    pos = 0
    for n, row in enumerate(rows):
        line = ""
        for k, c in enumerate(row):
            if k:
                line += SEPARATOR
            gap = widths[k] - _cells(c.text) if aligned else 0
            last = k == columns - 1
            before = gap if k in right else 0
            after = 0 if k in right or last else gap
            at = pos + len(line) + before
            marks += [Mark(at + m.start, at + m.end, m.style, m.href) for m in c.marks]
            line += " " * before + c.text + " " * after
        line = line.rstrip()
        if n < heads:
            marks.append(Mark(pos, pos + len(line), "strong"))
        lines.append(line)
        pos += len(line) + 1
    return Part("table", "\n".join(lines), marks=marks)


def _cells(text: str) -> int:
    """The cells `text` takes on a terminal: two for a wide character, none for a mark."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total
