"""The notes of the article on the main screen: placed on it and told in the note panel,
changed through the app's NoteActions, and shown from what a save wrote rather than read
back from the file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.tui import toasts
from reader.tui.keys import bound_key, with_keys_named

if TYPE_CHECKING:
    from textual.notifications import Notification

    from reader.importing.attach import UnplacedNote
    from reader.model import Article
    from reader.notes.placement import ArticleNotes
    from reader.notes.records import NoteRecord
    from reader.notes.schema import NotesFile
    from reader.notes.store import Stamp
    from reader.tui.article.view import ArticleView
    from reader.tui.library_worker import NotesRead
    from reader.tui.screens.main import MainScreen


class ShownNotes:
    """The notes of the article the main screen shows, and the reader's changes to them."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.notes: ArticleNotes | None = None
        self.pending_reattach: str | None = None  # an orphaned note waiting for a new passage
        self.pending_attach: UnplacedNote | None = None  # an unplaced one waiting for its own
        self._written: tuple[str, Stamp | None] | None = None  # see as_saved
        self._asking: list[Notification] = []  # the toasts asking for the passage
        self._shown = 0  # how many times notes were shown: a reading asked before is stale
        self._asked = 0  # how many readings were asked for: only the last is shown
        # The reading awaited: its number, and `_shown` when it was asked.
        self._awaited: tuple[int, int] | None = None

    # ----- showing -------------------------------------------------------------------------

    def load(self) -> None:
        """The article just shown without notes, its notes read in the background and
        shown once read (unless others were shown meanwhile: saved, or read again)."""
        self.show(None)
        self.read_again()

    def read_again(self) -> None:
        """The article's notes changed on disk (by another program): read in the
        background, the notes shown staying until then (a file of thousands of notes
        takes a second to read); shown once read, unless a later reading was asked for,
        or notes shown meanwhile (a save, merged with the file as it was then). The note
        at the cursor then stays there."""
        if self.screen.article is None:
            return
        self._asked += 1
        self._awaited = (self._asked, self._shown)
        self.screen.library.load_notes(self.screen.article, self._asked)

    def read(self, message: NotesRead) -> None:
        """The notes read for `load` or `read_again`, if still wanted."""
        if self._awaited != (message.asked, self._shown):
            return
        if message.article is not self.screen.article:
            return
        self._awaited = None
        focus_id = self.screen.view.current_annotation
        self.show(message.notes)
        if focus_id is not None:
            self.screen.view.focus_annotation(focus_id, scroll=False)
        self.screen.note_opening.apply_pending_focus()

    def show(self, notes: ArticleNotes | None) -> None:
        """Place the notes on the article, and count them in the list."""
        screen, view = self.screen, self.screen.view
        self._shown += 1
        self.notes = notes
        self._written = None
        view.set_annotations(notes.placed if notes else [])
        screen.note_panel.show_state(view.current_placed, notes)
        article, sources = screen.article, screen.sources
        if article is not None and notes is not None:
            count = len(notes.placed)
            if sources.note_counts.get(article.id, 0) != count:
                sources.note_counts[article.id] = count
                sources.refresh_markers()
                screen.update_totals()

    def reload(self, focus_id: str | None = None) -> None:
        """Read the article's notes again (changed by another program, or another screen)."""
        screen = self.screen
        if screen.article is None:
            return
        self.show(screen.session.annotations.for_article(screen.article))
        if focus_id is not None:
            screen.view.focus_annotation(focus_id, scroll=False)

    def show_written(
        self, article_id: str, written: NotesFile, focus_id: str | None = None
    ) -> None:
        """The notes as just saved (not read back from the file), if the article is on show."""
        screen = self.screen
        if screen.article is None or screen.article.id != article_id:
            return
        self.show(screen.session.annotations.shown(screen.article, written))
        self._written = (article_id, screen.session.annotations.store.written_stamp(article_id))
        if focus_id is not None:
            screen.view.focus_annotation(focus_id, scroll=False)

    def as_saved(self) -> bool:
        """Whether the notes file of the article on show is still as this app saved and
        showed it (the file watcher then has nothing new to show)."""
        article = self.screen.article
        if article is None or self._written is None:
            return False
        stamp = self.screen.session.annotations.store.stamp(article.id)
        return stamp is not None and self._written == (article.id, stamp)

    def focused(self, event: ArticleView.AnnotationFocused) -> None:
        self.screen.note_panel.show_state(event.placed, self.notes)

    # ----- changing ------------------------------------------------------------------------

    def _writable(self) -> bool:
        if self.notes is not None and self.notes.error is not None:
            self.screen.notify(
                f"Notes are read-only until the file is fixed: {self.notes.error}",
                severity="error",
                timeout=8,
            )
            return False
        return True

    def annotate(self, event: ArticleView.AnnotateRequested) -> None:
        """A passage picked to annotate (with a note) or to highlight."""
        article = self.screen.article
        if article is None or not self._writable():
            return
        self.screen.app.note_actions.annotate(
            article,
            event.start,
            event.end,
            event.with_note,
            lambda written, note: self.show_written(article.id, written, note.id),
        )

    def act(self, event: ArticleView.AnnotationAction) -> None:
        """Delete, confirm or edit the note at the cursor."""
        article = self.screen.article
        if article is None or self.notes is None or not self._writable():
            return
        placed = self.notes.get(event.annotation_id)
        if placed is None:
            return
        actions = self.screen.app.note_actions

        def saved(written: NotesFile) -> None:
            self.show_written(article.id, written, placed.id)

        if event.action == "delete":
            actions.delete(
                article.id, placed.id, lambda written: self._deleted(article.id, written)
            )
        elif event.action == "confirm":
            actions.confirm(article, placed, saved)
        elif event.action == "edit":
            actions.edit(article.id, placed.annotation, saved)

    def _deleted(self, article_id: str, written: NotesFile) -> None:
        self.screen.refresh_bindings()
        self.show_written(article_id, written)

    def undo(self) -> None:
        """Bring the last deleted note back (in its article)."""
        self.screen.app.note_actions.undo(self._undone)

    def _undone(self, restored: tuple[str, str], written: NotesFile) -> None:
        article_id, annotation_id = restored
        screen = self.screen
        screen.refresh_bindings()
        if screen.article is not None and screen.article.id == article_id:
            self.show_written(article_id, written, annotation_id)
        else:
            screen.open_article(article_id)

    # ----- re-attaching an orphaned note ----------------------------------------------------

    def ask_reattach(self, record: NoteRecord) -> None:
        """From the Notes screen: the reader is to select the note's new passage, then r."""
        self._stop_asking()
        self.pending_reattach = record.annotation.id
        quote = " ".join(record.quote.split())[:50]
        self._ask(f"Select the new passage for “{quote}”, then press {self._attach_key}.", 10)

    @property
    def _attach_key(self) -> str:
        """The key that attaches the note to the passage selected, as bound."""
        return bound_key(self.screen.app, "main.reattach")

    def _ask(self, message: str, timeout: float) -> None:
        self._asking.append(toasts.ask(self.screen.app, message, timeout))

    def _stop_asking(self) -> None:
        """The passage asked for is given, or no longer wanted: its toasts go at once."""
        for notification in self._asking:
            toasts.withdraw(self.screen.app, notification)
        self._asking.clear()

    @property
    def waiting(self) -> bool:
        """Whether a note picked on the Notes screen waits for a passage (then r)."""
        return self.pending_reattach is not None or self.pending_attach is not None

    def reattach(self) -> None:
        """Give the orphaned note asked for the passage now selected (or attach the
        unplaced highlight asked for to it)."""
        screen = self.screen
        note_id, article, view = self.pending_reattach, screen.article, screen.view
        if article is None or (note_id is None and self.pending_attach is None):
            return
        span = view.selected_span()
        if span is None:
            screen.notify(
                with_keys_named(
                    self.screen.app,
                    "Select the passage first: {article.select} and move, or drag with the mouse.",
                ),
                timeout=4,
            )
            return
        if self.pending_attach is not None:
            self._attach(article, *span)
            return
        if note_id is None or self.notes is None:
            return
        placed = self.notes.get(note_id)
        if placed is None:
            screen.notify("That note is not in this article.", severity="warning", timeout=4)
            self.pending_reattach = None
            self._stop_asking()
            return

        def attached(written: NotesFile) -> None:
            self.pending_reattach = None
            self._stop_asking()
            view.action_cancel_select()
            screen.refresh_bindings()
            self.show_written(article.id, written, note_id)

        screen.app.note_actions.reattach(article, placed, *span, attached)

    # ----- attaching an unplaced highlight ---------------------------------------------------

    def ask_attach(self, record: NoteRecord) -> None:
        """From the Notes screen: an imported highlight kept unplaced is to be given a
        passage. The search lists the articles likely to hold its quote; an article shown
        that holds it has the passage selected; r attaches it to the selection."""
        from reader.importing.attach import UnplacedNote
        from reader.importing.placing import queries_for

        self._stop_asking()
        self.pending_reattach = None
        self.pending_attach = UnplacedNote(record.article_id, record.annotation)
        quote = " ".join(record.quote.split())
        short = quote if len(quote) <= 50 else quote[:49] + "…"
        then = f"select the passage, then press {self._attach_key}"
        self._ask(f"Open the article that holds “{short}”, {then}.", 12)
        if queries := queries_for(quote):
            self.screen.search_for(queries[-1])

    def offer_attach(self) -> None:
        """The article just shown holds the quote waiting to be attached: select it there."""
        from reader.importing.attach import AttachError, place

        screen, pending = self.screen, self.pending_attach
        article, view = screen.article, screen.view
        if pending is None or article is None:
            return
        try:
            found = place(pending, article)
        except AttachError:
            return

        def select() -> None:
            if view.article is article:
                view.show_range(found.start, found.end)
                view.select_offsets(found.start, found.end)

        view.call_after_refresh(select)
        how = "" if found.exact else " (approximately)"
        self._ask(f"The quote is here{how}, selected: {self._attach_key} attaches it.", timeout=6)

    def _attach(self, article: Article, start: int, end: int) -> None:
        pending, screen, view = self.pending_attach, self.screen, self.screen.view
        assert pending is not None

        def attached(written: NotesFile) -> None:
            self.pending_attach = None
            self._stop_asking()
            view.action_cancel_select()
            screen.refresh_bindings()
            self.show_written(article.id, written, pending.annotation.id)

        screen.app.note_actions.attach(pending, article, start, end, attached)
