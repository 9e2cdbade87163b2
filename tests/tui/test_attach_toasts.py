"""The toasts that ask for a passage go as soon as the note has it."""

from __future__ import annotations

from reader.tui.screens.notes import NotesScreen
from tests.tui.conftest import Notified, press_in_turn, settle, wait_until
from tests.tui.test_notes_screen import FISHERMEN, pick_unplaced_to_attach


def toasts(app) -> list[str]:
    """The messages of the toasts on the screen."""
    return [str(toast._notification.message) for toast in app.screen.query("Toast")]


async def test_the_toast_asking_to_open_the_article_goes_once_the_highlight_is_attached(
    make_app, library
):
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(140, 40), notifications=True, message_hook=notified) as pilot:
        view = await pick_unplaced_to_attach(pilot, library)
        assert any(t.startswith("Open the article that holds") for t in toasts(app))
        start, end = view.selected_span()
        assert view.article.text[start:end] == FISHERMEN
        await press_in_turn(pilot, "r")
        await settle(pilot)
        shown = toasts(app)
        assert "Highlight attached." in notified.messages()
        assert notified.withdrawn("Open the article that holds")
        assert not any(t.startswith("Open the article that holds") for t in shown), shown
        assert not any(t.startswith("The quote is here") for t in shown), shown


async def test_the_toast_asking_for_a_new_passage_goes_once_the_note_is_reattached(
    make_app, library
):
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(140, 40), notifications=True, message_hook=notified) as pilot:
        await settle(pilot)
        afp = app.session.article("AFP/nato-chief-discusses-global-security.txt")
        at = afp.text.index("Budapest")
        app.session.annotations.add(afp, at, at + 8, note="city")
        path = library / "AFP/nato-chief-discusses-global-security.txt"
        path.write_text(path.read_text().replace("Budapest", "the Hungarian capital"))
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        # (the library's update after the edit may still be running on a loaded machine)
        orphaned = lambda: [r.status for r in screen.shown] == ["orphaned"]  # noqa: E731
        assert await wait_until(pilot, orphaned), [r.status for r in screen.shown]
        await press_in_turn(pilot, "r")
        await settle(pilot)
        assert any(t.startswith("Select the new passage") for t in toasts(app))
        await press_in_turn(pilot, "V", "r")
        await settle(pilot)
        shown = toasts(app)
        assert "Note re-attached." in notified.messages()
        assert notified.withdrawn("Select the new passage")
        assert not any(t.startswith("Select the new passage") for t in shown), shown


async def test_a_second_highlight_picked_to_attach_replaces_the_first_ones_toast(make_app, library):
    app = make_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pick_unplaced_to_attach(pilot, library)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        await press_in_turn(pilot, "j", "r")  # the other unplaced highlight
        await settle(pilot)
        asked = [t for t in toasts(app) if t.startswith("Open the article that holds")]
        assert len(asked) == 1 and "shore is bare" in asked[0], asked
