"""`e`, `d` and `y` act on the note under the reading cursor; with none, they say how to
pick one. On the Notes screen, `r` with no note it can attach says what it needs."""

from __future__ import annotations

from reader.tui.screens.annotate import AnnotateScreen
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle
from tests.tui.test_annotations import stored
from tests.tui.test_attach_toasts import toasts
from tests.tui.test_notes_screen import with_notes


async def note_under_cursor(pilot, start: int = 0, end: int = 4):
    """Open the first article with a note on `start:end` and the reading cursor on it,
    no note made current (as after a relaunch)."""
    view = await open_first(pilot)
    placed = pilot.app.session.annotations.add(view.article, start, end, note="one")
    pilot.app.screen.shown_notes.reload()
    await pilot.pause()
    view.move_cursor(start)
    await pilot.pause()
    assert view.current_annotation is None
    return view, placed


async def test_e_edits_the_note_under_the_reading_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await note_under_cursor(pilot, 0, 4)
        await press_in_turn(pilot, "e")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)


async def test_d_deletes_the_note_under_the_reading_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view, _ = await note_under_cursor(pilot, 0, 4)
        view.move_cursor(2)  # inside the passage, not at its start
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert stored() == []


async def test_y_confirms_the_fuzzy_note_under_the_reading_cursor(make_app, library):
    path = library / AFP_ID
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        start = view.article.text.index("questioned the fairness")
        quote = "questioned the fairness of the NATO"
        app.session.annotations.add(view.article, start, start + len(quote))
    original = path.read_text()
    path.write_text(
        original.replace(quote, "questioned the fairnes of NATO's").replace(
            "Saturday.", "Saturday. More words were added here."
        )
    )
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        [placed] = view.annotations
        assert placed.status == "fuzzy"
        view.move_cursor(placed.start)
        await press_in_turn(pilot, "y")
        await settle(pilot)
        assert view.annotations[0].status == "exact"


async def test_y_says_which_note_it_confirmed_and_the_passage_it_is_now_on(make_app, library):
    """Two notes on one passage (a note and the version of it kept from a clash), both
    placed approximately once the article changed: `y` names the one it confirmed."""
    path = library / AFP_ID
    quote = "questioned the fairness of the NATO"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = await open_first(pilot)
        start = view.article.text.index(quote)
        for note in ("mine: a word on fairness", "theirs: kept from a clash"):
            app.session.annotations.add(view.article, start, start + len(quote), note=note)
    original = path.read_text()
    path.write_text(
        original.replace(quote, "questioned the fairnes of NATO's").replace(
            "Saturday.", "Saturday. More words were added here."
        )
    )
    again = make_app()
    async with again.run_test(size=(120, 40), notifications=True) as pilot:
        view = await open_first(pilot)
        assert [p.status for p in view.annotations] == ["fuzzy", "fuzzy"]
        view.move_cursor(view.annotations[0].start)
        await press_in_turn(pilot, "right_square_bracket", "y")
        await settle(pilot)
        [confirmed] = [p for p in view.annotations if p.status == "exact"]
        [said] = [t for t in toasts(again) if t.startswith("Place confirmed")]
        passage = view.article.text[confirmed.start : confirmed.end]
        assert passage.startswith("questioned the fairnes of NATO")
        assert said == (
            f"Place confirmed: the note “{confirmed.annotation.note}” is on “{passage}”."
        )


async def test_e_d_y_off_a_note_say_how_to_pick_one(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        view, _ = await note_under_cursor(pilot, 200, 215)
        view.move_cursor(0)
        await pilot.pause()
        for key, verb in (("e", "edit"), ("d", "delete"), ("y", "confirm")):
            await press_in_turn(pilot, key)
            await pilot.pause()
            assert f"Move onto a note (] next note) to {verb} it." in toasts(app), toasts(app)
        assert len(stored()) == 1
        assert not isinstance(app.screen, AnnotateScreen)


async def test_r_on_the_notes_screen_with_no_orphan_picked_says_what_it_needs(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await with_notes(pilot)  # placed notes only
        await press_in_turn(pilot, "r")
        await pilot.pause()
        assert any(t.startswith("Pick an orphaned note") for t in toasts(app)), toasts(app)
