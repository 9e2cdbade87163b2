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
