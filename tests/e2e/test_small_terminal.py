"""A 60×15 terminal, typed into as a user would: annotate a passage end to end."""

from __future__ import annotations

import pytest

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID
from tests.e2e.terminal import TMUX, Terminal
from tests.e2e.test_journeys import PASSAGE, ready

WIDTH, HEIGHT = 60, 15


def colour_row(term: Terminal) -> str:
    """The dialog's first row of colours, with its escapes (which show the focus)."""
    return next(row for row in term.screen(escapes=True).splitlines() if "yellow" in row)


@pytest.fixture
def small() -> Terminal:
    if TMUX is None:
        pytest.skip("tmux is not installed")
    terminal = Terminal(width=WIDTH, height=HEIGHT)
    try:
        yield terminal
    finally:
        terminal.kill()


def test_annotate_a_passage_in_a_60x15_terminal(small, e2e_library, home):
    small.start_reader(e2e_library, home)
    ready(small, "2 articles ·")
    footer = small.lines()[-1]
    assert footer.rstrip().endswith("^p Palette"), footer  # no stray character after it

    small.press("Enter")
    small.wait_for("v Select")
    # Reading in a narrow terminal: the list hides, the article takes the width.
    screen = small.wait_for(f"{PASSAGE} held talks with US President-elect")
    assert "Library" not in screen

    small.press("v", "w", "w", "w", "e", "a")
    screen = small.wait_for("ctrl+s save")
    rows = screen.splitlines()
    for label in (f"“{PASSAGE}”", "Note", "Tags", "Colour", "yellow", "orange"):
        assert label in screen, f"{label!r} not shown:\n{screen}"
    # The dialog covers the screen: nothing of the list or the article peeks out beside it
    # (below it, at most its own key bar).
    assert all(
        (row[:1] in "╭│╰" and row.rstrip()[-1:] in "╮│╯") or "^s Save" in row
        for row in rows
        if row.strip()
    ), screen

    small.type("Who met whom")
    small.wait_for("Who met whom")
    before = small.screen(escapes=True)
    small.press("Tab")
    small.wait_changed(before)  # the tags field has the focus
    small.type("people")
    small.wait_for("people")
    before = colour_row(small)
    small.press("Tab")
    # The colours have the focus once their row changes (the blinking cursor is not in it).
    small.wait_until(lambda _: colour_row(small) != before, what="the focus on the colours")
    small.press("Right", "Enter")  # green
    small.press("C-s")
    small.wait_gone("ctrl+s save")
    small.wait_for("1 note")

    [note] = NotesStore(home / "notes").load(AFP_ID).live
    assert (note.quote, note.note, note.tags, note.color) == (
        PASSAGE,
        "Who met whom",
        ("people",),
        "green",
    )

    # Esc goes back to the list, which comes back; ctrl+b hides it again.
    small.press("Escape")
    small.wait_for("Library")
    small.press("C-b")
    small.wait_gone("Library")
    small.press("q")
    assert small.wait_exit() == 0
