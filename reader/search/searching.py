"""Running a query against the index: ranking, filters, counts and excerpts.

Loaded on the first search, not when a library is opened to be listed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.search.query import Query, parse_query
from reader.search.records import Unpacking, body_in
from reader.search.results import Hit, SearchResult
from reader.search.schema import FILTER_INDEX, LISTING_ORDER, has_index
from reader.search.snippet import (
    FIRST_SCAN,
    MAX_SCAN,
    Excerpt,
    Matcher,
    excerpt,
    excerpt_of_start,
    lead,
)

if TYPE_CHECKING:
    from reader.search.index import LibraryIndex


def search(
    index: LibraryIndex,
    query: str | Query,
    limit: int,
    read_ids: Collection[str] | None,
    within: Collection[str] | None,
    excerpts: int | None,
    count: bool,
    without: Collection[str] | None = None,
) -> SearchResult:
    """LibraryIndex.search (which see)."""
    q = parse_query(query) if isinstance(query, str) else query
    if (q.is_empty and not q.lists_library) or limit <= 0:
        return SearchResult([], 0, q.message, q)
    where, params = _filters(q, read_ids, within, without)
    if not q.match:
        exclude = q.exclude
        # The library but what the query leaves out reads as the library does.
        order = LISTING_ORDER if q.excludes_only or q.lists_library else "a.date DESC, a.doc DESC"
        hits, total = index.read(lambda c: _listed(c, exclude, where, params, limit, order))
        return SearchResult(hits, min(total, COUNT_CAP), q.message, q, total > COUNT_CAP)
    match = q.match
    # A prefix without a prefix index has FTS5 merge every term it begins before the
    # first row (`th*`: 65 ms at 10k), however few rows are read: the matches are then
    # counted by the same statement, not read again by a count.
    counting = any(t.prefix for t in (*q.terms, *q.title_terms))
    ranked, total, matches = index.read(lambda c: _ranked(c, match, where, params, limit, counting))
    cut = len(ranked) if excerpts is None else excerpts
    hits = index.read(lambda c: _hits(c, ranked, q, cut))
    counted = total <= RANK_ALL
    result = SearchResult(hits, min(total, RANK_ALL), q.message, q, not counted, counted)
    if matches is not None:
        total, more = min(matches, COUNT_CAP), matches > COUNT_CAP
        result = replace(result, total=total, more=more, counted=True)
    elif count and not result.counted:
        result = replace(result, **_counted(index, match, where, params))
    return result


def ranked_ids(index: LibraryIndex, query: str | Query, limit: int) -> list[str]:
    """LibraryIndex.ranked_ids (which see)."""
    q = parse_query(query) if isinstance(query, str) else query
    match = q.match
    if match is None or limit <= 0:
        return []
    where, params = _filters(q, None, None, None)
    ranked, _total, _ = index.read(lambda c: _ranked(c, match, where, params, limit))
    sql = "SELECT doc, id FROM articles WHERE doc IN (SELECT value FROM json_each(?))"
    docs = json.dumps([doc for doc, _ in ranked])
    ids = dict(index.read(lambda c: c.execute(sql, (docs,)).fetchall()))
    return [ids[doc] for doc, _ in ranked if doc in ids]


def complete(
    index: LibraryIndex,
    result: SearchResult,
    read_ids: Collection[str] | None,
    within: Collection[str] | None,
    without: Collection[str] | None = None,
    excerpts: bool = True,
) -> SearchResult:
    """LibraryIndex.complete (which see)."""
    if excerpts:
        result = replace(result, hits=with_excerpts(index, result.query, result.hits))
    if result.counted or not result.query.match:
        return result
    where, params = _filters(result.query, read_ids, within, without)
    return replace(result, **_counted(index, result.query.match, where, params))


def with_excerpts(index: LibraryIndex, query: Query, hits: Sequence[Hit]) -> list[Hit]:
    """LibraryIndex.excerpts (which see)."""
    pending = {hit.id for hit in hits if hit.snippet is None}
    if not pending:
        return list(hits)
    sql = "SELECT id, doc FROM articles WHERE id IN (SELECT value FROM json_each(?))"
    ids = json.dumps(list(pending))
    cut = index.read(lambda c: _excerpts(c, query, dict(c.execute(sql, (ids,)))))
    return [
        replace(hit, snippet=cut[hit.id][0], spans=cut[hit.id][1]) if hit.id in cut else hit
        for hit in hits
    ]


def _counted(index: LibraryIndex, match: str, where: list[str], params: list) -> dict:
    """The total, more and counted fields of a result, counted up to COUNT_CAP."""
    total = index.read(lambda c: _count(c, match, where, params))
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
    conn: sqlite3.Connection,
    match: str,
    where: list[str],
    params: list,
    limit: int,
    counting: bool = False,
) -> tuple[list[tuple[int, float]], int, int | None]:
    """(doc, rank) of the best `limit` matches, the number of matches up to RANK_ALL
    (RANK_ALL + 1 meaning more), and, when `counting`, up to COUNT_CAP + 1 (else None).

    Matches are ranked by bm25, among the RANK_ALL (or `limit`, if more) most recently
    added when there are more. When more than half of the recently added articles
    match, bm25's IDF for the query's words is at its floor, so its order says little
    (how often the words occur), while its cost grows with every article holding them:
    such hits come most recently added first, unranked (rank 0), as does a lone match.
    Nothing here reads an article's text: only the hits shown need it."""
    matches = _matching(conn, where)
    args = (match, *params)
    newest = f"{matches} ORDER BY fts.rowid DESC LIMIT ?"
    wanted = max(RANK_ALL, limit) + 1
    fetched = max(wanted, COUNT_CAP + 1) if counting else wanted
    docs = [doc for (doc,) in conn.execute(newest, (*args, fetched))]
    counted = len(docs) if counting else None
    docs = docs[:wanted]
    if len(docs) < 2:  # nothing to rank: bm25 would still look at every article
        return [(doc, 0.0) for doc in docs], len(docs), counted
    # With filters, even a few matches can be of words found everywhere, which bm25
    # would still look up in every article.
    if (len(docs) > RANK_ALL or where) and _everywhere(
        conn, match, docs[RANK_ALL] if not where else None
    ):
        return [(doc, 0.0) for doc in docs[:limit]], min(len(docs), RANK_ALL + 1), counted
    # FTS5 seeks to the range: few or close matches are not looked for again everywhere.
    window = min(len(docs), max(RANK_ALL, limit))  # the most recent matches, to rank
    bound = f" AND fts.rowid BETWEEN {int(docs[window - 1])} AND {int(docs[0])}"
    # With filters, SQLite sorts (`+ 0`): FTS5 would rank every match before the join.
    order = "fts.rank + 0" if where else "fts.rank"
    best = f"{_matching(conn, where, 'fts.rowid, fts.rank')}{bound} ORDER BY {order} LIMIT ?"
    ranked = conn.execute(best, (*args, limit)).fetchall()
    return ranked, min(len(docs), RANK_ALL + 1), counted


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


