"""The key bar at the bottom of a screen: the keys that fit, each shown whole."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE = "-command-palette"


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact bar: its key, a space and its description."""
    description = f" {key.description}" if key.description else ""
    return cell_len(key.key_display + description)


class KeyBar(Footer):
    """Textual's compact footer, but a key that does not fit is left out rather than cut
    in the middle of a word or slid under the palette key (the keys come in the order of
    the bindings, so the first ones are the ones kept)."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        keys = list(self.query_children(FooterKey))
        room = self.size.width
        if not room:
            return
        # The palette key is docked right: a bar before it, its text and a blank.
        room -= sum(key_width(key) + 2 for key in keys if key.has_class(PALETTE))
        for key in keys:
            if key.has_class(PALETTE):
                continue
            width = key_width(key)
            key.display = width <= room
            room = room - width - 1 if key.display else 0  # 1: the gap after a key
