"""Changing notes from any screen: add, edit, delete and undo, saved in the background.

Every change goes through one `NoteSaves` queue, so changes are saved in the order they
were made and the window never waits for the disk or the notes lock. The note dialog
stays open until its note is saved: when the save fails it shows why, keeps the text,
and offers to try again (ctrl+s) or to keep the note aside until it can be saved (Esc).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.errors import NotesFolderGoneError
from reader.importing.attach import UnplacedNote, attach
from reader.model import Article
from reader.notes.anchoring import make_target
from reader.notes.not_saved import Kept
from reader.notes.not_saved_retry import Pending
from reader.notes.placement import Annotations, Placed
from reader.notes.schema import DEFAULT_COLOR, Annotation, ArticleRef, NotesFile
from reader.notes.store import Updated
from reader.notes.tags import hashed
from reader.notes.timestamps import later_than
from reader.notes.unsaved import (
    RetryResult,
    kept_edit,
    unsaved_dir,
)
from reader.text.counts import plural
from reader.text.safe import shortened, visible_line
from reader.tui.keys import bound_key
from reader.tui.note_saves import NoteSaves, SaveJob
from reader.tui.screens.annotate import AnnotateScreen, Draft

if TYPE_CHECKING:
    from textual.app import App


Written = TypeVar("Written")  # what a change returns: the notes written, and what more


def _nothing(*_results: object) -> None:
    pass


# Told once a note is saved: the article's notes file as written (what was on disk merged
# with the change, so a change made meanwhile by another program is in it), and the note.
Saved = Callable[[NotesFile, Annotation], None]


class NoteActions:
    """The app's one way to change notes, so every screen behaves the same."""

    def __init__(self, app: App, annotations: Annotations) -> None:
        self.app = app
        self.annotations = annotations
        self.saves = NoteSaves(app, annotations.store.where)
        self.deleted: list[tuple[str, str]] = []  # (article id, note id), newest last
        # Notes waiting to be saved: looked for on the saves' thread only.
        self.pending = Pending(annotations.store.where, self.saves.last_resort)

    def _fail(self, what: str, reason: str) -> None:
        self.app.notify(f"{what}: {reason}", severity="error", timeout=8)

    def _path(self, article_id: str) -> Path | None:
        try:
            return self.annotations.store.path_for(article_id)
        except ValueError:
            return None

    def _submit(
        self,
        article_id: str,
        run: Callable[[], Written],
        done: Callable[[Written], None],
        failed: Callable[[str], None],
        keep: NotesFile | None = None,
    ) -> None:
        self.saves.submit(SaveJob(run, done, failed, self._path(article_id), keep))

    # ----- new notes ---------------------------------------------------------------------

    def _save_new(
        self,
        ref: ArticleRef,
        annotation: Annotation,
        done: Callable[[NotesFile], None],
        failed: Callable[[str], None],
    ) -> None:
        keep = NotesFile(ref, [annotation])
        store = self.annotations.store
        self._submit(ref.id, lambda: store.add(ref, annotation, follow=True), done, failed, keep)

    def _new_note(self, article: Article, start: int, end: int) -> Annotation | None:
        try:
            return Annotation.new(make_target(article.text, start, end))
        except ValueError as error:
            self._fail("Note not saved", str(error))
            return None

    def annotate(
        self, article: Article, start: int, end: int, with_note: bool, done: Saved
    ) -> None:
        """A passage picked to annotate: a note written in the dialog, or (without one) a
        highlight at once in the default colour; `done` once saved."""
        if with_note:
            self.write_new(article, start, end, done)
        else:
            self.add(article, start, end, Draft("", (), DEFAULT_COLOR), done)

    def add(
        self, article: Article, start: int, end: int, draft: Draft, done: Saved = _nothing
    ) -> None:
        """Save a note on text[start:end] without a dialog (a highlight); `done` once saved."""
        fresh = self._new_note(article, start, end)
        if fresh is None:
            return
        annotation = replace(fresh, note=draft.note, tags=draft.tags, color=draft.color)
        ref = ArticleRef.from_article(article)

        def saved(written: NotesFile) -> None:
            self.app.notify("Note saved." if draft.note else "Highlighted.", timeout=2)
            done(written, annotation)

        keep = NotesFile(ref, [annotation])
        store = self.annotations.store

        def run() -> NotesFile:
            try:
                return store.add(ref, annotation, follow=True)
            except NotesFolderGoneError as gone:  # no dialog holds it: kept at once
                raise NotesFolderGoneError(gone.notes_dir, self.saves.keep(keep).path) from gone

        failed = partial(self._fail, "Note not saved")
        self._submit(ref.id, run, saved, failed, keep)

    def write_new(self, article: Article, start: int, end: int, done: Saved) -> None:
        """Ask for a note on text[start:end] in the dialog, and save it from there."""
        fresh = self._new_note(article, start, end)
        if fresh is None:
            return
        ref = ArticleRef.from_article(article)

        def note_from(draft: Draft) -> Annotation:
            return replace(
                fresh,
                note=draft.note,
                tags=draft.tags,
                color=draft.color,
                modified=later_than(fresh.created),
            )

        def save(screen: AnnotateScreen, draft: Draft) -> None:
            annotation = note_from(draft)

            def saved(written: NotesFile) -> None:
                screen.saved()
                self.app.notify("Note saved.", timeout=2)
                done(written, annotation)

            self._save_new(
                ref, annotation, saved, lambda reason: self._dialog_failed(screen, reason)
            )

        def keep(screen: AnnotateScreen, draft: Draft) -> None:
            self._keep(screen, NotesFile(ref, [note_from(draft)]))

        quote = article.text[start:end]
        known = self.annotations.known_tags()
        self.app.push_screen(AnnotateScreen(quote, known_tags=known, on_save=save, on_keep=keep))

    def edit(
        self, article_id: str, annotation: Annotation, done: Callable[[NotesFile], object]
    ) -> None:
        """Open the dialog on a note, and save it from there; `done` with the notes written."""

        def save(screen: AnnotateScreen, draft: Draft) -> None:
            def saved(written: Updated) -> None:
                screen.saved()
                self._say_saved("Note saved.", written)
                done(written.notes)

            self._submit(
                article_id,
                lambda: self.annotations.edited(
                    article_id, annotation, note=draft.note, tags=draft.tags, color=draft.color
                ),
                saved,
                lambda reason: self._dialog_failed(screen, reason),
                self._edited(article_id, annotation, draft),
            )

        def keep(screen: AnnotateScreen, draft: Draft) -> None:
            self._keep(screen, self._edited(article_id, annotation, draft))

        screen = AnnotateScreen(
            annotation.quote,
            note=annotation.note,
            tags=annotation.tags,
            color=annotation.color,
            known_tags=self.annotations.known_tags(),
            title="Edit note",
            on_save=save,
            on_keep=keep,
        )
        self.app.push_screen(screen)

    def _say_saved(self, said: str, written: Updated) -> None:
        """Say that an edit was saved, and when the note was changed in its file since it
        was shown, that that version is kept as a second note."""
        if written.theirs is None:
            self.app.notify(said, timeout=2)
            return
        self.app.notify(
            f"{said} The note was changed in its file since it was shown: that version "
            "is kept too, as a second note on the same passage.",
            severity="warning",
            timeout=10,
        )

    def _dialog_failed(self, screen: AnnotateScreen, reason: str) -> None:
        screen.save_failed(reason)
        self._fail("Note not saved", reason)

    @staticmethod
    def _edited(article_id: str, annotation: Annotation, draft: Draft) -> NotesFile:
        """The edit to keep aside, with the note as it was (saved only if it still is)."""
        edited = replace(
            annotation,
            note=draft.note,
            tags=draft.tags,
            color=draft.color,
            modified=later_than(annotation.modified),
        )
        return kept_edit(article_id, annotation, edited)

    def _keep(self, screen: AnnotateScreen, notes: NotesFile) -> None:
        """Put a note that could not be saved aside, in the notes directory, or else (that
        cannot be written either) in the data directory's last resort."""

        def kept(where: Kept) -> None:
            screen.saved()
            if where.aside:
                said = (
                    f"Note kept unsaved in {where.path}; it is saved when the notes can be written."
                )
            else:
                said = (
                    f"Note not saved nor kept in the notes folder: written to {where.path}; "
                    "it is saved from there when the notes can be written."
                )
            self.app.notify(said, severity="warning", timeout=10)

        # `keep` too: quitting, a note that cannot be kept aside is listed as lost.
        self.saves.submit(
            SaveJob(lambda: self.saves.keep(notes), kept, screen.keep_failed, None, notes)
        )

    # ----- other changes -----------------------------------------------------------------

    def delete(
        self,
        article_id: str,
        annotation_id: str,
        done: Callable[[NotesFile], None],
        undo: str = "main.undo",
    ) -> None:
        """Delete a note (a tombstone in its file), remembering it for undo; `done` with the
        notes written. The toast names the key of `undo`, the binding that undoes it there."""

        def deleted(written: NotesFile) -> None:
            self.deleted.append((written.article.id, annotation_id))  # where it went, if moved
            self.app.notify(f"Note deleted. {bound_key(self.app, undo)} to undo.", timeout=4)
            done(written)

        self._submit(
            article_id,
            lambda: self.annotations.delete(article_id, annotation_id),
            deleted,
            lambda reason: self._fail("Could not delete the note", reason),
        )

    def undo(self, done: Callable[[tuple[str, str], NotesFile], None]) -> None:
        """Bring back the last deleted note; `done` gets (article id, note id) and the
        notes written (the article its notes followed a rename to, if they did)."""
        if not self.deleted:
            return
        last = self.deleted.pop()
        article_id, annotation_id = last

        def restored(written: NotesFile) -> None:
            self.app.notify("Note restored.", timeout=2)
            done((written.article.id, annotation_id), written)

        def failed(reason: str) -> None:
            self.deleted.append(last)
            self.app.screen.refresh_bindings()
            self._fail("Could not undo", reason)

        self._submit(
            article_id,
            lambda: self.annotations.undelete(article_id, annotation_id),
            restored,
            failed,
        )

    def confirm(self, article: Article, placed: Placed, done: Callable[[NotesFile], None]) -> None:
        """Store a fuzzy note's current place as its place; `done` with the notes written.
        Which note, and the passage it is now on, are said: several notes may share it."""

        def confirmed(written: Updated) -> None:
            passage = article.text[placed.start : placed.end]
            said = f"Place confirmed: {_named(placed.annotation)} is on {_quoted(passage)}."
            self._say_saved(said, written)
            done(written.notes)

        self._submit(
            article.id,
            lambda: self.annotations.confirm(article, placed),
            confirmed,
            lambda reason: self._fail("Could not confirm the place", reason),
        )

    def reattach(
        self,
        article: Article,
        placed: Placed,
        start: int,
        end: int,
        done: Callable[[NotesFile], None],
    ) -> None:
        """Give an orphaned note the passage text[start:end]; `done` with the notes written."""
        try:
            target = make_target(article.text, start, end)
        except ValueError as error:
            self._fail("Could not re-attach", str(error))
            return

        def attached(written: Updated) -> None:
            self._say_saved("Note re-attached.", written)
            done(written.notes)

        self._submit(
            article.id,
            lambda: self.annotations.edited(article.id, placed.annotation, target=target),
            attached,
            lambda reason: self._fail("Could not re-attach", reason),
        )

    def attach(
        self,
        unplaced: UnplacedNote,
        article: Article,
        start: int,
        end: int,
        done: Callable[[NotesFile], None],
    ) -> None:
        """Move an unplaced imported highlight onto text[start:end] of `article` (taken out
        of its unplaced file only once saved there); `done` with the article's notes."""

        def attached(written: NotesFile) -> None:
            self.app.notify("Highlight attached.", timeout=2)
            done(written)

        self._submit(
            article.id,
            lambda: attach(self.annotations.store, unplaced, article, start, end),
            attached,
            lambda reason: self._fail("Could not attach the highlight", reason),
        )

    # ----- notes kept aside, and quitting --------------------------------------------------

    def retry_unsaved(
        self, done: Callable[[], None], told: Callable[[], bool] = lambda: False
    ) -> None:
        """Save the notes kept aside earlier, and those of the last resort, if any wait
        (looked for in the background); says what was saved, and what not unless `told()`
        (asked once something waits: it says whether that was said already)."""
        store = self.annotations.store
        last_resort = self.saves.last_resort
        pending = self.pending

        def retried() -> tuple[RetryResult, RetryResult] | None:
            if not pending.waiting():
                return None
            return pending.retry_kept(store), pending.retry(store)

        def finished(results: tuple[RetryResult, RetryResult] | None) -> None:
            if results is None:
                return
            quiet = told()
            kept, listed = results
            for notice in kept.notices + listed.notices:
                self.app.notify(notice, severity="warning", timeout=10)
            if kept.counts:
                count = sum(kept.counts.values())
                self.app.notify(f"Saved {plural(count, 'note')} kept unsaved before.", timeout=6)
            for path, count in listed.counts.items():
                self.app.notify(f"{plural(count, 'note')} saved from {path.name}.", timeout=6)
            if kept.counts or listed.counts:
                done()
            dropped = kept.done_with + listed.done_with
            if dropped:  # no longer kept: said once, quiet or not
                more = f" (and {len(dropped) - 1} more)" if len(dropped) > 1 else ""
                self.app.notify(
                    f"Dropped, as it can never apply: {dropped[0]}{more}.",
                    severity="warning",
                    timeout=10,
                )
            if quiet:
                return
            if kept.problems:
                self.app.notify(
                    f"{_still(kept, 'file')} still kept unsaved in "
                    f"{unsaved_dir(store.where)}: {kept.problems[0]}",
                    severity="warning",
                    timeout=10,
                )
            if listed.problems:
                self.app.notify(
                    f"{_still(listed, 'item')} still not saved in "
                    f"{last_resort}: {listed.problems[0]}",
                    severity="warning",
                    timeout=10,
                )

        self.saves.submit(SaveJob(retried, finished, lambda r: self._fail("Retry", r)))

    async def finish(self) -> bool:
        """Before quitting: wait for the changes not yet saved (those that fail are kept
        aside). False, and the reason shown, when a change could be neither saved nor kept
        (unless the app is ending whatever: those notes are then in `saves.lost`)."""
        saves = self.saves
        if not saves.busy:
            return True
        if not saves.closing:
            saves.start_closing()
        while saves.busy:  # (polled: a thread to wait in could itself be waited for)
            await asyncio.sleep(0.05)
        if saves.lost_while_closing and not saves.ending:
            saves.closing_refused()
            self.app.notify(
                "Not quitting: a change to the notes could not be saved (see above).",
                severity="error",
                timeout=10,
            )
            return False
        return True


def _still(result: RetryResult, unread: str) -> str:
    """What still waits after a retry: its notes, and the files (or items) that could not
    be read as notes; "Some notes" when neither is known (a file saved but not emptied)."""
    parts = [plural(result.waiting, "note")] if result.waiting else []
    if result.unread:
        parts.append(f"{plural(result.unread, unread)} that cannot be read")
    return " and ".join(parts) or "Some notes"


def _named(annotation: Annotation) -> str:
    """A note as a message names it: by its first line, else as a highlight (with its
    tags)."""
    if annotation.has_note:
        return f"the note {_quoted(annotation.note_first_line)}"
    tags = shortened(hashed(annotation.tags), 40)
    return f"the highlight {tags}" if tags else "the highlight"


def _quoted(text: str) -> str:
    """`text` on one line, cut short, in quotes."""
    return f"“{shortened(visible_line(' '.join(text.split())), 40)}”"
