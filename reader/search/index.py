"""LibraryIndex: a library's articles and their full text in one SQLite FTS5 file.

The index is derived data kept in the cache directory, one file per library. It is
rebuilt from the library whenever it is missing, damaged or of an older schema.
Every thread gets its own connection (WAL mode lets readers run while one writes).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Collection
from pathlib import Path

from reader.errors import SearchIndexError
from reader.library import check_root
from reader.model import Article, Skipped
from reader.paths import cache_dir
from reader.search import sync
from reader.search.query import Query, parse_query
from reader.search.records import ArticleRow, to_article
from reader.search.results import Hit, SearchResult, UpdateStats
from reader.search.schema import connect, open_db, remove_db
from reader.search.snippet import ELLIPSIS, END, START, lead, unmark

SNIPPET_TOKENS = 24


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
        self._conns: list[sqlite3.Connection] = []
        self._generation = 0
        self._adopt(open_db(self.path, str(self.root)))

    # -- connections -------------------------------------------------------

    def _adopt(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            self._conns.append(conn)
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
            for conn in self._conns:
                conn.close()
            self._conns.clear()
            self._generation += 1
            remove_db(self.path)
        self._adopt(open_db(self.path, str(self.root)))

    def close(self) -> None:
        with self._lock:
            for conn in self._conns:
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
        progress: sync.Progress | None = None,
        workers: int = 2,
    ) -> UpdateStats:
        """Bring the index in line with the library; progress(done, total) per chunk.

        A damaged database is thrown away and rebuilt once. Safe from any thread;
        concurrent calls run one after the other.
        """
        root = check_root(self.root)
        with self._update_lock:
            try:
                return sync.update(self._conn(), root, progress, workers)
            except sqlite3.DatabaseError as exc:
                if type(exc) is not sqlite3.DatabaseError:  # not damage: locked, full disk…
                    raise SearchIndexError(f"cannot update the search index: {exc}") from None
            self._reset()
            return sync.update(self._conn(), root, progress, workers)

    # -- reading -----------------------------------------------------------

    def count(self) -> int:
        return self._conn().execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self) -> list[ArticleRow]:
        """Every indexed article as a light row, sorted by id."""
        rows = self._conn().execute(
            "SELECT id, title, source, author, date, words, path FROM articles"
        )
        out = list(map(ArticleRow._make, rows))
        out.sort()
        return out

    def article(self, article_id: str) -> Article | None:
        """The full article as indexed, without reading the file again."""
        row = (
            self._conn()
            .execute(
                "SELECT a.id, a.path, a.title, a.source, a.format, c.text, c.blocks, a.sha256, "
                "a.words, a.author, a.date, a.url, a.subtitle, a.section, a.tags "
                "FROM articles a JOIN content c ON c.doc = a.doc WHERE a.id = ?",
                (article_id,),
            )
            .fetchone()
        )
        return to_article(row) if row else None

    def skipped(self) -> list[Skipped]:
        rows = self._conn().execute("SELECT path, reason FROM skipped ORDER BY path")
        return [Skipped(path, reason) for path, reason in rows]

    # -- searching ---------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int = 50,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
    ) -> SearchResult:
        """The best `limit` hits for a query in the search language (see reader.search.query).

        `read_ids` serves is:read / is:unread (without it nothing counts as read);
        `within`, when given, limits hits to those ids (for filters such as tag: or
        has:notes that the caller resolves). Ranked by bm25 when the query has words,
        else newest first.
        """
        q = parse_query(query) if isinstance(query, str) else query
        if q.is_empty or limit <= 0:
            return SearchResult([], 0, q.message, q)
        where, params = _filters(q, read_ids, within)
        try:
            if q.match:
                hits, total = self._ranked(q.match, where, params, limit)
            else:
                hits, total = self._listed(q.exclude, where, params, limit)
        except sqlite3.DatabaseError as exc:
            raise SearchIndexError(f"search failed: {exc}") from None
        return SearchResult(hits, total, q.message, q)

    def _ranked(
        self, match: str, where: list[str], params: list, limit: int
    ) -> tuple[list[Hit], int]:
        conn = self._conn()
        cond = "".join(f" AND {w}" for w in where)
        sql = (
            "SELECT a.id, a.source, a.author, a.date, fts.rank, "
            f"snippet(fts, 3, '{START}', '{END}', '{ELLIPSIS}', {SNIPPET_TOKENS}), "
            f"highlight(fts, 0, '{START}', '{END}') "
            "FROM fts JOIN articles a ON a.doc = fts.rowid "
            f"WHERE fts MATCH ?{cond} ORDER BY fts.rank LIMIT ?"
        )
        hits = []
        for aid, source, author, date, rank, snip, title in conn.execute(
            sql, (match, *params, limit)
        ):
            text, spans = unmark(snip)
            title_text, title_spans = unmark(title)
            hits.append(Hit(aid, title_text, source, author, date, -rank, text, spans, title_spans))
        if len(hits) < limit:
            return hits, len(hits)
        count_sql = (
            f"SELECT count(*) FROM fts JOIN articles a ON a.doc = fts.rowid WHERE fts MATCH ?{cond}"
            if where
            else "SELECT count(*) FROM fts WHERE fts MATCH ?"
        )
        return hits, conn.execute(count_sql, (match, *params)).fetchone()[0]

    def _listed(
        self, exclude: str | None, where: list[str], params: list, limit: int
    ) -> tuple[list[Hit], int]:
        """Hits without words to rank by (only exclusions or filters): newest first."""
        conn = self._conn()
        if exclude:
            where = ["a.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)", *where]
            params = [exclude, *params]
        cond = " WHERE " + " AND ".join(where) if where else ""
        sql = (
            "SELECT a.id, a.title, a.source, a.author, a.date, "
            "(SELECT substr(body, 1, 400) FROM fts WHERE rowid = a.doc) "
            f"FROM articles a{cond} ORDER BY a.date IS NULL, a.date DESC, a.title LIMIT ?"
        )
        hits = [
            Hit(aid, title, source, author, date, 0.0, lead(body or ""))
            for aid, title, source, author, date, body in conn.execute(sql, (*params, limit))
        ]
        if len(hits) < limit:
            return hits, len(hits)
        total = conn.execute(f"SELECT count(*) FROM articles a{cond}", params).fetchone()[0]
        return hits, total


def _filters(
    q: Query, read_ids: Collection[str] | None, within: Collection[str] | None
) -> tuple[list[str], list]:
    """SQL conditions on the articles table (alias a) for a query's non-text filters."""
    where: list[str] = []
    params: list = []
    if q.after:
        where.append("a.date >= ?")
        params.append(q.after)
    if q.before:
        where.append("a.date < ?")
        params.append(q.before)
    if q.read == "unread" and read_ids:
        where.append("a.id NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(read_ids)))
    elif q.read == "read":
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(read_ids or ())))
    if within is not None:
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(within)))
    return where, params
