"""Bringing the index in line with the library: scan, diff, extract in processes, write."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from reader.infra.sqlite import busy, transaction, waiting
from reader.ingest.scan import FileEntry, Folder, entries, folders
from reader.model import Skipped
from reader.search import departures, template
from reader.search.cjk import indexed
from reader.search.parser_version import parser_version
from reader.search.records import (
    ARTICLE_COLUMNS,
    Failure,
    Item,
    Record,
    Unchanged,
    body_of,
    decode_blocks,
    extract,
    unpack,
)
from reader.search.results import UpdateStats
from reader.search.schema import LIBRARY_SEEN, add_missing_indexes
from reader.text.find import as_searched

# Worker processes are started only when files changed: an update that finds nothing
# to load (most of them, as before each `reader search`) imports none of it.
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Progress = Callable[[int, int], None]

POOL_MIN_FILES = 48  # below this, starting processes costs more than it saves
COMPACT_MIN_ADDED = 200  # a cold build of fewer articles is left as it is: small anyway
_INFLIGHT_PER_WORKER = 4
_HEARTBEAT = 0.2  # seconds: how often a long wait for the pool asks whether to go on

# A cold build merges the full-text index's segments less often than an update does
# (they are all merged into one at its end, see compact): a sixth less of the writing
# at 10k. The settings are kept in the index, so they are put back when the build ends,
# and by any later update with work to do (after a build that was killed).
_COLD_MERGE = {"automerge": 16, "crisismerge": 64}
_USUAL_MERGE = {"automerge": 4, "crisismerge": 16}  # FTS5's defaults

_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
)
# A file's signature, in the order of FileEntry's (see there), and its setting.
_SIGNATURE = "size, mtime_ns, ctime_ns, ino"
_SET_SIGNATURE = "UPDATE articles SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ?"
_UPDATE_ARTICLE = (
    "UPDATE articles SET " + ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS) + " WHERE doc = ?"
)


@dataclass(slots=True)
class Plan:
    """What an update has to do, decided from the scan and the stored signatures; of
    the files to load, those whose size and modification time are the ones indexed,
    with the `file_sha256` the index holds (`known`): read again, they are parsed only
    when their text differs."""

    load: list[FileEntry] = field(default_factory=list)
    known: dict[str, str] = field(default_factory=dict)
    remove: list[int] = field(default_factory=list)
    kept_failures: int = 0
    unchanged: int = 0


class Scan:
    """One walk of the library: its digest (for the check that nothing changed), the
    files themselves, kept compact (their names by folder, and sizes, times and inodes
    in arrays: a 100k-file library in about 10 MB, not 30), and the files passed over.
    Both the check and an update with work to do read it, so the library is walked once
    per update."""

    def __init__(self, root: Path) -> None:
        self.skipped: list[Skipped] = []
        self._folders = list(folders(root, self.skipped))
        self.count = sum(len(folder.names) for folder in self._folders)
        self.digest = _digest(self._folders, self.skipped)

    def files(self) -> Iterator[FileEntry]:
        return chain.from_iterable(map(entries, self._folders))


def _digest(found: list[Folder], skipped: list[Skipped]) -> str:
    """What a walk found, in a digest that is the same in every process for the same
    library, files and order (names by folder, signatures as machine integers), and
    for the same parser: another one reads the files again."""
    digest = hashlib.blake2b(parser_version().encode(), digest_size=16)
    for folder in found:
        names = "\0".join(folder.names)
        digest.update(f"\1{folder.prefix}\0{len(folder.names)}\0{names}".encode())
        digest.update(folder.sizes.tobytes())
        digest.update(folder.mtimes.tobytes())
        digest.update(folder.ctimes.tobytes())
        digest.update(folder.inos.tobytes())
    for passed_over in skipped:
        digest.update(f"\2{passed_over.path}\0{passed_over.reason}".encode(errors="replace"))
    return digest.hexdigest()


def record_scan(conn: sqlite3.Connection, scan: Scan) -> None:
    """Copy a scan's files into the temporary table `seen`, so that the library is
    compared with the index by joins (see make_plan)."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY, size INTEGER NOT NULL, "
        "mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, ino INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    with transaction(conn):
        conn.execute("DELETE FROM temp.seen")
        conn.executemany("INSERT OR REPLACE INTO temp.seen VALUES (?, ?, ?, ?, ?)", scan.files())


