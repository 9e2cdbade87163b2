"""The key bar at the bottom of a screen: the keys that fit, each shown whole."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events, on
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.tui.keys import declared_order, with_keys_named

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult
    from textual.widget import Widget

PALETTE = "-command-palette"
HELP = "-help"  # the help key: always shown, docked right beside the palette key
HELP_ACTIONS = ("help", "app.help")
MEMBER = "-member"  # one of the keys a together key stands for
TOGETHER = "-together"
LAST = 3  # the rank of the keys fitted last, only where there is room to spare


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
    in the middle of a word or slid under the palette key. The keys stay in the order of
    the bindings; they are fitted most important first (Esc, the keys asked to be kept,
    the others in their order, those asked to come last), each where it fits in the room
    the ones before it leave, so a wide key left out does not take the narrower ones
    after it along (but for those asked to come last: they show only when no key before
    them is left out). The help key is always kept, at the right beside the palette key."""

    def __init__(
        self,
        keep: tuple[str, ...] = (),
        together: tuple[str, str] | None = None,
        *,
        last: tuple[str, ...] = (),
        only_when: dict[str, Callable[[], bool]] | None = None,
    ) -> None:
        """`keep`: the actions whose keys are fitted before the others but Esc (a screen's
        own, over those of the pane with the focus). `together`: an action whose keys
        differ by its parameter (`grade('again')`, …) and the name of one key standing
        for them all when they do not all fit by name. `last`: the actions whose keys
        are fitted after all others, shown where there is room to spare. `only_when`: actions
        whose key shows only while their check holds (the key works all the same)."""
        super().__init__(compact=True)
        self.shown: tuple[object, ...] = ()
        self.keep = keep
        self.together = together
        self.last = last
        self.only_when = only_when or {}

    def compose(self) -> ComposeResult:
        hidden = self._hidden_actions()
        for widget in self._with_together_key():
            if not (isinstance(widget, FooterKey) and widget.action in hidden):
                if isinstance(widget.tooltip, str):  # keys.toml's `{notes.undo}`, as bound
                    widget.tooltip = with_keys_named(self.app, widget.tooltip)
                yield widget

    def _with_together_key(self) -> ComposeResult:
        """Footer's keys, and the together key before the keys it stands for."""
        members: list[FooterKey] = []
        placed = False
        for widget in self._in_declared_order(list(super().compose())):
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

    def _in_declared_order(self, widgets: list[Widget]) -> list[Widget]:
        """Footer's keys in the order keys.toml declares them, pane by pane: Textual
        puts a binding a keymap gives another key after the others of its pane (the
        key a user chose would go last, and be the first left out)."""
        active = self.screen.active_bindings
        panes = list(dict.fromkeys(binding.node for binding in active.values()))
        order = declared_order()

        def place(widget: Widget) -> tuple[int, float]:
            bound = active.get(widget.key) if isinstance(widget, FooterKey) else None
            if bound is None or widget.has_class(PALETTE):
                return len(panes), 0  # (the palette key: docked right, last)
            return panes.index(bound.node), order.get(bound.binding.id or "", math.inf)

        return sorted(widgets, key=place)

    def rank(self, widget: Widget) -> int:
        """When a key is fitted, the most important first (in their order within a rank)."""
        if not isinstance(widget, FooterKey):
            return 2
        if widget.key == "escape":
            return 0
        action = widget.action
        return 1 if action in self.keep else LAST if action in self.last else 2

    def _hidden_actions(self) -> frozenset[str]:
        return frozenset(action for action, check in self.only_when.items() if not check())

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
        return (
            *(
                (binding, enabled, tooltip)
                for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == palette
            ),
            self._hidden_actions(),
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
        helps = [k for k in keys if k.action in HELP_ACTIONS and not k.has_class(PALETTE)]
        for key in helps:
            key.add_class(HELP)
            key.styles.margin = (0, palette + 1, 0, 0)  # 1: a blank before the bar
            key.display = True
            room -= key_width(key) + 1  # 1: the blank after it
        # Each key on the left takes its cells and the blank after it: the last one's
        # blank is the one before the help key; with no help key it may fall on the
        # palette key's bar or past the edge.
        if not helps:
            room += 1
        rest = self._by_name_or_together(
            [k for k in keys if not (k.has_class(PALETTE) or k.has_class(HELP))], room
        )
        # In the order of importance, each where it fits; those asked to come last only
        # where no key before them was left out (Quit never takes the room of Notes).
        left_out = False
        for key in sorted(rest, key=self.rank):
            cells = key_width(key) + 1  # 1: the blank after it
            key.display = cells <= room and not (left_out and self.rank(key) == LAST)
            if key.display:
                room -= cells
            else:
                left_out = True

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
