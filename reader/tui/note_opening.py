"""From a note to its passage: the Notes screen and the Review, opened over the main
screen, show a note's passage in its article (focused once the article is on show), and
Esc in an article opened from the Review goes back to the same card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.notes.unplaced import is_unplaced

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.notes.records import NoteRecord
    from reader.tui.screens.main import MainScreen


class NoteOpening:
    """The main screen's way to a note's passage, and back to the Review."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        # The note to focus once its article is on show: (article, offset, note id).
        self.pending: tuple[str, int | None, str | None] | None = None
        self.review_round: Screen | None = None  # the Review to go back to with Esc

    def show_notes(self, *, export: bool = False) -> None:
        """The Notes screen, whose Enter shows a note here (with `export`, its export
        dialog opened once the notes are read)."""
        from reader.tui.screens.notes import NotesScreen

        notes = NotesScreen(self.screen.session, self.open_note, export=export)
        self.screen.app.push_screen(notes)

    def start_review(self) -> None:
        """Today's Review round."""
        from reader.review.deck import Deck
        from reader.tui.screens.review import ReviewScreen

        screen = self.screen
        self.review_round = None
        deck = Deck(
            screen.session.annotations.store, screen.session.article, screen.app.config.review
        )
        screen.app.push_screen(ReviewScreen(deck))

    def open_review_card(self, record: NoteRecord, round_: Screen) -> None:
        """From the Review: the card's passage in its article (Esc goes back to `round_`,
        showing the card)."""
        self.review_round = round_
        self.open_note(record, False)

    def back_to_review(self) -> bool:
        """Esc in an article opened from the Review: back to the same card."""
        screen, round_ = self.screen, self.review_round
        if round_ is None or screen.focused is not screen.view or screen.find_bar.is_open:
            return False
        self.review_round = None
        screen.app.push_screen(round_)
        return True

    def open_note(self, record: NoteRecord, reattach: bool) -> None:
        """From the Notes screen: show the passage (or, to re-attach, the article); for an
        imported highlight kept unplaced, look for the article to attach it to."""
        screen = self.screen
        if is_unplaced(record.article_id):
            screen.shown_notes.ask_attach(record)
            screen.refresh_bindings()
            return
        note_id = record.annotation.id
        at = None if record.status == "orphaned" else record.start
        self.pending = (record.article_id, at, None if at is None else note_id)
        if reattach:
            screen.shown_notes.ask_reattach(record)
        screen.refresh_bindings()
        if screen.article is None or screen.article.id != record.article_id:
            screen.open_article(record.article_id)
        # For the article on show, the screen applies the pending focus as it resumes.

    def apply_pending_focus(self) -> None:
        """Focus the note asked for, if its article is the one on show."""
        screen, pending = self.screen, self.pending
        if pending is None or screen.article is None or pending[0] != screen.article.id:
            return
        _, at, note_id = pending
        view, placed = screen.view, None
        if note_id is not None and screen.shown_notes.notes is None:
            # Its notes are still being read: read here, from the parse the Notes screen or
            # the Review just made (kept by the store), so the passage is shown in one jump.
            screen.shown_notes.reload()
        self.pending = None
        if note_id is not None:
            view.focus_annotation(note_id, scroll=False)
            placed = view.current_placed
        if placed is not None:
            view.show_range(placed.start, placed.end)
            view.flash(placed.start, placed.end)
        elif at is not None:
            view.show_range(at, at)
