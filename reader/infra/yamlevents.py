"""Building YAML values straight from libyaml's events, in one pass: no node tree, no
second walk to look for aliases and depth.

Only the plain case is built here: mappings, sequences and scalars with no explicit tag,
each scalar by the loader's own constructor for its resolved tag. Anything else (an
alias, a tag, a merge key, a key given twice under `unique_keys`, nesting past the
limit, a value that cannot be built, a syntax error, a second document) raises
`NotPlain`, and the caller reads the text with its composing loader, which accepts or
refuses it with the same value or the same error as always.

With `skim`, the items of one top-level key's list are checked as building them would
check them (every refusal above), and not built: each is an `Unbuilt` (see `Skim`).
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, NamedTuple

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


_ALWAYS_BUILT = frozenset(
    (_STR, "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
)  # (whatever their text)
# Plain texts read as a value that builds, whatever it is, found without asking the
# resolver: digits alone (a whole number or a string, fewer digits than Python reads as a
# number, 4,300, and than the loader takes, 14,000 bits), a time as reader writes it on
# a day every month has, and a note's id as reader makes it (a string).
_SURELY_BUILT = re.compile(
    "[0-9]{1,1000}"
    "|(?!0000)[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:[.][0-9]{1,6})?Z"
    "|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


class NotPlain(Exception):
    """Not built from events: read the text with the composing loader instead."""


class Skim(NamedTuple):
    """The items of the list under the top-level key `key` to be checked, not built; of
    an item that is a mapping, the text of the scalar under its key `label` is kept."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Unbuilt:
    """An item of a skimmed list: its `label` as written (`Skim`), None when it has none."""

    label: str | None


class _NoKey:
    """No key waiting for its value."""


_NO_KEY = _NoKey()


def build_from_events(
    loader: Any,
    *,
    max_depth: int,
    unique_keys: bool,
    outline: OutlineTaker | None = None,
    skim: Skim | None = None,
) -> Any:
    """The document's value from `loader`'s events (a libyaml parser with the safe
    constructor and the resolver), None for an empty stream; raises NotPlain, or
    whatever the parser or a constructor raises. `outline`, when given, is told where
    the top-level keys and their lists' items are; `skim`, which list's items are only
    checked."""
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
            if skim is None or kind is MappingStartEvent or not _skimmed(stack, skim):
                stack.append([{}, _NO_KEY] if kind is MappingStartEvent else [[]])
                continue
            value, event = _Checker(get_event, scalar, max_depth, outline, skim).items()
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


def _skimmed(stack: list[list[Any]], skim: Skim) -> bool:
    """Whether a list opened now is the value of the top-level key skimmed."""
    if len(stack) != 1 or len(stack[0]) != 2:
        return False
    key = stack[0][1]
    return type(key) is str and key == skim.key


