"""The reading state (read markers, positions, the article shown last): kept across runs;
a damaged file costs only the markers, and an odd value in it is ignored, never start-up."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.state import LastOpen, ReadingState
from tests.read_only_state import make_read_only, restore


def test_read_markers_and_positions_survive_a_restart(tmp_path: Path):
    db = tmp_path / "data" / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    assert state.read_ids() == set() and not db.exists()  # nothing read: no file yet
    state.mark_read("a.md")
    state.save_position("a.md", 120)
    state.close()
    again = ReadingState(tmp_path / "lib", db)
    assert again.read_ids() == {"a.md"} and again.position("a.md") == 120
    assert ReadingState(tmp_path / "other", db).read_ids() == set()


def test_a_damaged_state_file_is_set_aside_and_reading_goes_on(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    db.write_bytes(b"this is not a database, " * 200)
    state = ReadingState(tmp_path / "lib", db)
    assert state.read_ids() == set()
    state.mark_read("a.md")
    assert state.read_ids() == {"a.md"}
    assert (tmp_path / "state.damaged").read_bytes().startswith(b"this is not a database")
    state.close()
    assert ReadingState(tmp_path / "lib", db).read_ids() == {"a.md"}


def filled_state(db: Path, library: Path, count: int = 3000) -> None:
    """A state file with many read articles and places (several pages of SQLite)."""
    state = ReadingState(library, db)
    state.save_last_open(LastOpen("a0001.md", 3))
    state.close()
    with sqlite3.connect(db) as conn:
        rows = [(str(library), f"a{n:04d}-{'x' * 50}.md", n, 1.0) for n in range(count)]
        conn.executemany("INSERT INTO reading VALUES (?, ?, ?, ?)", rows)
    conn.close()


def damaged_in_the_middle(db: Path) -> None:
    data = bytearray(db.read_bytes())
    middle = len(data) * 3 // 4
    data[middle : middle + 8192] = bytes(range(256)) * 32
    db.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        lambda db: db.write_bytes(b"\x00\xffgarbage" * 4000),
        lambda db: db.write_bytes(db.read_bytes()[: db.stat().st_size // 2]),
        damaged_in_the_middle,
    ],
    ids=["garbage", "truncated", "damaged-pages"],
)
def test_a_damaged_state_file_is_told_in_one_line_set_aside_and_reading_goes_on(
    tmp_path: Path, damage
):
    db, lib = tmp_path / "state.sqlite", tmp_path / "lib"
    filled_state(db, lib)
    damage(db)
    told: list[str] = []
    state = ReadingState(lib, db, tell=told.append)
    ids = state.read_ids()  # (whatever could be read, or nothing: never an error)
    assert state.position("a2999-" + "x" * 50 + ".md") in (0, 2999)
    state.mark_read("new.md")
    state.save_position("new.md", 42)
    assert "new.md" in state.read_ids() and state.position("new.md") == 42
    state.close()
    assert len(told) == 1 and "\n" not in told[0], told
    assert "damaged" in told[0] and str(tmp_path / "state.damaged") in told[0]
    assert (tmp_path / "state.damaged").exists()
    assert ids <= {f"a{n:04d}-{'x' * 50}.md" for n in range(3000)}
    assert ReadingState(lib, db).read_ids() == {"new.md"}


def test_a_second_damaged_state_file_never_replaces_the_first_set_aside(tmp_path: Path):
    db, lib = tmp_path / "state.sqlite", tmp_path / "lib"
    for n, suffix in enumerate(["state.damaged", "state.damaged.2", "state.damaged.3"]):
        db.write_bytes(f"damage number {n} ".encode() * 300)
        told: list[str] = []
        ReadingState(lib, db, tell=told.append).mark_read("a.md")
        assert (tmp_path / suffix).read_bytes().startswith(f"damage number {n} ".encode())
        assert str(tmp_path / suffix) in told[0]
    assert ReadingState(lib, db).read_ids() == {"a.md"}


def test_damage_found_before_anyone_listens_is_told_once_when_someone_does(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    db.write_bytes(b"not a database " * 300)
    state = ReadingState(tmp_path / "lib", db)
    assert state.read_ids() == set()  # (read at start-up, before the app can show it)
    told: list[str] = []
    state.tell_to(told.append)
    state.tell_to(told.append)
    assert len(told) == 1 and "set aside" in told[0]


def test_the_article_shown_last_is_kept_per_library_with_its_place_on_screen(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    assert state.last_open() is None
    state.save_last_open(LastOpen("Daily/day3.txt", 7))
    state.save_last_open(LastOpen("Daily/day4.txt", 5))  # the later one stands
    state.close()
    assert ReadingState(tmp_path / "lib", db).last_open() == LastOpen("Daily/day4.txt", 5)
    assert ReadingState(tmp_path / "other", db).last_open() is None


def test_a_state_file_from_before_the_last_article_was_kept_still_opens(tmp_path: Path):
    db = tmp_path / "state.sqlite"
    old = sqlite3.connect(db)
    old.execute(
        "CREATE TABLE reading (library TEXT NOT NULL, article TEXT NOT NULL, "
        "position INTEGER NOT NULL DEFAULT 0, read_at REAL, PRIMARY KEY (library, article))"
    )
    old.execute("INSERT INTO reading VALUES (?, 'a.md', 120, 1.0)", (str(tmp_path / "lib"),))
    old.commit()
    old.close()
    state = ReadingState(tmp_path / "lib", db)
    assert state.last_open() is None
    assert state.read_ids() == {"a.md"} and state.position("a.md") == 120
    state.save_last_open(LastOpen("a.md", 2))
    assert state.last_open() == LastOpen("a.md", 2)
    assert not (tmp_path / "state.damaged").exists()


def test_a_state_that_cannot_be_written_keeps_the_last_article_for_the_run(tmp_path: Path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    told: list[str] = []
    state = ReadingState(tmp_path / "lib", tmp_path / "data" / "state.sqlite", tell=told.append)
    state.save_last_open(LastOpen("a.md", 2))  # cannot be written: kept in memory, told
    assert state.last_open() == LastOpen("a.md", 2)
    assert len(told) == 1 and "cannot be written" in told[0]
    assert (tmp_path / "data").is_file()


# (A number written there is read back as text: the column is TEXT.)
HOSTILE_ARTICLES = [
    b"Daily/day3.txt",
    "",
    "/etc/passwd",
    "../outside.txt",
    "Daily/../../outside.txt",
    ".outside/etc/passwd",
    "Daily/day3.txt\x1b[2J",
    "Daily/\x00day3.txt",
    "Daily/day3\u0085.txt",
    "x" * 5000,
]


@pytest.mark.parametrize("article", HOSTILE_ARTICLES, ids=repr)
def test_an_odd_last_article_in_the_state_file_is_ignored(tmp_path: Path, article: object):
    db = tmp_path / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    state.save_last_open(LastOpen("Daily/day3.txt", 3))
    _write(db, "UPDATE last_open SET article = ?", (article,))
    assert state.last_open() is None


@pytest.mark.parametrize("above", ["lots", -4, 10**12, 2.5, b"\x01"])
def test_an_odd_place_on_screen_in_the_state_file_opens_the_article_at_the_top(
    tmp_path: Path, above: object
):
    db = tmp_path / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    state.save_last_open(LastOpen("Daily/day3.txt", 3))
    _write(db, "UPDATE last_open SET above = ?", (above,))
    assert state.last_open() == LastOpen("Daily/day3.txt", 0)


@pytest.mark.parametrize("position", ["lots", -4, 2.5, b"\x01"])
def test_an_odd_reading_position_in_the_state_file_opens_the_article_at_its_start(
    tmp_path: Path, position: object
):
    db = tmp_path / "state.sqlite"
    state = ReadingState(tmp_path / "lib", db)
    state.save_position("a.md", 120)
    state.flush()  # (written in the background)
    _write(db, "UPDATE reading SET position = ?", (position,))
    assert state.position("a.md") == 0


def test_an_article_outside_the_library_is_never_saved_as_the_last_one(tmp_path: Path):
    state = ReadingState(tmp_path / "lib", tmp_path / "state.sqlite")
    state.save_last_open(LastOpen("/etc/passwd", 1))
    state.save_last_open(LastOpen(".outside/etc/passwd", 1))
    assert state.last_open() is None


def _write(db: Path, sql: str, args: tuple) -> None:
    """Change the state file by hand, as anything could (the connection keeps no cache)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA ignore_check_constraints = 1")
        conn.execute(sql, args)
        conn.commit()
    finally:
        conn.close()


