"""The cell under the pointer names the character drawn there: for a line of any mix of
emoji sequences, flags, skin tones, Chinese and Japanese, combining marks and tabs, each
cell reads back (through Textual's own reading of a painted line) as the offset of the
character drawn on it, and a drag from one cell to another selects exactly the
characters drawn from the one to the other."""

from __future__ import annotations

from types import SimpleNamespace

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual._compositor import Compositor
from textual.geometry import Region, Spacing

from reader.model import Article, Block
from reader.text.safe import visible_line
from reader.tui.article.layout import layout_article
from reader.tui.article.paint import Palette, paint_line

PAD = 1
PIECES = [
    "a",
    "word",
    " ",
    "\t",
    "東京",
    "テキスト。",
    "👨‍👩‍👧‍👦",
    "👩🏾‍💻",
    "👍🏽",
    "🇯🇵",
    "🇫🇷",
    "Z\u0353\u0354\u0351\u0352",
    "e\u0301",
    "café",
    "❤️",
    "한국어",
    "\u200e",  # a bidi mark: drawn as nothing
]


def article(text: str) -> Article:
    return Article(
        "x/a.txt", "x/a.txt", "T", "x", "txt", text, [Block("paragraph", 0, len(text))], "0" * 64, 0
    )


class _Widget(SimpleNamespace):
    """The one widget on the stand-in screen (hashable, as the compositor's are)."""

    __hash__ = object.__hash__


def read_cell(strip, x: int, width: int):
    """The offset Textual reads under the pointer on cell `x` of a painted line."""
    widget = _Widget()
    widget.content_region = Region(0, 0, width, 1)
    widget.gutter = Spacing(0, 0, 0, 0)
    widget.render_line = lambda _y: strip
    widget.app = SimpleNamespace(_background_screens=[])
    compositor = SimpleNamespace(
        get_widget_at=lambda _x, _y: (widget, Region(0, 0, width, 1)),
        visible_widgets={widget: None},
    )
    _, offset = Compositor.get_widget_and_offset_at(compositor, x, 0)  # type: ignore[arg-type]
    return offset


def drawn_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of the character (as a reader sees one) drawn on each cell."""
    out = []
    for match in regex.finditer(r"\X", visible_line(text[start:end])):
        out.extend([(start + match.start(), start + match.end())] * cell_len(match.group()))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=24), st.integers(12, 40))
@example(["Family ", "👨‍👩‍👧‍👦", " emoji and flags ", "🇯🇵", "🇫🇷", " then"], 60)
def test_every_cell_reads_as_the_character_drawn_on_it(pieces, width):
    text = "".join(pieces)
    layout = layout_article(article(text), "", width)
    for row, line in enumerate(layout.lines):
        if not line.is_text:
            continue
        block = layout.article.blocks[line.block]
        strip = paint_line(line, text, Palette(), width=width + PAD, pad=PAD, row=row, block=block)
        drawn = drawn_cells(text, line.start, line.end)
        painted = "".join(segment.text for segment in strip)
        assert cell_len(painted[PAD:]) == width  # (what the check below counts on)
        columns = []
        for x, (start, _end) in enumerate(drawn):
            offset = read_cell(strip, PAD + x, width + PAD)
            assert offset is not None and offset.y == row
            assert layout.offset_at(row, offset.x) == start, (x, text[line.start : line.end])
            columns.append(offset.x)
        # Past the text's end: the line's end.
        for x in range(len(drawn), width):
            offset = read_cell(strip, PAD + x, width + PAD)
            assert layout.offset_at(row, offset.x) == line.end, x
        # A drag from cell a to cell b: Textual's selection ends on the column after b's.
        for a in range(len(drawn)):
            for b in range(a, len(drawn)):
                first = layout.offset_at(row, columns[a])
                last = layout.end_at(row, columns[b] + 1)
                assert (first, last) == (drawn[a][0], drawn[b][1]), (a, b)
