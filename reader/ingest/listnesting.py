"""How a list item sits: how far in (under the text of the items it is in, as deep as
six), and whether right under the item before it."""

from __future__ import annotations

from reader.ingest.canonical import Part
from reader.model import BULLET, item_marker

# Items nested deeper sit as far in as those at this depth, so a list nested sixty deep
# still leaves its text room on a narrow screen.
MAX_DEPTH = 6


def nest_items(parts: list[Part]) -> None:
    """Give each list item (and each further paragraph of one) its `indent`: the widths
    of the markers of the items above it, one for each level it is nested in."""
    widths: list[int] = []  # the marker of the last item seen at each level, outermost first
    for part in parts:
        if part.kind != "list_item" or part.level < 1:
            widths.clear()
            continue
        depth = min(part.level, MAX_DEPTH)
        del widths[depth:]
        # An item whose parent has no text of its own: a bullet's width stands for it.
        widths += [len(BULLET)] * (depth - 1 - len(widths))
        part.indent = sum(widths[: depth - 1])
        widths[depth - 1 :] = [len(item_marker(part.number))]


def tighten_items(parts: list[Part]) -> None:
    """A list item marked `tight` stays so only right after another item (of the same
    fold): shown right under it, as in a tight Markdown list; every other part keeps the
    blank line before it."""
    before: Part | None = None
    for part in parts:
        part.tight = (
            part.tight
            and part.kind == "list_item"
            and before is not None
            and before.kind == "list_item"
            and before.boilerplate == part.boilerplate
        )
        before = part
