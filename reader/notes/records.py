"""Every annotation in a library, placed on its article's current text, for listing and export."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.errors import NotesFileError
from reader.model import Article, id_source
from reader.notes.anchoring import AnchorStatus
from reader.notes.filtering import NoteFilter
from reader.notes.placement import place
from reader.notes.schema import Annotation, NotesFile
from reader.notes.store import NotesStore
from reader.notes.tags import has_all_tags
from reader.notes.timestamps import format_utc
from reader.notes.unplaced import UNPLACED, is_unplaced
from reader.notes.yamlio import broken_notes, note_warnings

# Every status a note is listed with: where its anchoring placed it, or unplaced.
SHOWN_STATUSES = (*(s.value for s in AnchorStatus), UNPLACED)


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """One annotation with where it stands now and what it belongs to."""

    annotation: Annotation
    article_id: str
    title: str
    source: str
    date: str | None
    path: str
    status: AnchorStatus
    start: int
    end: int
    # What the article knows of itself, for exports that carry it (empty when gone).
    url: str | None = None
    author: str | None = None
    article_tags: tuple[str, ...] = ()
    chapter: str = ""  # the heading the passage stands under

    @property
    def quote(self) -> str:
        return self.annotation.quote

    @property
    def shown_status(self) -> str:
        """The status as lists show it: "unplaced" for an imported highlight not found in
        the library yet (its anchoring says orphaned: no article holds it)."""
        return UNPLACED if is_unplaced(self.article_id) else str(self.status)

    def to_json(self) -> dict:
        a = self.annotation
        return {
            "id": a.id,
            "article": self.article_id,
            "quote": a.quote,
            "note": a.note,
            "tags": list(a.tags),
            "color": a.color,
            "status": self.shown_status,
            "created": format_utc(a.created),
            "modified": format_utc(a.modified),
        }


@dataclass(frozen=True, slots=True)
class NotesProblem:
    """A notes file, or a note, that could not be read: its notes are kept, and listed
    as a problem. `shown`: a note read all the same, something odd in it said."""

    article_id: str
    error: NotesFileError
    shown: bool = False


def collect(
    store: NotesStore,
    load_article: Callable[[str], Article | None],
    *,
    article_id: str | None = None,
) -> tuple[list[NoteRecord], list[NotesProblem]]:
    """Every live annotation (of one article, or all), placed on the article's text.

    An article that is gone leaves its annotations orphaned, never dropped.
    """
    records: list[NoteRecord] = []
    problems: list[NotesProblem] = []
    files: Iterable[tuple[str, NotesFile | NotesFileError]]
    if article_id is not None:
        try:
            files = [(article_id, store.load(article_id))]
        except NotesFileError as error:
            files = [(article_id, error)]
    else:
        files = store.all_files()
    for aid, notes in files:
        if isinstance(notes, NotesFileError):
            problems.append(NotesProblem(aid, notes))
            continue
        path = str(store.path_for(aid))
        problems.extend(NotesProblem(aid, error) for error in broken_notes(notes, path))
        problems.extend(NotesProblem(aid, odd, shown=True) for odd in note_warnings(notes, path))
        if not notes.live:
            continue
        article = load_article(aid)
        if article is None:
            title = notes.article.title or aid
            source = "" if is_unplaced(aid) else id_source(aid)
            for annotation in notes.live:
                t = annotation.target
                records.append(
                    NoteRecord(
                        annotation,
                        aid,
                        title,
                        source,
                        None,
                        notes.article.path,
                        AnchorStatus.ORPHANED,
                        t.start,
                        t.end,
                    )
                )
            continue
        headings = _headings(article)
        for placed in place(article.text, notes.live):
            records.append(
                NoteRecord(
                    placed.annotation,
                    aid,
                    article.title,
                    article.source,
                    article.date,
                    article.path,
                    placed.status,
                    placed.start,
                    placed.end,
                    url=article.url,
                    author=article.author,
                    article_tags=tuple(article.tags),
                    chapter=_heading_before(headings, placed.start),
                )
            )
    return records, problems


def _headings(article: Article) -> list[tuple[int, str]]:
    return [
        (block.start, " ".join(article.block_text(block).split()))
        for block in article.blocks
        if block.kind == "heading" and not block.boilerplate
    ]


def _heading_before(headings: list[tuple[int, str]], offset: int) -> str:
    """The text of the last heading that starts at or before `offset` ("" if none)."""
    found = bisect_right(headings, offset, key=lambda h: h[0])
    return headings[found - 1][1] if found else ""


def matches(
    record: NoteRecord,
    *,
    tags: Iterable[str] = (),
    status: str | None = None,
    text: str = "",
) -> bool:
    """Whether a record passes the filters: all tags (as `has_all_tags` matches them), a
    status, and the words of a filter (see `NoteFilter`)."""
    if not has_all_tags(record.annotation.tags, tags):
        return False
    if status and record.shown_status != status:
        return False
    return not text or NoteFilter.parse(text).passes(record)
