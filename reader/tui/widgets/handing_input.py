"""A one-line input that gives the keys back in the order they were typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from textual import events

from reader.tui.widgets.symbol_input import SymbolInput


class HandingInput(SymbolInput):
    """An Input whose Enter and Esc act in their turn among the keys typed, and which
    hands on the keys that reach it once it has given the focus away.

    Textual runs a widget's bindings only after the keys typed next have been handed
    to the focused widget: an Enter that moves the focus as a binding lets them land in
    the input. Here Enter (`on_enter`) and Esc (`on_leave`) run as the input reads them,
    and a key read after the focus has gone goes where the focus went. An Esc typed
    quickly before a letter arrives as alt+letter: that is Esc, then the letter.

    Its placeholder is the longest of `placeholders` (longest first) that fits its width."""

    def __init__(
        self,
        *args,
        on_enter: Callable[[], None] | None = None,
        on_leave: Callable[[], None] | None = None,
        placeholders: Sequence[str] = (),
        **kwargs,
    ) -> None:
        if placeholders:
            kwargs["placeholder"] = placeholders[0]
        super().__init__(*args, **kwargs)
        self.placeholders = tuple(placeholders)
        self.on_enter = on_enter
        self.on_leave = on_leave
        self.on_down: Callable[[], None] | None = None
        self._gone = False  # gave the focus away itself: the keys read since are not its

    def on_resize(self, _event: events.Resize) -> None:
        if self.placeholders:
            room = self.content_region.width
            fits = [p for p in self.placeholders if cell_len(p) <= room]
            self.placeholder = fits[0] if fits else self.placeholders[-1]

    def _on_focus(self, event: events.Focus) -> None:
        self._gone = False  # (Input's own handler runs after this one)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if self._gone and focused is not None and focused is not self:
            self._hand_on(event, focused, event.key, event.character)
            return
        act = {"enter": self.on_enter, "down": self.on_down}.get(event.key)
        if act is not None:
            event.stop()
            event.prevent_default()
            self._gone = True
            act()
            return
        letter = _alt_letter(event)
        if letter is not None and self.on_leave is not None:
            self._gone = True
            self.on_leave()
            focused = self.screen.focused
            if focused is not None and focused is not self:
                self._hand_on(event, focused, letter, letter)
            else:
                event.prevent_default()  # not typed in: it was an Esc
            return
        # Otherwise Input's own handler, which runs after this one, takes the key.

    @staticmethod
    def _hand_on(event: events.Key, to, key: str, character: str | None) -> None:
        event.stop()
        event.prevent_default()
        to.post_message(events.Key(key, character))


def _alt_letter(event: events.Key) -> str | None:
    """The printable key of an alt+key (an Esc read together with the key after it)."""
    if not event.key.startswith("alt+"):
        return None
    rest = event.key.removeprefix("alt+")
    if len(rest) == 1 and rest.isprintable():
        return rest
    if event.character and len(event.character) == 1 and event.character.isprintable():
        return event.character
    return None