def unchanged_library(
    conn: sqlite3.Connection,
    root: Path,
    scan: Scan,
    version: int | None = None,
    on_wait: Callable[[], None] | None = None,
) -> UpdateStats | None:
    """What an update would say when the library is as the index last saw it (no file
    added, changed or removed, the same files passed over); None when something
    changed (the update then copies the scan into SQLite, and does the work). Raises
    as a write would on an index that cannot be written.

    Most updates find nothing to do (one runs before every `reader search`): the walk's
    digest is compared with the one the last update kept (see `keep_seen`), without
    reading the index's 10,000 signatures. When the digests differ (none kept, or the
    files came in another order), the scan is compared with the index file by file; an
    update (`version`, see `keep_seen`) that finds the library the same keeps its digest
    for the next time. `on_wait` as in `wait_to_write`.
    """
    wait_to_write(conn, on_wait)
    return library_as_seen(conn, root, scan, version)


def wait_to_write(conn: sqlite3.Connection, on_wait: Callable[[], None] | None = None) -> None:
    """A write that changes nothing: an index that cannot be written says so here, as
    the full update would (SQLITE_READONLY), and is then searched as it is. Another
    process writing the index is waited for as long as the connection waits for a lock
    (then SQLITE_BUSY); `on_wait` is called at once when there is one."""
    if on_wait is not None:
        try:
            with waiting(conn, 0):
                conn.execute("DELETE FROM skipped WHERE 0")
            return
        except sqlite3.OperationalError as exc:
            if not busy(exc):
                raise
        on_wait()
    conn.execute("DELETE FROM skipped WHERE 0")


def library_as_seen(
    conn: sqlite3.Connection, root: Path, scan: Scan, version: int | None = None
) -> UpdateStats | None:
    """unchanged_library's answer, read only: no lock waited for while another process
    writes the index (its last commit is what is compared), nothing written unless
    `version` is given (see there)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (LIBRARY_SEEN,)).fetchone()
    if row is not None:
        digest, *counts = row[0].split()
        if digest == scan.digest:
            indexed, skipped, ignored = map(int, counts)
            return UpdateStats(skipped=skipped, unchanged=indexed, ignored=ignored)
    with transaction(conn):  # one snapshot of both tables
        same = _compared(conn, root, scan)
    if same is not None and version is not None:
        keep_seen(conn, scan.digest, version)
    return same


def _compared(conn: sqlite3.Connection, root: Path, scan: Scan) -> UpdateStats | None:
    """unchanged_library's answer from the index's signatures, file by file: by a sum
    of the files' hashes, in memory, rather than by copying the scan into SQLite."""
    prefix = f"{root}/"
    # The signatures the index holds: its articles', and those of the files that
    # could not be read (not tried again while they stay the same, by the same parser).
    indexed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    known = sum(map(hash, conn.execute(f"SELECT id, {_SIGNATURE} FROM articles")))
    sql = f"SELECT path, reason, parser, {_SIGNATURE} FROM skipped"
    failed = 0
    passed_over = set()
    parser = parser_version()
    for path, reason, recorded_by, *signature in conn.execute(sql).fetchall():
        if signature[0] is None:
            passed_over.add((path, reason))
        elif path.startswith(prefix) and recorded_by == parser:
            failed += 1
            known += hash((path[len(prefix) :], *signature))
        else:
            return None
    if scan.count != indexed + failed or sum(map(hash, scan.files())) != known:
        return None
    if passed_over != {(s.path, s.reason) for s in scan.skipped}:
        return None
    return UpdateStats(
        skipped=failed + len(passed_over), unchanged=indexed, ignored=_ignored_files(conn)
    )


