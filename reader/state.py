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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from reader.infra import sqlite
from reader.infra.latest import LatestWriter
from reader.paths import data_dir

_T = TypeVar("_T")

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

# Also made by the first save: the text at each reading position (see reader.text.passage).
_PASSAGE_SCHEMA = """
CREATE TABLE IF NOT EXISTS passage (
    library TEXT NOT NULL,
    article TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (library, article)
);
"""

MAX_ABOVE = 1000  # screen lines above the cursor: more is no terminal's
_MAX_ID = 4096
_CHECKED_BYTES = 64 << 20  # a state file up to this size is checked whole when opened


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


def _empty() -> sqlite3.Connection:
    """A state in memory: nothing read yet, or a state file that cannot be kept."""
    db = sqlite3.connect(":memory:", check_same_thread=False)
    _create(db)
    return db


class _NotSetAside(Exception):
    """A damaged state file could not be moved out of the way."""


class ReadingState:
    """Which articles of a library were opened, and where the reader left off.

    Positions are offsets into the article's canonical text, so they hold
    whatever the terminal width is when the article is opened again.
    """

    def __init__(
        self,
        library: Path,
        db_path: Path | None = None,
        *,
        tell: Callable[[str], None] | None = None,
    ) -> None:
        self.library = str(library)
        self.db_path = db_path or data_dir() / "state.sqlite"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._read: set[str] | None = None
        self._tell = tell
        self._untold: list[str] = []  # said once a front end listens (`tell_to`)
        self._in_memory = False  # the file cannot be written: kept in memory for the run
        # Each commit waits for the disk (tens of ms): positions are written in the
        # background, the last one of each article.
        self._positions: LatestWriter[str, tuple[int, str]] = LatestWriter(
            self._write_position, "reading-positions"
        )

    def tell_to(self, tell: Callable[[str], None]) -> None:
        """Say to `tell` (in one line each) what happened to the state file: what
        happened before too, once."""
        with self._lock:
            self._tell, untold, self._untold = tell, self._untold, []
        for line in untold:
            tell(line)

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            # A damaged state file only costs read markers: set it aside, start anew.
            try:
                self._db = sqlite.open_or_rebuild(
                    self.db_path, self._usable, _create, opener=_connect, discard=self._set_aside
                )
            except _NotSetAside:
                self._db = _empty()
        return self._db

    def _usable(self, db: sqlite3.Connection) -> bool:
        _create(db)  # (a file that is no database raises here)
        return sqlite.intact(db, self.db_path, _CHECKED_BYTES)

    def _set_aside(self, path: Path) -> None:
        if not path.exists():  # nothing there to be damaged: a folder it cannot be made in
            raise sqlite3.OperationalError(f"unable to make {path}")
        try:
            aside = sqlite.set_aside(path)
        except OSError as error:
            self._say(
                f"the reading state {path} is damaged and cannot be set aside "
                f"({error.strerror or error}): read marks and reading places are not kept"
            )
            raise _NotSetAside from error
        self._say(
            f"the reading state was damaged: set aside as {aside}; "
            "read marks and reading places start anew"
        )

    def _say(self, line: str) -> None:
        if self._tell is None:
            self._untold.append(line)
        else:
            self._tell(line)

    def _using(self, work: Callable[[sqlite3.Connection], _T], *, existing: bool = False) -> _T:
        """`work` done on the state file, the lock held; with `existing`, on an empty
        database while there is no state file (the first write makes it, not start-up).
        A file found damaged on the way is set aside and the work done again anew."""
        with self._lock:
            for attempt in (1, 2):
                if existing and self._db is None and not self.db_path.exists():
                    return work(_empty())
                try:
                    return work(self._conn())
                except sqlite3.DatabaseError as error:
                    if attempt == 2 or not sqlite.damaged(error) or self._db is None:
                        raise
                self._db.close()
                self._db, self._read = None, None
                try:
                    self._set_aside(self.db_path)
                except _NotSetAside:
                    self._db = _empty()
            raise AssertionError("unreachable")

    def _write(self, work: Callable[[sqlite3.Connection], None], *, existing: bool = False) -> None:
        """`work` that changes the state (`_using`). A state file that cannot be written
        (read-only, its folder, its disk) is left as it is: what it holds is copied into
        memory, where this and every later change is kept for the run; said once."""
        try:
            self._using(work, existing=existing)
            return
        except (sqlite3.Error, OSError) as error:
            if self._in_memory:
                raise
            reason = error.strerror if isinstance(error, OSError) else str(error)
        with self._lock:
            self._db, self._in_memory = self._memory_copy(), True
        self._say(
            f"the reading state {self.db_path} cannot be written ({reason or 'unknown'}): "
            "read marks and reading places are kept only until reader is left"
        )
        self._using(work)

    def _memory_copy(self) -> sqlite3.Connection:
        """What the state file holds, in memory (as much as can be read of it)."""
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        source = self._db
        try:
            if source is None and self.db_path.exists():
                source = sqlite.connect(self.db_path, sqlite.READ_ONLY, wal=False)
            if source is not None:
                source.backup(memory)
        except (sqlite3.Error, OSError):
            pass
        finally:
            if source is not None:
                source.close()
        _create(memory)
        return memory

    def read_ids(self) -> set[str]:
        """Ids of every article opened at least once."""

        def read(db: sqlite3.Connection) -> set[str]:
            if self._read is None:
                sql = "SELECT article FROM reading WHERE library = ? AND read_at IS NOT NULL"
                self._read = {r[0] for r in db.execute(sql, (self.library,))}
            return set(self._read)

        return self._using(read, existing=True)

    def position(self, article_id: str) -> int:
        return self.place(article_id)[0]

    def place(self, article_id: str) -> tuple[int, str]:
        """Where the reader left off in an article: the offset, and the text found there
        then ("" when not kept)."""
        waiting = self._positions.waiting(article_id)
        if waiting is not None:
            return waiting
        key = (self.library, article_id)

        def read(db: sqlite3.Connection) -> tuple[object, object]:
            sql = "SELECT position FROM reading WHERE library = ? AND article = ?"
            row = db.execute(sql, key).fetchone()
            try:
                sql = "SELECT text FROM passage WHERE library = ? AND article = ?"
                passage = db.execute(sql, key).fetchone()
            except sqlite3.OperationalError:  # (no passage kept yet: no table)
                passage = None
            return row[0] if row else 0, passage[0] if passage else ""

        value, passage = self._using(read, existing=True)
        # (a hand-edited file: anything)
        offset = max(0, value) if type(value) is int else 0
        return offset, passage if isinstance(passage, str) else ""

    def last_open(self) -> LastOpen | None:
        """The article shown when the app was left (None: none, or nothing usable)."""
        sql = "SELECT article, above FROM last_open WHERE library = ?"
        try:
            row = self._using(lambda db: db.execute(sql, (self.library,)).fetchone(), existing=True)
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

        def save(db: sqlite3.Connection) -> None:
            db.execute(_LAST_SCHEMA)
            db.execute(
                "INSERT INTO last_open (library, article, above) VALUES (?, ?, ?) "
                "ON CONFLICT (library) DO UPDATE "
                "SET article = excluded.article, above = excluded.above",
                (self.library, article, above),
            )

        with contextlib.suppress(sqlite3.Error, OSError):
            self._write(save)

    def forget_last_open(self) -> None:
        """Open no article at the next start (the one saved could not be shown)."""

        def forget(db: sqlite3.Connection) -> None:
            db.execute(_LAST_SCHEMA)
            db.execute("DELETE FROM last_open WHERE library = ?", (self.library,))

        # a read-only state file keeps the article: the screen says it could not be shown
        with contextlib.suppress(sqlite3.Error, OSError):
            self._write(forget, existing=True)

    def mark_read(self, article_id: str) -> None:
        def mark(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO reading (library, article, read_at) VALUES (?, ?, ?) "
                "ON CONFLICT (library, article) DO UPDATE SET read_at = excluded.read_at",
                (self.library, article_id, time.time()),
            )
            if self._read is not None:
                self._read.add(article_id)

        self._write(mark)

    def save_position(self, article_id: str, position: int, passage: str = "") -> None:
        """Keep where the reader is in an article, and the text there (`passage`): written
        in the background (`flush`, `close`), read back at once."""
        self._positions.put(article_id, (max(0, int(position)), passage))

    def flush(self) -> None:
        """Return once every reading position saved is written."""
        self._positions.flush()

    def _write_position(self, article_id: str, place: tuple[int, str]) -> None:
        key, (position, passage) = (self.library, article_id), place

        def save(db: sqlite3.Connection) -> None:
            db.execute(
                "INSERT INTO reading (library, article, position) VALUES (?, ?, ?) "
                "ON CONFLICT (library, article) DO UPDATE SET position = excluded.position",
                (*key, position),
            )
            db.execute(_PASSAGE_SCHEMA)
            db.execute(
                "INSERT INTO passage (library, article, text) VALUES (?, ?, ?) "
                "ON CONFLICT (library, article) DO UPDATE SET text = excluded.text",
                (*key, passage),
            )

        # (a state that cannot be written at all has said so: the position is not kept)
        with contextlib.suppress(sqlite3.Error, OSError):
            self._write(save)

    def follow(self, renamed: Iterable[tuple[str, str]]) -> None:
        """Articles renamed or moved (old id, new id): their read marker and position go
        to the new id (unless it has its own), and so does being the article shown last."""
        pairs = [(new, self.library, old) for old, new in renamed]
        if not pairs:
            return
        self.flush()  # (a position waiting under an old id moves with the others)

        def follow(db: sqlite3.Connection) -> None:
            with contextlib.suppress(sqlite3.OperationalError):  # (read-only: it stays)
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
            with contextlib.suppress(sqlite3.OperationalError):  # (older than the table)
                db.executemany(
                    "UPDATE last_open SET article = ? WHERE library = ? AND article = ?", pairs
                )
            with contextlib.suppress(sqlite3.OperationalError):  # (older than the table)
                db.executemany(
                    "INSERT OR IGNORE INTO passage (library, article, text) "
                    "SELECT library, ?, text FROM passage WHERE library = ? AND article = ?",
                    pairs,
                )
                db.executemany(
                    "DELETE FROM passage WHERE library = ? AND article = ?",
                    [(library, old) for _, library, old in pairs],
                )

        with contextlib.suppress(sqlite3.Error, OSError):
            self._using(follow, existing=True)

    def close(self) -> None:
        self.flush()
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
