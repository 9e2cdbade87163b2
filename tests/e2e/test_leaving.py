"""However the app ends, the terminal is left as it was found, and nothing can stop it
from ending: a signal, or a FIFO named like an article in the library."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID
from tests.e2e.terminal import Terminal
from tests.test_special_files import release

# tmux's view of the pane: the alternate screen, and whether mouse events are reported
# (any motion, buttons only, SGR encoding).
MODES = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag}"


def reader_pid(term: Terminal) -> int:
    """The `reader` process: the one child of the pane's shell."""
    shell = int(term.value("#{pane_pid}"))
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_ends_the_app_and_gives_the_terminal_back(term, e2e_library, home, signum):
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    assert term.value(MODES) == "1 1 0 1"  # the app's own screen, with the mouse on
    os.kill(reader_pid(term), signum)
    assert term.wait_exit() == 128 + signum
    assert term.value(MODES) == "0 0 0 0"


def test_the_app_opens_beside_a_fifo_named_like_an_article_and_quits(term, e2e_library, home):
    fifo = e2e_library / "AFP" / "waiting.txt"
    os.mkfifo(fifo)
    try:
        term.start_reader(e2e_library, home)
        term.wait_for("1 files skipped")
        term.press("q")
        assert term.wait_exit() == 0
    finally:
        release(fifo)


def test_a_note_typed_when_the_app_is_signalled_is_kept_and_saved_at_the_next_start(
    term, e2e_library, home
):
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    term.press("Enter")
    term.wait_for("v Select")
    term.press("V", "a")  # the whole paragraph, annotated
    term.wait_for("ctrl+s save")
    term.type("Typed, never confirmed")
    term.wait_for("Typed, never confirmed")
    os.kill(reader_pid(term), signal.SIGTERM)
    assert term.wait_exit() == 128 + signal.SIGTERM
    assert term.value(MODES) == "0 0 0 0"

    term.kill()
    term.start_reader(e2e_library, home)
    term.wait_for("✎1")
    [note] = NotesStore(home / "notes").load(AFP_ID).live
    assert note.note == "Typed, never confirmed"
