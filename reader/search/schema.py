"""The index database: its schema, and opening it (rebuilt when damaged or outdated)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.errors import SearchIndexError
from reader.infra.sqlite import (
    IMMUTABLE,
    READ_ONLY,
    READ_WRITE,
    cannot_write,
    connect,
    intact,
    remove,
)
from reader.search import departures

SCHEMA_VERSION = 21  # bump when parsing, cleaning or the storage changes what an index holds

# Opening runs PRAGMA quick_check on files up to this size (a few ms); bigger files
# would take seconds, so damage there is found on use (see LibraryIndex).
QUICK_CHECK_MAX_BYTES = 8 * 1024 * 1024

_REBUILDING = "rebuilding"  # the meta key of an index built anew (see mark_rebuilding)

# The meta key of the library as the index last saw it whole (see sync.unchanged_library):
# its walk's digest, then the counts an update that finds nothing to do reports.
LIBRARY_SEEN = "library_seen"

# Any change to the articles or the files passed over, by whatever program makes it (a
# reader of another version too), forgets that digest: it describes the library only
# while the index is as the update that kept it left it.
_FORGETTING = [
    f"CREATE TRIGGER IF NOT EXISTS {table}_{change.lower()}_forgets_seen "
    f"AFTER {change} ON {table} "
    f"BEGIN DELETE FROM meta WHERE key = '{LIBRARY_SEEN}'; END"
    for table in ("articles", "skipped")
    for change in ("INSERT", "UPDATE", "DELETE")
]

# Pages of 16 KiB hold several packed texts each, where 4 KiB pages held one and a
# quarter of their room went unused: 2.5% smaller at 10k (32 KiB: 4%, but every read
# of a row or an index leaf reads the whole page).
PAGE_SIZE = 16384

# bm25 weights of the fts columns: a title match counts most, the body least.
RANK = "bm25(10.0, 2.0, 2.0, 1.0)"

# The source list's order (sources A-Z, then newest first, then title), and an index that
# covers it, so listing 100k articles reads one index in order instead of sorting.
LISTING_ORDER = "source COLLATE NOCASE, source, coalesce(date, '') DESC, title COLLATE NOCASE"
LISTING_INDEX = (
    f"CREATE INDEX IF NOT EXISTS articles_listing ON articles ({LISTING_ORDER}, id, title, date)"
)

# Search filters (dates, read or not) check each match's row here: a narrow covering
# index is read several times faster than the table's wide rows.
FILTER_INDEX = "articles_filter"
_FILTER_DDL = f"CREATE INDEX IF NOT EXISTS {FILTER_INDEX} ON articles (doc, date, id)"

# Each source's total, for the source list's headers: counted from a narrow index, which
# is read several times faster than the listing's (8 ms rather than 20-40 at 100k).
_SOURCE_DDL = (
    "CREATE INDEX IF NOT EXISTS articles_source ON articles (source COLLATE NOCASE, source)"
)

# The text is kept once: packed (zlib) in `content`, from which excerpts are made (with
# `body_spans`, where the body lies in it: decoding the blocks took as long as unpacking). The
# full-text table is contentless: it keeps only its index (what bm25 needs), and taking
# a row out gives it back the values it indexed (see sync). No prefix indexes: the
# search as you type matches whole words; `pre*` reads the terms in order without one,
# and they would double the index.
_DDL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    digest TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    author TEXT,
    date TEXT,
    url TEXT,
    words INTEGER NOT NULL,
    format TEXT NOT NULL,
    subtitle TEXT,
    section TEXT,
    tags TEXT NOT NULL,
    ignored TEXT
);
CREATE INDEX articles_date ON articles (date);
CREATE INDEX articles_ignored ON articles (path) WHERE ignored IS NOT NULL;
{LISTING_INDEX};
{_FILTER_DDL};
{_SOURCE_DDL};
CREATE TABLE content (
    doc INTEGER PRIMARY KEY,
    text BLOB NOT NULL,
    blocks BLOB NOT NULL,
    body_spans TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5 (
    title, author, source, body,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO fts (fts, rank) VALUES ('rank', '{RANK}');
CREATE TABLE template_lines (
    source TEXT NOT NULL,
    hash INTEGER NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (source, hash)
) WITHOUT ROWID;
{departures.DDL}
CREATE TABLE skipped (
    path TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    size INTEGER,
    mtime_ns INTEGER,
    ctime_ns INTEGER,
    ino INTEGER,
    parser TEXT
);
""" + "".join(f"{trigger};\n" for trigger in _FORGETTING)


