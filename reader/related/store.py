"""The story store: per-article features, document frequencies, postings and links in SQLite.

A file next to the search index (same name, suffix `.related.sqlite`), derived data that
is rebuilt whenever it is missing, damaged or of another schema. Features are keyed by
article id and sha256, so an update recomputes only the articles that changed. Each row
holds the full features (`blob`) and a light copy of what a first check of a pair needs
(`light`: names, quotations, MinHash), so that most pairs are turned down on a few KB.

postings(key, doc) lists, per name ("e:"), quotation window ("q:") and MinHash band ("b:"),
the articles (by document number) that have it; candidate pairs come from keys held by few
articles, never from comparing every pair. An update sets new articles' postings aside
(staged, in the order they come) and writes them into postings in key order once their
features are all stored: chunk by chunk, they would land all over a B-tree that outgrows
the page cache at 100k articles. links(a, b, score) keeps the verified same-story pairs
(a < b).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.infra import sqlite
from reader.related.features import Features, quote_windows
from reader.related.minhash import bands

SCHEMA_VERSION = 3
# Bump when extraction changes: every article's features are then recomputed.
FEATURES_VERSION = 1
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024

_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE features (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    date TEXT,
    blob BLOB NOT NULL,
    light BLOB NOT NULL
);
CREATE TABLE df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE postings (key TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))
    WITHOUT ROWID;
CREATE INDEX postings_doc ON postings (doc);
CREATE TABLE links (
    a INTEGER NOT NULL, b INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX links_b ON links (b);
"""
# Made on opening, not in _DDL, so that a store made before it is kept (not regrouped).
_STAGED_DDL = "CREATE TABLE IF NOT EXISTS staged (doc INTEGER PRIMARY KEY, keys TEXT NOT NULL)"


# A stored article's columns, in the order `Features.from_blob` takes them (then the blob).
_FEATURE_COLUMNS = "id, sha256, title, source, date"


class RelatedStoreError(ReaderError):
    """The related-coverage store could not be opened or written."""


def store_path(index_path: Path) -> Path:
    """The store of the library whose search index is at index_path."""
    return index_path.with_suffix(".related.sqlite")


def posting_keys(f: Features) -> list[str]:
    """Every postings key of an article: its names, quotation windows and LSH bands."""
    keys = {"e:" + e for e in f.entities}
    for key in f.quote_keys():
        # Every third window, and the first three: a quotation inside a longer one
        # (of at least six words) still shares a key with it.
        windows = quote_windows(key)
        keys.update("q:" + w for i, w in enumerate(windows) if i < 3 or i % 3 == 0)
    keys.update(f"b:{key}" for key in bands(f.minhash))
    return list(keys)


def frequency_keys(f: Features) -> list[str]:
    """The document-frequency keys of an article: its content words and names."""
    return ["t:" + t for t in f.terms] + ["e:" + e for e in f.entities]


@dataclass(slots=True)
class Batch:
    """Articles as the store keeps them (rows, postings keys, document-frequency counts),
    made apart from the store: the processes that compute the features make them too, so
    the one that writes the store only writes, a statement per table for the whole batch
    (the keys and counts go as JSON, which SQLite reads in C)."""

    rows: list[tuple[str, str, str, str, str | None, bytes, bytes]] = field(default_factory=list)
    postings: list[str] = field(default_factory=list)  # per row: its keys, a JSON array
    df: str = "{}"  # key -> articles with it, a JSON object in key order


def batch(feats: Iterable[Features]) -> Batch:
    """The store's rows for these articles' features."""
    out = Batch()
    terms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for f in feats:
        out.rows.append((f.id, f.sha256, f.title, f.source, f.date, *f.to_blobs()))
        out.postings.append(json.dumps(posting_keys(f), ensure_ascii=False))
        terms.update(f.terms.keys())  # `frequency_keys`, counted in C and named once
        names.update(f.entities.keys())
    df = {"t:" + t: n for t, n in terms.items()}
    df.update(("e:" + e, n) for e, n in names.items())
    # Sorted, the rows land on neighbouring pages of the B-tree: fewer pages touched.
    out.df = json.dumps(df, ensure_ascii=False, sort_keys=True)
    return out


