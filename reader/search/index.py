"""LibraryIndex: a library's articles and their full text in one SQLite FTS5 file.

The index is derived data kept in the cache directory, one file per library. It is
rebuilt from the library whenever it is missing, damaged or of an older schema.
Every thread gets its own connection (WAL mode lets readers run while one writes).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Collection, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.errors import SearchIndexError
from reader.library import check_root
from reader.model import Article, Skipped
from reader.paths import cache_dir
from reader.search import template
from reader.search.listing import Listing
from reader.search.records import ArticleRow, to_article
from reader.search.schema import LISTING_ORDER, connect, open_db, remove_db

# Searching (the query language, ranking, excerpts) is loaded on the first search:
# opening a library to list it needs none of it.
if TYPE_CHECKING:
    from reader.search.query import Query
    from reader.search.results import Hit, SearchResult, UpdateStats

T = TypeVar("T")


def index_path(root: Path) -> Path:
    """Where the index of the library at root lives: one file per resolved root."""
    key = hashlib.sha256(str(Path(root).expanduser().resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "index" / f"{key}.sqlite"


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
        self._adopt(open_db(self.path, str(self.root)))

    # -- connections -------------------------------------------------------

    def _adopt(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            # Connections of threads that have ended are closed here, so short-lived
            # worker threads do not leave open files behind.
            for thread, old in self._conns:
                if not thread.is_alive():
                    old.close()
            self._conns = [(t, c) for t, c in self._conns if t.is_alive()]
            self._conns.append((threading.current_thread(), conn))
            self._local.conn = conn
            self._local.generation = self._generation
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.generation == self._generation:
            return conn
        try:
            return self._adopt(connect(self.path))
        except sqlite3.Error as exc:
            raise SearchIndexError(f"cannot open the search index {self.path}: {exc}") from None

    def _reset(self) -> None:
        """Throw the database away and start an empty one (it is only derived data)."""
        with self._lock:
            for _, conn in self._conns:
                conn.close()
            self._conns.clear()
            self._generation += 1
            remove_db(self.path)
        self._adopt(open_db(self.path, str(self.root)))
        self._damaged = False

    def close(self) -> None:
        with self._lock:
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
    ) -> UpdateStats:
        """Bring the index in line with the library; progress(done, total) per chunk.

        Files are read by `workers` processes when there are many (so, as with any
        process pool, a script calling this needs an `if __name__ == "__main__"` guard).
        A damaged database is thrown away and rebuilt. Safe from any thread;
        concurrent calls run one after the other.
        """
        from reader.search import sync  # the process pool: only when updating

        root = check_root(self.root)
        with self._update_lock:
            if not self._damaged:
                try:
                    return sync.update(self._conn(), root, progress, workers)
                except sqlite3.DatabaseError as exc:
                    if type(exc) is not sqlite3.DatabaseError:  # not damage: locked, full disk…
                        raise SearchIndexError(f"cannot update the search index: {exc}") from None
            self._reset()
            try:
                return sync.update(self._conn(), root, progress, workers)
            except sqlite3.DatabaseError as exc:
                raise SearchIndexError(f"cannot rebuild the search index: {exc}") from None

    # -- reading -----------------------------------------------------------

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """fn(connection) on this thread's connection, with database errors turned into
        one-line SearchIndexErrors."""
        try:
            return fn(self._conn())
        except sqlite3.DatabaseError as exc:
            if type(exc) is sqlite3.DatabaseError:  # a damaged page, met on use
                self._damaged = True
                raise SearchIndexError(
                    "the search index is damaged: the next update rebuilds it"
                ) from None
            raise SearchIndexError(f"cannot read the search index: {exc}") from None

    def count(self) -> int:
        return self.read(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> list[ArticleRow]:
        """Every indexed article as a light row (no text, no blocks), sorted by id."""
        sql = "SELECT id, title, source, author, date, words, path, url, sha256 FROM articles"
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

        def read(conn: sqlite3.Connection) -> Listing:
            conn.execute("BEGIN")  # one snapshot for both queries
            try:
                rows = conn.execute(rows_sql).fetchall()
                counts = conn.execute(counts_sql).fetchall()
            finally:
                conn.execute("COMMIT")
            return Listing.of(rows, counts, partial=limit is not None and len(rows) == limit)

        return self.read(read)

    def article(self, article_id: str) -> Article | None:
        """The full article as indexed, without reading the file again, with the lines
        its source repeats on most pages folded (see `reader.search.template`)."""
        sql = (
            "SELECT a.id, a.path, a.title, a.source, a.format, c.text, c.blocks, a.sha256, "
            "a.words, a.author, a.date, a.url, a.subtitle, a.section, a.tags "
            "FROM articles a JOIN content c ON c.doc = a.doc WHERE a.id = ?"
        )

        def read(conn: sqlite3.Connection) -> Article | None:
            row = conn.execute(sql, (article_id,)).fetchone()
            return template.apply(conn, to_article(row)) if row else None

        return self.read(read)

    def skipped(self) -> list[Skipped]:
        """Files passed over by the last update, with their reasons, sorted by path."""
        sql = "SELECT path, reason FROM skipped ORDER BY path"
        return self.read(lambda c: [Skipped(p, r) for p, r in c.execute(sql)])

    # -- searching ---------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 50,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
        excerpts: int | None = None,
        count: bool = True,
    ) -> SearchResult:
        """The best `limit` hits for a query in the search language (see reader.search.query).

        Ranked by bm25 (title 10, author 2, source 2, body 1) when the query has words
        to match; otherwise (only exclusions or filters) newest first. `read_ids` serves
        is:read / is:unread (without it nothing counts as read); `within`, when given,
        keeps only those ids (for tag: or has:notes, which the caller resolves).

        For the first hits to come fast, two things may be left for `complete()`: with
        `excerpts`, only the first that many hits get their excerpt (the others have
        `snippet` None); with `count` False, a query matching more than RANK_ALL
        articles is not counted (`counted` is False, `total` RANK_ALL, `more` True).
        """
        from reader.search import searching

        return searching.search(self, query, limit, read_ids, within, excerpts, count)

    def complete(
        self,
        result: SearchResult,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
    ) -> SearchResult:
        """The result with what search() left out: every excerpt, and the count (give
        the same read_ids and within as to search())."""
        from reader.search import searching

        return searching.complete(self, result, read_ids, within)

    def excerpts(self, query: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The hits, those without an excerpt given one for the query."""
        from reader.search import searching

        return searching.with_excerpts(self, query, hits)