def add_missing_indexes(conn: sqlite3.Connection) -> None:
    """Create indexes and columns added since a database was built (no rebuild needed
    for them)."""
    conn.execute(LISTING_INDEX)
    conn.execute(_FILTER_DDL)
    conn.execute(_SOURCE_DDL)
    departures.create(conn)
    for trigger in _FORGETTING:
        conn.execute(trigger)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(skipped)")}
    if "parser" not in columns:  # its failures, of no known parser, are tried again
        conn.execute("ALTER TABLE skipped ADD COLUMN parser TEXT")
        conn.execute("DELETE FROM meta WHERE key = ?", (LIBRARY_SEEN,))


def has_index(conn: sqlite3.Connection, name: str) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
    return conn.execute(sql, (name,)).fetchone() is not None


def _usable(conn: sqlite3.Connection, path: Path, root: str) -> bool:
    """Whether an existing database has the current schema and belongs to root."""
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError as exc:
        if cannot_write(exc):
            raise  # not unusable: to be opened read-only
        return False
    if meta.get("schema_version") != str(SCHEMA_VERSION) or meta.get("root") != root:
        return False
    return intact(conn, path, QUICK_CHECK_MAX_BYTES)


def remove_db(path: Path) -> None:
    """Delete the database file and its WAL companions."""
    try:
        remove(path)
    except OSError as exc:
        raise SearchIndexError(f"cannot replace the search index {path}: {exc.strerror}") from None


def _create(path: Path, root: str, *, anew: bool = False) -> sqlite3.Connection:
    conn = connect(path, create=True, page_size=PAGE_SIZE)
    conn.executescript("BEGIN;" + _DDL + "COMMIT;")
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("schema_version", str(SCHEMA_VERSION)), ("root", root)],
    )
    if anew:
        mark_rebuilding(conn, True)
    return conn


def mark_rebuilding(conn: sqlite3.Connection, rebuilding: bool) -> None:
    """Mark an index as built anew in place of one that listed the library, or unmark
    it once an update completes: until then, what it lacks may just not be read yet.
    Kept in the file, so that a build cut short is still known as one where it goes
    on, in this process or the next."""
    if rebuilding:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (_REBUILDING,))
    else:
        conn.execute("DELETE FROM meta WHERE key = ?", (_REBUILDING,))


def is_rebuilding(conn: sqlite3.Connection) -> bool:
    """Whether the index is being built anew (see mark_rebuilding)."""
    sql = "SELECT 1 FROM meta WHERE key = ?"
    return conn.execute(sql, (_REBUILDING,)).fetchone() is not None


def open_db(path: Path, root: str) -> tuple[sqlite3.Connection, str]:
    """Open the index at path, creating it, or recreating it empty when it is unusable;
    the connection and its mode (READ_WRITE, or READ_ONLY or IMMUTABLE for an intact
    index that cannot be written: it is searched as it is).

    Unusable means not a database, damaged, of another schema version or made for
    another library. The index is derived data, so starting over loses nothing.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SearchIndexError(
            f"cannot create the search index in {path.parent}: {exc.strerror}"
        ) from None
    try:
        return _open_once(path, root)
    except sqlite3.DatabaseError:
        pass  # another process may have been creating it at the same moment: look again
    try:
        return _open_once(path, root)
    except sqlite3.DatabaseError as exc:
        raise SearchIndexError(f"cannot open the search index {path}: {exc}") from None


def _open_once(path: Path, root: str) -> tuple[sqlite3.Connection, str]:
    if path.exists():
        conn = None
        try:
            conn = connect(path)
            if _usable(conn, path, root):
                return conn, READ_WRITE
        except sqlite3.DatabaseError as exc:
            if cannot_write(exc):
                if conn is not None:
                    conn.close()
                return _open_read_only(path, root)
        if conn is not None:
            conn.close()
        remove_db(path)
        return _create(path, root, anew=True), READ_WRITE
    return _create(path, root), READ_WRITE


def _open_read_only(path: Path, root: str) -> tuple[sqlite3.Connection, str]:
    for mode in (READ_ONLY, IMMUTABLE):
        conn = None
        try:
            conn = connect(path, mode)
            usable = _usable(conn, path, root)
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()
            if mode == IMMUTABLE or not cannot_write(exc):
                raise
            continue
        if usable:
            return conn, mode
        conn.close()
        break
    raise SearchIndexError(
        f"the search index {path} is out of date or damaged, and read-only: it cannot be rebuilt"
    )
