"""Text cut to a number of screen rows: as much of it as fits, ending in "…", with the
keys that act on it kept whole after it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from reader.text.graphemes import is_boundary
from reader.tui.key_phrases import rows, with_keys

ELLIPSIS = "…"


def fitted(parts: Sequence[Content], keys: Sequence[str], width: int, limit: int) -> Content:
    """`parts` as one text, then `keys` (see `with_keys`), within `limit` rows of `width`
    cells: whole when it fits; else the first part cut, ending in "…", the others whole
    after it; failing that, the first two cut as one, and so on; at last the keys go too."""
    whole = Content("").join(parts)
    if rows(with_keys(whole, keys, width), width) <= limit:
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
