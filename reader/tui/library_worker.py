"""The main screen's background work: listing, indexing, story grouping, note counts, file
watching, and reading an article, a search or a comparison.

It runs in threads and tells the screen what it found by posting the messages below,
which the screen handles like any other (`on_listed`, `on_progress`, ...).
"""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, get_current_worker

from reader.errors import (
    Cancelled,
    ReaderError,
    SearchIndexBusyError,
    SearchIndexDamagedError,
    SearchIndexReadOnlyError,
)
from reader.session import FIRST_EXCERPTS
from reader.tui.widgets.status_line import REBUILDING

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen

    from reader.infra.watching import Changes
    from reader.model import Article
    from reader.notes.follow import Followed
    from reader.notes.placement import ArticleNotes
    from reader.related import Comparison
    from reader.search.listing import Listing
    from reader.search.query import Query
    from reader.search.results import Hit, SearchResult, UpdateStats
    from reader.session import FirstPage, Session

PROGRESS_EVERY = 0.2  # seconds between two "Indexing n/total" lines
ROWS_EVERY = 2.0  # seconds between two listings shown while an index is built
# Seconds an update waits for another writer of the index before saying it is busy (None:
# SQLite's own timeout). The app's own updates may overlap (a replaced worker's thread runs
# on to its end), so it waits as long as SQLite does; the CLI waits a second.
BUSY_WAIT: float | None = None


@dataclass
class Listed(Message):
    """The library's articles as the index lists them (`read`: the ids read, when read
    anew; `read_gone`: those of them no longer in the library, when looked up).

    Not posted from an index built anew until it is whole: the list shown stays (the
    library as last listed, or its files by name), and so does the article chosen."""

    listing: Listing
    read: set[str] | None = None
    read_gone: set[str] | None = None


@dataclass
class Progress(Message):
    """How far the index update is (`rebuilding`: an index built anew, see Listed)."""

    done: int
    total: int
    rebuilding: bool = False


@dataclass
class Indexed(Message):
    """The index is up to date; the notes of renamed articles followed them (or could not)."""

    stats: UpdateStats
    followed: list[Followed]


@dataclass
class NotesFollowed(Message):
    """Notes that waited to follow their renamed article, their file unreadable as it went,
    followed it once the file read again (or still wait, and why)."""

    followed: list[Followed]


@dataclass
class IndexReadOnly(Message):
    """The index cannot be written: it is searched as it is."""


@dataclass
class IndexBusy(Message):
    """Another process is writing the index: it is searched as it is, and the update
    (`rebuild`: reading every file again) is to be tried again later."""

    rebuild: bool = False


@dataclass
class IndexTemporary(Message):
    """The cache cannot hold an index: one is built for this run only (why, in a line)."""

    reason: str


@dataclass
class LibraryFailed(Message):
    """The library or its index cannot be used (the reason, in a line)."""

    reason: str


@dataclass
class NotesKeptAside(Message):
    """Notes a failed save kept aside (or wrote to the last resort) wait to be saved."""


@dataclass
class StoriesFound(Message):
    """Article id -> how many sources tell its story (2 or more)."""

    sources: dict[str, int]


@dataclass
class StoriesProgress(Message):
    """How far the story grouping under way is, in percent."""

    percent: int


@dataclass
class StoriesUnavailable(Message):
    """The stories could not be grouped (the reason, in a line)."""

    reason: str


@dataclass
class NotesCounted(Message):
    """Article id -> how many notes it has."""

    counts: dict[str, int]


@dataclass
class FilesChanged(Message):
    """Files changed in the library, the notes folder, or both, while the app runs."""

    changes: Changes


@dataclass
class ArticleLoaded(Message):
    """An article read (None: no longer in the library), and where the reader was in it."""

    article: Article | None
    position: int
    focus: bool
    asked: str = ""  # the id read
    unreadable: str | None = None  # why the file of an article gone can no longer be read


@dataclass
class NotesRead(Message):
    """The notes of `article` (the article object shown), read and placed on it; `asked`
    says which reading they answer (see ShownNotes)."""

    article: Article
    notes: ArticleNotes
    asked: int


@dataclass
class IndexUnreadable(Message):
    """The index could not be read (gone, damaged, or locked)."""

    error: ReaderError


