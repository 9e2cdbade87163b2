"""The article view's keys (tables `article` and `select` of `reader/tui/keys.toml`):
reading, and selecting (after `v`), where some keys change meaning."""

from __future__ import annotations

from textual.binding import BindingType

from reader.tui.keys import bindings

BINDINGS: list[BindingType] = [*bindings("article"), *bindings("select")]

# Keys that mean one thing while reading and another while selecting.
READ_ONLY_ACTIONS = frozenset(
    {
        "scroll_down",
        "scroll_up",
        "scroll_home",
        "scroll_end",
        "page_down",
        "page_up",
        "toggle_boilerplate",
        "step_match",
        "start_select",
        "step_annotation",
        "edit_annotation",
        "delete_annotation",
        "confirm_annotation",
        "highlight",
    }
)
SELECT_ONLY_ACTIONS = frozenset({"move", "select_highlight"})
