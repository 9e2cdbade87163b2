"""An article whose file name is near the 255-byte limit is annotated like any other: its
notes file takes a name cut short, and the notes are there when the app starts again,
listed under the article, orphaned once it is gone."""

from __future__ import annotations

import os
from pathlib import Path

from reader.notes.store import NotesStore
from reader.tui.screens.notes import NotesScreen
from tests.tui.conftest import open_first, press_in_turn, settle
from tests.tui.test_note_saving import type_note

LONG_ID = "Blog/" + "a" * 249 + ".txt"  # 253 bytes: 258 with ``.yaml``


async def test_a_note_on_an_article_whose_name_is_near_the_limit_is_kept(make_app, tmp_path):
    root = tmp_path / "long-names"
    (root / "Blog").mkdir(parents=True)
    (root / LONG_ID).write_text("A long name\n\nIts one paragraph says little more.\n")
    (root / "Blog" / "other.txt").write_text("Another story\n\nSo the library is not empty.\n")

    async with make_app(root).run_test(size=(160, 40)) as pilot:
        view = await open_first(pilot)
        assert view.article.id == LONG_ID
        dialog = await type_note(pilot, "kept")
        assert pilot.app.screen is not dialog, "the note was not saved"
        title = view.article.title

    async with make_app(root).run_test(size=(160, 40)) as pilot:
        view = await open_first(pilot)
        assert [p.annotation.note for p in view.annotations] == ["kept"]
    notes_dir = Path(os.environ["READER_NOTES_DIR"])
    assert not (notes_dir / ".unsaved").exists()
    assert [n.note for n in NotesStore(notes_dir).load(LONG_ID).live] == ["kept"]

    (root / LONG_ID).unlink()
    async with make_app(root).run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NotesScreen)
        [record] = screen.shown
        assert (record.article_id, record.title, record.status) == (LONG_ID, title, "orphaned")
        assert any(title in str(cell) for cell in screen.table.get_row_at(0))