def test_an_article_renamed_while_closed_opens_again_once_its_notes_followed_it(library: Path):
    from reader.session import Session
    from tests.conftest import AFP_ID

    renamed = "AFP/renamed-story.txt"
    session = Session(library)
    session.update_index()
    afp = session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    session.annotations.add(afp, at, at + 10, note="Mar-a-Lago")
    session.state.mark_read(AFP_ID)
    session.state.save_position(AFP_ID, at)
    session.state.save_last_open(LastOpen(AFP_ID, 4))
    (library / AFP_ID).rename(library / renamed)
    assert session.last_open() is None  # gone from its place: the first article opens
    session.update_index()
    session.follow_renamed_notes()
    # Found again where the notes went: the next start opens it, where it was read.
    assert session.last_open() == LastOpen(renamed, 4)
    assert session.state.position(renamed) == at
    assert renamed in session.state.read_ids()
    session.index.close()


def test_the_command_line_says_in_one_line_that_a_damaged_state_was_set_aside(library: Path):
    from reader.paths import data_dir

    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "state.sqlite").write_bytes(b"\x00garbage\xff" * 2000)
    run = [sys.executable, "-m", "reader", "search", "is:unread nato", str(library)]
    result = subprocess.run(run, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "nato" in result.stdout.lower()
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: the reading state was damaged")
    assert str(data_dir() / "state.damaged") in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_a_read_only_state_keeps_read_marks_for_the_run_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: bool
):
    db, lib = tmp_path / "data" / "state.sqlite", tmp_path / "lib"
    state = ReadingState(lib, db)
    state.mark_read("a.md")
    state.close()
    make_read_only(db, monkeypatch, folder=folder)
    told: list[str] = []
    state = ReadingState(lib, db, tell=told.append)
    assert state.read_ids() == {"a.md"}
    state.mark_read("b.md")
    state.save_position("b.md", 42, "the passage")
    state.save_last_open(LastOpen("b.md", 3))
    state.mark_read("c.md")
    assert state.read_ids() == {"a.md", "b.md", "c.md"}
    assert state.place("b.md") == (42, "the passage")
    assert state.last_open() == LastOpen("b.md", 3)
    state.close()
    assert len(told) == 1 and "\n" not in told[0], told
    assert "cannot be written" in told[0] and str(db) in told[0]
    restore(db, folder=folder)
    assert ReadingState(lib, db).read_ids() == {"a.md"}  # the file as it was


