"""Articles gone from the index, and those new to it in the same update with the same
text and title: the renames and moves that notes and reading places follow.

An article is the same one renamed or moved only when the one holding its text is new
to the index in the update that found it gone (one already known is another copy, such
as a wire story re-published by another outlet), and has its title too (the canonical
text, and so the `sha256`, leaves the title line out), or both titles are their file
names'; or when the new one's file has the same text as the old one's, as read before
any format's reading (`file_sha256`: `x.txt` renamed `x.md`, its title and text read
otherwise). An update records each article it removes (`depart`) and each one it adds that
could be it (`arrive`); when the update has finished (`close`), its departures wait for
the notes to be followed (`departed`), which settles them, each once (`settle`): one
whose notes file cannot be read yet stays until it can, and follows its article on when
that is renamed again meanwhile (a → b, then b → c, gives a → c).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model import name_title

if TYPE_CHECKING:
    from reader.search.records import Record

DDL = """
CREATE TABLE IF NOT EXISTS departed (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    open INTEGER NOT NULL,
    file_sha256 TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS arrived (
    departed TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (departed, id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Departure:
    """An article gone from the index, its text's digest, the articles new to the
    index in the same update that may be it, renamed or moved (sorted), and the names
    it passed through to them (`via`: departures too, renamed again while it waited)."""

    id: str
    sha256: str
    arrivals: tuple[str, ...]
    via: tuple[str, ...] = ()


def create(conn: sqlite3.Connection) -> None:
    """The tables, in an index built before they were."""
    for statement in DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def same_title(old_id: str, old_title: str, new_id: str, new_title: str) -> bool:
    """Whether two articles of the same text have the same title: the same words, or
    each its file name's (a file without a title line, renamed)."""
    if old_title == new_title:
        return True
    return old_title == name_title(old_id) and new_title == name_title(new_id)


def depart(conn: sqlite3.Connection, rows: Collection[tuple[str, str, str, str]]) -> None:
    """Record the articles (id, sha256, title, file_sha256) an update is removing."""
    conn.executemany(
        "INSERT OR REPLACE INTO departed (id, sha256, title, file_sha256, open) "
        "VALUES (?, ?, ?, ?, 1)",
        rows,
    )
    conn.executemany("DELETE FROM arrived WHERE departed = ?", [(r[0],) for r in rows])


def arrive(conn: sqlite3.Connection, new: Record) -> None:
    """An article new to the index: back (no longer gone), or perhaps one of the
    departures of this update, renamed or moved."""
    conn.execute("DELETE FROM departed WHERE id = ?", (new.id,))
    conn.execute("DELETE FROM arrived WHERE departed = ?", (new.id,))
    rows = conn.execute(
        "SELECT id, title, sha256 = ? FROM departed WHERE open AND (sha256 = ? OR file_sha256 = ?)",
        (new.sha256, new.sha256, new.file_sha256),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO arrived VALUES (?, ?)",
        [
            (old, new.id)
            for old, old_title, same_text in rows
            if not same_text or same_title(old, old_title, new.id, new.title)
        ],
    )


def any_open(conn: sqlite3.Connection) -> bool:
    """Whether an update has recorded departures and not finished."""
    return conn.execute("SELECT 1 FROM departed WHERE open LIMIT 1").fetchone() is not None


def close(conn: sqlite3.Connection) -> tuple[tuple[str, str], ...]:
    """End the departures of an update that has finished (one cut short leaves them
    open for the next); the renames among them: (old id, new id) of each one that
    exactly one article arrived for, which no other departure shares."""
    pairs = conn.execute(
        "SELECT d.id, a.id FROM departed d JOIN arrived a ON a.departed = d.id "
        "JOIN articles x ON x.id = a.id WHERE d.open"
    ).fetchall()
    # One still waiting (not settled) whose arrival left in this update follows it on.
    conn.execute(
        "INSERT OR IGNORE INTO arrived SELECT w.departed, n.id FROM arrived w "
        "JOIN departed d ON d.id = w.departed AND NOT d.open "
        "JOIN departed b ON b.id = w.id AND b.open "
        "JOIN arrived n ON n.departed = b.id"
    )
    conn.execute("UPDATE departed SET open = 0 WHERE open")
    olds = Counter(old for old, _ in pairs)
    news = Counter(new for _, new in pairs)
    return tuple((old, new) for old, new in sorted(pairs) if olds[old] == 1 and news[new] == 1)


def departed(conn: sqlite3.Connection) -> list[Departure]:
    """The departures of finished updates not settled yet, with their arrivals still
    indexed (with the same text), sorted by id."""
    rows = conn.execute("SELECT id, sha256 FROM departed WHERE NOT open ORDER BY id").fetchall()
    arrivals = conn.execute(
        "SELECT a.departed, a.id FROM arrived a JOIN departed d ON d.id = a.departed "
        "JOIN articles x ON x.id = a.id AND (x.sha256 = d.sha256 OR x.file_sha256 = d.file_sha256) "
        "WHERE NOT d.open "
        "ORDER BY a.id"
    ).fetchall()
    passed = conn.execute(
        "SELECT a.departed, a.id FROM arrived a JOIN departed d ON d.id = a.departed "
        "JOIN departed b ON b.id = a.id WHERE NOT d.open AND NOT b.open ORDER BY a.id"
    ).fetchall()
    found: dict[str, list[str]] = {}
    for old, new in arrivals:
        found.setdefault(old, []).append(new)
    via: dict[str, list[str]] = {}
    for old, name in passed:
        via.setdefault(old, []).append(name)
    return [
        Departure(old, sha, tuple(found.get(old, ())), tuple(via.get(old, ()))) for old, sha in rows
    ]


def settle(conn: sqlite3.Connection, ids: Collection[str]) -> None:
    """Forget these departures: their notes have followed them, or been left."""
    conn.executemany("DELETE FROM departed WHERE id = ? AND NOT open", [(i,) for i in ids])
    conn.execute("DELETE FROM arrived WHERE departed NOT IN (SELECT id FROM departed)")
