"""A layout made lazily, in chunks and in any order of questions, gives the very lines of
the whole article laid out at once (the way it was laid out before it was lazy)."""

from __future__ import annotations

from bisect import bisect_right
from unittest.mock import patch

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.model import Article, Block
from reader.text.graphemes import snap_start
from reader.text.safe import visible, visible_line
from reader.tui.article import wrap as wrap_module
from reader.tui.article.layout import (
    ALL_FOLDED,
    NO_TEXT,
    QUOTE_BAR,
    header_lines,
    layout_article,
)
from reader.tui.article.wrap import count_lines, wrap_offsets

PIECES = [
    "word",
    "a",
    "longer",
    "unbreakablewordthatiswiderthanthelineitself",
    " ",
    "  ",
    "\t",
    "\n",
    "“quoted,”",
    "—",
    "東京都の天気は晴れ。",
    "「かっこ」",
    "한국어",
    "👍",
    "👨‍👩‍👧",
    "🇫🇷🇩🇪",
    "e\u0301",
    "\x1b[31m",
    "\u00a0",
]

KINDS = ["paragraph", "heading", "quote", "list_item"]


@st.composite
def articles(draw) -> Article:
    count = draw(st.integers(0, 14))
    texts, blocks, at = [], [], 0
    for _ in range(count):
        body = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
        if texts:
            at += 2
        boilerplate = draw(st.booleans())
        blocks.append(
            Block(
                draw(st.sampled_from(KINDS)),
                at,
                at + len(body),
                boilerplate=boilerplate,
                level=draw(st.integers(0, 3)),
                indent=draw(st.integers(0, 6)),
                reason=draw(st.sampled_from([None, "menu", "after the story"]))
                if boilerplate
                else None,
                tight=draw(st.booleans()),
            )
        )
        texts.append(body)
        at += len(body)
    title = draw(st.sampled_from(["A title", "東京の長いタイトルです", ""]))
    text = "\n\n".join(texts)
    return Article("x/a.txt", "x/a.txt", title, "x", "txt", text, blocks, "0" * 64, 0)


def laid_out_at_once(article: Article, meta: str, width: int, show_boilerplate: bool) -> list:
    """The lines as the article was laid out before: every block, in one go."""
    lines = [(line.kind, -1, -1, -1, "", line.label) for line in header_lines(article, meta, width)]
    reason = None
    for index, block in enumerate(article.blocks):
        if block.boilerplate and not show_boilerplate:
            continue
        if not block.boilerplate:
            reason = None
        elif block.reason and block.reason != reason:
            reason = block.reason
            lines.append(("blank", -1, -1, -1, "", ""))
            label = f"folded: {reason}"
            for start, end in wrap_offsets(label, width):
                lines.append(("boilerplate", -1, -1, -1, "", label[start:end]))
        prefix = ""
        if block.kind == "list_item":
            prefix = " " * block.indent + block.marker
        elif block.kind == "quote":
            prefix = QUOTE_BAR
        if not block.tight:
            lines.append(("blank", -1, -1, -1, "", ""))
        body = visible(article.text[block.start : block.end]).replace("\t", " ")
        for n, (start, end) in enumerate(wrap_offsets(body, max(8, width - len(prefix)))):
            shown = prefix if n == 0 or block.kind == "quote" else " " * len(prefix)
            lines.append((block.kind, block.start + start, block.start + end, index, shown, ""))
    if not any(line[1] >= 0 for line in lines):
        folded = not show_boilerplate and article.boilerplate_blocks
        message = ALL_FOLDED.format("b") if folded else NO_TEXT
        lines.append(("blank", -1, -1, -1, "", ""))
        for start, end in wrap_offsets(message, width):
            lines.append(("empty", -1, -1, -1, "", message[start:end]))
    lines.append(("blank", -1, -1, -1, "", ""))
    return lines


def drawn_on(text: str, start: int, end: int, column: int) -> int:
    """The offset of the character (as a reader sees one) drawn on cell `column` of the
    line showing text[start:end]; `end` past its last."""
    at, cells = start, 0
    for character in regex.findall(r"\X", visible_line(text[start:end])):
        width = cell_len(character)
        if width and cells + width > column:
            return at
        cells += width
        at += len(character)
    return end


def as_tuple(line) -> tuple:
    return (line.kind, line.start, line.end, line.block, line.prefix, line.label)


