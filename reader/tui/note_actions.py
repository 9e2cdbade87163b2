"""Changing notes from any screen: add, edit, delete and undo, each reporting failure in one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.errors import NotesFileError
from reader.model import Article
from reader.notes.placement import Annotations
from reader.notes.schema import Annotation
from reader.tui.screens.annotate import AnnotateScreen, Draft

if TYPE_CHECKING:
    from textual.app import App

_FAILURES = (NotesFileError, OSError, KeyError, ValueError)


class NoteActions:
    """The app's one way to change notes, so every screen behaves the same."""

    def __init__(self, app: App, annotations: Annotations) -> None:
        self.app = app
        self.annotations = annotations
        self.deleted: list[tuple[str, str]] = []  # (article id, note id), newest last

    def _fail(self, what: str, error: Exception) -> None:
        self.app.notify(f"{what}: {error}", severity="error", timeout=8)

    def add(self, article: Article, start: int, end: int, draft: Draft) -> Annotation | None:
        try:
            annotation = self.annotations.add(
                article, start, end, note=draft.note, tags=draft.tags, color=draft.color
            )
        except _FAILURES as error:
            self._fail("Note not saved", error)
            return None
        self.app.notify("Note saved." if draft.note else "Highlighted.", timeout=2)
        return annotation

    def write_new(
        self, article: Article, start: int, end: int, done: Callable[[Annotation], None]
    ) -> None:
        """Ask for a note on text[start:end] in the dialog, then save it."""
        screen = AnnotateScreen(article.text[start:end], known_tags=self.annotations.known_tags())

        def save(draft: Draft | None) -> None:
            if draft is not None and (annotation := self.add(article, start, end, draft)):
                done(annotation)

        self.app.push_screen(screen, save)

    def edit(self, article_id: str, annotation: Annotation, done: Callable[[], None]) -> None:
        """Open the dialog on a note, and save what comes back."""
        screen = AnnotateScreen(
            annotation.quote,
            note=annotation.note,
            tags=annotation.tags,
            color=annotation.color,
            known_tags=self.annotations.known_tags(),
            title="Edit note",
        )

        def save(draft: Draft | None) -> None:
            if draft is None:
                return
            try:
                self.annotations.edit(
                    article_id, annotation, note=draft.note, tags=draft.tags, color=draft.color
                )
            except _FAILURES as error:
                self._fail("Note not saved", error)
                return
            self.app.notify("Note saved.", timeout=2)
            done()

        self.app.push_screen(screen, save)

    def delete(self, article_id: str, annotation_id: str) -> bool:
        """Delete a note (a tombstone in its file), remembering it for undo."""
        try:
            self.annotations.delete(article_id, annotation_id)
        except _FAILURES as error:
            self._fail("Could not delete the note", error)
            return False
        self.deleted.append((article_id, annotation_id))
        self.app.notify("Note deleted. u to undo.", timeout=4)
        return True

    def undo(self) -> tuple[str, str] | None:
        """Bring back the last deleted note; returns (article id, note id)."""
        if not self.deleted:
            return None
        article_id, annotation_id = self.deleted[-1]
        try:
            self.annotations.undelete(article_id, annotation_id)
        except _FAILURES as error:
            self._fail("Could not undo", error)
            return None
        self.deleted.pop()
        self.app.notify("Note restored.", timeout=2)
        return article_id, annotation_id

    def confirm(self, article: Article, placed) -> bool:
        try:
            self.annotations.confirm(article, placed)
        except _FAILURES as error:
            self._fail("Could not confirm the place", error)
            return False
        self.app.notify("Place confirmed.", timeout=2)
        return True