def keep_seen(conn: sqlite3.Connection, digest: str, version: int) -> None:
    """Keep the digest of a walk as the library the index holds, after an update that
    went to its end or found nothing to do; unless another connection wrote to the
    index since `version` (its `PRAGMA data_version` before the walk: the index may hold
    what that one saw, which is not this walk's library), or a file is to be tried again
    at the next update. Only a saving: an index busy with another's writes keeps none,
    at once (the lock is not waited for)."""
    try:
        with waiting(conn, 0), transaction(conn, "IMMEDIATE"):
            if conn.execute("PRAGMA data_version").fetchone()[0] != version:
                return
            retry = "SELECT 1 FROM skipped WHERE size IS NOT NULL AND parser IS NOT ? LIMIT 1"
            if conn.execute(retry, (parser_version(),)).fetchone() is not None:
                return
            articles, skipped = conn.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM skipped)"
            ).fetchone()
            value = f"{digest} {articles} {skipped} {_ignored_files(conn)}"
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (LIBRARY_SEEN, value))
    except sqlite3.OperationalError as exc:
        if not busy(exc):
            raise


def make_plan(conn: sqlite3.Connection, root: Path) -> Plan:
    """Files to (re)load, documents to remove, from `seen` (see record_scan) and the index.

    A file that failed before and has not changed since is not tried again, unless
    another parser failed on it, or the failure may not last (see write).
    """
    prefix = f"{root}/"
    plan = Plan()
    changed = conn.execute(
        "SELECT s.id, s.size, s.mtime_ns, s.ctime_ns, s.ino, "
        "a.id IS NULL AND f.size = s.size AND f.mtime_ns = s.mtime_ns "
        "AND f.ctime_ns = s.ctime_ns AND f.ino = s.ino AND f.parser = ?, "
        "CASE WHEN a.size = s.size AND a.mtime_ns = s.mtime_ns THEN a.file_sha256 END "
        "FROM temp.seen s "
        "LEFT JOIN articles a ON a.id = s.id "
        "LEFT JOIN skipped f ON f.path = ? || s.id "
        "WHERE a.id IS NULL OR a.size != s.size OR a.mtime_ns != s.mtime_ns "
        "OR a.ctime_ns != s.ctime_ns OR a.ino != s.ino "
        "ORDER BY s.mtime_ns, s.id",  # older files first: rowids roughly follow file times
        (parser_version(), prefix),
    )
    for aid, size, mtime_ns, ctime_ns, ino, failed_before, known in changed:
        if failed_before:
            plan.kept_failures += 1
            continue
        plan.load.append(FileEntry(aid, size, mtime_ns, ctime_ns, ino))
        if known is not None:
            plan.known[aid] = known
    seen = conn.execute("SELECT count(*) FROM temp.seen").fetchone()[0]
    plan.unchanged = seen - len(plan.load) - plan.kept_failures
    plan.remove = [
        doc
        for (doc,) in conn.execute(
            "SELECT doc FROM articles WHERE id NOT IN (SELECT id FROM temp.seen)"
        )
    ]
    return plan


