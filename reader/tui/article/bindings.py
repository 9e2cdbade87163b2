"""The article view's keys: reading, and selecting (after `v`), where some keys change meaning.

Those shown on the key bar carry a tooltip, shown when the pointer rests on the key.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BINDINGS: list[BindingType] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="article.down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="article.up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
    Binding("space,pagedown", "page_down", "Page", show=False, id="article.page_down"),
    Binding("shift+space,pageup", "page_up", "Page up", show=False, id="article.page_up"),
    Binding(
        "b",
        "toggle_boilerplate",
        "Boilerplate",
        tooltip="Show boilerplate dimmed, or hide it again",
        id="article.boilerplate",
    ),
    Binding(
        "n",
        "step_match(1)",
        "Next match",
        tooltip="Go to the next find match",
        id="article.next_match",
    ),
    Binding(
        "N",
        "step_match(-1)",
        "Prev match",
        tooltip="Go to the previous find match",
        id="article.previous_match",
    ),
    Binding(
        "v",
        "start_select",
        "Select",
        tooltip="Select from the cursor, then move to extend",
        id="article.select",
    ),
    Binding("V", "select_paragraph", "Select paragraph", show=False, id="article.select_paragraph"),
    Binding(
        "a",
        "annotate",
        "Annotate",
        tooltip="Annotate the selection: a note, tags, a colour",
        id="article.annotate",
    ),
    Binding(
        "h",
        "highlight",
        "Highlight",
        tooltip="Highlight the selection without a note",
        id="article.highlight",
    ),
    Binding(
        "right_square_bracket",
        "step_annotation(1)",
        "Next note",
        tooltip="Go to the next note",
        id="article.next_note",
    ),
    Binding(
        "left_square_bracket",
        "step_annotation(-1)",
        "Prev note",
        show=False,
        id="article.previous_note",
    ),
    Binding(
        "e", "edit_annotation", "Edit note", tooltip="Edit the current note", id="article.edit_note"
    ),
    Binding(
        "d",
        "delete_annotation",
        "Delete note",
        tooltip="Delete the current note",
        id="article.delete_note",
    ),
    Binding(
        "y",
        "confirm_annotation",
        "Confirm place",
        tooltip="Confirm the current note's approximate place",
        id="article.confirm_note",
    ),
    # Selection mode (after v): motions extend the selection from where it began.
    Binding("left,h", "move('char', -1)", "←", show=False, id="select.left"),
    Binding("right,l", "move('char', 1)", "→", show=False, id="select.right"),
    Binding("up,k", "move('line', -1)", "↑", show=False, id="select.up"),
    Binding("down,j", "move('line', 1)", "↓", show=False, id="select.down"),
    Binding(
        "w", "move('word', 1)", "Word", tooltip="Extend the selection a word", id="select.word"
    ),
    Binding("b", "move('word', -1)", "Word back", show=False, id="select.word_back"),
    Binding("e", "move('word_end', 1)", "Word end", show=False, id="select.word_end"),
    Binding(
        "right_parenthesis",
        "move('sentence', 1)",
        "Sentence",
        tooltip="Extend the selection to the end of the sentence",
        id="select.sentence",
    ),
    Binding(
        "left_parenthesis",
        "move('sentence', -1)",
        "Sentence back",
        show=False,
        id="select.sentence_back",
    ),
    Binding(
        "right_curly_bracket",
        "move('paragraph', 1)",
        "Paragraph",
        tooltip="Extend the selection to the end of the paragraph",
        id="select.paragraph",
    ),
    Binding(
        "left_curly_bracket",
        "move('paragraph', -1)",
        "Paragraph back",
        show=False,
        id="select.paragraph_back",
    ),
    Binding(
        "H",
        "select_highlight",
        "Highlight",
        tooltip="Highlight the selection without a note",
        id="select.highlight",
    ),
    # A priority binding: the screen drops every selection at Esc before the other
    # bindings are looked at, and the Esc would then leave the article too.
    Binding(
        "escape",
        "cancel_select",
        "Cancel",
        tooltip="Drop the selection",
        priority=True,
        id="select.cancel",
    ),
    Binding("ctrl+c", "screen.copy_text", "Copy", show=False, id="select.copy"),
]

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