def test_a_read_only_folder_without_a_state_file_keeps_read_marks_for_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    data = tmp_path / "data"
    data.mkdir()
    make_read_only(data / "state.sqlite", monkeypatch, folder=True)
    told: list[str] = []
    state = ReadingState(tmp_path / "lib", data / "state.sqlite", tell=told.append)
    state.mark_read("a.md")
    state.save_position("a.md", 7)
    assert state.read_ids() == {"a.md"} and state.position("a.md") == 7
    assert len(told) == 1 and "cannot be written" in told[0], told
    assert "damaged" not in told[0]
    restore(data / "state.sqlite", folder=True)
    assert not (data / "state.sqlite").exists()


def test_a_reading_position_is_written_off_the_callers_thread_and_read_back_at_once(
    tmp_path: Path,
):
    db, lib = tmp_path / "state.sqlite", tmp_path / "lib"
    state = ReadingState(lib, db)
    state.mark_read("a.md")
    writers: list[str] = []
    state._conn().set_trace_callback(
        lambda sql: writers.append(threading.current_thread().name) if "passage" in sql else None
    )
    for offset in range(1, 40):
        state.save_position("a.md", offset, f"text at {offset}")
        assert state.place("a.md") == (offset, f"text at {offset}")
    state.flush()
    assert writers and threading.current_thread().name not in writers
    assert ReadingState(lib, db).place("a.md") == (39, "text at 39")
    state.save_position("b.md", 7)
    state.close()  # what waits is written as the state is closed
    assert ReadingState(lib, db).place("b.md") == (7, "")
