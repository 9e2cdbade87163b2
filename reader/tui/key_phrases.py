"""Keys named after a text ("e edit · d delete"), each key and its action kept on one row.

Textual wraps at every space, a no-break space too: a key could end one row and its
action begin the next. Here a phrase that does not fit on the row begins the next."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content

from reader.tui.widgets.fitted import Fitted

GAP = "   "  # between the text and its keys
BETWEEN = " · "  # between two keys on a row


def rows(content: Content, width: int) -> int:
    """How many rows `content` takes wrapped at `width` cells, as a widget draws it."""
    return len(content.wrap(max(1, width)))


def with_keys(text: Content, keys: Sequence[str], width: int, style: str = "dim") -> Content:
    """`text`, then `keys` in `style`: on its last row when they fit there, else each on
    the row where it fits whole (one wider than a row wraps as text does)."""
    if not keys:
        return text
    width = max(1, width)
    used = text.wrap(width)[-1].cell_length if text else 0
    out = [text]
    for n, key in enumerate(keys):
        lead = (BETWEEN if n else GAP) if used else ""
        if used and used + cell_len(lead + key) > width:
            lead, used = "\n", 0
        out.append(Content.styled(lead + key, style))
        # (a key that begins a row and is wider than it wraps: its last row is what is left)
        used = used + cell_len(lead + key) if used else Content(key).wrap(width)[-1].cell_length
    return Content("").join(out)


def key_line(*keys: str) -> Fitted:
    """A line of keys for a widget ("ctrl+s save", "esc cancel"), wrapped between them."""
    return Fitted(lambda width: with_keys(Content(""), keys, width, style=""))
