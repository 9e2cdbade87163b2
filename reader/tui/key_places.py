"""Where the tables of `keys.toml` are looked at together, for checking a keymap.

A key goes to the focused widget's bindings, then to those of each widget around it, its
screen's and the app's: two bindings of one place, or of a place and one around it,
that share a key leave one of them dead. Places that are or hold a text input need the
keys typed into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# Keys a text field moves and edits with; a binding in a place holding one never gets them.
EDITING_KEYS = frozenset(
    {"enter", "backspace", "delete", "left", "right", "up", "down", "home", "end"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """A screen or widget: the tables whose bindings it takes (one merged set of keys),
    the place around it, what messages call it, and its text input: "is" (the place is
    one: it types characters too), "holds" (one inside it) or None."""

    tables: tuple[str, ...]
    around: str | None
    name: str
    text_input: str | None = None


PLACES = {
    "app": Place(("app",), None, "the whole app", "holds"),
    "main": Place(("main",), "app", "the library screen", "holds"),
    "sources": Place(("sources", "list"), "main", "the source list"),
    "hits": Place(("list",), "main", "the search hits"),
    "search": Place(("search",), "main", "the search bar", "is"),
    "find": Place(("find",), "main", "the find bar", "holds"),
    "article": Place(("article", "select"), "main", "the article"),
    "annotate": Place(("annotate",), "app", "the note dialog", "holds"),
    "notes": Place(("notes",), "app", "the Notes screen", "holds"),
    "review": Place(("review",), "app", "the Review"),
    "export": Place(("export",), "app", "the export dialog", "holds"),
    "add_url": Place(("add_url",), "app", "the add-from-URL dialog", "holds"),
    "compare": Place(("compare",), "app", "the Compare screen"),
    "compared": Place(("article", "select"), "compare", "the compared articles"),
    "related": Place(("related",), "app", "the Related screen"),
    "help": Place(("help",), "app", "the help screen"),
}


def _line(name: str) -> list[str]:
    """The place and every place around it."""
    line = [name]
    while (around := PLACES[line[-1]].around) is not None:
        line.append(around)
    return line


@cache
def places_of(table: str) -> tuple[str, ...]:
    """The places whose bindings include the table's."""
    return tuple(name for name, place in PLACES.items() if table in place.tables)


@cache
def tables_meeting(table: str) -> tuple[str, ...]:
    """The tables whose keys a binding of `table` meets: in its own place, the places
    around it (inner first), then the places inside it."""
    names: list[str] = []
    for own in places_of(table):
        names += _line(own)
    for own in places_of(table):
        names += [name for name in PLACES if own in _line(name)[1:]]
    return tuple(dict.fromkeys(t for name in names for t in PLACES[name].tables))


def place_name(table: str, near: str) -> str:
    """What messages call the place of `table`'s bindings where they meet `near`'s."""
    for name in places_of(table):
        if any(name in _line(own) or own in _line(name) for own in places_of(near)):
            return PLACES[name].name
    return PLACES[places_of(table)[0]].name


def typing_place(table: str, key: str, character: str | None) -> str | None:
    """The name of a place with a text input that needs `key`, where a binding of
    `table` is looked at; None when the key is free for it."""
    for own in places_of(table):
        place = PLACES[own]
        printable = character is not None and character.isprintable()
        if (place.text_input == "is" and printable) or (place.text_input and key in EDITING_KEYS):
            return place.name
    return None
