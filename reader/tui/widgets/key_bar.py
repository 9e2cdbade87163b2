"""The key bar at the bottom of a screen: the keys that fit, each shown whole."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widget import Widget

PALETTE = "-command-palette"
HELP = "-help"  # the help key: always shown, docked right beside the palette key
HELP_ACTIONS = ("help", "app.help")
MEMBER = "-member"  # one of the keys a together key stands for
TOGETHER = "-together"


def key_width(key: FooterKey) -> int:
    """Cells a key takes in the compact bar: its key, a space and its description."""
    description = f" {key.description}" if key.description else ""
    return cell_len(key.key_display + description)


def keys_together(shown: list[str]) -> str:
    """`1-4` for the keys 1, 2, 3, 4; others as `a/s/d`."""
    codes = [ord(key) if len(key) == 1 else -2 for key in shown]
    if len(codes) > 2 and all(b - a == 1 for a, b in pairwise(codes)):
        return f"{shown[0]}-{shown[-1]}"
    return "/".join(shown)


class TogetherKey(FooterKey):
    """One key on the bar for the keys of one action (`1-4 Grade`), shown when their
    names do not all fit; its tooltip names each."""

    @on(events.MouseDown)
    def no_key(self, event: events.MouseDown) -> None:
        event.prevent_default()  # a click cannot say which of them was meant


class KeyBar(Footer):
    """Textual's compact footer, but a key that does not fit is left out rather than cut
    in the middle of a word or slid under the palette key (the keys come in the order of
    the bindings, so the first ones are the ones kept); the help key is always kept, at the
    right beside the palette key."""

    def __init__(self, keep: tuple[str, ...] = (), together: tuple[str, str] | None = None) -> None:
        """`keep`: the actions whose keys are kept before the others but Esc (a screen's
        own, over those of the pane with the focus). `together`: an action whose keys
        differ by its parameter (`grade('again')`, …) and the name of one key standing
        for them all when they do not all fit by name."""
        super().__init__(compact=True)
        self.shown: tuple[object, ...] = ()
        self.keep = keep
        self.together = together

    def compose(self) -> ComposeResult:
        members: list[FooterKey] = []
        placed = False
        for widget in super().compose():
            member = self._is_member(widget)
            if members and not member and not placed:
                placed = True
                yield from self._together_key(members)
            if isinstance(widget, FooterKey) and member:
                widget.add_class(MEMBER)
                members.append(widget)
            yield widget
        if not placed:
            yield from self._together_key(members)

    def _is_member(self, widget: Widget) -> bool:
        action = widget.action if isinstance(widget, FooterKey) else ""
        return self.together is not None and action.startswith(f"{self.together[0]}(")

    def _together_key(self, members: list[FooterKey]) -> ComposeResult:
        if len(members) < 2 or self.together is None:
            return
        yield TogetherKey(
            members[0].key,
            keys_together([key.key_display for key in members]),
            self.together[1],
            self.together[0],
            disabled=all(key.has_class("-disabled") for key in members),
            tooltip=", ".join(f"{key.key_display} {key.description}" for key in members),
            classes=TOGETHER,
        ).data_bind(compact=Footer.compact)

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
                room -= key_width(key) + 1  # 1: the blank after it (the one before is a key's gap)
        rest = self._by_name_or_together(
            [k for k in keys if not (k.has_class(PALETTE) or k.has_class(HELP))], room
        )
        # The way out (Esc) is kept before the others, then those asked to be kept; they
        # stay in their order on the bar.
        for key in sorted(rest, key=lambda k: (k.key != "escape", k.action not in self.keep)):
            width = key_width(key)
            key.display = width <= room
            room = room - width - 1 if key.display else 0  # 1: the gap after a key

    @staticmethod
    def _by_name_or_together(keys: list[FooterKey], room: int) -> list[FooterKey]:
        """The keys to fit: each by name when all fit so, else a together key in the
        place of the keys it stands for."""
        together = [key for key in keys if key.has_class(TOGETHER)]
        whole = [key for key in keys if key not in together]
        if not together or sum(key_width(key) + 1 for key in whole) <= room:
            left_out, kept = together, whole
        else:
            left_out = [key for key in keys if key.has_class(MEMBER)]
            kept = [key for key in keys if key not in left_out]
        for key in left_out:
            key.display = False
        return kept
