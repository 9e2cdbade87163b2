"""LibraryIndex: a library's articles and their full text in one SQLite FTS5 file.

The index is derived data kept in the cache directory, one file per library. It is
rebuilt from the library whenever it is missing, damaged or of an older schema, and
followed when another process replaces it. One that cannot be written (a read-only
cache, disk or file) is searched as it is, without updating; when there is none and
none can be made there, one is built in a temporary folder for the run (`temporary`).
Every thread gets its own connection (WAL mode lets readers run while one writes).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.errors import (
    ReaderError,
    SearchIndexBusyError,
    SearchIndexDamagedError,
    SearchIndexError,
    SearchIndexReadOnlyError,
    SearchIndexRebuildingError,
)
from reader.infra.sqlite import (
    READ_WRITE,
    busy,
    cannot_write,
    connect,
    identity,
    transaction,
    waiting,
)
from reader.ingest.scan import check_root
from reader.model import Article, Ignored, Skipped
from reader.paths import cache_dir
from reader.search import departures, template
from reader.search.departures import Departure
from reader.search.records import ROW_COLUMNS, ArticleRow, article_select, to_article
from reader.search.schema import (
    LISTING_ORDER,
    is_rebuilding,
    mark_rebuilding,
    open_db,
    remove_db,
)

# Searching (the query language, ranking, excerpts) is loaded on the first search:
# opening a library to list it needs none of it; nor does a search need the listing.
if TYPE_CHECKING:
    from reader.search.listing import Listing
    from reader.search.query import Query
    from reader.search.results import Hit, SearchResult, UpdateStats

T = TypeVar("T")

_BUSY = "the search index is busy: another process is updating it"


def index_path(root: Path) -> Path:
    """Where the index of the library at root lives: one file per resolved root."""
    key = hashlib.sha256(str(Path(root).expanduser().resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "index" / f"{key}.sqlite"


def _waiting(conn: sqlite3.Connection, wait: float | None) -> AbstractContextManager:
    """The connection waiting `wait` seconds at most for another's lock (None: as set)."""
    return nullcontext(conn) if wait is None else waiting(conn, wait)


def open_index(root: Path) -> LibraryIndex:
    """The index of the library at root (checked), opened or created in the cache."""
    return LibraryIndex(check_root(Path(root)))


