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
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from reader.errors import SearchIndexError
from reader.library import check_root
from reader.model import Article, Skipped
from reader.paths import cache_dir
from reader.search.listing import Listing
from reader.search.query import Query, parse_query
from reader.search.records import ArticleRow, to_article
from reader.search.results import Hit, SearchResult, UpdateStats
from reader.search.schema import (
    FILTER_INDEX,
    LISTING_ORDER,
    connect,
    has_index,
    open_db,
    remove_db,
)
from reader.search.snippet import MAX_SCAN, Matcher, Span, excerpt, lead

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

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """fn(connection), with database errors turned into one-line SearchIndexErrors."""
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
        return self._read(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> list[ArticleRow]:
        """Every indexed article as a light row (no text, no blocks), sorted by id."""
        sql = "SELECT id, title, source, author, date, words, path, url, sha256 FROM articles"
        rows = self._read(lambda c: list(map(ArticleRow._make, c.execute(sql))))
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

        return self._read(read)

    def article(self, article_id: str) -> Article | None:
        """The full article as indexed, without reading the file again."""
        sql = (
            "SELECT a.id, a.path, a.title, a.source, a.format, c.text, c.blocks, a.sha256, "
            "a.words, a.author, a.date, a.url, a.subtitle, a.section, a.tags "
            "FROM articles a JOIN content c ON c.doc = a.doc WHERE a.id = ?"
        )
        row = self._read(lambda c: c.execute(sql, (article_id,)).fetchone())
        return to_article(row) if row else None

    def skipped(self) -> list[Skipped]:
        """Files passed over by the last update, with their reasons, sorted by path."""
        sql = "SELECT path, reason FROM skipped ORDER BY path"
        return self._read(lambda c: [Skipped(p, r) for p, r in c.execute(sql)])

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
        q = parse_query(query) if isinstance(query, str) else query
        if q.is_empty or limit <= 0:
            return SearchResult([], 0, q.message, q)
        where, params = _filters(q, read_ids, within)
        if not q.match:
            exclude = q.exclude
            hits, total = self._read(lambda c: _listed(c, exclude, where, params, limit))
            return SearchResult(hits, min(total, COUNT_CAP), q.message, q, total > COUNT_CAP)
        match = q.match
        ranked, total = self._read(lambda c: _ranked(c, match, where, params, limit))
        cut = len(ranked) if excerpts is None else excerpts
        hits = self._read(lambda c: _hits(c, ranked, q, cut))
        counted = total <= RANK_ALL
        result = SearchResult(hits, min(total, RANK_ALL), q.message, q, not counted, counted)
        if count and not result.counted:
            result = replace(result, **self._count(match, where, params))
        return result

    def complete(
        self,
        result: SearchResult,
        read_ids: Collection[str] | None = None,
        within: Collection[str] | None = None,
    ) -> SearchResult:
        """The result with what search() left out: every excerpt, and the count (give
        the same read_ids and within as to search())."""
        hits = self.excerpts(result.query, result.hits)
        result = replace(result, hits=hits)
        if result.counted or not result.query.match:
            return result
        where, params = _filters(result.query, read_ids, within)
        return replace(result, **self._count(result.query.match, where, params))

    def excerpts(self, query: Query, hits: Sequence[Hit]) -> list[Hit]:
        """The hits, those without an excerpt given one for the query."""
        pending = {hit.id for hit in hits if hit.snippet is None}
        if not pending:
            return list(hits)
        sql = "SELECT id, doc FROM articles WHERE id IN (SELECT value FROM json_each(?))"
        ids = json.dumps(list(pending))
        cut = self._read(lambda c: _excerpts(c, query, dict(c.execute(sql, (ids,)))))
        return [
            replace(hit, snippet=cut[hit.id][0], spans=cut[hit.id][1]) if hit.id in cut else hit
            for hit in hits
        ]

    def _count(self, match: str, where: list[str], params: list) -> dict:
        """The total, more and counted fields of a result, counted up to COUNT_CAP."""
        total = self._read(lambda c: _count(c, match, where, params))
        return {"total": min(total, COUNT_CAP), "more": total > COUNT_CAP, "counted": True}


# bm25 has to score every match before the best can be known: a word found in 100k
# articles costs 0.3 s. Past RANK_ALL matches, only the RANK_ALL most recently added
# matches are ranked (a few ms), and totals are counted up to COUNT_CAP.
RANK_ALL = 3000
COUNT_CAP = 10_000


def _matching(conn: sqlite3.Connection, where: list[str], columns: str = "fts.rowid") -> str:
    """A select of columns for the rows matching `fts MATCH ?` and the filters on
    articles (alias a)."""
    if not where:
        return f"SELECT {columns} FROM fts WHERE fts MATCH ?"
    hint = f" INDEXED BY {FILTER_INDEX}" if has_index(conn, FILTER_INDEX) else ""
    cond = "".join(f" AND {w}" for w in where)
    return (
        f"SELECT {columns} FROM fts JOIN articles a{hint} ON a.doc = fts.rowid "
        f"WHERE fts MATCH ?{cond}"
    )


def _count(conn: sqlite3.Connection, match: str, where: list[str], params: list) -> int:
    """The number of matches, up to COUNT_CAP + 1."""
    sql = f"SELECT count(*) FROM ({_matching(conn, where)} LIMIT ?)"
    return conn.execute(sql, (match, *params, COUNT_CAP + 1)).fetchone()[0]


def _ranked(
    conn: sqlite3.Connection, match: str, where: list[str], params: list, limit: int
) -> tuple[list[tuple[int, float]], int]:
    """(doc, rank) of the best `limit` matches, and the number of matches up to RANK_ALL
    (RANK_ALL + 1 meaning more).

    Matches are ranked by bm25, among the RANK_ALL (or `limit`, if more) most recently
    added when there are more. When more than half of the recently added articles
    match, bm25's IDF for the query's words is at its floor, so its order says little
    (how often the words occur), while its cost grows with every article holding them:
    such hits come most recently added first, unranked (rank 0), as does a lone match.
    Nothing here reads an article's text: only the hits shown need it."""
    matches = _matching(conn, where)
    args = (match, *params)
    newest = f"{matches} ORDER BY fts.rowid DESC LIMIT ?"
    docs = [doc for (doc,) in conn.execute(newest, (*args, max(RANK_ALL, limit) + 1))]
    if len(docs) < 2:  # nothing to rank: bm25 would still look at every article
        return [(doc, 0.0) for doc in docs], len(docs)
    # With filters, even a few matches can be of words found everywhere, which bm25
    # would still look up in every article.
    if (len(docs) > RANK_ALL or where) and _everywhere(
        conn, match, docs[RANK_ALL] if not where else None
    ):
        return [(doc, 0.0) for doc in docs[:limit]], min(len(docs), RANK_ALL + 1)
    # FTS5 seeks to the range: few or close matches are not looked for again everywhere.
    window = min(len(docs), max(RANK_ALL, limit))  # the most recent matches, to rank
    bound = f" AND fts.rowid BETWEEN {int(docs[window - 1])} AND {int(docs[0])}"
    # With filters, SQLite sorts (`+ 0`): FTS5 would rank every match before the join.
    order = "fts.rank + 0" if where else "fts.rank"
    best = f"{_matching(conn, where, 'fts.rowid, fts.rank')}{bound} ORDER BY {order} LIMIT ?"
    return conn.execute(best, (*args, limit)).fetchall(), min(len(docs), RANK_ALL + 1)


def _everywhere(conn: sqlite3.Connection, match: str, last: int | None) -> bool:
    """Whether the words of a match are in more than half of the recently added
    articles: whether the RANK_ALL + 1 most recent matches, the last of which (without
    filters) is `last`, were among the 2 * RANK_ALL most recently added articles."""
    if last is None:
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
        row = conn.execute(sql, (match, RANK_ALL)).fetchone()
        if row is None:
            return False
        last = row[0]
    latest = conn.execute("SELECT max(doc) FROM articles").fetchone()[0]
    return latest - last < 2 * RANK_ALL


def _hits(
    conn: sqlite3.Connection, ranked: list[tuple[int, float]], q: Query, excerpts: int
) -> list[Hit]:
    """Hits for ranked (doc, rank) pairs, the first `excerpts` of them with an excerpt."""
    sql = (
        "SELECT doc, id, title, source, author, date FROM articles "
        "WHERE doc IN (SELECT value FROM json_each(?))"
    )
    docs = json.dumps([doc for doc, _ in ranked])
    rows = {row[0]: row[1:] for row in conn.execute(sql, (docs,))}
    cut = _excerpts(conn, q, {rows[doc][0]: doc for doc, _ in ranked[:excerpts] if doc in rows})
    titles = Matcher((t.text, t.prefix) for t in (*q.terms, *q.title_terms))
    hits = []
    for doc, rank in ranked:
        if doc not in rows:  # removed since it was ranked
            continue
        aid, title, source, author, date = rows[doc]
        title = " ".join(title.split())
        snippet, spans = cut.get(aid, (None, ()))
        hits.append(
            Hit(aid, title, source, author, date, -rank or 0.0, snippet, spans, titles.spans(title))
        )
    return hits


def _excerpts(
    conn: sqlite3.Connection, q: Query, docs: dict[str, int]
) -> dict[str, tuple[str, tuple[Span, ...]]]:
    """An excerpt of the body (no boilerplate) of each article, by id, around the query's
    words; `docs` maps the ids to their rowids."""
    if not docs:
        return {}
    words = Matcher((t.text, t.prefix) for t in q.terms)
    cut = {}
    for aid, doc in docs.items():
        body = _body_start(conn, doc)
        if body is not None:
            cut[aid] = excerpt(body, words)
    return cut


def _body_start(conn: sqlite3.Connection, doc: int) -> str | None:
    """The first MAX_SCAN bytes of an article's indexed body.

    Read from FTS5's content table (column c3 is `body`) a piece at a time: selecting
    the value would load all of it, which takes milliseconds for a long article."""
    try:
        with conn.blobopen("fts_content", "c3", doc, readonly=True) as blob:
            return blob.read(MAX_SCAN).decode("utf-8", "ignore")
    except sqlite3.OperationalError:  # removed meanwhile
        return None


def _listed(
    conn: sqlite3.Connection, exclude: str | None, where: list[str], params: list, limit: int
) -> tuple[list[Hit], int]:
    """Hits without words to rank by (only exclusions or filters): newest first."""
    if exclude:
        where = ["a.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)", *where]
        params = [exclude, *params]
    cond = " WHERE " + " AND ".join(where) if where else ""
    sql = (
        "SELECT a.id, a.title, a.source, a.author, a.date, "
        "(SELECT substr(body, 1, 400) FROM fts WHERE rowid = a.doc) "
        f"FROM articles a{cond} ORDER BY a.date DESC, a.doc DESC LIMIT ?"
    )
    hits = [
        Hit(aid, title, source, author, date, 0.0, lead(body or ""))
        for aid, title, source, author, date, body in conn.execute(sql, (*params, limit))
    ]
    if len(hits) < limit:
        return hits, len(hits)
    count_sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a{cond} LIMIT ?)"
    return hits, conn.execute(count_sql, (*params, COUNT_CAP + 1)).fetchone()[0]


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