def _chunks(items: list, workers: int) -> list[list]:
    size = max(4, min(64, len(items) // max(1, workers * 8)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def extract_all(
    root: Path, entries: list[FileEntry], workers: int, known: dict[str, str] | None = None
) -> Generator[list[Record | Failure | Unchanged], None, None]:
    """Loaded records in chunks, from `workers` processes when there are enough files;
    `known`: the text digests to compare files with (see Plan)."""
    known = known or {}
    items: list[Item] = [(os.path.join(root, e.id), e[1:], known.get(e.id)) for e in entries]
    chunks = _chunks(items, workers)
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        for chunk in chunks:
            yield extract(str(root), chunk)
        return
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    from reader.infra.processes import process_pool, stop_pool

    pending = list(reversed(chunks))
    running: dict[Future, list] = {}
    try:
        pool: ProcessPoolExecutor | None = process_pool(workers)
    except (OSError, ValueError):
        pool = None
    finished = False
    try:
        while pool is not None and (pending or running):
            broken = False
            while pending and len(running) < workers * _INFLIGHT_PER_WORKER:
                chunk = pending.pop()
                try:
                    running[pool.submit(extract, str(root), chunk)] = chunk
                except (BrokenProcessPool, OSError, RuntimeError):
                    pending.append(chunk)
                    broken = True
                    break
            done, _ = wait(running, _HEARTBEAT, FIRST_COMPLETED) if running else ((), ())
            if running and not done:
                yield []  # none ready yet: the caller may stop here (see update)
            for future in done:
                chunk = running.pop(future)
                try:
                    result = future.result()
                except (BrokenProcessPool, OSError):
                    pending.append(chunk)
                    broken = True
                    continue
                yield result
            if broken:  # the pool is gone: finish in this process
                pending.extend(running.values())
                running.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
        finished = True
    finally:
        if pool is not None:
            if finished:
                pool.shutdown()
            else:  # stopped early (the app is closing, a signal): not waiting for chunks
                stop_pool(pool)
    for chunk in pending:
        yield extract(str(root), chunk)


def _unindex(conn: sqlite3.Connection, doc: int) -> None:
    """Take a stored article out of its source's template counts and out of `fts`.

    `fts` keeps no copy of what it indexed (contentless), so taking a row out means
    giving it the very values it indexed, rebuilt from `articles` and `content`."""
    row = conn.execute(
        "SELECT a.title, a.author, a.source, c.text, c.blocks "
        "FROM articles a JOIN content c ON c.doc = a.doc WHERE a.doc = ?",
        (doc,),
    ).fetchone()
    if row is None:
        return
    title, author, source, packed_text, packed_blocks = row
    text, blocks = unpack(packed_text), unpack(packed_blocks)
    template.count(conn, source, template.hashes(text, decode_blocks(blocks)), -1)
    conn.execute(
        "INSERT INTO fts (fts, rowid, title, author, source, body) "
        "VALUES ('delete', ?, ?, ?, ?, ?)",
        (doc, *_fts_values(title, author, source, body_of(text, blocks))),
    )


def _learn_lines(conn: sqlite3.Connection, rec: Record) -> None:
    template.count(conn, rec.source, set(rec.lines), 1)


def _delete(conn: sqlite3.Connection, doc: int) -> None:
    _unindex(conn, doc)
    conn.execute("DELETE FROM articles WHERE doc = ?", (doc,))
    conn.execute("DELETE FROM content WHERE doc = ?", (doc,))


def _index_text(conn: sqlite3.Connection, doc: int, rec: Record) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO content VALUES (?, ?, ?, ?)",
        (doc, rec.text, rec.blocks, rec.body_spans),
    )
    conn.execute(
        "INSERT INTO fts (rowid, title, author, source, body) VALUES (?, ?, ?, ?, ?)",
        (doc, *_fts_values(rec.title, rec.author, rec.source, rec.body)),
    )


def _fts_values(title: str, author: str | None, source: str, body: str) -> tuple[str, ...]:
    """The columns of the full-text index as it indexes them, words as they read (no
    zero-width characters, soft hyphens or accent marks inside): the same when a row is put in and
    taken out (the index keeps no copy to take out); CJK words as pairs of letters
    (see `cjk`)."""
    return tuple(indexed(as_searched(value)) for value in (title, author or "", source, body))


