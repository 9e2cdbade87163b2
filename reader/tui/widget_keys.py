"""The keys a widget of Textual's takes before the bindings of the places around it.

A key goes to the widget with the focus first: when the notes table, a list, a field or
the colour picker binds it, a binding of its screen or of the app for that key never
fires while that widget has the focus. Which keys each widget takes is read from its
class's BINDINGS (Textual's own: those without an id of `keys.toml`), never listed here.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import NamedTuple

from textual.binding import BindingsMap
from textual.containers import ScrollableContainer
from textual.scroll_view import ScrollView
from textual.widget import Widget

from reader.tui.key_places import PLACES, places_within
from reader.tui.keys import key_tables


class Taker(NamedTuple):
    """A widget that takes a key first: what messages call it and its place, its class's
    name and the action it binds the key to."""

    widget: str
    place: str
    kind: str
    action: str

    def __str__(self) -> str:
        where = "" if self.place == self.widget else f" in {self.place}"  # the search bar
        return f"{self.widget} ({self.kind}: {self.action}) takes it first{where}"


def key_taker(table: str, key: str, *, typing: bool = False) -> Taker | None:
    """The first widget that takes `key` before a binding of `table` gets it, or None.
    `typing`: the key is already known to be needed for typing, the text fields are not
    named again."""
    for place in places_within(table):
        for name, where in PLACES[place].widgets:
            widget = _widget_class(where)
            if table in _own_tables(widget) or (typing and _types(widget)):
                continue  # a key given to the widget's own binding replaces Textual's
            action = _taken_keys(widget).get(key)
            if action is not None:
                return Taker(name, PLACES[place].name, widget.__name__, action)
    return None


@cache
def holds_text_field(place: str) -> bool:
    """Whether a widget that takes what is typed can have the focus in `place`."""
    return any(_types(_widget_class(where)) for _, where in PLACES[place].widgets)


@cache
def _widget_class(where: str) -> type[Widget]:
    module, name = where.split(":")
    widget = getattr(import_module(module), name)
    assert isinstance(widget, type) and issubclass(widget, Widget), where
    return widget


def _types(widget: type[Widget]) -> bool:
    """Whether the widget takes what is typed (an input, a text area)."""
    return widget.check_consume_key is not Widget.check_consume_key


@cache
def _own_tables(widget: type[Widget]) -> frozenset[str]:
    """The tables of `keys.toml` the widget takes its bindings from."""
    ids = {binding.id for _, binding in _bindings(widget) if binding.id}
    return frozenset(table for table, rows in key_tables().items() if ids & rows.keys())


@cache
def _taken_keys(widget: type[Widget]) -> dict[str, str]:
    """Each key Textual's own bindings of the widget take, with the action it is bound to."""
    taken: dict[str, str] = {}
    for key, binding in _bindings(widget):
        if binding.id is None and _takes(widget, binding.action):
            taken.setdefault(key, binding.action)
    return taken


def _bindings(widget: type[Widget]) -> BindingsMap:
    """The widget's bindings, its bases' merged in as Textual merges them (a key bound by
    the class replaces the same key of its bases)."""
    return widget._merged_bindings or BindingsMap()


def _takes(widget: type[Widget], action: str) -> bool:
    """Whether the action keeps the key. Widget's own scroll actions pass it on when
    there is nothing to scroll that way: they keep it only in a container that scrolls
    what it holds (the Review's card, the help), and only up and down (reader lays its
    screens out to the window's width)."""
    name = f"action_{action.split('(')[0]}"
    if getattr(widget, name, None) is not getattr(Widget, name, False):
        return True  # the widget's own action
    container = issubclass(widget, ScrollableContainer) and not issubclass(widget, ScrollView)
    return container and "left" not in name and "right" not in name
