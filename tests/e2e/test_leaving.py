"""However the app ends, the terminal is left as it was found, and nothing can stop it
from ending: a signal, or a FIFO named like an article in the library. Killed outright
(SIGKILL), it leaves nothing running and its notes and index as the next start needs."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
import yaml

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID, ROOT
from tests.e2e.terminal import Terminal, reader_env
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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
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
        term.wait_for("1 file skipped")
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


def reader_processes(term: Terminal) -> dict[int, str]:
    """Living processes of reader in the pane (the app, its fork server, resource tracker
    and workers), wherever they were re-parented: pid -> command line."""
    shell = int(term.value("#{pane_pid}"))
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == shell:
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        state, _, _, session = stat.rsplit(")", 1)[1].split()[:4]
        if (
            int(session) == shell
            and state != "Z"
            and ("reader" in cmdline or "multiproc" in cmdline)
        ):
            found[int(entry)] = cmdline
    return found


def wait_for(condition, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def add_stories(library: Path, count: int = 300) -> None:
    """Enough articles for the app to index them in worker processes for a while."""
    folder = library / "Wire"
    folder.mkdir()
    words = ("harbour", "council", "minister", "talks", "security", "alliance", "trade", "city")
    for i in range(count):
        body = "\n\n".join(
            " ".join(words[(i + j + k) % len(words)] for k in range(80)) + "." for j in range(12)
        )
        (folder / f"story-{i:04}.txt").write_text(f"Story {i} from the harbour\n\n{body}\n")


def annotate_first_paragraph(term: Terminal, note: str) -> None:
    """Open the first article, annotate its first paragraph and press ctrl+s."""
    term.press("V", "a")
    term.wait_for("ctrl+s save")
    term.type(note)
    term.wait_for(note)
    term.press("C-s")


def live_notes(home: Path) -> list[str]:
    return [a.note for a in NotesStore(home / "notes").load(AFP_ID).live]


def test_a_killed_app_leaves_nothing_running_and_the_next_start_finds_notes_and_index(
    term, e2e_library, home
):
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    term.press("Enter")
    term.wait_for("v Select")
    annotate_first_paragraph(term, "Saved before the kill")
    wait_for(lambda: live_notes(home) == ["Saved before the kill"], "the note to be saved")
    term.press("q")
    assert term.wait_exit() == 0
    term.kill()

    # Killed while its workers index new articles: it can end nothing, they end by
    # themselves, and the fork server and resource tracker with them.
    add_stories(e2e_library)
    term.start_reader(e2e_library, home)
    workers = lambda: sum("forkserver" in c for c in reader_processes(term).values()) > 1  # noqa: E731
    wait_for(workers, "the workers to index")
    os.kill(reader_pid(term), signal.SIGKILL)
    assert term.wait_exit() == 128 + signal.SIGKILL
    try:
        wait_for(lambda: not reader_processes(term), "the processes of reader to end")
    except AssertionError:
        raise AssertionError(f"still running: {reader_processes(term)}") from None
    assert live_notes(home) == ["Saved before the kill"]
    term.kill()

    # The next start finds the note and searches the index.
    term.start_reader(e2e_library, home)
    term.wait_until(lambda s: "✎1" in s and "⏎ Open" in s, what="✎1 and ⏎ Open")
    term.wait_for("302 articles", timeout=60)  # the update the kill stopped is made
    term.press("/")
    term.wait_for("esc To the list")  # the search bar has the focus
    term.type("harbour")
    term.wait_match(r"Search · best \d+ of 300")


def test_an_app_killed_while_saving_leaves_the_old_or_the_new_notes_and_saves_next_time(
    term, e2e_library, home
):
    saved: list[str] = []
    # Killed at once, or a moment into the save: the lock (held), the temp file (being
    # written) or the move into place are where it may land.
    for attempt, delay in enumerate((0, 0.02)):
        term.start_reader(e2e_library, home)
        term.wait_for("⏎ Open")
        term.press("Enter")
        term.wait_for("v Select")
        annotate_first_paragraph(term, f"Note {attempt}")
        time.sleep(delay)
        os.kill(reader_pid(term), signal.SIGKILL)
        assert term.wait_exit() == 128 + signal.SIGKILL
        term.kill()
        notes = live_notes(home)  # parses: never a broken file
        assert notes in (saved, [*saved, f"Note {attempt}"])
        saved = notes

    # The next start takes the lock over, whoever held it, and saves; the temp files of
    # killed saves do not stand in the way, and none is left once a save went through.
    term.start_reader(e2e_library, home)
    term.wait_for("⏎ Open")
    term.press("Enter")
    term.wait_for("v Select")
    annotate_first_paragraph(term, "After the kills")
    wait_for(lambda: live_notes(home)[-1:] == ["After the kills"], "the note to be saved")
    term.press("q")
    assert term.wait_exit() == 0
    folder = NotesStore(home / "notes").path_for(AFP_ID).parent
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_ctrl_c_in_the_terminal_stops_reader_index_without_a_traceback(term, e2e_library, home):
    # Ctrl-C signals every process of the command, its fork server and workers too, and
    # the progress bar's thread is there to take it: at each of these moments of the
    # workers' start, only reader acts on it.
    add_stories(e2e_library)
    # Each attempt builds its index afresh (its own data and cache folders), so the
    # workers are still starting, not done, when the Ctrl-C lands.
    for attempt, delay in enumerate((0, 0.05, 0.1, 0.2)):
        env = reader_env(
            home,
            READER_CACHE_DIR=str(home / f"cache-{attempt}"),
            READER_DATA_DIR=str(home / f"data-{attempt}"),
        )
        term.start([sys.executable, "-m", "reader", "index", str(e2e_library)], env, cwd=ROOT)
        wait_for(lambda: any("forkserver" in c for c in reader_processes(term).values()), "workers")
        time.sleep(delay)
        term.press("C-c")
        assert term.wait_exit() == 130
        screen = term.tmux("capture-pane", "-p", "-S", "-500", "-t", term.target)
        assert "Traceback" not in screen, f"Ctrl-C {delay} s into the start:\n{screen}"
        term.kill()


def wait_ended(pid: int, timeout: float = 10.0) -> None:
    """Wait for a process that is not our child to end (or be a zombie, as good as gone)."""

    def ended() -> bool:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        return state == "Z"

    try:
        wait_for(ended, f"reader (pid {pid}) to end", timeout)
    except AssertionError:
        os.kill(pid, signal.SIGKILL)  # not left running after the test
        raise


def type_a_note_then_close_the_terminal(
    term: Terminal, library: Path, home: Path, *, save: bool = False
) -> None:
    term.start_reader_alone(library, home)
    term.wait_for("⏎ Open")
    term.press("Enter")
    term.wait_for("v Select")
    term.press("V", "a")
    term.wait_for("ctrl+s save")
    term.type("Typed, then the window closed")
    term.wait_for("Typed, then the window closed")
    if save:
        term.press("C-s")
    pid = int(term.value("#{pane_pid}"))
    term.close()
    wait_ended(pid)


@pytest.mark.parametrize("save", [False, True], ids=["typed", "just-saved"])
def test_closing_the_terminal_ends_the_app_with_a_note_typed_kept(term, e2e_library, home, save):
    type_a_note_then_close_the_terminal(term, e2e_library, home, save=save)
    kept = list((home / "notes" / ".unsaved").rglob("*.yml"))
    found = [p for p in [*kept, NotesStore(home / "notes").path_for(AFP_ID)] if p.exists()]
    assert ["Typed, then the window closed" in p.read_text() for p in found] == [True]


def test_closing_the_terminal_writes_a_note_that_cannot_be_kept_aside_to_the_data_dir(
    term, e2e_library, home
):
    (home / "notes").mkdir()
    (home / "notes" / ".unsaved").write_text("not a folder\n")  # nothing is kept aside
    lost = home / "data" / "notes-not-saved.yml"
    lost.parent.mkdir()
    lost.write_text("- earlier: kept as it was\n")
    type_a_note_then_close_the_terminal(term, e2e_library, home)
    text = lost.read_text()
    assert text.startswith("- earlier: kept as it was\n")
    [earlier, notes] = yaml.safe_load(text)
    assert earlier == {"earlier": "kept as it was"}
    assert [a["note"] for a in notes["annotations"]] == ["Typed, then the window closed"]
    assert notes["article"]["id"] == AFP_ID


def test_the_app_draws_on_the_terminal_when_stderr_goes_to_a_file(term, e2e_library, home):
    """`reader 2>log`: Textual draws into stderr; the app must still show, and the log
    must not fill with its escape codes."""
    log = home / "log"
    command = f"{sys.executable} -m reader {e2e_library} 2>{log}"
    term.start(["sh", "-c", command], reader_env(home))
    term.wait_for("⏎ Open")
    term.press("q")
    assert term.wait_exit() == 0
    assert term.value(MODES) == "0 0 0 0"
    assert "\x1b" not in log.read_text()