def write(
    conn: sqlite3.Connection, results: list[Record | Failure | Unchanged], root: Path
) -> dict:
    """Store one chunk of results in one transaction; return what happened to each."""
    prefix = len(str(root)) + 1  # a failure's path is root/id (see extract_all)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "removed": 0}
    failures: list[Failure] = []
    with transaction(conn, "IMMEDIATE"):
        for rec in results:
            aid = rec.id if isinstance(rec, Record) else rec.path[prefix:]
            if isinstance(rec, Unchanged):  # its text is the one indexed
                conn.execute(_SET_SIGNATURE + " WHERE id = ?", (*rec[1:], aid))
                counts["unchanged"] += 1
                continue
            row = conn.execute("SELECT doc, digest FROM articles WHERE id = ?", (aid,)).fetchone()
            if isinstance(rec, Failure):
                failures.append(rec)
                if row is not None:
                    _delete(conn, row[0])
                    counts["removed"] += 1
                continue
            values = rec[: len(ARTICLE_COLUMNS)]
            if row is None:
                doc = conn.execute(_INSERT_ARTICLE, values).lastrowid
                assert doc is not None  # an INSERT always sets it
                _index_text(conn, doc, rec)
                _learn_lines(conn, rec)
                departures.arrive(conn, rec)
                counts["added"] += 1
            elif row[1] == rec.digest:
                conn.execute(  # (its bytes may differ where what is read of them does not)
                    _SET_SIGNATURE + ", file_sha256 = ? WHERE doc = ?",
                    (rec.size, rec.mtime_ns, rec.ctime_ns, rec.ino, rec.file_sha256, row[0]),
                )
                counts["unchanged"] += 1
            else:
                _unindex(conn, row[0])
                conn.execute(_UPDATE_ARTICLE, (*values, row[0]))
                _index_text(conn, row[0], rec)
                _learn_lines(conn, rec)
                counts["updated"] += 1
        conn.executemany("DELETE FROM skipped WHERE path = ?", [(r.path,) for r in results])
        # Each failure is listed, but only one that lasts is kept from being tried again
        # (by this parser): a bug's or a failed read's is tried at the next update.
        parser = parser_version()
        conn.executemany(
            f"INSERT OR REPLACE INTO skipped (path, reason, {_SIGNATURE}, parser) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*f[:6], parser if f.lasting else None) for f in failures],
        )
    return counts


