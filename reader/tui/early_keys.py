"""Keys typed before the screen is ready for them wait for it instead of being lost.

At launch the list is empty until the first listing arrives, the widgets not in the first
frame (the search hits, the find bar) are not there yet, and an article opened with Enter
is read in the background: keys typed meanwhile (`Enter V a`, `/ Down` in one burst)
would reach an empty list, or the list instead of the article, and do nothing, or look
for a widget not there yet. Until the main screen is ready they are held here, then
handed on one at a time, each given a moment to take effect (a message or two) before the
next; a key that needs no list (typed into the search bar, or opening it) does not wait
for the listing. `ctrl+q` is never held, and no key waits for an article longer than
`GIVE_UP`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events

from reader.tui.escape_keys import same_reading

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
        self._arrived = False  # the key handed on has reached the app (it acts in turn)
        self._timer: Timer | None = None
        self._since = 0.0  # when the oldest key held was typed
        self.listed = False  # the first listing is on screen (or there is none to wait for)
        self.furnished = False  # the widgets mounted after the first frame are there
        self.opening = False  # an article opened with Enter is being read

    @property
    def ready(self) -> bool:
        return self.listed and self.furnished and not self.opening

    def hold(self, event: events.Key) -> bool:
        """Whether to keep this key back for now (it is handed on later, in order)."""
        if event is self._handed_on:
            self._arrived = True
            return False
        if event.key in NEVER_HELD:
            return False
        if self.furnished and not self._held and self._needs_no_list(event):
            return False
        if self.ready and not self._held and self._handed_on is None:
            return False
        key, character = event.key, event.character
        if key == "ctrl+j" and not self.listed:
            # Enter typed before the terminal was set up reads as a newline.
            key, character = "enter", "\r"
        if not self._held:
            self._since = time.monotonic()
        self._held.append(same_reading(events.Key(key, character), event))
        self.wake()
        return True

    def instead(self, event: events.Key, keys: list[events.Key]) -> bool:
        """Whether `event`, handed on from here, now acts as `keys` (an Esc typed with the
        next key): they take its place, ahead of the keys held after it."""
        if event is not self._handed_on:
            return False
        self._held[0:0] = keys
        self.wake()
        return True

    def _needs_no_list(self, event: events.Key) -> bool:
        """Keys typed into a field, and the keys that open one (`/`, `f`: priority
        bindings), need no list nor article."""
        if _is_text_field(self._screen.app.focused):
            return True
        active = self._screen.active_bindings.get(event.key)
        return active is not None and active.binding.priority

    def wake(self) -> None:
        """The screen may be ready: hand the next held key on, shortly."""
        if self._held or self._handed_on is not None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self._screen.set_timer(HAND_ON_GAP, self._hand_on)

    def _hand_on(self) -> None:
        self._timer = None
        if self._handed_on is not None and not self._arrived:
            self.wake()  # the app has not read it yet: the next one would overtake it
            return
        if not self._held:  # the last key handed on has had its moment
            self._handed_on = None
            return
        if not self.furnished:
            return  # woken when they are
        if not self.listed and not self._needs_no_list(self._held[0]):
            return  # woken when the list shows (or the library fails)
        if self.opening:
            waited = time.monotonic() - self._since
            if waited < GIVE_UP:  # woken when it is shown, or at the latest then
                self._timer = self._screen.set_timer(GIVE_UP - waited, self._hand_on)
                return
        self._handed_on = self._held.pop(0)
        self._arrived = False
        self._since = time.monotonic()
        self._screen.app.post_message(self._handed_on)
        self.wake()


def _is_text_field(widget: Widget | None) -> bool:
    """Whether typed letters go into this widget (an Input, the note dialog's TextArea):
    asked of the widget, so that start-up need not load the TextArea to tell."""
    return widget is not None and widget.check_consume_key("a", "a")