def _excerpts(conn: sqlite3.Connection, q: Query, docs: dict[str, int]) -> dict[str, Excerpt]:
    """An excerpt of the body (no boilerplate) of each article, by id, around the query's
    words; `docs` maps the ids to their rowids."""
    if not docs:
        return {}
    words = Matcher((t.text, t.prefix) for t in q.terms)
    cut = {}
    for doc, packed, spans in _packed(conn, docs.values()):
        # Most excerpts show a match found early: tried on the start of the body first.
        text = Unpacking(packed)
        start = text.start(PEEK + 2 * spans[0] if spans else PEEK)
        found = None if text.whole else excerpt_of_start(body_in(start, spans), words)
        cut[doc] = found or excerpt(_body_start(text, spans), words)
    return {aid: cut[doc] for aid, doc in docs.items() if doc in cut}


# Bytes of a packed text unpacked first for an excerpt (most matches are early).
PEEK = 2048


def _packed(conn: sqlite3.Connection, docs: Iterable[int]) -> Iterator[tuple[int, bytes, list]]:
    """(rowid, packed text, body spans) of each article still stored."""
    sql = "SELECT doc, text, body_spans FROM content WHERE doc IN (SELECT value FROM json_each(?))"
    rows = conn.execute(sql, (json.dumps(list(docs)),))
    return ((doc, text, json.loads(spans)) for doc, text, spans in rows)


def _first_bytes(body: str) -> str:
    """The first MAX_SCAN bytes of a body, as excerpts look at them."""
    if len(body) * 4 <= MAX_SCAN:  # (no UTF-8 character takes more)
        return body
    return body.encode("utf-8", "surrogatepass")[:MAX_SCAN].decode("utf-8", "ignore")


def _body_start(text: Unpacking, spans: list[int]) -> str:
    """The first MAX_SCAN bytes of the body that lies at `spans` in a packed text
    (`fts` keeps no copy of it).

    Only the start of a long text is unpacked: as much as gives MAX_SCAN bytes of body
    (most texts are shorter than FIRST_SCAN: unpacked whole at the first go)."""
    size = max(2 * FIRST_SCAN, spans[0] * 4 if spans else 0)
    while True:
        body = body_in(text.start(size), spans)
        if text.whole:
            return _first_bytes(body)
        cut = body.encode("utf-8", "surrogatepass")
        if len(cut) >= MAX_SCAN:
            return cut[:MAX_SCAN].decode("utf-8", "ignore")
        size = max(size * 4, 2 * MAX_SCAN)


def _listed(
    conn: sqlite3.Connection,
    exclude: str | None,
    where: list[str],
    params: list,
    limit: int,
    order: str,
) -> tuple[list[Hit], int]:
    """Hits without words to rank by (only exclusions or filters), in `order`."""
    if exclude:
        where = ["a.doc NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)", *where]
        params = [exclude, *params]
    cond = " WHERE " + " AND ".join(where) if where else ""
    sql = (
        "SELECT a.id, a.title, a.source, a.author, a.date, a.doc "
        f"FROM articles a{cond} ORDER BY {order} LIMIT ?"
    )
    rows = conn.execute(sql, (*params, limit)).fetchall()
    leads = {
        doc: lead(_body_start(Unpacking(packed), spans)[:400])
        for doc, packed, spans in _packed(conn, [row[5] for row in rows])
    }
    hits = [
        Hit(aid, title, source, author, date, 0.0, leads.get(doc, lead("")))
        for aid, title, source, author, date, doc in rows
    ]
    if len(hits) < limit:
        return hits, len(hits)
    count_sql = f"SELECT count(*) FROM (SELECT 1 FROM articles a{cond} LIMIT ?)"
    return hits, conn.execute(count_sql, (*params, COUNT_CAP + 1)).fetchone()[0]


def _filters(
    q: Query,
    read_ids: Collection[str] | None,
    within: Collection[str] | None,
    without: Collection[str] | None = None,
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
    if without:
        where.append("a.id NOT IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(without)))
    return where, params
