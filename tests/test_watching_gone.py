"""A library folder removed and brought back while the app runs: the notes changed meanwhile
(not watched while it was gone) are reported with it."""

from __future__ import annotations

import time

import pytest

import reader.infra.watching as watching_module
from tests.test_watching_names import Watching


@pytest.mark.parametrize("polling", [False, True], ids=["file events", "polling"])
def test_notes_changed_while_the_library_was_gone_are_reported_when_it_is_back(
    tmp_path, monkeypatch, polling
):
    monkeypatch.setattr(watching_module, "GONE_POLL_S", 0.05)
    library, notes, away = tmp_path / "library", tmp_path / "notes", tmp_path / "away"
    (library / "news").mkdir(parents=True)
    (library / "news" / "a.txt").write_text("A\n\nText.\n")
    watching = Watching(library, notes, polling=polling)
    watching.thread.start()
    try:
        time.sleep(0.5)  # watching has begun
        library.rename(away)
        time.sleep(1.5 if polling else 0.5)  # the folder is missed
        before = len(watching.changes)
        (notes / "news").mkdir(parents=True, exist_ok=True)
        (notes / "news" / "a.txt.yaml").write_text("schema_version: 1\nannotations: []\n")
        time.sleep(0.3)
        away.rename(library)
        assert watching.wait_for(lambda: any(c.library for c in watching.changes[before:]))
        assert any(c.notes for c in watching.changes[before:]), watching.changes[before:]
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()


def _notes_reported(watching: Watching, change) -> bool:
    """Whether a change to the notes is reported after `change()` is made."""
    time.sleep(0.3)  # (what was reported before is done with)
    before = len(watching.changes)
    change()
    return watching.wait_for(
        lambda: any(c.notes for c in watching.changes[before:]) and watching.thread.is_alive()
    )


@pytest.mark.parametrize("polling", [False, True], ids=["file events", "polling"])
def test_a_notes_subfolder_moved_away_and_back_is_reported_each_time(tmp_path, polling):
    library, notes = tmp_path / "library", tmp_path / "notes"
    (library / "Src").mkdir(parents=True)
    (library / "Src" / "a.txt").write_text("A\n\nText.\n")
    (notes / "Src").mkdir(parents=True)
    (notes / "Src" / "a.txt.yaml").write_text("schema_version: 1\nannotations: []\n")
    watching = Watching(library, notes, polling=polling)
    watching.thread.start()
    try:
        time.sleep(0.5)  # watching has begun
        assert _notes_reported(watching, lambda: (notes / "Src").rename(notes / "Src-old"))
        assert _notes_reported(watching, lambda: (notes / "Src-old").rename(notes / "Src"))
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()


@pytest.mark.parametrize("polling", [False, True], ids=["file events", "polling"])
def test_a_notes_folder_replaced_by_a_file_and_put_back_is_watched_again(tmp_path, polling):
    library, notes, away = tmp_path / "library", tmp_path / "notes", tmp_path / "away"
    (library / "Src").mkdir(parents=True)
    (library / "Src" / "a.txt").write_text("A\n\nText.\n")
    (notes / "Src").mkdir(parents=True)
    watching = Watching(library, notes, polling=polling)
    watching.thread.start()
    try:
        time.sleep(0.5)  # watching has begun

        def replaced() -> None:
            notes.rename(away)
            notes.write_text("not a folder\n")

        def put_back() -> None:
            notes.unlink()
            away.rename(notes)

        assert _notes_reported(watching, replaced)
        assert _notes_reported(watching, put_back)
        written = notes / "Src" / "a.txt.yaml"
        assert _notes_reported(watching, lambda: written.write_text("annotations: []\n"))
        # The library is watched all along.
        assert watching.noticed_after(lambda: (library / "Src" / "b.txt").write_text("B\n\nb.\n"))
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()


@pytest.mark.parametrize("polling", [False, True], ids=["file events", "polling"])
def test_a_notes_folder_link_pointed_at_another_folder_is_followed(tmp_path, polling):
    """The notes folder a link to a synced folder, and the link pointed at another: the
    change is reported, and the folder it now leads to watched."""
    library, notes = tmp_path / "library", tmp_path / "notes"
    first, second = tmp_path / "first", tmp_path / "second"
    (library / "Src").mkdir(parents=True)
    (library / "Src" / "a.txt").write_text("A\n\nText.\n")
    (first / "Src").mkdir(parents=True)
    (second / "Src").mkdir(parents=True)
    notes.symlink_to(first)
    watching = Watching(library, notes, polling=polling)
    watching.thread.start()
    try:
        time.sleep(0.5)  # watching has begun

        def pointed_at_second() -> None:
            (tmp_path / "link").symlink_to(second)
            (tmp_path / "link").replace(notes)

        assert _notes_reported(watching, pointed_at_second)
        written = second / "Src" / "a.txt.yaml"
        assert _notes_reported(watching, lambda: written.write_text("annotations: []\n"))
    finally:
        watching.stop.set()
        watching.thread.join(10)
    assert not watching.thread.is_alive()
