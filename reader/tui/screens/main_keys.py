"""The library screen's keys (help and README's Keys table list them by these ids)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The keys that open an input are priority bindings: looked at as each key arrives,
# before the keys typed after them are handed to the widget with the focus, so a
# "/query" typed in one burst lands whole in the search bar (check_action lets them
# through as text once an input has the keys).
MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "focus_search",
        "Search",
        priority=True,
        tooltip="Search the whole library as you type",
        id="main.search",
    ),
    Binding(
        "ctrl+f",
        "find",
        "Find",
        priority=True,
        tooltip="Find text in the open article",
        id="main.find",
    ),
    Binding("f", "find", "Find", show=False, priority=True, id="main.find_alt"),
    Binding("escape", "back", "Back", show=False, id="main.back"),
    Binding(
        "u",
        "undo_delete",
        "Undo delete",
        tooltip="Bring back the note just deleted",
        id="main.undo",
    ),
    Binding(
        "A",
        "notes",
        "Notes",
        tooltip="Every note in the library: filter, jump back, export",
        id="main.notes",
    ),
    Binding(
        "D",
        "review",
        "Review",
        tooltip="Today's highlights to review, one card at a time",
        id="main.review",
    ),
    Binding(
        "r",
        "reattach",
        "Attach note",
        tooltip="Attach the note picked on the Notes screen to the selected text",
        id="main.reattach",
    ),
    Binding(
        "R",
        "related",
        "Related",
        tooltip="Other articles telling the same story",
        id="main.related",
    ),
    Binding(
        "c",
        "compare",
        "Compare",
        tooltip="This article beside another telling the same story",
        id="main.compare",
    ),
    Binding("ctrl+b", "toggle_list", "Hide/show list", show=False, id="main.toggle_list"),
    # On the library only: on the other screens q goes back, in a dialog it is a
    # letter. (The id is older than that, and keymaps name it.)
    Binding("q", "app.quit", "Quit", tooltip="Quit reader", id="app.quit"),
]
