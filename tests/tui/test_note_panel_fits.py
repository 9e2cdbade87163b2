"""The note line under the article, in its three rows: a long note is cut where it shows,
ending in "…", and its keys stay in view, saying where the whole note is."""

from __future__ import annotations

from reader.tui.widgets.note_panel import NotePanel
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle

LONG = (
    "This is a long note about the meeting between Rutte and Trump, which covers the "
    "alliance, defence spending, the war in Ukraine and what the new administration may "
    "ask of Europe in the coming years, and then some more words that go on and on."
)


def panel_rows(app) -> list[str]:
    """The note panel's rows as drawn on the screen."""
    panel = app.screen.query_one(NotePanel)
    region = panel.region
    strips = app.screen._compositor.render_strips()
    return [
        strips[y].crop(region.x, region.right).text.rstrip() for y in range(region.y, region.bottom)
    ]


async def on_a_note(pilot, note: str, tags: tuple[str, ...] = ()) -> list[str]:
    """The first article open, the reading cursor moved onto its one note; the panel's rows."""
    app = pilot.app
    view = await open_first(pilot)
    app.session.annotations.add(view.article, 0, 4, note=note, tags=list(tags))
    app.screen.shown_notes.reload()
    await settle(pilot)
    await press_in_turn(pilot, "right_square_bracket")
    await settle(pilot)
    return panel_rows(app)


async def test_a_long_note_is_cut_with_an_ellipsis_and_keeps_its_keys_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await on_a_note(pilot, LONG, tags=("nato",))
        shown = " ".join(row.strip() for row in rows)
        assert 1 < len(rows) <= 3, rows
        # The note's words as far as they show, then "…" where it is cut.
        kept = shown.removeprefix("✎ ").split("…")[0]
        assert kept and LONG.startswith(kept), shown
        assert "…" in rows[-1] or "…" in rows[-2], rows
        # Its tag and keys whole, on the last row: e opens the whole note.
        assert "#nato" in shown
        assert rows[-1].endswith("e edit whole note · d delete"), rows


async def test_a_short_note_reads_as_before_at_160x50(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        rows = await on_a_note(pilot, "one", tags=("nato",))
        assert [row.strip() for row in rows] == ["✎ one  #nato   e edit · d delete"]


async def test_a_note_of_several_lines_says_the_whole_note_is_under_e(make_app):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        rows = await on_a_note(pilot, "first\nsecond\nthird")
        assert [row.strip() for row in rows] == [
            "✎ first … (+2 lines)   e edit whole note · d delete"
        ]


async def test_a_long_note_and_a_warning_share_the_rows(make_app, library):
    # A warning under the note takes a row of its own; the note keeps the rest.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        afp = app.session.article(AFP_ID)
        at = afp.text.index("Budapest")
        app.session.annotations.add(afp, at, at + 8, note="city")
    path = library / AFP_ID
    path.write_text(path.read_text().replace("Budapest", "the Hungarian capital"))
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        rows = await on_a_note(pilot, LONG)
        assert len(rows) == 3, rows
        assert rows[1].endswith("e edit whole note · d delete"), rows
        assert rows[2].strip().startswith("⚠ 1 note no longer found"), rows


async def test_the_keys_of_a_note_that_fits_wrap_between_them_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        note = (
            "Where they met: Palm Beach, on a Friday, a day before the statement was made public."
        )
        rows = [row.strip() for row in await on_a_note(pilot, note)]
        assert " ".join(rows).startswith("✎ " + note), rows
        # Each key beside its action; no row ends in a "·" between them.
        for key in ("e edit", "d delete"):
            assert any(key in row for row in rows), rows
        assert not any(row.endswith(("·", " e", " d")) for row in rows), rows


async def test_the_note_line_names_the_keys_the_keymap_binds(make_app):
    keymap = {"article.edit_note": "E", "article.delete_note": "X"}
    app = make_app(keymap=keymap)
    async with app.run_test(size=(160, 50)) as pilot:
        rows = await on_a_note(pilot, "first\nsecond")
        assert [row.strip() for row in rows] == [
            "✎ first … (+1 line)   E edit whole note · X delete"
        ]
        await press_in_turn(pilot, "E")  # the key named does what it says
        await settle(pilot)
        assert type(app.screen).__name__ == "AnnotateScreen"
