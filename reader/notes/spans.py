"""Where a notes file's top-level keys and the items of its lists are in its text, read
from one pass over its YAML events (no node tree): what a save needs to keep the
untouched parts byte for byte, when the parse did not take it on the way (see
`reader.infra.yamloutline`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.infra.yamloutline import KeySpan, Outline, mark_at
from reader.infra.yamlsafe import MAX_DEPTH, scalar_tag, yaml_events

_STR = "tag:yaml.org,2002:str"


class _Refused(Exception):
    """Not a text a splice is made on."""


def outline(body: str) -> Outline | None:
    """The outline of `body`, or None when it is not one block mapping of string keys
    (or holds an alias, nesting past the limit, a second document, a syntax error), as
    composing it would refuse or show it."""
    try:
        return _outline(yaml_events(body))
    except (_Refused, ReaderError):
        return None


def list_items(body: str) -> KeySpan | None:
    """Where the items of `body`, a block list at the top (the last resort's files),
    are: as a key's list is outlined, with no key; None when it is not such a list (or
    holds an alias, nesting past the limit, a second document, a syntax error)."""
    try:
        return _list_items(yaml_events(body))
    except (_Refused, ReaderError):
        return None


def _opened(events: Iterator[Any], kind: Any) -> tuple[Callable[[], Any], Any]:
    """The reader of `events` one at a time (an alias refused), and the root of their one
    document, opened: a block collection of `kind`. Raises _Refused."""

    def following() -> Any:
        event = next(events, None)
        if event is None or type(event) is yaml.AliasEvent:
            raise _Refused
        return event

    following()  # the stream's start
    if type(following()) is not yaml.DocumentStartEvent:
        raise _Refused
    root = following()
    if type(root) is not kind or root.flow_style:
        raise _Refused
    return following, root


def _ended(following: Callable[[], Any]) -> None:
    """The document read to its end, and no second one after it. Raises _Refused."""
    if type(following()) is not yaml.DocumentEndEvent:
        raise _Refused
    if type(following()) is not yaml.StreamEndEvent:
        raise _Refused  # a second document


def _list_items(events: Iterator[Any]) -> KeySpan:
    following, root = _opened(events, yaml.SequenceStartEvent)
    items: list[tuple[int, int]] = []
    item = following()
    while type(item) is not yaml.SequenceEndEvent:
        items.append((mark_at(item.start_mark), _skipped(item, events, 1)))
        item = following()
    span = KeySpan("", 0, items, mark_at(root.start_mark), mark_at(item.end_mark))
    _ended(following)
    return span


def _outline(events: Iterator[Any]) -> Outline:
    following, _ = _opened(events, yaml.MappingStartEvent)
    keys: list[KeySpan] = []
    key = following()
    while type(key) is not yaml.MappingEndEvent:
        if type(key) is not yaml.ScalarEvent or scalar_tag(key) != _STR:
            raise _Refused
        span = KeySpan(key.value, mark_at(key.start_mark))
        keys.append(span)
        value = following()
        if type(value) is yaml.SequenceStartEvent:
            span.flow = bool(value.flow_style)
            span.items = []
            span.items_start = mark_at(value.start_mark)
            item = following()
            while type(item) is not yaml.SequenceEndEvent:
                span.items.append((mark_at(item.start_mark), _skipped(item, events, 2)))
                item = following()
            span.items_end = mark_at(item.end_mark)
        else:
            _skipped(value, events, 1)
        key = following()
    if not keys:
        raise _Refused
    _ended(following)
    return Outline(keys, mark_at(key.end_mark))


_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _skipped(event: Any, events: Iterator[Any], depth: int) -> int:
    """Where the node opened by `event` (at `depth`) ends, its events read past."""
    if type(event) not in _OPENING:
        return mark_at(event.end_mark)
    limit = MAX_DEPTH - depth
    open_ = 1
    for event in events:
        kind = type(event)
        if kind in _OPENING:
            open_ += 1
            if open_ > limit:
                raise _Refused
        elif kind in _CLOSING:
            open_ -= 1
            if not open_:
                return mark_at(event.end_mark)
        elif kind is yaml.AliasEvent:
            raise _Refused
    raise _Refused
