"""A new user's first hour, as README tells it, in a real terminal of the two sizes
people use most (80×24 and 160×50), in the dark and the light theme (each size in one
theme: the journey's steps are read as text, which a theme does not change; the colours
of both themes are held by the snapshot and contrast tests).

One journey: search, open a hit, find a phrase, annotate it in three keys, see it on the
Notes screen, go back out with Esc one level at a time, hide the list, read the help,
quit. Every key lands where README says, and nothing typed ends up in a field the user
did not open.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.notes.store import NotesStore
from tests.conftest import OTHER_ID
from tests.e2e.conftest import SKIP_REASON
from tests.e2e.terminal import TMUX, Terminal

OTHER_TITLE = "NATO Chief Meets Trump"  # the title wraps at 80 columns
PHRASE = "adversarial"

SMALL, LARGE = (80, 24), (160, 50)
# Each size once and each theme once: the small terminal in the dark theme, the large
# one in the light theme.
SIZES_AND_THEMES = [
    pytest.param(SMALL, None, id="80x24-dark"),
    pytest.param(LARGE, "textual-light", id="160x50-light"),
]


@pytest.fixture
def term(request) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip(SKIP_REASON)
    width, height = request.param
    terminal = Terminal(width=width, height=height)
    try:
        yield terminal
    finally:
        terminal.kill()


def footer(term: Terminal) -> str:
    return term.lines()[-1]


def wait_footer(term: Terminal, text: str) -> None:
    """Wait until the key bar (the last line) shows `text`: which pane has the keys."""
    term.wait_until(lambda _s: text in footer(term), what=f"{text!r} in the key bar")


@pytest.mark.parametrize(("term", "theme"), SIZES_AND_THEMES, indirect=["term"])
def test_first_hour_search_find_annotate_notes_and_back_out(term, e2e_library, home, theme):
    if theme:
        (home / "config").mkdir(parents=True)
        (home / "config" / "config.yaml").write_text(f"theme: {theme}\n", encoding="utf-8")
    term.start_reader(e2e_library, home)
    term.wait_for("2 articles ·")
    wait_footer(term, "Open")  # the list has the keys

    # Search: `/` and the query in one burst; every key reaches the search bar.
    term.type("/" + PHRASE)
    term.wait_for("Search · 1 hit")
    term.press("Down")
    wait_footer(term, "Open")  # the hits have the keys
    term.press("Enter")
    term.wait_for(OTHER_TITLE)
    wait_footer(term, "Select")  # the article has them

    # Find the phrase, then three keys: select the match, annotate, save.
    term.press("f")
    wait_footer(term, "Close find")
    term.type(PHRASE)
    term.wait_match(rf"{PHRASE} +1/1\b")
    term.press("Enter")  # to the match: the article has the keys again
    wait_footer(term, "Select")
    term.press("v", "a")
    screen = term.wait_for("ctrl+s")  # the note dialog, its save key on screen
    assert f"“{PHRASE}”" in screen
    term.type("Who is the adversary?")
    term.wait_for("Who is the adversary?")
    term.press("C-s")
    term.wait_for("1 note")
    [note] = NotesStore(home / "notes").load(OTHER_ID).live
    assert (note.quote, note.note) == (PHRASE, "Who is the adversary?")

    # The Notes screen lists it, the note column readable; q goes back, not out.
    term.press("A")
    screen = term.wait_for("1 of 1")
    assert PHRASE in screen and "Who is the" in screen
    term.press("q")
    term.wait_gone("1 of 1")
    wait_footer(term, "Select")

    # Esc one level at a time: the find closed → hits → the whole library; never into a field.
    term.press("Escape")
    term.wait_gone("1/1")  # the find bar, open since Enter, is closed
    wait_footer(term, "Select")  # the article keeps the keys
    term.press("Escape")
    wait_footer(term, "Open")
    term.wait_for("Search · 1 hit")
    term.press("Escape")
    term.wait_gone("Search · 1 hit")
    term.wait_for("2 articles ·")
    screen = term.screen()
    assert screen.splitlines()[0].lstrip().startswith("/ search"), "the search bar is empty"

    # Hide the list to read at full width, then bring it back.
    term.press("Enter")
    wait_footer(term, "Select")
    term.press("C-b")
    term.wait_gone(" Library ")
    term.press("C-b")
    term.wait_for(" Library ")

    # Help lists the keys of every screen; q closes it; q on the library quits.
    term.press("?")
    term.wait_for("reader — keys")
    term.wait_for("app.quit_anywhere")  # its tables begin with the keys of every screen
    term.press("q")
    term.wait_gone("reader — keys")
    term.press("q")
    assert term.wait_exit() == 0
    assert NotesStore(home / "notes").load(OTHER_ID).live == [note], "the note is kept"


# At 80×24 test_journeys' test_escape_twice_from_an_article_opened_from_a_hit_then_q_quits
# walks the same way.
@pytest.mark.parametrize("term", [pytest.param(LARGE, id="160x50")], indirect=True)
def test_escape_twice_then_q_from_a_hit_quits_and_types_nothing(term, e2e_library, home):
    """The reported defect: Esc, Esc, q after opening a hit left "q" in the search box."""
    term.start_reader(e2e_library, home)
    term.wait_for("2 articles ·")
    wait_footer(term, "Open")
    term.type("/trump")
    term.wait_for("Search · 2 hits")
    term.press("Enter")
    wait_footer(term, "Open")
    term.press("Enter")
    wait_footer(term, "Select")
    # Typed one at a time, as a person does: ESC with a letter right behind it in one
    # write is what a terminal sends for alt+letter.
    term.press("Escape")
    wait_footer(term, "Open")
    term.wait_for("Search · 2 hits")
    term.press("Escape")
    term.wait_gone("Search · 2 hits")
    term.press("q")
    assert term.wait_exit() == 0
