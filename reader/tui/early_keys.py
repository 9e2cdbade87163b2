"""Keys typed before the screen is ready for them wait for it instead of being lost.

At launch the list is empty until the first listing arrives, and an article opened with
Enter is read in the background: keys typed meanwhile (`Enter V a` in one burst) would
reach an empty list, or the list instead of the article, and do nothing. Until the main
screen is ready they are held here, then handed on one at a time, each given a moment to
take effect (a message or two) before the next. `ctrl+q` is never held, and no key waits
for an article longer than `GIVE_UP`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

HAND_ON_GAP = 0.05  # seconds between two keys handed on: the first one's messages are handled
GIVE_UP = 5.0  # seconds after which keys held for an article are handed on, read or not
NEVER_HELD = frozenset({"ctrl+q"})


class EarlyKeys:
    """The keys typed before the main screen was ready for them."""

    def __init__(self, screen: Screen) -> None:
        self._screen = screen
        self._held: list[events.Key] = []
        self._handed_on: events.Key | None = None
        self._timer: Timer | None = None
        self._since = 0.0  # when the oldest key held was typed
        self.listed = False  # the first listing is on screen (or there is none to wait for)
        self.opening = False  # an article opened with Enter is being read

    @property
    def ready(self) -> bool:
        return self.listed and not self.opening

    def hold(self, event: events.Key) -> bool:
        """Whether to keep this key back for now (it is handed on later, in order)."""
        if event is self._handed_on or event.key in NEVER_HELD or self._acts_at_once(event):
            return False
        if self.ready and not self._held and self._handed_on is None:
            return False
        key, character = event.key, event.character
        if key == "ctrl+j" and not self.listed:
            # Enter typed before the terminal was set up reads as a newline.
            key, character = "enter", "\r"
        if not self._held:
            self._since = time.monotonic()
        self._held.append(events.Key(key, character))
        self.wake()
        return True

    def _acts_at_once(self, event: events.Key) -> bool:
        """Keys typed into a field, and the keys that open one (`/`, `f`: priority
        bindings), need no list nor article."""
        if _is_text_field(self._screen.app.focused):
            return not self._held
        active = self._screen.active_bindings.get(event.key)
        return active is not None and active.binding.priority and not self._held

    def wake(self) -> None:
        """The screen may be ready: hand the next held key on, shortly."""
        if self._held or self._handed_on is not None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self._screen.set_timer(HAND_ON_GAP, self._hand_on)

    def _hand_on(self) -> None:
        self._timer = None
        if not self._held:  # the last key handed on has had its moment
            self._handed_on = None
            return
        if not self.listed:
            return  # woken when the list shows (or the library fails)
        if self.opening:
            waited = time.monotonic() - self._since
            if waited < GIVE_UP:  # woken when it is shown, or at the latest then
                self._timer = self._screen.set_timer(GIVE_UP - waited, self._hand_on)
                return
        self._handed_on = self._held.pop(0)
        self._since = time.monotonic()
        self._screen.app.post_message(self._handed_on)
        self.wake()


def _is_text_field(widget: Widget | None) -> bool:
    """Whether typed letters go into this widget (an Input, the note dialog's TextArea):
    asked of the widget, so that start-up need not load the TextArea to tell."""
    return widget is not None and widget.check_consume_key("a", "a")
