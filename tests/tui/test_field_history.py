"""The steps undo goes back by in a one-line field, without an app."""

from __future__ import annotations

from reader.tui.field_history import FieldHistory, FieldState


def typed(history: FieldHistory, state: FieldState, text: str) -> FieldState:
    """`text` typed a character at a time at the cursor (or over the selection)."""
    for char in text:
        low, high = sorted((state.start, state.end))
        history.edited(state, char, low, high)
        new = state.text[:low] + char + state.text[high:]
        state = FieldState(new, low + 1, low + 1)
    return state


def undone(history: FieldHistory, state: FieldState) -> list[str]:
    """The texts undo goes back through, to the first."""
    texts = []
    while (state := history.undo(state)) is not None:
        texts.append(state.text)
    return texts


def test_text_typed_over_a_selection_is_one_step_with_the_letters_after_it():
    history = FieldHistory()
    state = typed(history, FieldState("old words", 0, 9), "new")
    assert state.text == "new"
    assert undone(history, state) == ["old words"]


def test_a_run_of_delete_is_one_step_and_a_backspace_after_it_another():
    history = FieldHistory()
    state = FieldState("abcdef", 2, 2)
    for _ in range(2):  # Delete: "cd" go, the cursor stays
        history.edited(state, "", 2, 3)
        state = FieldState(state.text[:2] + state.text[3:], 2, 2)
    history.edited(state, "", 1, 2)  # Backspace
    state = FieldState("aef", 1, 1)
    assert undone(history, state) == ["abef", "abcdef"]


def test_typing_elsewhere_after_moving_the_cursor_is_a_step_of_its_own():
    history = FieldHistory()
    state = typed(history, FieldState("", 0, 0), "ab")
    state = typed(history, FieldState(state.text, 0, 0), "x")
    assert state.text == "xab"
    assert undone(history, state) == ["ab", ""]


def test_redo_comes_back_to_the_text_undo_left_until_a_new_edit():
    history = FieldHistory()
    state = typed(history, FieldState("", 0, 0), "one two")
    back = history.undo(state)
    assert back is not None and back.text == "one "
    again = history.redo(back)
    assert again == state
    back = history.undo(again)
    assert back is not None
    typed(history, back, "x")
    assert history.redo(back) is None
