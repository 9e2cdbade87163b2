"""The notes lock held by another process: a writer waits a few seconds, then says who
holds it; a lock whose holder died is taken over. Never a wait without end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.store import NotesStore
from tests.conftest import AFP_ID, cli_env
from tests.lock_holder import lock_held


def annotate(library: Path, notes_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "reader", "annotate", AFP_ID, "--quote", "Mark Rutte"),
            *("--note", "who", "--library", str(library), "--notes-dir", str(notes_dir)),
        ],
        capture_output=True,
        text=True,
        env=cli_env({"READER_LOCK_TIMEOUT": "0.5"}),
        timeout=60,  # without a lock timeout it would wait for ever
    )


def test_annotate_says_who_holds_the_notes_lock_and_exits_2(library, tmp_path):
    notes_dir = tmp_path / "notes"
    with lock_held(notes_dir) as holder:
        result = annotate(library, notes_dir)
        assert result.returncode == 2
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert f"notes are locked by reader (pid {holder.pid}); try again" in line
        assert not NotesStore(notes_dir).path_for(AFP_ID).exists()
    # Let go: the same command goes through.
    again = annotate(library, notes_dir)
    assert again.returncode == 0, again.stderr
    [note] = NotesStore(notes_dir).load(AFP_ID).live
    assert note.note == "who"


def test_annotate_takes_over_a_lock_whose_holder_died(library, tmp_path):
    notes_dir = tmp_path / "notes"
    with lock_held(notes_dir, stale=True) as holder:
        with pytest.raises(ProcessLookupError):
            os.kill(holder.pid, 0)
        result = annotate(library, notes_dir)
        assert result.returncode == 0, result.stderr
        [note] = NotesStore(notes_dir).load(AFP_ID).live
        assert note.note == "who"
        # And the next writer finds the lock free.
        assert annotate(library, notes_dir).returncode == 0


def test_annotate_on_an_unwritable_notes_folder_says_so_in_one_line(library, tmp_path):
    blocker = tmp_path / "notes"
    blocker.write_text("a file where the notes folder should be\n")
    result = annotate(library, blocker)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "notes folder cannot be read" in line and "is not a folder" in line, line
    assert blocker.read_text() == "a file where the notes folder should be\n"


@pytest.mark.parametrize("value", ["abc", "nan", "-1", "inf"])
def test_a_lock_timeout_that_is_no_wait_is_said_once_and_5_seconds_are_waited(
    library, tmp_path, monkeypatch, value
):
    from reader.notes.lock import LOCK_TIMEOUT, lock_timeout, timeout_problem

    monkeypatch.setenv("READER_LOCK_TIMEOUT", value)
    assert lock_timeout() == LOCK_TIMEOUT == 5
    said = f"READER_LOCK_TIMEOUT={value} is not a number of seconds (0 or more); 5 are waited"
    assert timeout_problem() == said
    result = subprocess.run(
        [
            *(sys.executable, "-m", "reader", "annotate", AFP_ID, "--quote", "Mark Rutte"),
            *("--library", str(library), "--notes-dir", str(tmp_path / "notes")),
        ],
        capture_output=True,
        text=True,
        env=cli_env({"READER_LOCK_TIMEOUT": value}),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "READER_LOCK_TIMEOUT" in line] == [
        f"reader: warning: {said}"
    ]


@pytest.mark.parametrize("value", ["", "0", "0.5", "12"])
def test_a_lock_timeout_of_seconds_or_none_is_not_said(monkeypatch, value):
    from reader.notes.lock import timeout_problem

    monkeypatch.setenv("READER_LOCK_TIMEOUT", value)
    assert timeout_problem() is None
