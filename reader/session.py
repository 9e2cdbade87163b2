"""One library opened for reading: its index, reading state and notes, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ArticleError
from reader.model import Article, outside_path
from reader.paths import notes_dir_for
from reader.search.index import LibraryIndex, open_index
from reader.state import LastOpen, ReadingState
from reader.text.passage import place_of

# The search, notes and related-coverage stacks (the query language, rapidfuzz, regex,
# YAML) are imported when first used, not at start-up: the window should not wait for
# them.
if TYPE_CHECKING:
    from concurrent import futures

    from reader.notes.follow import Followed
    from reader.notes.placement import Annotations
    from reader.related import RelatedIndex
    from reader.search.listing import Listing
    from reader.search.query import Query
    from reader.search.records import ArticleRow
    from reader.search.results import Hit, SearchResult, UpdateStats

# Hits a tall screen shows at once: a front end asks for their excerpts first, and has
# the others cut (and the matches counted) right after, with Session.complete.
FIRST_EXCERPTS = 20

# Rows a front end lists before the whole library is read.
FIRST_PAGE = 200

FirstPage = tuple["Listing", set[str]]  # the first rows, and the ids of the articles read


class Session:
    """The core services a front end needs, opened lazily so start-up stays instant."""

    def __init__(self, root: Path, *, notes_dir: Path | None = None) -> None:
        self.root = root
        self.notes_dir = notes_dir or notes_dir_for(root)
        self._first_page: futures.Future[FirstPage] | None = None

    @cached_property
    def index(self) -> LibraryIndex:
        return open_index(self.root)

    @cached_property
    def state(self) -> ReadingState:
        return ReadingState(self.root)

    @cached_property
    def related(self) -> RelatedIndex:
        from reader.related import open_related

        return open_related(self.root)

    def update_related(
        self,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, int]:
        """Bring story groups up to date; article id -> sources telling its story (2+).

        A large library is worked on in a separate process, so that the front end keeps
        its memory and its responsiveness; `cancelled()` can stop it (raising Cancelled).
        progress(percent, 100) is called as the work goes on, when there is work to do.
        """
        from reader.related.stories import POOL_MIN_ARTICLES, update_apart

        if self.index.count() >= POOL_MIN_ARTICLES:
            update_apart(self.related, self.index, cancelled, progress)
        else:
            self.related.update(self.index, progress=progress)
        return self.related.sources_of()

    @cached_property
    def annotations(self) -> Annotations:
        from reader.notes.placement import Annotations
        from reader.notes.store import NotesStore

        return Annotations(NotesStore(self.notes_dir))

    def _may_have_notes(self) -> bool:
        """False when the notes are not loaded yet and there are no notes files: a
        search then needs neither the notes nor their YAML."""
        if "annotations" in self.__dict__:
            return True
        from reader.notes.location import notes_ids

        return bool(notes_ids(self.notes_dir))

    def articles(self) -> list[ArticleRow]:
        """Every indexed article, from the index alone (no file is read)."""
        return self.index.articles()

    def listing(self, limit: int | None = None) -> Listing:
        """The articles grouped by source, from the index alone (see LibraryIndex.listing)."""
        return self.index.listing(limit)

    def first_page(self, *, now: bool = False) -> futures.Future[FirstPage]:
        """The first FIRST_PAGE rows of the listing and the read marks, as a future.

        Read by the first call, in a thread or (with `now`) on the spot, and shared by
        later calls. The app reads it on the spot before it loads its interface: a
        thread reading while modules load waits for the interpreter at every query, and
        would still be at it when the window is ready to show the rows.
        """
        if self._first_page is None:
            from concurrent import futures  # (not for a command: `reader search` needs none)

            if now:
                self._first_page = futures.Future()
                try:
                    self._first_page.set_result(self.read_first_page())
                except Exception as error:  # raised where the result is taken, as from a thread
                    self._first_page.set_exception(error)
            else:
                # (futures loads its thread pool module on this first use)
                pool = futures.ThreadPoolExecutor(1, thread_name_prefix="reader-first-page")
                self._first_page = pool.submit(self.read_first_page)
                pool.shutdown(wait=False)
        return self._first_page

    def read_first_page(self) -> FirstPage:
        """The first FIRST_PAGE rows of the listing and the read marks, read now; while
        the index is built anew (it holds part of the library), every file by its name."""
        if self.index.rebuilding:
            return self.files_listing(), self.state.read_ids()
        return self.listing(FIRST_PAGE), self.state.read_ids()

    def read_gone(self) -> set[str]:
        """The articles marked read that the index no longer holds (their files removed,
        or no longer readable): a look per article read, none per article listed."""
        read = self.state.read_ids()
        return read - self.index.known(read)

    def files_listing(self) -> Listing:
        """The library's files, each under its folder and by its name (see
        `reader.search.files_listing`): what to list while the index cannot."""
        from reader.search.files_listing import files_listing

        return files_listing(self.index.root)

    def reading_position(self, article: Article) -> int:
        """Where the reader left off in an article: found by the text that was there
        (the file may have been edited since), else at the same offset."""
        offset, passage = self.state.place(article.id)
        return place_of(article.text, offset, passage)

    def last_open(self) -> LastOpen | None:
        """The article shown when the app was last left, while its file is still in the
        library (one look at that file: the library is not walked)."""
        last = self.state.last_open()
        if last is None:
            return None
        try:
            there = (self.root / last.article).is_file()
        except (OSError, ValueError):
            there = False
        return last if there else None

    def article(self, article_id: str) -> Article | None:
        """The article as indexed, or a file outside the library read now (annotated
        from the command line); None when there is no such article."""
        found = self.index.article(article_id)
        if found is not None:
            return found
        path = outside_path(article_id)
        if path is None:
            return None
        from reader.ingest.formats import load_article

        try:
            return load_article(path, None)
        except ArticleError:  # gone, or no longer readable: its notes are orphaned
            return None

    def why_unreadable(self, article_id: str) -> str | None:
        """Why an article no longer in the index cannot be read, when its file is still
        there and was passed over (a reason in a line); None when it is simply gone."""
        return self.index.skipped_reason(article_id)

    def follow_renamed_notes(self) -> list[Followed]:
        """After an update, the notes of renamed or moved articles go with them (see
        `reader.notes.follow`): what moved, and what could not."""
        from reader.notes.follow import follow_renamed

        followed = follow_renamed(self.annotations.store, self.index)
        # Where each was read, and whether it was the last (an article renamed while the
        # index was updated elsewhere: the update here did not see it go).
        self.state.follow((f.old, f.to) for f in followed if f.to is not None)
        return followed

    def update_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        rebuild: bool = False,
        wait: float | None = None,
    ) -> UpdateStats:
        """Bring the index up to date (`rebuild`: reading every file again, see
        `LibraryIndex.rebuild`); progress(done, total) may raise Cancelled to stop
        between chunks (what was written stays, and the next update goes on from there).
        An index that cannot be written raises SearchIndexReadOnlyError, one that another
        process writes (after `wait` seconds at most) SearchIndexBusyError: it is still
        searched as it is."""
        build = self.index.rebuild if rebuild else self.index.update
        stats = build(progress=progress, wait=wait)
        self.state.follow(stats.renamed)
        return stats

    def index_is_current(self) -> bool:
        """Whether the library is as the index last saw it (no file is read; see
        `LibraryIndex.is_current`)."""
        return self.index.is_current()

    def search(
        self, text: str, limit: int = 200, excerpts: int | None = None, count: bool = True
    ) -> SearchResult:
        """Search articles, and notes alongside: `tag:` and `has:notes` filter by notes,
        and an article whose note holds the words is a hit that says so in its snippet.

        `excerpts` and `count` as in LibraryIndex.search: what they leave out,
        `complete()` fills in."""
        from reader.search.query import parse_query
        from reader.search.results import Hit

        query = parse_query(text)
        within, without = self._note_filters(query)
        result = self.index.search(
            query,
            limit=limit,
            read_ids=self._read_ids(query),
            within=within,
            excerpts=excerpts,
            count=count,
            without=without,
        )
        terms = [t.text for t in query.terms if t.column is None]
        if not terms or query.exclude or len(result.hits) >= limit or not self._may_have_notes():
            return result
        from reader.notes.matching import match_notes

        entries = self.annotations.catalog.entries()
        if within is not None or without:
            entries = {
                aid: items
                for aid, items in entries.items()
                if (within is None or aid in within) and aid not in (without or ())
            }
        seen = {hit.id for hit in result.hits}
        extra: list[Hit] = []
        for found in match_notes(entries, terms):
            if found.article_id in seen or len(result.hits) + len(extra) >= limit:
                continue
            article = self.index.article(found.article_id)
            if article is None:
                continue
            extra.append(
                Hit(
                    article.id,
                    article.title,
                    article.source,
                    article.author,
                    article.date,
                    0.0,
                    found.snippet,
                    found.spans,
                )
            )
        if not extra:
            return result
        return replace(result, hits=[*result.hits, *extra], total=result.total + len(extra))

    def complete(self, result: SearchResult, *, excerpts: bool = True) -> SearchResult:
        """The result with every excerpt and its count (see Session.search); with
        `excerpts` False, only the count (a list that shows few hits at a time cuts
        their excerpts as it shows them, with Session.excerpts)."""
        query = result.query
        if result.counted:  # only excerpts to cut: no need to resolve the filters again
            if not excerpts:
                return result
            return replace(result, hits=self.index.excerpts(query, result.hits))
        within, without = self._note_filters(query)
        return self.index.complete(
            result,
            read_ids=self._read_ids(query),
            within=within,
            without=without,
            excerpts=excerpts,
        )

    def excerpts(self, query: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The hits, those without an excerpt given one for the query."""
        return self.index.excerpts(query, hits)

    def _read_ids(self, query: Query) -> set[str] | None:
        """The articles opened before, when the query asks (`is:read`, `is:unread`)."""
        return self.state.read_ids() if query.read else None

    def _note_filters(self, query: Query) -> tuple[set[str] | None, set[str] | None]:
        """The article ids that `tag:` and `has:notes` allow, and those that `-tag:`,
        `-has:notes` and `-word` (for a note holding the word) leave out; None: no such
        filter. A search for `word` finds an article by its note: `-word` leaves it out."""
        words = [t.text for t in query.excluded if t.column is None]
        if not (query.tags or query.not_tags or query.has_notes is not None or words):
            return None, None
        catalog = self.annotations.catalog
        noted = set(catalog.entries())
        within = None
        if query.tags or query.has_notes:
            within = catalog.with_tags(query.tags) if query.tags else noted
        without = set(noted) if query.has_notes is False else set()
        if query.not_tags:
            without |= catalog.with_any_tag(query.not_tags)
        if words:
            from reader.notes.matching import match_notes

            entries = catalog.entries()
            without |= {found.article_id for w in words for found in match_notes(entries, [w])}
        return within, without or None

    @staticmethod
    def highlight_terms(text: str) -> list[str]:
        """The words and phrases of a query worth highlighting in an opened hit."""
        from reader.search.query import parse_query

        return [term.text for term in parse_query(text).terms if term.text.strip()]
