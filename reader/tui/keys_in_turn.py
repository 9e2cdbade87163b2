"""Keys act one at a time, in the order typed, each where the keys before it left the focus.

Textual reads the keys of a burst faster than they act: a key is handed to the focused
widget and its binding runs only once it has come back up to the app, while the app
reads the next keys meanwhile. A key that moves the keys elsewhere (`A` opens the Notes
screen) then has the keys typed after it go where it left from: a priority key (`/`)
acts before it, and letters reach the screen below, or act on the new screen's bindings
from the old screen's widget. Here a key waits until the one before it has acted: a
message sent behind it the same way comes back to the app, then once more behind the
messages its action sent; a key that showed another screen waits until that screen
is shown (a message sent to it comes back once it is mounted and has the focus).
`ctrl+q` never waits, and no key waits longer than `GIVE_UP` (a message lost with a
widget removed).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

GIVE_UP = 1.0  # seconds after which the next key acts, whether the one before came back
NEVER_WAITS = frozenset({"ctrl+q"})


class KeyActed(Message):
    """Sent behind a key, the same way: back at the app, the key has acted."""

    def __init__(self, key: events.Key) -> None:
        super().__init__()
        self.key = key


class KeysInTurn:
    """The app's keys, let act one at a time."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._waiting: deque[events.Key] = deque()
        self._acting: events.Key | None = None
        self._let_through: events.Key | None = None  # sent back to the app, its turn come
        self._way: Widget | None = None  # where the key was handed
        self._screen: Screen | None = None  # the screen the key acted on
        self._rounds = 0
        self._timer: Timer | None = None

    def take(self, event: events.Key) -> bool:
        """Whether `event` acts now; if not, it is kept to act in its turn."""
        if event.key in NEVER_WAITS:
            return True
        if event is self._let_through:
            self._let_through = None
        elif self._acting is not None or self._waiting or self._let_through is not None:
            self._waiting.append(event)
            return False
        self._acting = event
        self._timer = self._app.set_timer(GIVE_UP, lambda: self._give_up(event))
        return True

    def follow(self, event: events.Key, way: Widget, screen: Screen) -> None:
        """`event` was handed to `way` (or acted at once, on `screen`): the next key
        waits until it has acted."""
        if event is not self._acting:
            return
        self._way, self._screen = way, screen
        if event.is_forwarded:
            self._rounds = 2  # behind the key, then behind the messages its action sent
            way.post_message(KeyActed(event))
        else:
            self._rounds = 0
            self._acted(event)

    def came_back(self, message: KeyActed) -> None:
        if message.key is self._acting:
            self._rounds -= 1
            self._acted(message.key)

    def _acted(self, key: events.Key) -> None:
        screen = self._app.screen
        if screen is not self._screen:
            # Another screen is on show: the next key is for it, once it is shown.
            self._way = self._screen = screen
            self._rounds = 1
        if self._rounds > 0 and self._way is not None and self._way.is_attached:
            self._way.post_message(KeyActed(key))
            return
        self.done()

    def instead(self, event: events.Key, keys: list[events.Key]) -> None:
        """`event`, acting now, acts as `keys`: they take its turn, in order."""
        if event is self._acting:
            self._waiting.extendleft(reversed(keys))
            self.done()

    def _give_up(self, key: events.Key) -> None:
        if key is self._acting:
            self.done()

    def done(self) -> None:
        """The key acting has acted (or was kept back elsewhere): the next one's turn."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._acting = self._way = self._screen = None
        if self._waiting:
            self._let_through = self._waiting.popleft()
            self._app.post_message(self._let_through)
