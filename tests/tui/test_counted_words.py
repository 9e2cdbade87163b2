"""Counts in the app's messages agree with their nouns: 1 note, 2 notes."""

from __future__ import annotations

from reader.tui.screens.export import ExportScreen
from reader.tui.screens.notes import NotesScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_export_of_one_note(pilot):
    await settle(pilot)
    app = pilot.app
    afp = app.session.article(AFP_ID)
    palm = afp.text.index("Palm Beach")
    app.session.annotations.add(afp, palm, palm + 10, note="where they met")
    await press_in_turn(pilot, "A")
    await settle(pilot)
    assert isinstance(app.screen, NotesScreen)
    await press_in_turn(pilot, "x")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)


async def test_exporting_one_note_says_exported_1_note(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_export_of_one_note(pilot)
        app.screen.query_one("#export-path").value = str(tmp_path / "out.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"Exported 1 note to {tmp_path / 'out.md'}" in toasts(app)


async def test_exporting_under_the_home_of_no_such_user_is_a_toast(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_export_of_one_note(pilot)
        app.screen.query_one("#export-path").value = "~no-such-user-here/out.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still there, to choose another name
        said = str(app.screen.query_one("#export-problem").render())  # inside the dialog
        assert "~no-such-user-here: no such user" in said, said


async def test_a_library_of_one_article_counts_1_article(make_app, library):
    (library / "Unattributed").joinpath("nato-chief-meets-trump.txt").unlink()
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        totals = str(app.screen.query_one("#status-totals").render())
        assert totals == "1 article · 1 unread · 0 notes"
