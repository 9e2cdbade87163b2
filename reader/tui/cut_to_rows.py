"""Text cut to a number of screen rows: as much of it as fits, ending in "…", with the
keys that act on it kept whole after it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import get_character_cell_size
from textual.content import Content

from reader.text.graphemes import is_boundary, snap_end
from reader.tui.key_phrases import rows, with_keys

ELLIPSIS = "…"
# Characters looked at per cell of the rows: more only in text of marks or spaces.
LOOKED_AT = 4


def within_reach(part: Content, width: int, limit: int) -> tuple[Content, bool]:
    """`part` cut where `limit` rows of `width` cells are surely filled, and whether it
    was: past that nothing shows, so the rest need not be wrapped or measured (a note
    of a megabyte on one line). Spaces are not counted, as a row's end swallows them;
    a run of marks or spaces past a few rows' worth of characters is cut too."""
    plain, room = part.plain, limit * width
    most = min(len(plain), room * LOOKED_AT + 64)
    cells, end = 0, 0
    while end < most and cells <= room:
        if not plain[end].isspace():
            cells += get_character_cell_size(plain[end])
        end += 1
    end = snap_end(plain[: end + 64], end)  # (a cluster of more marks is cut in it)
    return (part[:end], True) if end < len(plain) else (part, False)


def fitted(parts: Sequence[Content], keys: Sequence[str], width: int, limit: int) -> Content:
    """`parts` as one text, then `keys` (see `with_keys`), within `limit` rows of `width`
    cells: whole when it fits; else the first part cut, ending in "…", the others whole
    after it; failing that, the first two cut as one, and so on; at last the keys go too."""
    reached = [within_reach(part, width, limit) for part in parts]
    parts = [part for part, _ in reached]
    whole = Content("").join(parts)
    if not any(cut for _, cut in reached) and rows(with_keys(whole, keys, width), width) <= limit:
        return with_keys(whole, keys, width)
    for n in range(1, len(parts) + 1):
        head, tail = Content("").join(parts[:n]), Content("").join(parts[n:])
        if (cut := _cut(head, tail, keys, width, limit)) is not None:
            return cut
    return _cut(whole, Content(""), (), width, limit) or Content("")


def _cut(
    head: Content, tail: Content, keys: Sequence[str], width: int, limit: int
) -> Content | None:
    """The longest start of `head` (whole characters as a reader sees them) that fits
    with "…", `tail` and `keys` after it; None when not even "…" and those fit."""
    # More than `limit` rows of `width` cells never show: the rest need not be wrapped.
    head = head[: limit * width + 1]
    plain = head.plain

    def shown(end: int) -> Content:
        return with_keys(head[:end].rstrip() + ELLIPSIS + tail, keys, width)

    if rows(shown(0), width) > limit:
        return None
    ends = [i for i in range(len(plain) + 1) if is_boundary(plain, i)]
    low, high = 0, len(ends)  # shown(ends[low]) fits; from ends[high] on none does
    while high - low > 1:
        middle = (low + high) // 2
        if rows(shown(ends[middle]), width) <= limit:
            low = middle
        else:
            high = middle
    return shown(ends[low])
