"""Attaching an unplaced highlight to a passage of an article, later than its import.

The note moves, as it is in its unplaced file when attached (read again under the notes
lock): it is saved into the article's notes first, and taken out of its unplaced notes
file only once that save is done, so a failed write leaves it where it was (a failure
between the two leaves it in both, never in neither; attaching again finishes the move).
It keeps its id, so importing its export again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.errors import ReaderError
from reader.importing.page_urls import page_address
from reader.importing.placing import Placement, place_in_text
from reader.model import Article
from reader.notes.anchoring import Anchorer, make_target
from reader.notes.schema import Annotation, ArticleRef, NotesFile, origin_of
from reader.notes.store import NotesStore
from reader.notes.timestamps import later_than
from reader.notes.unplaced import is_unplaced


class AttachError(ReaderError):
    """An unplaced note that cannot be attached: no such note, or its quote is not in
    the article named."""


@dataclass(frozen=True, slots=True)
class UnplacedNote:
    """An imported highlight kept in an unplaced notes file (`file_id`)."""

    file_id: str
    annotation: Annotation


def unplaced_notes(store: NotesStore) -> list[UnplacedNote]:
    """Every live note of the unplaced notes files (a broken one is skipped: the Notes
    screen and `reader notes` say what is wrong with it)."""
    found = []
    for article_id, notes in store.all_files():
        if is_unplaced(article_id) and isinstance(notes, NotesFile):
            found += [UnplacedNote(article_id, a) for a in notes.live]
    return found


def find_unplaced(store: NotesStore, note_id: str) -> UnplacedNote:
    """The unplaced note of an id, or of the only id starting so; raises AttachError."""
    held = unplaced_notes(store)
    found = [u for u in held if u.annotation.id == note_id] or [
        u for u in held if note_id and u.annotation.id.startswith(note_id)
    ]
    if len(found) != 1:
        reason = "no unplaced note has this id" if not found else "more than one starts so"
        raise AttachError(f"{note_id or '(empty id)'}: {reason}")
    return found[0]


def place(unplaced: UnplacedNote, article: Article) -> Placement:
    """Where the note's quote is in `article`, as an import places it (exactly, else on
    the passage most like it); raises AttachError when it is not there."""
    target = unplaced.annotation.target
    found = place_in_text(
        article, Anchorer(article.text), target.exact, target.prefix, target.suffix
    )
    if found is None:
        quote = " ".join(target.exact.split())
        short = quote if len(quote) <= 40 else quote[:39] + "…"
        raise AttachError(f"{unplaced.annotation.id[:8]}: “{short}” not found in {article.id}")
    return found


def attach_waiting(store: NotesStore, articles: list[Article]) -> list[UnplacedNote]:
    """The unplaced notes highlighted on the page of one of `articles` (by its web
    address, see `page_address`), a page fetched since their import, attached to it where
    their quote is; those attached. Raises as `attach` does."""
    pages = {page_address(a.url or ""): a for a in articles} if articles else {}
    pages.pop(None, None)
    attached = []
    for unplaced in unplaced_notes(store) if pages else []:
        url = (origin_of(unplaced.annotation.extra) or {}).get("url")
        article = pages.get(page_address(url)) if isinstance(url, str) else None
        if article is None:
            continue
        try:
            found = place(unplaced, article)
            score = None if found.exact else found.score
            attach(store, unplaced, article, found.start, found.end, score)
        except AttachError:  # not there, or deleted meanwhile
            continue
        attached.append(unplaced)
    return attached


def attach(
    store: NotesStore,
    unplaced: UnplacedNote,
    article: Article,
    start: int,
    end: int,
    score: float | None = None,
) -> NotesFile:
    """Move the note onto text[start:end] of `article` (`score`: how like its quote the
    passage is, when placed approximately, kept in its origin as an import keeps it);
    the article's notes as written. The note is read again under the notes lock: an edit
    made meanwhile goes with it, and one deleted meanwhile is not attached (AttachError).
    Raises ValueError for an empty span, NotesFileError, NotesLockedError, OSError."""
    target = make_target(article.text, start, end)

    def placed(note: Annotation) -> Annotation:
        extra = dict(note.extra)
        if (origin := origin_of(note.extra)) is not None:
            kept = {k: v for k, v in origin.items() if k != "score"}
            extra["origin"] = kept if score is None else {**kept, "score": round(score, 2)}
        return replace(note, target=target, extra=extra, modified=later_than(note.modified))

    ref = ArticleRef.from_article(article)
    try:
        return store.transfer(unplaced.file_id, unplaced.annotation.id, ref, placed)
    except KeyError as error:
        raise AttachError(f"{error.args[0]}; not attached") from None