class RelatedStore:
    """One SQLite connection, shared by threads under a lock (the store is small and quick)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            raise RelatedStoreError(
                f"cannot open the related-coverage store {path}: {exc}"
            ) from None

    @classmethod
    def reader(cls, path: Path) -> RelatedStore:
        """A read-only connection to a store that another process keeps up to date (it
        is neither checked nor rebuilt here)."""
        store = cls.__new__(cls)
        store.path = Path(path)
        store.lock = threading.RLock()
        store.conn = sqlite.connect(store.path, sqlite.READ_ONLY, cache_kib=16384)
        store._identity = sqlite.identity(store.path)
        return store

    def _open(self) -> sqlite3.Connection:
        path = self.path
        conn = sqlite.open_or_rebuild(path, lambda c: _usable(c, path), _create, opener=_connect)
        conn.execute(_STAGED_DDL)
        self._identity = sqlite.identity(self.path)
        return conn

    def reopen_if_replaced(self) -> None:
        """Follow the file when another process threw it away and made a new one."""
        with self.lock:
            if sqlite.identity(self.path) != self._identity:
                self.conn.close()
                self.conn = self._open()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def reset(self) -> None:
        """Throw the database away and start an empty one (it is only derived data)."""
        with self.lock:
            self.conn.close()
            sqlite.remove(self.path)
            self.conn = self._open()

    # -- meta ------------------------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: object) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(value)))

    # -- features --------------------------------------------------------------

    def signatures(self) -> dict[str, str]:
        """id -> sha256 of every stored article."""
        return dict(self.conn.execute("SELECT id, sha256 FROM features"))

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM features").fetchone()[0]

    def features(self, ids: Iterable[str]) -> dict[str, Features]:
        return self._read_features(ids, "blob", Features.from_blob)

    def light_features(self, ids: Iterable[str]) -> dict[str, Features]:
        """The features a first check of a pair needs, without the words (see
        `Features.from_light_blob`): a fraction of the full ones to read and to hold."""
        return self._read_features(ids, "light", Features.from_light_blob)

    def _read_features(
        self, ids: Iterable[str], column: str, unpack: Callable[[tuple, bytes], Features]
    ) -> dict[str, Features]:
        out = {}
        sql = f"SELECT {_FEATURE_COLUMNS}, {column} FROM features WHERE id IN ({{}})"
        for chunk in _chunks(list(ids)):
            for *row, blob in self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk):
                out[row[0]] = unpack(tuple(row), blob)
        return out

    def sources(self) -> dict[str, tuple[str, str, str | None]]:
        """id -> (title, source, date) of every stored article."""
        rows = self.conn.execute("SELECT id, title, source, date FROM features")
        return {aid: (title, source, date) for aid, title, source, date in rows}

    def sources_of(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> source of the stored articles among `ids`."""
        sql = "SELECT id, source FROM features WHERE id IN ({})"
        out: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            out.update(self.conn.execute(sql.format(",".join("?" * len(chunk))), chunk))
        return out

    def remove(self, old: Iterable[Features]) -> None:
        """Take articles out: their rows, postings, links and document frequencies."""
        df: dict[str, int] = {}
        ids = []
        for f in old:
            ids.append(f.id)
            for key in frequency_keys(f):
                df[key] = df.get(key, 0) + 1
        for chunk in _chunks(ids):
            docs = f"SELECT doc FROM features WHERE id IN ({','.join('?' * len(chunk))})"
            self.conn.execute(f"DELETE FROM postings WHERE doc IN ({docs})", chunk)
            self.conn.execute(f"DELETE FROM staged WHERE doc IN ({docs})", chunk)
            self.conn.execute(f"DELETE FROM links WHERE a IN ({docs})", chunk)
            self.conn.execute(f"DELETE FROM links WHERE b IN ({docs})", chunk)
            self.conn.execute(f"DELETE FROM features WHERE doc IN ({docs})", chunk)
        self.conn.executemany(
            "UPDATE df SET n = n - ? WHERE key = ?", [(n, k) for k, n in sorted(df.items())]
        )
        self.conn.execute("DELETE FROM df WHERE n <= 0")

    def add(self, new: Iterable[Features]) -> None:
        """Store articles' features, postings and document frequencies (ids not stored yet)."""
        self.add_batch(batch(new))
        self.write_staged()

    def add_batch(self, new: Batch) -> None:
        """`add` for rows made beforehand (see `batch`), their postings set aside until
        `write_staged`."""
        first = self.conn.execute("SELECT coalesce(max(doc), 0) + 1 FROM features").fetchone()[0]
        self.conn.executemany(
            f"INSERT INTO features (doc, {_FEATURE_COLUMNS}, blob, light) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(first + i, *row) for i, row in enumerate(new.rows)],
        )
        self.conn.executemany("INSERT INTO staged VALUES (?, ?)", enumerate(new.postings, first))
        self.conn.execute(
            "INSERT INTO df SELECT key, value FROM json_each(?) WHERE true "
            "ON CONFLICT (key) DO UPDATE SET n = n + excluded.n",
            (new.df,),
        )

    def write_staged(self) -> None:
        """Write the postings set aside into postings, in key order (in the caller's
        transaction). When their articles outnumber the others (a first grouping), the index
        by document is dropped meanwhile and made again at once: quicker than filling it in
        key order, a row at a time."""
        c = self.conn
        if c.execute("SELECT NOT EXISTS (SELECT 1 FROM staged)").fetchone()[0]:
            return
        staged = c.execute("SELECT count(*) FROM staged").fetchone()[0]
        many = 2 * staged > c.execute("SELECT count(*) FROM features").fetchone()[0]
        if many:
            c.execute("DROP INDEX postings_doc")
        c.execute(
            "INSERT OR IGNORE INTO postings SELECT key.value, staged.doc "
            "FROM staged, json_each(staged.keys) AS key ORDER BY 1, 2"
        )
        if many:
            c.execute("CREATE INDEX postings_doc ON postings (doc)")
        c.execute("DELETE FROM staged")

    # -- document frequencies ---------------------------------------------------

    def frequencies(self, keys: Iterable[str] | None = None) -> dict[str, int]:
        """Document frequencies of the given keys (all of them when keys is None)."""
        if keys is None:
            return dict(self.conn.execute("SELECT key, n FROM df"))
        out: dict[str, int] = {}
        for chunk in _chunks(list(set(keys))):
            sql = f"SELECT key, n FROM df WHERE key IN ({','.join('?' * len(chunk))})"
            out.update(self.conn.execute(sql, chunk))
        return out

    # -- candidates and links ------------------------------------------------------

    def collect_pairs(self, ids: Iterable[str] | None, cap: int) -> int:
        """Fill temp.pairs with the candidate pairs (a < b, sorted) of these articles (of
        all when None), and return how many there are.

        A candidate shares keys held by at most cap articles with the other: a name weighs
        1; a quotation window or a MinHash band weighs 2, so one of them alone is enough.
        The pairs stay in SQLite: at 100k articles there are close to a million.
        """
        c = self.conn
        for table in ("wanted", "rare", "pairs"):
            c.execute(f"DROP TABLE IF EXISTS temp.{table}")
        c.execute("CREATE TEMP TABLE wanted (doc INTEGER PRIMARY KEY)")
        if ids is None:
            c.execute("INSERT INTO wanted SELECT doc FROM features")
            scope = "postings"
            # Every article is wanted: each pair is met from its lower document only.
            other = "p2.doc > p1.doc"
        else:
            other = "p2.doc <> p1.doc"
            c.executemany(
                "INSERT OR IGNORE INTO wanted SELECT doc FROM features WHERE id = ?",
                [(i,) for i in ids],
            )
            scope = "postings WHERE key IN (SELECT key FROM postings WHERE doc IN wanted)"
        c.execute("CREATE TEMP TABLE rare (key TEXT PRIMARY KEY, w INTEGER) WITHOUT ROWID")
        c.execute(
            f"INSERT INTO rare SELECT key, CASE substr(key, 1, 1) WHEN 'e' THEN 1 ELSE 2 END "
            f"FROM {scope} GROUP BY key HAVING count(*) BETWEEN 2 AND ?",
            (cap,),
        )
        c.execute("CREATE TEMP TABLE pairs (a TEXT NOT NULL, b TEXT NOT NULL)")
        c.execute(
            "INSERT INTO temp.pairs "
            "SELECT DISTINCT min(f1.id, f2.id), max(f1.id, f2.id) FROM ("
            " SELECT p1.doc AS x, p2.doc AS y FROM wanted"
            " JOIN postings p1 ON p1.doc = wanted.doc"
            " JOIN rare r ON r.key = p1.key"
            f" JOIN postings p2 ON p2.key = p1.key AND {other}"
            " GROUP BY p1.doc, p2.doc HAVING sum(r.w) >= 2"
            ") JOIN features f1 ON f1.doc = x JOIN features f2 ON f2.doc = y ORDER BY 1, 2"
        )
        return c.execute("SELECT count(*) FROM temp.pairs").fetchone()[0]

    def pairs(self, after: int, limit: int) -> list[tuple[str, str]]:
        """Candidate pairs number after+1 to after+limit (see collect_pairs)."""
        sql = "SELECT a, b FROM temp.pairs WHERE rowid > ? ORDER BY rowid LIMIT ?"
        return self.conn.execute(sql, (after, limit)).fetchall()

    def pair_ids(self) -> set[str]:
        """Every article in a candidate pair."""
        sql = "SELECT a FROM temp.pairs UNION SELECT b FROM temp.pairs"
        return {aid for (aid,) in self.conn.execute(sql)}

    def unlink(self, ids: Iterable[str] | None) -> None:
        """Forget the links of these articles (of all when None)."""
        if ids is None:
            self.conn.execute("DELETE FROM links")
            return
        for chunk in _chunks(list(ids)):
            docs = f"SELECT doc FROM features WHERE id IN ({','.join('?' * len(chunk))})"
            self.conn.execute(f"DELETE FROM links WHERE a IN ({docs})", chunk)
            self.conn.execute(f"DELETE FROM links WHERE b IN ({docs})", chunk)

    def link(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO links "
            "SELECT min(f1.doc, f2.doc), max(f1.doc, f2.doc), ? "
            "FROM features f1, features f2 WHERE f1.id = ? AND f2.id = ?",
            [(score, a, b) for a, b, score in pairs],
        )

    def links(self) -> list[tuple[str, str, float]]:
        """Every same-story pair, as (id, id, score)."""
        sql = (
            "SELECT fa.id, fb.id, l.score FROM links l "
            "JOIN features fa ON fa.doc = l.a JOIN features fb ON fb.doc = l.b"
        )
        return self.conn.execute(sql).fetchall()

    def links_of(self, article_id: str) -> dict[str, float]:
        """The articles linked to one, with the links' scores."""
        sql = (
            "WITH me AS (SELECT doc FROM features WHERE id = ?1) "
            "SELECT f.id, l.score FROM links l JOIN features f ON f.doc = l.b "
            "WHERE l.a = (SELECT doc FROM me) "
            "UNION ALL "
            "SELECT f.id, l.score FROM links l JOIN features f ON f.doc = l.a "
            "WHERE l.b = (SELECT doc FROM me)"
        )
        return dict(self.conn.execute(sql, (article_id,)))


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _connect(path: Path) -> sqlite3.Connection:
    # Derived data: a crash may lose the last writes (found by the check on opening, or on
    # use, and rebuilt), so no syncing; a larger page cache keeps the postings B-trees warm.
    return sqlite.connect(path, create=True, synchronous="OFF", cache_kib=65536)


def _usable(conn: sqlite3.Connection, path: Path) -> bool:
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    if meta.get("schema") != str(SCHEMA_VERSION) or meta.get("features") != str(FEATURES_VERSION):
        return False
    return sqlite.intact(conn, path, QUICK_CHECK_MAX_BYTES)


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript("BEGIN;" + _DDL + "COMMIT;")
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema", str(SCHEMA_VERSION)), ("features", str(FEATURES_VERSION))],
    )
