"""An article's annotations placed on its current text, and the edits a reader makes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypedDict, Unpack

from reader.errors import NotesFileError
from reader.model import Article
from reader.notes.anchoring import Anchorer, AnchorStatus, make_target
from reader.notes.catalog import NotesCatalog
from reader.notes.schema import DEFAULT_COLOR, Annotation, ArticleRef, NotesFile, Target
from reader.notes.store import NotesStore, Updated
from reader.notes.tags import normalised
from reader.notes.yamlio import broken_notes, note_warnings


class Changes(TypedDict, total=False):
    """What a reader can change of an annotation."""

    note: str
    tags: tuple[str, ...]
    color: str
    target: Target


@dataclass(frozen=True, slots=True)
class Placed:
    """An annotation and where it sits in the article's text now (an orphan: where it
    was when last saved)."""

    annotation: Annotation
    start: int
    end: int
    status: AnchorStatus

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def orphaned(self) -> bool:
        return self.status is AnchorStatus.ORPHANED


def place(text: str, annotations: Iterable[Annotation]) -> list[Placed]:
    """Anchor every live annotation on `text`; placed ones by position, orphans last."""
    anchorer = Anchorer(text)
    placed = []
    for annotation in annotations:
        if not annotation.deleted:
            anchor = anchorer.anchor(annotation.target)
            placed.append(Placed(annotation, anchor.start, anchor.end, anchor.status))
    return sorted(placed, key=lambda p: (p.orphaned, p.start, p.end))


@dataclass(slots=True)
class ArticleNotes:
    """What the reader needs of one article's notes: placed annotations, or why not."""

    placed: list[Placed]
    error: NotesFileError | None = None
    # The notes of the file that cannot be read, each named by its line (kept as written).
    broken: tuple[NotesFileError, ...] = ()
    # What is odd in notes read all the same (an empty quote, blank tags), by line.
    odd: tuple[NotesFileError, ...] = ()

    def get(self, annotation_id: str) -> Placed | None:
        return next((p for p in self.placed if p.id == annotation_id), None)

    @classmethod
    def of(cls, article: Article, notes: NotesFile, path: str = "") -> ArticleNotes:
        """The article's notes as read or written (from the file at `path`), placed on
        its text."""
        return cls(
            place(article.text, notes.live),
            broken=tuple(broken_notes(notes, path)),
            odd=tuple(note_warnings(notes, path)),
        )


class Annotations:
    """Annotating articles through a NotesStore: add, edit, delete, undo, confirm."""

    def __init__(self, store: NotesStore) -> None:
        self.store = store
        self.catalog = NotesCatalog(store)

    def for_article(self, article: Article) -> ArticleNotes:
        try:
            notes = self.store.load(article.id)
        except NotesFileError as error:
            return ArticleNotes([], error)
        return self.shown(article, notes)

    def shown(self, article: Article, notes: NotesFile) -> ArticleNotes:
        """The article's notes as read or just written, placed on its text."""
        return ArticleNotes.of(article, notes, str(self.store.path_for(article.id)))

    def add(
        self,
        article: Article,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: Iterable[str] = (),
        color: str = DEFAULT_COLOR,
    ) -> Annotation:
        """Annotate text[start:end]; raises ValueError for an empty span, NotesFileError."""
        annotation = Annotation.new(make_target(article.text, start, end), note, tags, color)
        # (the notes written are not shown: the file's other notes need not be read)
        self.store.add(ArticleRef.from_article(article), annotation, whole=False)
        return annotation

    def edit(
        self, article_id: str, annotation: Annotation, **changes: Unpack[Changes]
    ) -> NotesFile:
        """`edited`, returning the notes as written."""
        return self.edited(article_id, annotation, **changes).notes

    def edited(
        self, article_id: str, annotation: Annotation, **changes: Unpack[Changes]
    ) -> Updated:
        """Change an annotation's note, tags, colour or passage; the notes as written.
        Only what differs from `annotation` (the copy shown) is changed on disk, in the
        file its notes followed the article to when it was renamed since; a field changed
        there meanwhile too keeps this change, the note as it was there kept beside it
        (see `NotesStore.updated`). Tags changed are given each once; those left as
        they were are kept as written."""
        if "tags" in changes and tuple(changes["tags"]) != annotation.tags:
            changes["tags"] = normalised(changes["tags"])
        edited = replace(annotation, **changes)
        return self.store.updated(article_id, edited, was=annotation, follow=True)

    def delete(self, article_id: str, annotation_id: str) -> NotesFile:
        """Delete an annotation, in the file its notes followed the article to when it was
        renamed since; the notes as written (their `article.id` says which)."""
        return self.store.delete(article_id, annotation_id, follow=True)

    def undelete(self, article_id: str, annotation_id: str) -> NotesFile:
        """Bring a deleted annotation back, where its notes went as for `delete`."""
        return self.store.undelete(article_id, annotation_id, follow=True)

    def confirm(self, article: Article, placed: Placed) -> Updated:
        """Accept a fuzzy placement: the stored target becomes the current passage (the
        note as it was in its file kept beside it when its place changed there too)."""
        target = make_target(article.text, placed.start, placed.end)
        return self.edited(article.id, placed.annotation, target=target)

    def counts(self) -> dict[str, int]:
        """Live annotations per article id, over every readable notes file."""
        return self.catalog.counts()

    def known_tags(self) -> list[str]:
        """Every tag in use, most used first."""
        return self.catalog.tags()
