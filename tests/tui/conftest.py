"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
import contextlib
import unicodedata
from time import monotonic, process_time

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.notifications import Notification, Notify
from textual.worker import WorkerCancelled

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.article.view import ArticleView

IDLE_STEP = 0.005  # the app is idle once a step this long passes with next to no CPU time
SOON = 0.2  # a one-shot timer this short is waited for (a debounce), a longer one is not (a toast)
SETTLE_GIVE_UP = 30.0  # seconds after which settle returns, idle or not


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish, and the workers they start, until the app is idle: no worker
    running, no message queued, no debounce timer pending and no CPU time spent, `rounds`
    times in a row."""
    idle = 0
    deadline = monotonic() + SETTLE_GIVE_UP
    while monotonic() < deadline:
        # An exclusive worker replaced by a newer one is cancelled: that is how it should be.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pause_until_idle(pilot)
        app = pilot.app
        if any(worker.is_running for worker in app.workers) or _busy(_pumps(app)):
            idle = 0
            continue
        idle += 1
        if idle >= rounds:
            return


async def pause_until_idle(pilot) -> None:
    """`pilot.pause()` in finer steps: the screen's pending messages handled, then a step
    without CPU time (a second at most), then the screen's layout and paint brought up
    to date."""
    await pilot._wait_for_screen()
    start = monotonic()
    while monotonic() - start < 1.0:
        cpu = process_time()
        await asyncio.sleep(IDLE_STEP)
        if process_time() - cpu < IDLE_STEP / 20:
            break
    pilot.app.screen._on_timer_update()


def _pumps(app) -> list:
    """The app, and every widget of every screen on its stack."""
    screens = app.screen_stack
    return [app, *(node for screen in screens for node in screen.walk_children(with_self=True))]


def _busy(pumps) -> bool:
    """Whether a message waits in one's queue (a key typed in a burst goes through several,
    handed on, bubbled up to the bindings, before it acts) or a short timer of one's is
    still to fire (a search or preview waiting for the typing to pause, a resize)."""
    return any(pump.message_queue_size or _timer_due(pump) for pump in pumps)


def _timer_due(pump) -> bool:
    """Whether a one-shot timer of `pump`'s, no longer than SOON and not paused, is to fire."""
    for timer in list(pump._timers):
        task = timer._task
        pending = timer._repeat == 0 and task is not None and not task.done()
        if pending and timer._interval <= SOON and timer._active.is_set():
            return True
    return False


class Notified(list[Notification]):
    """Every notification the app raises, kept after its toast has timed out (a loaded
    machine may take longer than a short toast lasts): pass as run_test's message_hook."""

    def __call__(self, message) -> None:
        if isinstance(message, Notify):
            self.append(message.notification)

    def messages(self) -> list[str]:
        return [str(n.message) for n in self]

    def withdrawn(self, start: str) -> bool:
        """Whether every toast starting with `start` was raised, then taken back."""
        asked = [n for n in self if str(n.message).startswith(start)]
        return bool(asked) and all(n.timeout == 0 for n in asked)


WAIT_STEP = 0.02  # between looks at the condition: the app is let work (settle) in between too


async def wait_until(pilot, condition, timeout: float = 10.0) -> bool:
    """Let the app work until condition() holds (or timeout seconds of pauses pass); its
    last value."""
    for _ in range(int(timeout / WAIT_STEP)):
        await settle(pilot, rounds=1)
        if condition():
            return True
        await asyncio.sleep(WAIT_STEP)
    return condition()


async def polled(condition, timeout: float = 10.0) -> bool:
    """Wait until condition() holds (or timeout seconds pass), looking every WAIT_STEP
    without waiting for the app's workers: for tests that hold a worker on purpose, where
    `wait_until` would wait for that worker to end."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(WAIT_STEP)
    return True


async def searched(pilot) -> None:
    """Wait for the query typed in the search bar to be searched and its hits shown: the
    search waits for a pause in the typing (a timer), then runs in a worker."""
    assert await wait_until(pilot, lambda: pilot.app.screen._search_pending is None)
    await settle(pilot)


def at_once(app, *keys: str) -> None:
    """Queue named keys at once ("escape", "j"), as a fast typist delivers them."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def key_event(key: str) -> events.Key:
    """The event `pilot.press(key)` sends: a key name ("enter") or a character ("/").
    A character whose key name is not its Unicode name (ZWJ's `zero_width_joiner`) is
    kept, as a terminal's keys have it (Pilot drops it)."""
    typed = key if len(key) == 1 else None
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = typed
    return events.Key(key, char)


async def press_in_turn(pilot, *keys: str) -> None:
    """Press each key as `pilot.press` would, and go on once the app has handled it (its
    messages and workers done) rather than after Pilot's fixed pauses for idle time."""
    for key in keys:
        pilot.app.post_message(key_event(key))
        await settle(pilot, rounds=1)


async def typed(pilot, *keys: str) -> None:
    """Type `keys` into the widget that has the focus as a fast typist does: each queued
    at once, as `pilot.press` sends it, then go on once the app has handled them all (and
    the search or find they start), not after Pilot's idle pauses between keys (a second
    for a note of twenty letters)."""
    for key in keys:
        pilot.app.post_message(key_event(key))
    await settle(pilot)


async def palette_search(pilot, query: str) -> None:
    """Open the command palette and type `query` into it as a fast typist does (each key
    cancels the search the one before started); go on once the last search is done (a
    worker), not after a fixed pause."""
    await press_in_turn(pilot, "ctrl+p")
    await typed(pilot, *query)


def burst(app, text: str) -> None:
    """Queue every key at once, as a paste or a fast typist delivers them."""
    for char in text:
        key = "slash" if char == "/" else ("space" if char == " " else char)
        app.post_message(events.Key(key, char))


@pytest.fixture
def make_app(library):
    def factory(root=None, **config) -> ReaderApp:
        return ReaderApp(root or library, config=Config(**config), config_problems=[])

    return factory


async def open_first(pilot) -> ArticleView:
    """Open the library's first article with Enter; the article pane has the keys."""
    await settle(pilot)
    await press_in_turn(pilot, "enter")
    await settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    assert pilot.app.focused is view
    return view
