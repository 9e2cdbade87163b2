"""The main journeys, typed into the real `reader` command running in tmux.

Each step waits for what the screen should show next (never a blind sleep), so a
failure prints the screen as it was.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID
from tests.e2e.terminal import Terminal, cells, reader_env, span_cells, terminal

AFP_TITLE = "NATO chief discusses 'global security' with Trump"
OTHER_TITLE = "NATO Chief Meets Trump to Discuss Global Security Threats"
PASSAGE = "NATO chief Mark Rutte"


def launch(term: Terminal, library: Path, home: Path) -> str:
    term.start_reader(library, home)
    return ready(term, "2 articles ·")


def ready(term: Terminal, text: str) -> str:
    """Wait for `text` and for the list to hold the focus."""
    return term.wait_until(lambda s: text in s and "⏎ Open" in s, what=f"{text!r} and ⏎ Open")


def test_browse_search_open_a_hit_and_find(term, e2e_library, home):
    screen = launch(term, e2e_library, home)
    assert "▾ AFP" in screen and "▾ Unattributed" in screen
    screen = term.wait_for(AFP_TITLE)  # the first article is previewed without a key

    # Down the list: past the next source's header to its article, which is previewed.
    term.press("j", "j")
    screen = term.wait_for(OTHER_TITLE)
    assert "Discussions in Florida on the Horizon" in screen
    term.press("k", "k")
    term.wait_for("Farah Dakhlallah")

    # Search the library, go down into the hits and open the one hit.
    term.press("/")
    term.wait_for("esc To the list")
    term.type("adversarial")
    screen = term.wait_for("Search · 1 hit")
    term.press("Down")
    term.wait_for("⏎ Open")  # the hits have the focus
    term.press("Enter")
    screen = term.wait_for("v Select")  # the article pane has the focus
    assert OTHER_TITLE in screen

    # Find in the article: the count follows ↓.
    term.press("f")
    term.wait_for("esc Close find")  # the find field has the focus (not just on screen)
    term.type("Russia")
    # The find bar: what was typed, then its count (it showed the search's 1/1 before).
    total = term.wait_match(r"Russia +1/([2-9]|\d\d+)\b").group(1)
    term.press("Down")
    term.wait_for(f"2/{total}")
    term.press("Escape")  # close the find bar
    term.wait_gone(f"2/{total}")

    # Escape again: back to the hits; Escape there clears the search (never into the
    # search bar). Each step waits for what it shows: a blinking cursor is not a step.
    term.press("Escape")
    term.wait_for("⏎ Open")  # the hits have the focus
    term.press("Escape")
    screen = term.wait_for(" Library ")
    assert screen.splitlines()[0].lstrip().startswith("/ search: words")  # the placeholder
    term.press("q")
    assert term.wait_exit() == 0


def test_annotate_quit_relaunch_notes_screen_and_export(term, e2e_library, home):
    launch(term, e2e_library, home)
    term.press("Enter")
    term.wait_for("v Select")

    # Select by keyboard (v, then word motions) and annotate.
    term.press("v", "w", "w", "w", "e", "a")
    screen = term.wait_for("ctrl+s save")  # the note dialog
    assert f"“{PASSAGE}”" in screen
    term.type("Who met whom")
    term.wait_for("Who met whom")
    before = term.screen(escapes=True)
    term.press("Tab")
    term.wait_changed(before)  # the focus moved to the tags field
    term.type("people")
    term.wait_for("people")
    term.press("C-s")
    term.wait_for("✎1")  # the count in the list
    term.wait_for("1 note")  # and in the status line

    path = home / "notes" / (AFP_ID + ".yaml")
    [note] = NotesStore(home / "notes").load(AFP_ID).live
    assert (note.quote, note.note, note.tags) == (PASSAGE, "Who met whom", ("people",))
    assert note.target.start == 0 and note.target.end == len(PASSAGE)
    assert path.read_text(encoding="utf-8").startswith("schema_version: 1\n")

    term.press("q")
    assert term.wait_exit() == 0

    # Relaunch: the count in the list and the highlight on the passage.
    term.kill()
    term.start_reader(e2e_library, home)
    ready(term, "✎1")
    term.wait_for("1 note")
    term.wait_for(f"{PASSAGE} held talks")  # the preview is drawn
    # One capture for both the text and its colours: the screen may change between two.
    colored = [cells(row) for row in term.screen(escapes=True).splitlines()]
    plain = ["".join(cell.char for cell in row) for row in colored]
    row = next(i for i, line in enumerate(plain) if f"{PASSAGE} held talks" in line)
    line = colored[row]
    passage = span_cells(line, PASSAGE)
    after = span_cells(line, "held talks")
    assert len({c.bg for c in passage}) == 1, "the passage has one background"
    assert passage[0].bg != after[0].bg, "the passage is highlighted"
    assert {c.bg for c in after} == {after[0].bg}

    # The Notes screen lists it; Enter jumps back to the passage.
    term.press("A")
    screen = term.wait_for("1 of 1 · sorted by date")
    # At 100 columns the tag and status lists are above the table, which shows every column.
    assert "#people (1)" in screen and "exact (1)" in screen and "NATO chief Mark" in screen
    term.press("Enter")
    term.wait_gone("sorted by date")
    screen = term.wait_for("✎ Who met whom")  # the note panel: this note is the current one
    assert "#people" in screen

    # Export from the Notes screen (x): Markdown into $HOME by default.
    term.press("A")
    term.wait_for("1 of 1 · sorted by date")
    term.press("x")
    term.wait_for("Export 1 note")
    term.press("C-s")
    term.wait_for("Exported 1 note")
    exported = (home / "reader-notes.md").read_text(encoding="utf-8")
    assert f"> {PASSAGE}" in exported and "Who met whom" in exported and "#people" in exported
    term.press("Escape")
    term.wait_gone("sorted by date")
    term.press("q")
    assert term.wait_exit() == 0

    # And the command line export of the same notes.
    result = subprocess.run(
        [sys.executable, "-m", "reader", "export", str(e2e_library), "--format", "json"],
        env=reader_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data = json.loads(result.stdout)
    items = data["items"] if isinstance(data, dict) and "items" in data else data
    assert PASSAGE in json.dumps(items, ensure_ascii=False)
    assert "Who met whom" in result.stdout


def test_thirty_characters_typed_in_one_burst_after_slash_all_reach_the_search_bar(
    e2e_library, home
):
    query = "adversarial OR nato OR florida"
    assert len(query) == 30
    with terminal(80, 24) as term:
        launch(term, e2e_library, home)
        term.type("/" + query)  # one write to the terminal, as a paste or a fast typist
        screen = term.wait_for("Search · 2 hits")
        assert screen.splitlines()[0].strip() == query
        term.press("Escape", "Escape")  # to the hits, out of the search
        term.wait_for(" Library ")
        term.press("q")
        assert term.wait_exit() == 0


def test_escape_twice_from_an_article_opened_from_a_hit_then_q_quits(e2e_library, home):
    with terminal(80, 24) as term:
        launch(term, e2e_library, home)
        term.press("/")
        term.wait_gone("⏎ Open")  # the search bar has the keys
        term.type("trump")
        term.wait_for("Search · 2 hits")
        term.press("Enter")  # into the hits
        term.wait_for("⏎ Open")
        term.press("Enter")  # open the first hit
        term.wait_for("v Select")
        term.press("Escape")  # the article → the hits
        term.wait_until(lambda s: "⏎ Open" in s and "Search · 2 hits" in s, what="the hits")
        term.press("Escape")  # the hits → the whole library, not the search bar
        screen = term.wait_for(" Library ")
        assert "trump" not in screen.splitlines()[0]
        term.press("q")
        assert term.wait_exit() == 0


def test_escape_while_selecting_only_cancels_the_selection(e2e_library, home):
    with terminal(80, 24) as term:
        launch(term, e2e_library, home)
        term.press("Enter")
        term.wait_for("v Select")
        term.press("v", "w")
        term.wait_for("esc Cancel")
        term.press("Escape")
        term.wait_for("v Select")  # still in the article, reading again
        term.press("Escape")
        term.wait_for("⏎ Open")  # and the next Esc goes to the list
