"""Building YAML values straight from libyaml's events, in one pass: no node tree, no
second walk to look for aliases and depth.

Only the plain case is built here: mappings, sequences and scalars with no explicit tag,
each scalar by the loader's own constructor for its resolved tag. Anything else (an
alias, a tag, a merge key, a key given twice under `unique_keys`, nesting past the
limit, a value that cannot be built, a syntax error, a second document) raises
`NotPlain`, and the caller reads the text with its composing loader, which accepts or
refuses it with the same value or the same error as always.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from reader.infra.yamloutline import OutlineTaker

_STR = "tag:yaml.org,2002:str"
_BUILT_HERE = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "timestamp")
)


class NotPlain(Exception):
    """Not built from events: read the text with the composing loader instead."""


class _NoKey:
    """No key waiting for its value."""


_NO_KEY = _NoKey()


def build_from_events(
    loader: Any, *, max_depth: int, unique_keys: bool, outline: OutlineTaker | None = None
) -> Any:
    """The document's value from `loader`'s events (a libyaml parser with the safe
    constructor and the resolver), None for an empty stream; raises NotPlain, or
    whatever the parser or a constructor raises. `outline`, when given, is told where
    the top-level keys and their lists' items are."""
    get_event = loader.get_event
    if type(get_event()) is not StreamStartEvent:
        raise NotPlain
    if type(get_event()) is StreamEndEvent:
        return None
    scalar = _Scalars(loader)
    # The collections open, innermost last: a list, or a mapping and the key waiting
    # for its value (`_NO_KEY` when none is).
    stack: list[list[Any]] = []
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.tag is not None:
                raise NotPlain
            value = scalar(event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.tag is not None or len(stack) >= max_depth:
                raise NotPlain
            if outline is not None and len(stack) < 3:
                outline.opened(len(stack), event, bool(stack) and stack[-1][-1] is _NO_KEY)
            stack.append([{}, _NO_KEY] if kind is MappingStartEvent else [[]])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()[0]
        else:  # an alias, or the document ending inside a collection
            raise NotPlain
        if outline is not None and len(stack) < 3:
            outline.finished(len(stack), event, value, bool(stack) and stack[-1][-1] is _NO_KEY)
        if not stack:
            break
        top = stack[-1]
        if len(top) == 1:
            top[0].append(value)
        elif top[1] is _NO_KEY:
            if type(value) is not str and not isinstance(value, Hashable):
                raise NotPlain
            top[1] = value
        else:
            if unique_keys and top[1] in top[0]:
                raise NotPlain
            top[0][top[1]] = value
            top[1] = _NO_KEY
    get_event()  # the document's end
    if type(get_event()) is not StreamEndEvent:
        raise NotPlain  # another document: the composing loader says so
    if outline is not None:
        outline.whole = True
    return value


class _Scalars:
    """A scalar event's value, as the loader's constructor builds it for its tag. A
    string met before (a key, a colour, a tag) is built once."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.resolve = loader.resolve
        self.built_str = loader.built_str
        self.constructors = loader.yaml_constructors
        self.strings: dict[tuple[str, bool], str] = {}

    def __call__(self, event: ScalarEvent) -> Any:
        text, plain = event.value, not event.style
        # A string met before: its text and style are all its tag depends on (no tag
        # is given here), so the resolver is not asked again (keys repeat in every note).
        value = self.strings.get((text, plain))
        if value is not None:
            return value
        # Quoted, or written plain and read as none of YAML's other types: a string.
        tag = self.resolve(ScalarNode, text, event.implicit) if event.implicit[0] else _STR
        if tag != _STR:
            if tag not in _BUILT_HERE:
                raise NotPlain
            # (no marks: a value that cannot be built is read again by the composing
            # loader, which names its line)
            node = ScalarNode(tag, text, None, None, event.style)
            return self.constructors[tag](self.loader, node)
        value = self.strings[(text, plain)] = self.built_str(text, plain)
        return value