class _Checker:
    """The items of a list skimmed, each checked as `build_from_events` would build it
    (raising as it would: NotPlain, or what a scalar's constructor raises), none built:
    a key is built (keys given twice are found by their values, as a mapping would),
    and a value only when written plain and read as other than a string (a number, a
    date: whether it can be built is known only then)."""

    def __init__(
        self,
        get_event: Any,
        scalar: _Scalars,
        max_depth: int,
        outline: OutlineTaker | None,
        skim: Skim,
    ) -> None:
        self.get_event = get_event
        self.scalar = scalar
        self.max_depth = max_depth
        self.outline = outline
        self.label = skim.label

    def items(self) -> tuple[list[Unbuilt], Any]:
        """Each item, read up to the list's end (the event returned)."""
        found: list[Unbuilt] = []
        get_event, outline = self.get_event, self.outline
        event = get_event()
        while type(event) is not SequenceEndEvent:
            kind = type(event)
            if kind is ScalarEvent:
                self.checked(event)
                label = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None or self.max_depth <= 2:
                    raise NotPlain
                if outline is not None:
                    outline.opened(2, event, False)
                label, event = self.collection(kind is MappingStartEvent)
            else:
                raise NotPlain
            item = Unbuilt(label)
            if outline is not None:
                outline.finished(2, event, item, False)
            found.append(item)
            event = get_event()
        return found, event

    def checked(self, event: Any) -> None:
        """A scalar item checked: it has no tag, and builds when it is not a string."""
        if event.tag is not None:
            raise NotPlain
        if event.implicit[0]:  # written plain: read as its text says
            self.scalar.check(event)

    def collection(self, mapping: bool) -> tuple[str | None, Any]:
        """A collection opened at an item's place read to its end: the item's label, and
        the event that closed it."""
        get_event, scalar, label_key = self.get_event, self.scalar, self.label
        check, doubtful, built = scalar.check, scalar.doubtful, scalar.built
        plain_strings = scalar.strings[True]
        # Each collection open, innermost last: a mapping's keys so far, None for a list.
        keys: list[set[Any] | None] = [set() if mapping else None]
        awaiting_key = mapping
        limit = self.max_depth - 2  # the root mapping and the list hold the item
        label: str | None = None
        labelled = False  # the item's label key just read: its value is the label
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.tag is not None:
                    raise NotPlain
                if awaiting_key:
                    # (a key met before, written plain: most of them)
                    key = None if event.style else plain_strings.get(event.value)
                    if key is None:
                        key = scalar(event)
                    seen = keys[-1]
                    if seen is None or key in seen:
                        raise NotPlain
                    seen.add(key)
                    labelled = key == label_key and len(keys) == 1
                    awaiting_key = False
                    continue
                if event.implicit[0]:  # plain: read as its text says (see `check`)
                    text = event.value
                    if (doubtful is None or text[:1] in doubtful) and text not in built:
                        check(event)
                if labelled:
                    label, labelled = event.value, False
                awaiting_key = keys[-1] is not None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None or awaiting_key or len(keys) >= limit:
                    raise NotPlain  # (a collection as a key is no key of a mapping)
                keys.append(set() if kind is MappingStartEvent else None)
                awaiting_key, labelled = kind is MappingStartEvent, False
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                keys.pop()
                if not keys:
                    return label, event
                awaiting_key = keys[-1] is not None
            else:  # an alias, or the document ending inside a collection
                raise NotPlain


class _Scalars:
    """A scalar event's value, as the loader's constructor builds it for its tag. A
    string met before (a key, a colour, a tag) is built once."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.resolve = loader.resolve
        self.built_str = loader.built_str
        self.constructors = loader.yaml_constructors
        # Strings met before, written plain and otherwise: their text and style are all
        # their tag depends on (no tag is given here).
        self.strings: tuple[dict[str, str], dict[str, str]] = ({}, {})
        # The first letters of plain texts that may be read as a value that can fail to
        # be built, or is not built here (a number, a date, a merge key): any other is a
        # string, a boolean or null (None: any letter may).
        resolvers = loader.yaml_implicit_resolvers
        self.doubtful: frozenset[str] | None = None
        if None not in resolvers:
            self.doubtful = frozenset(
                first
                for first, tags in resolvers.items()
                if any(tag not in _ALWAYS_BUILT for tag, _ in tags)
            )
        self.built: set[str] = set()  # plain texts checked already

    def check(self, event: ScalarEvent) -> None:
        """A plain scalar checked as building it checks it (raising as that would),
        built only when that may fail (not a text `_SURELY_BUILT`, nor one checked
        before)."""
        text = event.value
        if text not in self.built and not _SURELY_BUILT.fullmatch(text):
            self(event)
            self.built.add(text)

    def __call__(self, event: ScalarEvent) -> Any:
        text, plain = event.value, not event.style
        strings = self.strings[plain]
        # A string met before: the resolver is not asked again (keys repeat in every note).
        value = strings.get(text)
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
        value = strings[text] = self.built_str(text, plain)
        return value
