"""A highlight made while the notes folder is moved away: not saved into a new folder of
one note, but kept in the last resort, said in one line, and saved once it is back."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from reader.notes.schema import ArticleRef
from reader.notes.store import NotesStore
from reader.paths import data_dir
from tests.conftest import AFP_ID
from tests.notes.notes_builders import annotation
from tests.tui.conftest import open_first, press_in_turn, settle, wait_until


async def test_a_highlight_made_while_the_notes_folder_is_gone_is_kept_and_saved_later(
    make_app, tmp_path
):
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    NotesStore(notes_dir).add(ArticleRef(AFP_ID, "", "", "Title"), annotation())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first(pilot)
        shutil.move(notes_dir, tmp_path / "moved")
        await press_in_turn(pilot, "V", "H")
        await settle(pilot)
        said = [n.message for n in app._notifications if "Note not saved" in n.message]
        assert len(said) == 1, [n.message for n in app._notifications]
        assert f"the notes folder {notes_dir} is gone" in said[0]
        assert "notes-not-saved.yml" in said[0]
        assert not notes_dir.exists()  # not made again
        last_resort = yaml.safe_load((data_dir() / "notes-not-saved.yml").read_text())
        assert [f["article"]["id"] for f in last_resort] == [AFP_ID]

    shutil.move(tmp_path / "moved", notes_dir)
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def both() -> bool:
            return len(NotesStore(notes_dir).load(AFP_ID).live) == 2

        assert await wait_until(pilot, both)
