"""Where a YAML document's top-level keys, and the items of the lists that are their
values, are in its text: what a save needs to keep the untouched parts byte for byte.

`OutlineTaker` is given the events as the document is built from them
(`reader.infra.yamlevents`), so the outline costs no pass of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.events import MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent


@dataclass
class KeySpan:
    """A top-level key: its name, where it starts, and for a list as its value where
    the list starts and ends and each item's (start, end)."""

    name: str
    start: int
    items: list[tuple[int, int]] | None = None
    items_start: int = 0
    items_end: int = 0
    flow: bool = False


@dataclass
class Outline:
    """A file read as one block mapping with string keys: its keys, and where it ends."""

    keys: list[KeySpan]
    end: int


class OutlineTaker:
    """The outline of a document, taken from the events that build it: told of each
    collection opened at depth 0 to 2 (`opened`) and of each value finished at depth 0
    to 2 (`finished`), with the value as built."""

    def __init__(self) -> None:
        self.keys: list[KeySpan] = []
        self.end = -1
        self.whole = False  # set once the document is read to its end, and built
        self._fits = True  # a block mapping of string keys so far
        self._items: list[tuple[int, int]] | None = None  # of the list open at depth 1
        self._item_start = 0

    def outline(self) -> Outline | None:
        """The outline taken, or None when the document is not one block mapping of
        string keys (or was not read to its end and built)."""
        if not self.whole or not self._fits or not self.keys:
            return None
        return Outline(self.keys, self.end)

    def opened(self, depth: int, event: Any, awaiting_key: bool) -> None:
        """A mapping or a list opened inside `depth` collections (`awaiting_key`: the
        collection it is in is a mapping waiting for a key)."""
        if depth == 0:
            self._fits = type(event) is MappingStartEvent and not event.flow_style
        elif not self._fits:
            return
        elif depth == 1:
            if awaiting_key:
                self._fits = False  # a mapping or a list as a key
            elif type(event) is SequenceStartEvent:
                self._items = []
                key = self.keys[-1]
                key.items, key.flow = self._items, bool(event.flow_style)
                key.items_start = mark_at(event.start_mark)
        elif self._items is not None:
            self._item_start = mark_at(event.start_mark)

    def finished(self, depth: int, event: Any, value: Any, awaiting_key: bool) -> None:
        """A value finished (`event` its scalar or its collection's end) inside `depth`
        collections; `awaiting_key` as for `opened`."""
        if depth == 0:
            self.end = mark_at(event.end_mark)
        elif not self._fits:
            return
        elif depth == 1:
            if not awaiting_key:
                if type(event) is SequenceEndEvent and self._items is not None:
                    self.keys[-1].items_end = mark_at(event.end_mark)
                self._items = None
            elif type(event) is ScalarEvent and isinstance(value, str):
                self.keys.append(KeySpan(str(value), mark_at(event.start_mark)))
            else:
                self._fits = False
        elif self._items is not None:
            start = mark_at(event.start_mark) if type(event) is ScalarEvent else self._item_start
            self._items.append((start, mark_at(event.end_mark)))


def mark_at(mark: Any) -> int:
    """Where a mark is in the text (an event's marks are always set here)."""
    return int(mark.index)
