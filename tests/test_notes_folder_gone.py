"""A notes folder moved away or deleted is not made again by a save: the notes it held
would be hidden by a new folder of one note. The first note ever still makes it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.notes.schema import ArticleRef
from reader.notes.store import NotesStore
from tests.conftest import AFP_ID
from tests.notes.notes_builders import annotation


def annotate(library: Path, quote: str) -> subprocess.CompletedProcess[str]:
    args = ["annotate", AFP_ID, "--library", str(library), "--quote", quote]
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_annotate_refuses_to_make_again_a_notes_folder_moved_away(library, tmp_path):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    assert not notes_dir.exists()
    first = annotate(library, "Palm Beach")  # the first note ever makes the folder
    assert first.returncode == 0, first.stderr
    assert notes_dir.is_dir()

    shutil.move(notes_dir, tmp_path / "moved")
    result = annotate(library, "NATO")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert f"the notes folder {notes_dir} is gone (moved or deleted)" in line, line
    assert "Traceback" not in result.stderr
    assert not notes_dir.exists()

    shutil.move(tmp_path / "moved", notes_dir)  # back: notes are saved again
    assert annotate(library, "NATO").returncode == 0
    notes = NotesStore(notes_dir).load(AFP_ID).live
    assert [a.quote for a in notes] == ["Palm Beach", "NATO"]


def test_a_store_that_saw_its_folder_does_not_make_it_again(tmp_path):
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    store = NotesStore(notes_dir)
    notes_dir.rmdir()
    ref = ArticleRef(AFP_ID, "", "", "Title")
    with pytest.raises(ReaderError, match="is gone"):
        store.add(ref, annotation())
    assert not notes_dir.exists()


def test_a_notes_folder_never_made_is_made_by_the_first_save(tmp_path):
    notes_dir = tmp_path / "never" / "notes"
    store = NotesStore(notes_dir)
    store.add(ArticleRef(AFP_ID, "", "", "Title"), annotation(note="first"))
    assert [a.note for a in NotesStore(notes_dir).load(AFP_ID).live] == ["first"]
