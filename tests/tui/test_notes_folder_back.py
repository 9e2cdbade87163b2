"""The notes folder, or a folder of it, moved away or replaced and put back while the app
runs: the notes shown, the counts and the notes waiting to be saved follow it."""

from __future__ import annotations

import asyncio

from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import open_first, press_in_turn, settle, wait_until
from tests.tui.test_note_saving import (
    last_resort_notes,
    notes_dir,
    problem,
    stored,
    type_note,
)


def panel_text(app) -> str:
    return str(app.screen.note_panel.render())


async def test_the_notes_folder_put_back_is_read_and_what_waits_is_saved_into_it(
    make_app, tmp_path
):
    notes, away = notes_dir(), tmp_path / "notes-away"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        app.session.annotations.add(view.article, 0, 4, note="kept before")
        sources = app.screen.sources
        assert await wait_until(pilot, lambda: len(view.annotations) == 1, timeout=15)

        notes.rename(away)
        notes.write_text("a file where the notes folder was\n")
        screen = await type_note(pilot, "typed meanwhile", "j", "j", "j")
        assert "Not a directory" in problem(screen)
        await press_in_turn(pilot, "escape")  # kept: in the data directory, the last resort
        await settle(pilot)
        assert last_resort_notes() == ["typed meanwhile"]

        notes.unlink()
        away.rename(notes)
        assert await wait_until(
            pilot,
            lambda: sorted(n.note for n in stored()) == ["kept before", "typed meanwhile"],
            timeout=15,
        )
        assert await wait_until(pilot, lambda: len(view.annotations) == 2, timeout=15)
        assert await wait_until(pilot, lambda: sources.note_counts.get(AFP_ID) == 2)
        assert "read-only" not in panel_text(app)
        assert last_resort_notes() == []


async def test_notes_subfolders_moved_away_and_back_are_shown_and_counted_again(make_app):
    notes = notes_dir()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        assert view.article.id == AFP_ID
        other = app.session.article(OTHER_ID)
        app.session.annotations.add(view.article, 0, 4, note="one")
        app.session.annotations.add(view.article, 10, 14, note="two")
        app.session.annotations.add(other, 0, 4, note="elsewhere")
        sources = app.screen.sources
        assert await wait_until(
            pilot, lambda: sources.note_counts == {AFP_ID: 2, OTHER_ID: 1}, timeout=15
        )
        assert await wait_until(pilot, lambda: len(view.annotations) == 2, timeout=15)

        afp, unattributed = (notes / AFP_ID).parent, (notes / OTHER_ID).parent
        afp.rename(notes / "AFP-old")
        unattributed.rename(notes / "Unattributed-old")
        await type_note(pilot, "three", "j", "j", "j")  # into a notes file of its own
        assert await wait_until(pilot, lambda: len(view.annotations) == 1, timeout=15)
        await asyncio.sleep(1)  # the save's own change to the notes folder seen and done with
        await settle(pilot)

        afp.rename(notes / "AFP-new")
        (notes / "AFP-old").rename(afp)
        (notes / "Unattributed-old").rename(unattributed)
        assert await wait_until(pilot, lambda: len(view.annotations) == 2, timeout=15)
        assert await wait_until(
            pilot,
            lambda: (
                {k: sources.note_counts.get(k) for k in (AFP_ID, OTHER_ID)}
                == {AFP_ID: 2, OTHER_ID: 1}
            ),
            timeout=15,
        )