@settings(max_examples=150, deadline=None)
@given(
    article=articles(),
    width=st.integers(18, 90),
    show_boilerplate=st.booleans(),
    questions=st.lists(
        st.tuples(st.sampled_from(["row", "offset", "at", "extend"]), st.integers(0, 400)),
        max_size=12,
    ),
)
def test_a_lazy_layout_gives_the_lines_of_the_whole_one(
    article, width, show_boilerplate, questions
):
    meta = "x · 2024 · 3 words"
    whole = laid_out_at_once(article, meta, width, show_boilerplate)
    starts = [line[1] for line in whole if line[1] >= 0]
    rows = [n for n, line in enumerate(whole) if line[1] >= 0]
    lazy = layout_article(article, meta, width, show_boilerplate=show_boilerplate)
    for question, n in questions:
        if question == "row":
            row = n % len(whole)
            assert as_tuple(lazy.line(row)) == whole[row]
        elif question == "offset":
            offset = n * max(1, len(article.text)) // 400
            i = bisect_right(starts, offset) - 1
            assert lazy.row_for_offset(offset) == (rows[max(0, i)] if rows else 0)
        elif question == "at":
            row = n % len(whole)
            if whole[row][1] >= 0:
                expected = drawn_on(article.text, whole[row][1], whole[row][2], 3)
            else:
                i = bisect_right(rows, row)
                expected = starts[i] if i < len(starts) else (starts[-1] if starts else 0)
            assert lazy.offset_at(row, 3) == expected
        else:
            lazy.extend(1 + n % 7)
        assert lazy.row_count <= len(whole)
        assert [as_tuple(lazy.line(r)) for r in range(lazy.row_count)] == whole[: lazy.row_count]
    assert [as_tuple(line) for line in lazy.lines] == whole
    assert lazy.complete and lazy.estimated_rows == len(whole)
    assert list(lazy.starts) == starts and list(lazy.rows) == rows


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"ab cdé “”—\u2019xyz\n\u0301東👍\t", "  ", "word ", "-\u00a0"]),
        max_size=120,
    ).map("".join),
    width=st.integers(1, 40),
)
def test_text_of_one_cell_a_character_wraps_as_word_by_word(text, width):
    """The line-at-a-time wrapping of plain text breaks where the word-at-a-time one does."""
    fast = wrap_offsets(text, width)
    with patch.object(wrap_module, "_one_cell_each", lambda text: False):
        slow = wrap_offsets(text, width)
    assert fast == slow


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [*"ab \u2019x—é", "  ", "word ", "unbreakablewordwiderthanaline", "\t", "東"]
        ),
        max_size=60,
    ).map("".join),
    before=st.sampled_from(["", " ", "a ", "x"]),
    after=st.sampled_from(["", " ", " b", "y"]),
    width=st.integers(1, 40),
)
def test_lines_counted_ahead_are_as_many_as_the_text_wraps_to(text, before, after, width):
    """A far place is reached by counting the lines of plain text before it, not making
    them: the count is that of the lines made (or there is none, for other text)."""
    counted = count_lines(before + text + after, len(before), len(before) + len(text), width)
    if counted is not None:
        assert counted == len(wrap_offsets(text, width))
    else:
        assert any(c in text for c in "\t東")


def test_an_article_with_no_text_shown_says_why_on_a_line_of_its_own():
    def article(text: str, blocks: list[Block]) -> Article:
        return Article("x/a.md", "x/a.md", "A title", "x", "md", text, blocks, "0" * 64, 0)

    def shown(layout) -> list[str]:
        return [line.label for line in layout.lines if line.kind == "empty"]

    assert shown(layout_article(article("", []), "", 40)) == [NO_TEXT]
    folded = article("Menu", [Block("paragraph", 0, 4, boilerplate=True, reason="menu")])
    assert shown(layout_article(folded, "", 80)) == [ALL_FOLDED.format("b")]
    assert shown(layout_article(folded, "", 80, show_boilerplate=True)) == []
    empty = layout_article(article("", []), "", 40)
    assert empty.text_row(0) == 0 and empty.offset_at(5, 3) == 0 and empty.row_for_offset(9) == 0


@settings(max_examples=100, deadline=None)
@given(
    article=articles(),
    widths=st.lists(st.integers(18, 90), min_size=2, max_size=3),
    show_boilerplate=st.booleans(),
    data=st.data(),
)
def test_an_offset_placed_on_screen_reads_back_as_itself_at_every_width(
    article, widths, show_boilerplate, data
):
    """What a selection is kept through: an offset of the text shown, put on a row and a
    column of one layout and read back, is itself (or, in spaces a line leaves off at its
    end, that line's end), whatever the width it is laid out at next."""
    shown = [b for b in article.blocks if show_boilerplate or not b.boilerplate]
    if not shown:
        return
    block = data.draw(st.sampled_from(shown))
    # (A selection's ends fall between characters as a reader sees them.)
    offset = snap_start(article.text, data.draw(st.integers(block.start, block.end)))
    for width in widths:
        layout = layout_article(article, "meta", width, show_boilerplate=show_boilerplate)
        row, column = layout.point_for_offset(offset)
        line = layout.line(row)
        assert line.is_text
        assert line.start <= offset
        back = layout.offset_at(row, column)
        if back != offset:
            assert back == line.end
            assert article.text[line.end : offset].isspace()
