"""Per-article reading state (read marker, reading position) and the article shown when
the app was left, kept in the user data dir.

This is the user's own data, unlike the search index: it lives beside the notes,
not in the cache, and survives an index rebuild.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader.infra import sqlite
from reader.paths import data_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reading (
    library TEXT NOT NULL,
    article TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    read_at REAL,
    PRIMARY KEY (library, article)
);
"""

# Made by the first save, so a state file of an older version, even a read-only one,
# opens as it is.
_LAST_SCHEMA = """
CREATE TABLE IF NOT EXISTS last_open (
    library TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    above INTEGER NOT NULL DEFAULT 0
);
"""

MAX_ABOVE = 1000  # screen lines above the cursor: more is no terminal's
_MAX_ID = 4096


@dataclass(frozen=True, slots=True)
class LastOpen:
    """The article shown when the app was left, and how many screen lines were above
    its reading cursor."""

    article: str
    above: int = 0


def library_id(value: object) -> str | None:
    """`value` if it can name an article inside a library (a relative path with no
    `..`, no control character), else None: the state file is not trusted."""
    if not isinstance(value, str) or not 0 < len(value) <= _MAX_ID:
        return None
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        return None
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] == (".outside",):
        return None
    return value


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite.connect(path, create=True, wal=False, timeout=5.0)


def _create(db: sqlite3.Connection) -> None:
    db.executescript(_SCHEMA)


def _usable(db: sqlite3.Connection) -> bool:
    _create(db)  # (a damaged file raises here)
    return True


class ReadingState:
    """Which articles of a library were opened, and where the reader left off.

    Positions are offsets into the article's canonical text, so they hold
    whatever the terminal width is when the article is opened again.
    """

    def __init__(self, library: Path, db_path: Path | None = None) -> None:
        self.library = str(library)
        self.db_path = db_path or data_dir() / "state.sqlite"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._read: set[str] | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            # A damaged state file only costs read markers: set it aside, start anew.
            self._db = sqlite.open_or_rebuild(
                self.db_path, _usable, _create, opener=_connect, discard=sqlite.set_aside
            )
        return self._db

    def _existing(self) -> sqlite3.Connection | None:
        """The connection for reading; None while there is no state file (nothing read),
        which is then created by the first write rather than by start-up."""
        if self._db is None and not self.db_path.exists():
            return None
        return self._conn()

    def read_ids(self) -> set[str]:
        """Ids of every article opened at least once."""
        with self._lock:
            if self._read is None:
                db = self._existing()
                sql = "SELECT article FROM reading WHERE library = ? AND read_at IS NOT NULL"
                self._read = {r[0] for r in db.execute(sql, (self.library,))} if db else set()
            return set(self._read)

    def position(self, article_id: str) -> int:
        with self._lock:
            db = self._existing()
            sql = "SELECT position FROM reading WHERE library = ? AND article = ?"
            row = db.execute(sql, (self.library, article_id)).fetchone() if db else None
        value = row[0] if row else 0
        return max(0, value) if type(value) is int else 0  # (a hand-edited file: anything)

    def last_open(self) -> LastOpen | None:
        """The article shown when the app was left (None: none, or nothing usable)."""
        sql = "SELECT article, above FROM last_open WHERE library = ?"
        with self._lock:
            try:
                db = self._existing()
                row = db.execute(sql, (self.library,)).fetchone() if db else None
            except (sqlite3.Error, OSError):  # a state file older than the table, or unusable
                return None
        article = library_id(row[0]) if row else None
        if row is None or article is None:
            return None
        above = row[1]
        return LastOpen(article, above if type(above) is int and 0 <= above <= MAX_ABOVE else 0)

    def save_last_open(self, last: LastOpen) -> None:
        """Remember the article shown as the app is left: one statement, all or nothing.
        A state that cannot be written keeps the one saved before."""
        article = library_id(last.article)
        if article is None:
            return
        above = min(max(0, int(last.above)), MAX_ABOVE)
        with self._lock:
            try:
                db = self._conn()
                db.execute(_LAST_SCHEMA)
                db.execute(
                    "INSERT INTO last_open (library, article, above) VALUES (?, ?, ?) "
                    "ON CONFLICT (library) DO UPDATE "
                    "SET article = excluded.article, above = excluded.above",
                    (self.library, article, above),
                )
            except (sqlite3.Error, OSError):
                return

    def forget_last_open(self) -> None:
        """Open no article at the next start (the one saved could not be shown)."""
        with self._lock:
            try:
                db = self._existing()
                if db is not None:
                    db.execute("DELETE FROM last_open WHERE library = ?", (self.library,))
            except (sqlite3.Error, OSError):  # no such table yet, or a read-only state file
                return

    def mark_read(self, article_id: str) -> None:
        with self._lock:
            db = self._conn()
            db.execute(
                "INSERT INTO reading (library, article, read_at) VALUES (?, ?, ?) "
                "ON CONFLICT (library, article) DO UPDATE SET read_at = excluded.read_at",
                (self.library, article_id, time.time()),
            )
            if self._read is not None:
                self._read.add(article_id)

    def save_position(self, article_id: str, position: int) -> None:
        with self._lock:
            db = self._conn()
            db.execute(
                "INSERT INTO reading (library, article, position) VALUES (?, ?, ?) "
                "ON CONFLICT (library, article) DO UPDATE SET position = excluded.position",
                (self.library, article_id, max(0, int(position))),
            )

    def follow(self, renamed: Iterable[tuple[str, str]]) -> None:
        """Articles renamed or moved (old id, new id): their read marker and position go
        to the new id (unless it has its own), and so does being the article shown last."""
        pairs = [(new, self.library, old) for old, new in renamed]
        if not pairs:
            return
        with self._lock:
            try:
                db = self._existing()
            except (sqlite3.Error, OSError):
                return
            if db is None:
                return
            with contextlib.suppress(sqlite3.Error):  # (read-only: it stays where it was)
                db.executemany(
                    "INSERT OR IGNORE INTO reading (library, article, position, read_at) "
                    "SELECT library, ?, position, read_at FROM reading "
                    "WHERE library = ? AND article = ?",
                    pairs,
                )
                db.executemany(
                    "DELETE FROM reading WHERE library = ? AND article = ?",
                    [(library, old) for _, library, old in pairs],
                )
                if self._read is not None:
                    for new, _, old in pairs:
                        if old in self._read:
                            self._read.discard(old)
                            self._read.add(new)
            with contextlib.suppress(sqlite3.Error):  # (a state file older than the table)
                db.executemany(
                    "UPDATE last_open SET article = ? WHERE library = ? AND article = ?", pairs
                )

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
