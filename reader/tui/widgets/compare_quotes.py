"""Compare's panel under the two sides: the legend, then the quotations, a row each, as
many as the panel's rows hold, and a count of those that do not fit."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content

from reader.text.counts import plural
from reader.text.safe import visible_line
from reader.tui.cut_to_rows import ELLIPSIS, LOOKED_AT
from reader.tui.key_phrases import rows


def quotation_row(quote: str, sides: str, width: int) -> Content:
    """`“quote” — sides` on one row of `width` cells: the quote cut with "…" to fit,
    the sides kept whole while they fit."""
    # More than a row's worth never shows: a quotation of a megabyte is not flattened.
    flat = visible_line(" ".join(quote[: width * LOOKED_AT + 64].split()))
    after = f"” — {visible_line(sides)}"
    room = width - 1 - cell_len(after)
    text = Content(flat)
    if text.cell_length > room:
        text = text.truncate(max(0, room - 1)) + ELLIPSIS
    return (Content("“") + text + after).truncate(width, ellipsis=True)


def with_quotations(
    head: Content, quotes: Sequence[tuple[str, str]], width: int, limit: int
) -> Content:
    """`head`, then `quotes` (each its text and sides, a row each) within `limit` rows of
    `width` cells: those that do not fit are counted on the last row. A row is left for
    them however many `head` takes (a legend wrapped in a narrow window)."""
    room = max(1, limit - rows(head, width))
    shown = quotes if len(quotes) <= room else quotes[: max(0, room - 1)]
    lines = [head, *(quotation_row(text, sides, width) for text, sides in shown)]
    if left := len(quotes) - len(shown):
        said = (
            f"… and {plural(left, 'more quotation')}"
            if shown
            else f"{plural(left, 'quotation')}: a taller window shows them"
        )
        lines.append(Content.styled(said, "dim"))
    return Content("\n").join(lines)
