"""The key bar at the bottom of a screen: the keys that fit, each shown whole."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE = "-command-palette"
HELP = "-help"  # the help key: always shown, docked right beside the palette key
HELP_ACTIONS = ("help", "app.help")


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact bar: its key, a space and its description."""
    description = f" {key.description}" if key.description else ""
    return cell_len(key.key_display + description)


class KeyBar(Footer):
    """Textual's compact footer, but a key that does not fit is left out rather than cut
    in the middle of a word or slid under the palette key (the keys come in the order of
    the bindings, so the first ones are the ones kept); the help key is always kept, at the
    right beside the palette key."""

    def __init__(self, keep: tuple[str, ...] = ()) -> None:
        """`keep`: the actions whose keys are kept before the others but Esc (a screen's
        own, over those of the pane with the focus)."""
        super().__init__(compact=True)
        self.shown: tuple[object, ...] = ()
        self.keep = keep

    def keys_to_show(self) -> tuple[object, ...]:
        """What `compose` draws from: the shown bindings and the palette's, their state."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (binding, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    async def recompose(self) -> None:
        # The bindings are announced as changed at every focus move and screen switch,
        # mostly with the same keys: building the bar again each time made keys lag.
        if not (self.is_attached and self._bindings_ready):
            await super().recompose()
            return
        shown = self.keys_to_show()
        if shown != self.shown:
            await super().recompose()
            self.shown = shown
            self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        keys = list(self.query_children(FooterKey))
        room = self.size.width
        if not room:
            return
        # The palette key is docked right: a bar before it, its text and a blank.
        palette = sum(key_width(key) + 2 for key in keys if key.has_class(PALETTE))
        room -= palette
        # The help key, docked right too, just before the palette key: whatever else is
        # left out, `?` is there to list every key.
        for key in keys:
            if key.action in HELP_ACTIONS and not key.has_class(PALETTE):
                key.add_class(HELP)
                key.styles.margin = (0, palette + 1, 0, 0)  # 1: a blank before the bar
                key.display = True
                room -= key_width(key) + 2
        # The way out (Esc) is kept before the others, then those asked to be kept; they
        # stay in their order on the bar.
        rest = [k for k in keys if not (k.has_class(PALETTE) or k.has_class(HELP))]
        for key in sorted(rest, key=lambda k: (k.key != "escape", k.action not in self.keep)):
            width = key_width(key)
            key.display = width <= room
            room = room - width - 1 if key.display else 0  # 1: the gap after a key
