"""Esc typed just before another key, in one burst, stays an Esc.

A terminal sends Alt+key as Esc then the key, so Textual reads Esc and a key that come
together as that key with Alt: `alt+j`; for a key it cannot mark with Alt (Enter, `/`,
space) it drops the Esc. `keep_escapes` gives such an Esc back, and the app takes an
Alt+key it has no use for as Esc then the key (`apart`), as vi does. A text field keeps
its Alt+keys.

Textual also reads on after an Esc until the next Esc or a pause, and when the next Esc
comes first it shows the held Esc as `^` (`j Enter G Esc j Enter G Esc` in one burst lost
every Esc but the last). An Esc and a key that cannot begin a longer sequence are read
at once, as that key with Alt, so no Esc is held. Some Textual reads as another key
(Esc f, a Mac's Option+Right, as ctrl+right; Esc Tab as shift+tab): out of a text field
those are Esc then the key too. Some it reads as the character a Mac's Option+key types
(Esc 1 as "¡"): those are Esc then the key in a text field too, the movements (Esc f,
Esc b, Esc Backspace) left to it. A Mac terminal that sends Option+1 as "¡" sends that
character itself, not Esc 1.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.widget import Widget
from textual.widgets import Input

ESCAPE = "\x1b"
# What follows an Esc that begins a longer sequence: CSI, SS3 (keys, mouse, reports),
# and the string sequences a terminal answers with (OSC, DCS, APC, PM, SOS, ST).
SEQUENCE_STARTS = frozenset("[O]P_^X\\")
# A key Textual read from an Esc and a key as another (ctrl+right): the key typed.
_AFTER_ESCAPE: weakref.WeakKeyDictionary[events.Key, list[events.Key]] = weakref.WeakKeyDictionary()


def keep_escapes() -> None:
    """Have the terminal's key reader keep an Esc that comes before a key it cannot
    mark with Alt, and read an Esc and a key as soon as both are in (once per process).
    A Textual without that private reader is left as it is."""
    read = getattr(XTermParser, "_sequence_to_key_events", None)
    if read is None or getattr(read, "keeps_escapes", False):
        return

    def with_escape(self: XTermParser, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        keys = list(read(self, sequence, alt))
        if _escape_then_key(sequence):
            if not keys:
                yield from with_escape(self, sequence[1], alt=True)
                return
            for key in keys:
                _AFTER_ESCAPE[key] = list(read(self, sequence[1], False))
        if alt and not any(key.key.startswith("alt+") for key in keys):
            yield events.Key("escape", ESCAPE)
        yield from keys

    with_escape.keeps_escapes = True  # type: ignore[attr-defined]
    XTermParser._sequence_to_key_events = with_escape  # type: ignore[method-assign]


def same_reading(held: events.Key, event: events.Key) -> events.Key:
    """`held`, a fresh copy of `event` to post again, read from the same keys typed."""
    if event in _AFTER_ESCAPE:
        _AFTER_ESCAPE[held] = _AFTER_ESCAPE[event]
    return held


def _escape_then_key(sequence: str) -> bool:
    """Whether `sequence` is a whole Esc and key: no longer sequence begins so."""
    return len(sequence) == 2 and sequence[0] == ESCAPE and sequence[1] not in SEQUENCE_STARTS


def apart(event: events.Key, bound: Iterable[str], focused: Widget | None) -> list[events.Key]:
    """The keys `event` stands for: Esc then the key for an Alt+key that is not `bound`,
    or for an Esc and a key Textual read as another, when not typed in a text field (in
    one, only for those read as a character, Esc 1 as "¡"); else none (the key acts as
    it is)."""
    typed = _AFTER_ESCAPE.get(event)
    if typed is None and (not event.key.startswith("alt+") or event.key in bound):
        return []
    # Loaded here: the note editor's module is not loaded at start-up (an Alt key is rare).
    from textual.widgets import TextArea

    if isinstance(focused, (Input, TextArea)) and not (typed is not None and event.is_printable):
        return []
    if typed is not None:
        return [events.Key("escape", ESCAPE), *(events.Key(k.key, k.character) for k in typed)]
    key = event.key.removeprefix("alt+")
    character = event.character
    if key.startswith("shift+") and len(key) == len("shift+") + 1:
        key = character = key[-1].upper()
    return [events.Key("escape", ESCAPE), events.Key(key, character)]