class LibraryIndex:
    """Search and listing over one library, kept up to date by `update()`."""

    def __init__(self, root: Path, db_path: Path | None = None) -> None:
        self.root = Path(root).expanduser().resolve()
        self.path = Path(db_path) if db_path else index_path(self.root)
        self._lock = threading.Lock()
        self._update_lock = threading.Lock()
        self._local = threading.local()
        self._conns: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._generation = 0
        self._damaged = False
        # Built anew, from empty, until an update completes (one cut short leaves it so):
        # what it lacks may just not be in it yet.
        self.rebuilding = False
        # Why the index is in a temporary folder, for this run only (None: it is not).
        self.temporary: str | None = None
        try:
            conn, self._mode = open_db(self.path, str(self.root))
        except SearchIndexError as error:
            if db_path is not None or self.path.exists():
                raise
            conn, self._mode = self._open_for_this_run(error)
        self._read_only = self._mode != READ_WRITE
        self._file = identity(self.path)
        self.rebuilding = not self._read_only and is_rebuilding(conn)
        self._adopt(conn)

    def _open_for_this_run(self, error: SearchIndexError) -> tuple[sqlite3.Connection, str]:
        """An index in a temporary folder, removed when this one is closed or collected:
        the cache cannot hold one (read-only, full), and there is none to search."""
        try:
            folder = Path(tempfile.mkdtemp(prefix="reader-index-"))
        except OSError:
            raise error from None
        weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        self.path = folder / self.path.name
        self.temporary = f"{error}; built for this run in {folder}"
        return open_db(self.path, str(self.root))

    # -- connections -------------------------------------------------------

    def _adopt(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            # Connections of threads that have ended are closed here, so short-lived
            # worker threads do not leave open files behind; so is the one this thread
            # had before, to a file since replaced.
            me = threading.current_thread()
            for thread, old in self._conns:
                if thread is me or not thread.is_alive():
                    old.close()
            self._conns = [(t, c) for t, c in self._conns if t is not me and t.is_alive()]
            self._conns.append((me, conn))
            self._local.conn = conn
            self._local.generation = self._generation
        return conn

    def _conn(self) -> sqlite3.Connection:
        self._follow_the_file()
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.generation == self._generation:
            return conn
        try:
            return self._adopt(connect(self.path, self._mode))
        except sqlite3.Error as exc:
            raise SearchIndexError(f"cannot open the search index {self.path}: {exc}") from None

    def _follow_the_file(self) -> None:
        """Move to the file at self.path when another process has replaced it; say so
        when it is gone (removed with the cache while reader runs), and have the next
        update rebuild it. Without this, connections would go on with the removed file,
        and new ones would make an empty one ("no such table")."""
        if identity(self.path) == self._file:
            return
        with self._lock:  # (a rebuild under way holds it while the file is missing)
            found = identity(self.path)
            if found is None:
                why = "is damaged" if self._damaged else f"{self.path} is gone"
                self._damaged = True  # (damaged: thrown away by _found_damaged)
                raise SearchIndexDamagedError(
                    f"the search index {why}: the next update rebuilds it"
                )
            if found != self._file:
                self._file = found
                self._generation += 1

    def _reset(self) -> None:
        """Throw the database away and start an empty one (it is only derived data)."""
        with self._lock:
            self.rebuilding = True  # (before the empty file can be read)
            self._close_all()
            remove_db(self.path)
            conn, self._mode = open_db(self.path, str(self.root))
            mark_rebuilding(conn, True)
            self._file = identity(self.path)
        self._adopt(conn)
        self._damaged = False

    def _found_damaged(self) -> SearchIndexError:
        """The error for damage met on use. The file is thrown away (unless an update is
        writing it: that one, or the next, starts over), so that the next update rebuilds
        it, in this process or in the next one to open the index."""
        self._damaged = True
        if self._read_only:
            return SearchIndexError(
                f"the search index {self.path} is damaged, and read-only: it cannot be rebuilt"
            )
        if self._update_lock.acquire(blocking=False):
            try:
                with self._lock:
                    self._generation += 1
                    remove_db(self.path)
            except SearchIndexError:
                pass  # the next update says why it cannot replace it
            finally:
                self._update_lock.release()
        return SearchIndexDamagedError("the search index is damaged: the next update rebuilds it")

    def close(self) -> None:
        with self._lock:
            self._close_all()

    def _close_all(self) -> None:
        """Close every thread's connection (under self._lock): each opens a new one on
        its next use."""
        for _, conn in self._conns:
            conn.close()
        self._conns.clear()
        self._generation += 1

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- building ----------------------------------------------------------

    def update(
        self,
        progress: Callable[[int, int], None] | None = None,
        workers: int = 2,
        *,
        wait: float | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> UpdateStats:
        """Bring the index in line with the library; progress(done, total) per chunk.

        Files are read by `workers` processes when there are many (so, as with any
        process pool, a script calling this needs an `if __name__ == "__main__"` guard).
        A damaged database is thrown away and rebuilt. Safe from any thread;
        concurrent calls run one after the other. Another process writing the index
        raises SearchIndexBusyError once its lock has been waited for (`wait` seconds at
        most, when given): the index is still searched as it is. `on_wait` is called at
        once when such a process is found writing as the update begins.
        """
        from reader.search import sync  # the process pool: only when updating

        root = check_root(self.root)
        with self._update_lock:
            if self._read_only:
                raise self._read_only_error()
            if not self._damaged:
                try:
                    conn = self._conn()
                    with _waiting(conn, wait):
                        stats = sync.update(conn, root, progress, workers, on_wait)
                        return self._completed(stats)
                except SearchIndexDamagedError:
                    pass  # the file is gone: made anew below
                except sqlite3.DatabaseError as exc:
                    if cannot_write(exc):
                        self._read_only = True
                        raise self._read_only_error() from None
                    if busy(exc):
                        raise SearchIndexBusyError(_BUSY) from None
                    if type(exc) is not sqlite3.DatabaseError:  # not damage: locked, full disk…
                        raise SearchIndexError(f"cannot update the search index: {exc}") from None
            try:
                self._reset()
                return self._completed(sync.update(self._conn(), root, progress, workers))
            except sqlite3.DatabaseError as exc:
                raise SearchIndexError(f"cannot rebuild the search index: {exc}") from None

    def _completed(self, stats: UpdateStats) -> UpdateStats:
        """An update went to its end: an index built anew holds the whole library now."""
        if self.rebuilding:
            mark_rebuilding(self._conn(), False)
            self.rebuilding = False
        return stats

    def rebuild(
        self,
        progress: Callable[[int, int], None] | None = None,
        workers: int = 2,
        *,
        wait: float | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> UpdateStats:
        """Read every file of the library again, those skipped before too (an update
        reads only the files changed since): after a parser's fix, or when in doubt.
        The index is searched as it was while this runs. `wait` and `on_wait` as in
        `update`."""
        from reader.search.sync import wait_to_write

        with self._update_lock:
            try:
                conn = self._conn()
                with _waiting(conn, wait):
                    wait_to_write(conn, on_wait)
                    with transaction(conn, "IMMEDIATE"):
                        conn.execute("DELETE FROM skipped")
                        conn.execute("UPDATE articles SET mtime_ns = -1")  # no file has that time
            except (sqlite3.DatabaseError, SearchIndexError) as exc:
                if isinstance(exc, sqlite3.DatabaseError) and busy(exc):
                    raise SearchIndexBusyError(_BUSY) from None
                # Read-only or damaged: the update says so, or starts over.
        return self.update(progress, workers, wait=wait, on_wait=on_wait)

    def is_current(self) -> bool:
        """Whether the library is as the index last saw it: one walk, compared in memory,
        as an update begins (False too when the index cannot say: an update will). Read
        only: another process writing the index is not waited for."""
        from reader.search import sync

        try:
            scan = sync.Scan(check_root(self.root))
            return self.read(lambda conn: sync.library_as_seen(conn, self.root, scan)) is not None
        except ReaderError:
            return False

    def _read_only_error(self) -> SearchIndexReadOnlyError:
        return SearchIndexReadOnlyError(
            f"the index at {self.path} is read-only; searching it as it is, without updating"
        )

    # -- reading -----------------------------------------------------------

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """fn(connection) on this thread's connection, with database errors turned into
        one-line SearchIndexErrors."""
        try:
            return fn(self._conn())
        except sqlite3.DatabaseError as exc:
            if type(exc) is sqlite3.DatabaseError:  # a damaged page, met on use
                raise self._found_damaged() from None
            raise SearchIndexError(f"cannot read the search index: {exc}") from None

    def count(self) -> int:
        return self.read(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> list[ArticleRow]:
        """Every indexed article as a light row (no text, no blocks), sorted by id."""
        sql = f"SELECT {ROW_COLUMNS} FROM articles"
        rows = self.read(lambda c: list(map(ArticleRow._make, c.execute(sql))))
        rows.sort(key=itemgetter(0))
        return rows

    def listing(self, limit: int | None = None) -> Listing:
        """Articles as (id, title, date) rows grouped by source, in the source list's
        order. With a limit, only the first rows (and every source's total)."""
        rows_sql = f"SELECT id, title, date FROM articles ORDER BY {LISTING_ORDER}"
        if limit is not None:
            rows_sql += f" LIMIT {int(limit)}"
        counts_sql = (
            "SELECT source, count(*) FROM articles GROUP BY source COLLATE NOCASE, source "
            "ORDER BY source COLLATE NOCASE, source"
        )

        from reader.search.listing import Listing

        def read(conn: sqlite3.Connection) -> Listing:
            with transaction(conn):  # one snapshot for both queries
                rows = conn.execute(rows_sql).fetchall()
                partial = limit is not None and len(rows) == limit
                if partial:
                    # The whole of the last run of one source and date, for the listing
                    # to put it in natural order as the whole listing does.
                    rows += _rest_of_run(conn, rows[-1], len(rows))
                counts = conn.execute(counts_sql).fetchall()
            return Listing.of(rows, counts, partial=partial)

        return self.read(read)

    def article(self, article_id: str) -> Article | None:
        """The full article as indexed, without reading the file again, with the lines
        its source repeats on most pages folded (see `reader.search.template`)."""
        sql = (
            f"SELECT {article_select('a', 'c')} "
            "FROM articles a JOIN content c ON c.doc = a.doc WHERE a.id = ?"
        )

        def read(conn: sqlite3.Connection) -> Article | None:
            row = conn.execute(sql, (article_id,)).fetchone()
            return template.apply(conn, to_article(row)) if row else None

        rebuilding = self.rebuilding
        found = self.read(read)
        if found is None and (rebuilding or self.rebuilding):  # not "gone": not there yet
            raise SearchIndexRebuildingError("the search index is being rebuilt")
        return found

    def known(self, ids: Collection[str]) -> set[str]:
        """Those of `ids` that are indexed articles."""
        return {row[0] for row in self._rows_where("id", "id", list(ids))}

    def rows(self, ids: Collection[str]) -> list[ArticleRow]:
        """The rows of those of `ids` that are indexed articles."""
        return list(map(ArticleRow._make, self._rows_where(ROW_COLUMNS, "id", list(ids))))

    def departed(self) -> list[Departure]:
        """Articles gone from the library in finished updates, whose notes are still to
        be followed, each with those that arrived in that update with its text and
        title (see `reader.search.departures`)."""
        return self.read(departures.departed)

    def settle(self, ids: Collection[str]) -> None:
        """Forget these departures once their notes are followed or left."""

        def write(conn: sqlite3.Connection) -> None:
            with transaction(conn, "IMMEDIATE"):
                departures.settle(conn, ids)

        self.read(write)

    def _rows_where(self, columns: str, column: str, values: list[str]) -> list[tuple]:
        def fetch(conn: sqlite3.Connection) -> list[tuple]:
            rows: list[tuple] = []
            for start in range(0, len(values), 500):  # well below SQLite's limit of parameters
                chunk = values[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT {columns} FROM articles WHERE {column} IN ({marks})"
                rows += conn.execute(sql, chunk).fetchall()
            return rows

        return self.read(fetch)

    def skipped_reason(self, article_id: str) -> str | None:
        """Why the last update passed over the file of `article_id` (None: it did not)."""
        sql = "SELECT reason FROM skipped WHERE path = ?"
        path = str(self.root / article_id)
        row = self.read(lambda c: c.execute(sql, (path,)).fetchone())
        return row[0] if row else None

    def skipped(self) -> list[Skipped]:
        """Files passed over by the last update, with their reasons, sorted by path."""
        sql = "SELECT path, reason FROM skipped ORDER BY path"
        return self.read(lambda c: [Skipped(p, r) for p, r in c.execute(sql)])

    def ignored(self) -> list[Ignored]:
        """What the last update left out of files it read (a front matter field that
        cannot be read), a reason each, sorted by path."""
        sql = "SELECT path, ignored FROM articles WHERE ignored IS NOT NULL ORDER BY path"
        return self.read(
            lambda c: [Ignored(p, r) for p, lines in c.execute(sql) for r in json.loads(lines)]
        )

    # -- searching ---------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 50,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
        excerpts: int | None = None,
        count: bool = True,
        without: Collection[str] | None = None,
    ) -> SearchResult:
        """The best `limit` hits for a query in the search language (see reader.search.query).

        Ranked by bm25 (title 10, author 2, source 2, body 1) when the query has words
        to match; otherwise newest first, or, for a query made only of exclusions, in
        the library's order. `read_ids` serves is:read / is:unread (without it nothing
        counts as read); `within`, when given, keeps only those ids, and `without` leaves
        those out (for tag:, has:notes and words in notes, which the caller resolves).

        For the first hits to come fast, two things may be left for `complete()`: with
        `excerpts`, only the first that many hits get their excerpt (the others have
        `snippet` None); with `count` False, a query matching more than RANK_ALL
        articles is not counted (`counted` is False, `total` RANK_ALL, `more` True).
        """
        from reader.search import searching

        return searching.search(self, query, limit, read_ids, within, excerpts, count, without)

    def ranked_ids(self, query: str | Query, limit: int = 5) -> list[str]:
        """The ids of the best `limit` articles for a query with words to match, as
        search() ranks them, without building hits (no excerpts, no title spans):
        for looking up many queries fast."""
        from reader.search import searching

        return searching.ranked_ids(self, query, limit)

    def complete(
        self,
        result: SearchResult,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
        without: Collection[str] | None = None,
        excerpts: bool = True,
    ) -> SearchResult:
        """The result with what search() left out: every excerpt (unless `excerpts` is
        False: a list cuts them as it shows them, see `excerpts()`), and the count (give
        the same read_ids, within and without as to search())."""
        from reader.search import searching

        return searching.complete(self, result, read_ids, within, without, excerpts)

    def excerpts(self, query: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The hits, those without an excerpt given one for the query."""
        from reader.search import searching

        return searching.with_excerpts(self, query, hits)


def _rest_of_run(conn: sqlite3.Connection, last: tuple, start: int) -> list[tuple]:
    """The rows after the first `start` of the listing that share the source and date of
    `last`, the last of them."""
    source = conn.execute("SELECT source FROM articles WHERE id = ?", (last[0],)).fetchone()
    sql = f"SELECT id, title, date, source FROM articles ORDER BY {LISTING_ORDER} LIMIT -1 OFFSET ?"
    rest = []
    for article_id, title, date, row_source in conn.execute(sql, (start,)):
        if source is None or row_source != source[0] or date != last[2]:
            break
        rest.append((article_id, title, date))
    return rest
