"""Per-article reading state (read marker, reading position), kept in the user data dir.

This is the user's own data, unlike the search index: it lives beside the notes,
not in the cache, and survives an index rebuild.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

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
        return int(row[0]) if row else 0

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
        """Articles renamed or moved (old id, new id) keep whether they were read and
        where: their rows go to the new id, unless it has one of its own."""
        pairs = list(renamed)
        if not pairs:
            return
        with self._lock:
            db = self._existing()
            if db is None:
                return
            db.executemany(
                "UPDATE OR IGNORE reading SET article = ? WHERE library = ? AND article = ?",
                [(new, self.library, old) for old, new in pairs],
            )
            if self._read is not None:
                for old, new in pairs:
                    if old in self._read:
                        self._read.discard(old)
                        self._read.add(new)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
