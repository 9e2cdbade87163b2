"""Esc typed just before another key, in one burst, stays an Esc.

A terminal sends Alt+key as Esc then the key, so Textual reads Esc and a key that come
together as that key with Alt: `alt+j`; for a key it cannot mark with Alt (Enter, `/`,
space) it drops the Esc. `keep_escapes` gives such an Esc back, and the app takes an
Alt+key it has no use for as Esc then the key (`apart`), as vi does. A text field keeps
its Alt+keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.widget import Widget
from textual.widgets import Input

ESCAPE = "\x1b"


def keep_escapes() -> None:
    """Have the terminal's key reader keep an Esc that comes before a key it cannot
    mark with Alt (once per process). A Textual without that private reader is left
    as it is: only the Esc before such a key is lost there, as before."""
    read = getattr(XTermParser, "_sequence_to_key_events", None)
    if read is None or getattr(read, "keeps_escapes", False):
        return

    def with_escape(self: XTermParser, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        keys = list(read(self, sequence, alt))
        if alt and not any(key.key.startswith("alt+") for key in keys):
            yield events.Key("escape", ESCAPE)
        yield from keys

    with_escape.keeps_escapes = True  # type: ignore[attr-defined]
    XTermParser._sequence_to_key_events = with_escape  # type: ignore[method-assign]


def apart(event: events.Key, bound: Iterable[str], focused: Widget | None) -> list[events.Key]:
    """The keys `event` stands for: Esc then the key for an Alt+key that is not `bound`
    and not typed in a text field; else none (the key acts as it is)."""
    if not event.key.startswith("alt+") or event.key in bound:
        return []
    # Loaded here: the note editor's module is not loaded at start-up (an Alt key is rare).
    from textual.widgets import TextArea

    if isinstance(focused, (Input, TextArea)):
        return []
    key = event.key.removeprefix("alt+")
    character = event.character
    if key.startswith("shift+") and len(key) == len("shift+") + 1:
        key = character = key[-1].upper()
    return [events.Key("escape", ESCAPE), events.Key(key, character)]