@dataclass
class HitsFound(Message):
    """What a search found (`completed`: the rest of the excerpts and the count, later)."""

    text: str
    result: SearchResult
    completed: bool = False
    run: int = 0  # which search (LibraryWorker.search_run): an older one's is stale


@dataclass
class ExcerptsCut(Message):
    """Excerpts cut for some of the hits of a search, as the list shows them."""

    text: str
    hits: list[Hit]
    run: int = 0  # the search whose hits they are


@dataclass
class Compared(Message):
    """Two articles compared, for the screen it was asked from (`over`)."""

    comparison: Comparison
    over: Screen


class LibraryWorker:
    """Runs the library's background work in the screen's workers, and posts it what
    it finds."""

    def __init__(self, screen: Screen, session: Session) -> None:
        self._screen = screen
        self._session = session
        self.search_run = 0  # the latest search asked for (older ones' messages are stale)
        self._watching = threading.Event()
        self._told_temporary = False  # (said once, not at each update)
        self._told_stories_temporary = False
        self._stop_watching = threading.Event()
        self._stories_lock = threading.Lock()
        self._stories_again = threading.Event()
        # The notes files as start-up found them, before reading any (see _catch_up).
        self._notes_seen: tuple | None = None
        self._notes_seen_lock = threading.Lock()

    def _post(self, message: Message) -> None:
        self._screen.post_message(message)  # safe from any thread

    # ----- listing and indexing --------------------------------------------------------------

    def load(
        self,
        first_page: Future[FirstPage] | None = None,
        *,
        listed: bool = False,
        rebuild: bool = False,
    ) -> Worker:
        """List from the index at once (a first page, unless rows are `listed` already),
        then bring the index up to date (`rebuild`: reading every file again), count the
        notes and group the stories, and start watching the files."""
        work = partial(self._load, first_page, listed, rebuild)
        return self._screen.run_worker(
            work, name="load_library", group="library", exclusive=True, thread=True
        )

    def _load(self, first_page: Future[FirstPage] | None, listed: bool, rebuild: bool) -> None:
        self._notes_at_start()
        try:
            self._list_and_update(first_page, listed, rebuild)
        except Cancelled:  # the app is closing
            return
        except ReaderError as error:  # an unusable index or library: say so, keep running
            self._post(LibraryFailed(str(error)))

    def _list_and_update(
        self, first_page: Future[FirstPage] | None, listed: bool, rebuild: bool
    ) -> None:
        session = self._session
        with contextlib.suppress(SearchIndexDamagedError):  # listed once rebuilt, below
            self._list_indexed(first_page, listed)
        last_rows = time.monotonic()
        last_status = 0.0  # the first call says at once that files are being indexed
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            # Runs in this worker thread; keep the UI informed without flooding it.
            nonlocal last_status, last_rows
            if worker.is_cancelled:
                raise Cancelled
            now = time.monotonic()
            rebuilding = session.index.rebuilding
            if now - last_status > PROGRESS_EVERY or done == total:
                last_status = now
                self._post(Progress(done, total, rebuilding))
            if now - last_rows > ROWS_EVERY and not rebuilding:
                last_rows = now
                self._post(Listed(session.listing()))

        if session.index.temporary and not self._told_temporary:
            self._told_temporary = True
            self._post(IndexTemporary(session.index.temporary))
        try:
            stats = session.update_index(progress, rebuild=rebuild, wait=BUSY_WAIT)
        except SearchIndexReadOnlyError:
            self._post(IndexReadOnly())
        except SearchIndexBusyError:
            self._post(IndexBusy(rebuild))
        else:
            followed = session.follow_renamed_notes()
            self._post(self._listed())
            self._post(Indexed(stats, followed))
        self.count_notes()
        from reader.notes.not_saved_retry import Pending
        from reader.paths import data_dir

        if Pending(session.notes_dir, data_dir()).waiting():
            self._post(NotesKeptAside())
        self.find_stories()
        if not self._watching.is_set():
            self._watching.set()
            self._watch()

    def _list_indexed(self, first_page: Future[FirstPage] | None, listed: bool) -> None:
        if listed:
            if not self._session.index.rebuilding:
                self._post(self._listed())
            return
        # A screenful first, so the window is useful at once even at 100k articles.
        page, read = first_page.result() if first_page else self._session.read_first_page()
        self._post(Listed(page, read))
        if page.partial:
            self._post(self._listed())

    def _listed(self) -> Listed:
        """The whole listing, and the articles read that it no longer holds (for the
        unread count)."""
        return Listed(self._session.listing(), read_gone=self._session.read_gone())

    # ----- notes and stories -----------------------------------------------------------------

    def count_notes(self) -> None:
        """Count every article's notes, in the background."""
        self._screen.run_worker(
            self._count_notes, name="count_notes", group="note-counts", exclusive=True, thread=True
        )

    def _count_notes(self) -> None:
        self._post(NotesCounted(self._session.annotations.counts()))

    def follow_notes(self) -> None:
        """The notes folder changed: notes waiting to follow a renamed article (their file
        could not be read as it went) follow it if the file reads now (in the background;
        nothing is read when none wait)."""
        self._screen.run_worker(
            self._follow_notes, name="follow_notes", group="follow-notes", thread=True
        )

    def _follow_notes(self) -> None:
        try:
            followed = self._session.follow_renamed_notes()
        except ReaderError:  # the index went wrong: its next update says so
            return
        if followed:
            self._post(NotesFollowed(followed))

    def find_stories(self) -> None:
        """Group articles that tell the same story (after the index is current).

        A call while a grouping runs asks it to go again when done, rather than stopping
        it: a grouping stopped half-way is redone in full the next time.
        """
        self._screen.run_worker(
            self._find_stories, name="find_stories", group="stories", thread=True
        )

    def _find_stories(self) -> None:
        if not self._stories_lock.acquire(blocking=False):
            self._stories_again.set()
            return
        try:
            worker = get_current_worker()
            again = True
            while again and not worker.is_cancelled:
                self._stories_again.clear()
                try:
                    sources = self._session.update_related(
                        cancelled=lambda: worker.is_cancelled,
                        progress=lambda done, total: self._post(
                            StoriesProgress(done * 100 // max(1, total))
                        ),
                    )
                except Cancelled:
                    return
                except ReaderError as error:
                    self._post(StoriesUnavailable(str(error)))
                    return
                self._tell_stories_temporary()
                self._post(StoriesFound(sources))
                again = self._stories_again.is_set()
        finally:
            self._stories_lock.release()

    def _tell_stories_temporary(self) -> None:
        """Say once that the story store is for this run only, unless the index's own
        line (in the same cache) has said it."""
        why = self._session.related.temporary
        if why and not self._session.index.temporary and not self._told_stories_temporary:
            self._told_stories_temporary = True
            self._post(IndexTemporary(why))

    # ----- reading an article, a search, a comparison ----------------------------------------

    def load_article(
        self,
        article_id: str,
        focus: bool = False,
        unless: str | None = None,
        only_gone: bool = False,
    ) -> None:
        """Read an article, where the reader was in it and its notes (not when its
        content's sha256 is still `unless`; with `only_gone`, only say it is gone)."""
        work = partial(self._load_article, article_id, focus, unless, only_gone)
        self._screen.run_worker(
            work, name="load_article", group="article", exclusive=True, thread=True
        )

    def _load_article(
        self, article_id: str, focus: bool, unless: str | None, only_gone: bool
    ) -> None:
        self._notes_at_start()
        session = self._session
        try:
            article = session.article(article_id)
            unreadable = session.why_unreadable(article_id) if article is None else None
        except ReaderError as error:
            self._post(IndexUnreadable(error))
            return
        if article is not None and (only_gone or article.sha256 == unless):
            return
        position = session.reading_position(article) if article else 0
        # Its notes are read once it is shown (see load_notes): a file of thousands of
        # notes takes a while, and the text is there to read meanwhile.
        self._post(ArticleLoaded(article, position, focus, article_id, unreadable))

    def load_notes(self, article: Article, asked: int) -> None:
        """Read the notes of the article shown and place them on it."""
        work = partial(self._load_notes, article, asked)
        self._screen.run_worker(
            work, name="load_notes", group="article-notes", exclusive=True, thread=True
        )

    def _load_notes(self, article: Article, asked: int) -> None:
        self._notes_at_start()
        notes = self._session.annotations.for_article(article)
        if not get_current_worker().is_cancelled:  # another article's notes are wanted
            self._post(NotesRead(article, notes, asked))

    def search(self, text: str) -> None:
        """Search the library: the hits on screen first, the other excerpts and the count
        right after."""
        self.search_run += 1
        self._screen.run_worker(
            partial(self._search, text, self.search_run),
            name="run_search",
            group="search",
            exclusive=True,
            thread=True,
        )

    def _search(self, text: str, run: int) -> None:
        session = self._session
        try:
            result = session.search(text, excerpts=FIRST_EXCERPTS, count=False)
            self._post(HitsFound(text, result, run=run))
            if not get_current_worker().is_cancelled:
                full = session.complete(result, excerpts=False)  # cut as they are shown
                if full != result:
                    self._post(HitsFound(text, full, completed=True, run=run))
        except ReaderError as error:  # a damaged index: no hits, and a note saying so
            from reader.search.query import parse_query
            from reader.search.results import SearchResult

            message = str(error)
            if isinstance(error, SearchIndexDamagedError):
                self._post(IndexUnreadable(error))  # rebuilt
                message = REBUILDING
            self._post(HitsFound(text, SearchResult([], 0, message, parse_query(text)), run=run))

    def excerpts(self, text: str, query: Query, hits: list[Hit], run: int) -> None:
        """Cut the excerpts of some hits of the search `run` for `text` (those the list
        is about to show)."""
        work = partial(self._excerpts, text, query, hits, run)
        self._screen.run_worker(work, name="cut_excerpts", group="excerpts", thread=True)

    def _excerpts(self, text: str, query: Query, hits: list[Hit], run: int) -> None:
        try:
            cut = self._session.excerpts(query, hits)
        except ReaderError:  # the index went wrong: the search says so, not each row
            return
        self._post(ExcerptsCut(text, cut, run))

    def compare(self, article: Article, other_id: str, over: Screen) -> None:
        """Compare an article with another (a long one takes a while), for the screen `over`."""
        work = partial(self._compare, article, other_id, over)
        self._screen.run_worker(work, name="compare", group="compare", exclusive=True, thread=True)

    def _compare(self, article: Article, other_id: str, over: Screen) -> None:
        from reader.related import compare

        try:
            other = self._session.article(other_id)
        except ReaderError as error:  # an index found gone or damaged is rebuilt
            self._post(IndexUnreadable(error))
            return
        if other is None or get_current_worker().is_cancelled:
            return
        comparison = compare(article, other)
        if not get_current_worker().is_cancelled:
            self._post(Compared(comparison, over))

    # ----- watching the files ----------------------------------------------------------------

    def _watch(self) -> None:
        """Pick up files added, changed, renamed or removed while the app runs.

        A daemon thread rather than a worker: it never finishes by itself, and
        must not hold up waiting for the app's work to complete, nor its exit.
        """
        from reader.infra.watching import watch

        def changed(changes: Changes) -> None:
            if not self._stop_watching.is_set():
                self._post(FilesChanged(changes))

        session = self._session
        args = (session.root, session.notes_dir, changed, self._stop_watching)
        kwargs = {"ready": partial(self._catch_up, changed)}
        threading.Thread(
            target=watch, args=args, kwargs=kwargs, name="reader-watch", daemon=True
        ).start()

    def _notes_at_start(self) -> None:
        """Note how the notes files are before start-up first reads them (once)."""
        if self._notes_seen is None:
            from reader.notes.catalog import notes_signature

            with self._notes_seen_lock:
                if self._notes_seen is None:
                    self._notes_seen = notes_signature(self._session.notes_dir)

    def _catch_up(self, changed: Callable[[Changes], None]) -> None:
        """The watches are set: a change made since start-up read the files, which no
        watch saw, is a change too. The library is compared with its index, the notes
        files' sizes and times with those start-up found; no file is read."""
        from reader.infra.watching import Changes
        from reader.notes.catalog import notes_signature

        notes = notes_signature(self._session.notes_dir)
        with self._notes_seen_lock:
            notes_changed, self._notes_seen = notes != self._notes_seen, notes
        library_changed = not self._session.index_is_current()
        if library_changed or notes_changed:
            changed(Changes(library=library_changed, notes=notes_changed))

    def stop(self) -> None:
        """Stop watching the files (the screen is going)."""
        self._stop_watching.set()