def update(
    conn: sqlite3.Connection,
    root: Path,
    progress: Progress | None = None,
    workers: int = 2,
    on_wait: Callable[[], None] | None = None,
) -> UpdateStats:
    """Scan root and bring the index in line with it. Never writes into root. `on_wait`
    is told at once when another process is writing the index (see `wait_to_write`)."""
    add_missing_indexes(conn)
    version = conn.execute("PRAGMA data_version").fetchone()[0]  # (before the walk)
    scan = Scan(root)
    same = unchanged_library(conn, root, scan, version, on_wait)
    if same is not None:
        if progress:
            progress(0, 0)
        return replace(same, renamed=_close_departures(conn))  # of an update cut short
    record_scan(conn, scan)
    scan_skipped, digest = scan.skipped, scan.digest
    del scan
    plan = make_plan(conn, root)
    total = len(plan.load)
    if progress:
        progress(0, total)
    prefix = len(str(root)) + 1
    gone = _rows_in(
        conn, "SELECT id, sha256, title, file_sha256 FROM articles WHERE doc IN ({})", plan.remove
    )
    with transaction(conn, "IMMEDIATE"):
        departures.depart(conn, gone)
        for doc in plan.remove:
            _delete(conn, doc)
        conn.execute("DELETE FROM skipped WHERE size IS NULL")
        conn.executemany(
            "INSERT OR REPLACE INTO skipped (path, reason) VALUES (?, ?)",
            [(s.path, s.reason) for s in scan_skipped],
        )
        # Failures of files that are gone (few rows: only files that could not be read).
        stale = [
            (path,)
            for (path,) in conn.execute("SELECT path FROM skipped WHERE size IS NOT NULL")
            if conn.execute("SELECT 1 FROM temp.seen WHERE id = ?", (path[prefix:],)).fetchone()
            is None
        ]
        conn.executemany("DELETE FROM skipped WHERE path = ?", stale)
        conn.execute("DELETE FROM temp.seen")
    cold = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM articles)").fetchone()[0]
    counts = {"added": 0, "updated": 0, "unchanged": plan.unchanged, "removed": len(plan.remove)}
    done = 0
    big_cold_build = cold and total >= COMPACT_MIN_ADDED
    if total:
        merge_settings(conn, _COLD_MERGE if big_cold_build else _USUAL_MERGE)
    if big_cold_build:
        # No waiting for the disk at each checkpoint (a machine that stops halfway leaves
        # an index found damaged, rebuilt from the library like one never finished).
        # A setting of this connection only: put back below.
        conn.execute("PRAGMA synchronous = OFF")
    try:
        # Closed on the way out of an error too: its workers end then, not when (and if)
        # the generator is collected.
        with contextlib.closing(extract_all(root, plan.load, workers, plan.known)) as chunks:
            for results in chunks:
                if results:  # empty while the workers are still at it: progress may stop it
                    for key, value in write(conn, results, root).items():
                        counts[key] += value
                    done += len(results)
                if progress:
                    progress(done, total)
        if cold and counts["added"] >= COMPACT_MIN_ADDED:
            compact(conn)
    finally:
        if big_cold_build:
            with contextlib.suppress(sqlite3.Error):  # the next update puts them back
                conn.execute("PRAGMA synchronous = NORMAL")
                merge_settings(conn, _USUAL_MERGE)
    skipped = conn.execute("SELECT count(*) FROM skipped").fetchone()[0]
    stats = UpdateStats(
        skipped=skipped, renamed=_close_departures(conn), ignored=_ignored_files(conn), **counts
    )
    keep_seen(conn, digest, version)
    return stats


def _ignored_files(conn: sqlite3.Connection) -> int:
    """How many indexed files were read with something left out."""
    return conn.execute("SELECT count(*) FROM articles WHERE ignored IS NOT NULL").fetchone()[0]


def _close_departures(conn: sqlite3.Connection) -> tuple[tuple[str, str], ...]:
    """The update has finished: its departures are closed (see `departures.close`)."""
    if not departures.any_open(conn):  # most updates: no write
        return ()
    with transaction(conn, "IMMEDIATE"):
        return departures.close(conn)


def _rows_in(conn: sqlite3.Connection, sql: str, values: list) -> list[tuple]:
    """The rows of `sql` whose `IN ({})` takes the values, 500 at a time."""
    rows: list[tuple] = []
    for start in range(0, len(values), 500):  # well below SQLite's limit of parameters
        chunk = values[start : start + 500]
        rows += conn.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return rows


def merge_settings(conn: sqlite3.Connection, settings: dict[str, int]) -> None:
    """Set how the full-text index merges its segments (FTS5's `automerge` and
    `crisismerge`), writing only those that differ from the stored ones."""
    names = ", ".join("?" * len(settings))
    stored = dict(conn.execute(f"SELECT k, v FROM fts_config WHERE k IN ({names})", [*settings]))
    changed = [
        (name, value)
        for name, value in settings.items()
        if stored.get(name, _USUAL_MERGE.get(name)) != value
    ]
    if changed:
        with transaction(conn, "IMMEDIATE"):
            conn.executemany("INSERT INTO fts (fts, rank) VALUES (?, ?)", changed)


def compact(conn: sqlite3.Connection) -> None:
    """Merge the full-text index's segments into one and give the free pages back: a
    cold build leaves many small segments and half-empty pages (a third of its size).
    Only a saving: when another connection keeps it from running, the index stays as
    it is."""
    try:
        conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        conn.execute("VACUUM")
    except sqlite3.OperationalError:  # busy or locked
        pass
