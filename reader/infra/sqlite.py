"""SQLite files of reader: opening them (WAL, busy timeout, read-only or immutable),
checking them, and starting a damaged one over.

The search index and the related store are derived data: a file that is damaged or of
another schema is thrown away and rebuilt. The reading state is the user's: a damaged
file is set aside (``.damaged``) rather than deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# How a file is opened. READ_WRITE does not create a missing file (it would be empty:
# "no such table"); a file that cannot be written (its folder, its disk, its permissions)
# is opened READ_ONLY, or IMMUTABLE when SQLite cannot even make the shared-memory file it
# reads a WAL database with (nothing writes to such a file).
READ_WRITE, READ_ONLY, IMMUTABLE = "rw", "ro", "ro&immutable=1"

_COMPANIONS = ("", "-wal", "-shm", "-journal")


def connect(
    path: Path,
    mode: str = READ_WRITE,
    *,
    create: bool = False,
    wal: bool = True,
    synchronous: str = "NORMAL",
    cache_kib: int | None = None,
    timeout: float = 10.0,
    page_size: int | None = None,
) -> sqlite3.Connection:
    """A connection in autocommit mode (see `transaction`), usable from the thread that
    asks for it and closable by any; in WAL mode (when `wal` and it may write).
    `page_size` applies to a database this creates (WAL mode fixes it at once)."""
    uri = f"{Path(path).absolute().as_uri()}?mode={'rwc' if create else mode}"
    conn = sqlite3.connect(
        uri, uri=True, timeout=timeout, check_same_thread=False, isolation_level=None
    )
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    if page_size:
        conn.execute(f"PRAGMA page_size = {int(page_size)}")
    if wal and (create or mode == READ_WRITE):
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
    if cache_kib:
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, kind: str = "") -> Iterator[sqlite3.Connection]:
    """BEGIN [kind] … COMMIT, or ROLLBACK when the block raises (anything, even
    KeyboardInterrupt); kind is "", "IMMEDIATE" or "EXCLUSIVE"."""
    conn.execute(f"BEGIN {kind}".strip())
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def cannot_write(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed for want of write access to the file, its folder or its disk."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or (
        "readonly database" in str(exc)
    )


def busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed because another connection holds the lock it waited for."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


@contextmanager
def waiting(conn: sqlite3.Connection, seconds: float) -> Iterator[sqlite3.Connection]:
    """The connection waiting at most `seconds` for another's lock within the block
    (its busy timeout put back after)."""
    waits = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield conn
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(waits)}")


def intact(conn: sqlite3.Connection, path: Path, max_bytes: int) -> bool:
    """PRAGMA quick_check on a file up to max_bytes; a bigger one is taken as intact
    (checking it would take seconds: its damage is met on use instead)."""
    if path.stat().st_size > max_bytes:
        return True
    return conn.execute("PRAGMA quick_check(1)").fetchone() == ("ok",)


def remove(path: Path) -> None:
    """Delete the database file and its WAL and journal companions (OSError when one
    cannot be deleted)."""
    for suffix in _COMPANIONS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed because the file is damaged or is not a database."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def set_aside(path: Path, suffix: str = ".damaged") -> Path:
    """Rename a damaged database out of the way (kept for the user, not deleted), with
    its journal and WAL: to `suffix`, else `suffix.2`, `suffix.3`… (an earlier one is
    never replaced). The name it was given."""
    first = path.with_suffix(suffix)
    aside, n = first, 1
    while any(aside.with_name(aside.name + c).exists() for c in _COMPANIONS):
        n += 1
        aside = first.with_name(f"{first.name}.{n}")
    for companion in _COMPANIONS:
        with suppress(FileNotFoundError):  # (a companion only moves with its database)
            path.with_name(path.name + companion).rename(aside.with_name(aside.name + companion))
    return aside


def connect_new(path: Path) -> sqlite3.Connection:
    """`connect` with the defaults, creating the file when it is missing."""
    return connect(path, create=True)


def open_or_rebuild(
    path: Path,
    usable: Callable[[sqlite3.Connection], bool],
    create: Callable[[sqlite3.Connection], None],
    *,
    opener: Callable[[Path], sqlite3.Connection] = connect_new,
    discard: Callable[[Path], object] = remove,
) -> sqlite3.Connection:
    """Open the database at path with `opener` (which makes a missing one) if `usable`
    says so; otherwise, or when it is not a database at all, `discard` it and `create`
    it anew."""
    try:
        conn = opener(path)
    except sqlite3.DatabaseError:
        pass
    else:
        try:
            if usable(conn):
                return conn
        except sqlite3.DatabaseError:
            pass
        conn.close()
    discard(path)
    conn = opener(path)
    create(conn)
    return conn


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at path (None: none), to notice another process replacing it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino
