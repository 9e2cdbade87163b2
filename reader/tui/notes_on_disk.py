"""The notes folder as other programs change it while the app runs (an editor, a sync, a
`git checkout`): the notes shown anew on the main screen and the Notes screen once the
changes settle; and the notes kept aside when a save failed (or written to the last
resort), saved again."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.tui.screens.main import MainScreen

# Seconds without another change to the notes folder before the notes are read again: a
# `git checkout` or a sync writes many files in a row.
NOTES_SETTLE = 0.3


class NotesOnDisk:
    """The main screen following its notes folder."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None  # see NOTES_SETTLE
        self._unsaved_told = False

    def changed(self) -> None:
        """A file of the notes folder changed: read the notes again once it settles."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(NOTES_SETTLE, self._settled)

    def _settled(self) -> None:
        """The notes folder changed on disk (and has settled): show the notes anew here and
        on the Notes screen, if open."""
        screen = self.screen
        self._timer = None
        self.retry_unsaved()
        screen.library.follow_notes()  # (notes whose file was mended follow their article)
        screen.count_notes()
        self.notes_screen_again()
        app = screen.app
        # Under another screen, the notes are shown again when this one is back.
        shown = app.screen is not screen or screen.shown_notes.as_saved()
        if screen.article is not None and not screen.view.selecting and not shown:
            screen.shown_notes.read_again()

    def notes_screen_again(self) -> None:
        """Read the notes again on the Notes screen, if open: the notes folder or the
        library changed (a note is orphaned, or found again, by its article's text)."""
        app = self.screen.app
        if len(app.screen_stack) > 1:  # (the Notes screen's module loads when first used)
            from reader.tui.screens.notes import NotesScreen

            for other in app.screen_stack:
                if isinstance(other, NotesScreen):
                    other.load()

    def retry_unsaved(self) -> None:
        """Save the notes kept aside when they could not be saved, and those of the last
        resort, if any wait (says what is still not, the first time only)."""
        self.screen.app.note_actions.retry_unsaved(self._after_retry, self._told)

    def _told(self) -> bool:
        """Whether what waits was said already (it is, from now on)."""
        told, self._unsaved_told = self._unsaved_told, True
        return told

    def _after_retry(self) -> None:
        screen = self.screen
        screen.count_notes()
        if screen.article is not None and not screen.view.selecting:
            screen.shown_notes.read_again()
