"""Where the tables of `keys.toml` are looked at together, for checking a keymap.

A key goes to the focused widget's bindings, then to those of each widget around it, its
screen's and the app's: two bindings of one place, or of a place and one around it,
that share a key leave one of them dead. Places that are or hold a text field need the
keys that edit in it (and, where the focus is in one, the characters: see
`reader.tui.keymap`). A place's `widgets` are those that take keys there besides the
bindings of `keys.toml` (Textual's own, or reader's built on them): their classes say
which keys (see `reader.tui.widget_keys`).
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
    the place around it, what messages call it, whether it is or holds a text field,
    and the widgets that can have the focus in it, each as what messages call it and
    its class ("module:Class"), the one that has the focus most first."""

    tables: tuple[str, ...]
    around: str | None
    name: str
    text_field: bool = False
    widgets: tuple[tuple[str, str], ...] = ()


_HANDING_INPUT = "reader.tui.widgets.handing_input:HandingInput"
_PREFILLED_INPUT = "reader.tui.widgets.prefilled_input:PrefilledInput"
_CHOICE = "reader.tui.widgets.choice:Choice"
_SCROLL = "textual.containers:VerticalScroll"
_PICKS = "reader.tui.widgets.pick_list:PickList"
_ARTICLE = ("the article", "reader.tui.article.view:ArticleView")


PLACES = {
    "app": Place(("app",), None, "the whole app", True),
    "main": Place(("main",), "app", "the library screen", True),
    "sources": Place(
        ("sources", "list"), "main", "the source list", False,
        (("the source list", "reader.tui.widgets.source_list:SourceList"),),
    ),
    "hits": Place(
        ("list",), "main", "the search hits", False,
        (("the hits", "reader.tui.widgets.hit_list:HitList"),),
    ),
    "search": Place(
        ("search", "field"), "main", "the search bar", True,
        (("the search bar", "reader.tui.widgets.search_bar:SearchInput"),),
    ),
    "find": Place(("find", "field"), "main", "the find bar", True, (("the find field", _HANDING_INPUT),)),
    "article": Place(("article", "select"), "main", "the article", False, (_ARTICLE,)),
    "annotate": Place(
        ("annotate", "field"), "app", "the note dialog", True,
        (("the note", "textual.widgets:TextArea"), ("the tags", _PREFILLED_INPUT), ("the colour", _CHOICE)),
    ),
    "discard": Place(("discard",), "app", "the discard question"),
    "notes": Place(
        ("notes", "field"), "app", "the Notes screen", True,
        (
            ("the notes table", "reader.tui.widgets.notes_table:NotesTable"),
            ("the tag and status lists", "reader.tui.widgets.facet_list:FacetList"),
            ("the filter", _HANDING_INPUT),
        ),
    ),
    "review": Place(("review",), "app", "the Review", False, (("the card", _SCROLL),)),
    "export": Place(
        ("export", "field"), "app", "the export dialog", True,
        (
            ("the format", _CHOICE),
            ("the file", _PREFILLED_INPUT),
            ("the replace box", "textual.widgets:Checkbox"),
        ),
    ),
    "add_url": Place(
        ("add_url", "field"), "app", "the add-from-URL dialog", True,
        (("the address", "reader.tui.widgets.symbol_input:SymbolInput"),),
    ),
    "compare": Place(("compare",), "app", "the Compare screen"),
    "compared": Place(("article", "select"), "compare", "the compared articles", False, (_ARTICLE,)),
    "related": Place(("related",), "app", "the Related screen"),
    "related_list": Place(("pick",), "related", "the Related list", False, (("the list", _PICKS),)),
    "help": Place(("help",), "app", "the help screen", False, (("the help text", _SCROLL),)),
}  # fmt: skip


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
def places_within(table: str) -> tuple[str, ...]:
    """The places of `table`'s bindings, then the places inside them: where the focus is
    when a key may come to those bindings."""
    owns = places_of(table)
    return tuple(dict.fromkeys([*owns, *(n for o in owns for n in PLACES if o in _line(n)[1:])]))


@cache
def tables_meeting(table: str) -> tuple[str, ...]:
    """The tables whose keys a binding of `table` meets: in its own place, the places
    around it (inner first), then the places inside it."""
    names: list[str] = []
    for own in places_of(table):
        names += _line(own)
    names += places_within(table)
    return tuple(dict.fromkeys(t for name in names for t in PLACES[name].tables))


def place_name(table: str, near: str) -> str:
    """What messages call the place of `table`'s bindings where they meet `near`'s."""
    for name in places_of(table):
        if any(name in _line(own) or own in _line(name) for own in places_of(near)):
            return PLACES[name].name
    return PLACES[places_of(table)[0]].name
