"""Keeping the digest of a walk (a saving for the next search) never waits for another
process writing to the index: a search goes on without it."""

from __future__ import annotations

import threading

from reader.infra.sqlite import connect
from reader.search import LibraryIndex
from reader.search.schema import LIBRARY_SEEN
from reader.search.sync import keep_seen

WAITS = 60.0  # how long the connection would wait for a lock (far above the join's)


def test_keeping_the_digest_while_another_writes_does_not_wait(lib):
    lib.txt("a.txt", "Tides", "The Moon pulls on the sea.")
    with LibraryIndex(lib.root) as index:
        index.update()
        path = index.path
    conn = connect(path, timeout=WAITS)
    writer = connect(path)
    try:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        writer.execute("BEGIN IMMEDIATE")  # another process writing, holding the lock
        done = threading.Event()

        def keep() -> None:
            keep_seen(conn, "a-digest", version)
            done.set()

        thread = threading.Thread(target=keep, daemon=True)
        thread.start()
        thread.join(WAITS / 3)
        returned = done.is_set()
        writer.execute("ROLLBACK")
        thread.join()
        assert returned, "keeping the digest waited for the other writer"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == WAITS * 1000
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (LIBRARY_SEEN,)).fetchone()
        assert row is None or not row[0].startswith("a-digest")
    finally:
        conn.close()
        writer.close()
