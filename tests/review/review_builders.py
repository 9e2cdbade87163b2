"""A library with notes for the Review tests, built in-process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reader.config import ReviewSettings
from reader.notes.anchoring import Anchorer
from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from reader.review.deck import Deck
from reader.session import Session

MORNING = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def annotate(session: Session, article_id: str, quote: str, **fields) -> str:
    """Annotate `quote` in the article; the new note's id."""
    article = session.article(article_id)
    assert article is not None
    span = Anchorer(article.text).find(quote, 1)
    assert span is not None, quote
    store = NotesStore(session.notes_dir)
    return Annotations(store).add(article, *span, **fields).id


def deck_of(library: Path, notes: Path, settings: ReviewSettings | None = None) -> Deck:
    session = Session(library, notes_dir=notes)
    session.index.update()
    return Deck(NotesStore(notes), session.article, settings)
