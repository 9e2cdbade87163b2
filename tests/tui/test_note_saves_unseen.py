"""A save that fails once the app is gone (its loop closed) and cannot be kept aside
either is listed among the notes lost, to be written out as reader ends: never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.notes.schema import ArticleRef, NotesFile
from reader.tui.note_saves import NoteSaves, SaveJob
from tests.notes.notes_builders import annotation


class GoneApp:
    """An app whose event loop has closed: nothing can be run on it any more."""

    def call_later(self, *_args, **_kwargs) -> bool:
        raise RuntimeError("Event loop is closed")


def test_a_note_failing_unseen_after_the_app_is_gone_is_listed_as_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = NoteSaves(GoneApp(), tmp_path / "notes")  # type: ignore[arg-type]
    note = NotesFile(article=ArticleRef("AFP/story.txt"), annotations=[annotation("n1")])

    def nowhere(_notes: NotesFile):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves, "keep", nowhere)
    job = SaveJob(run=lambda: None, done=lambda _: None, failed=lambda _: None, keep=note)
    saves._fail(job, "not saved")
    assert saves.lost == [note]
