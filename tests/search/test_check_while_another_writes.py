"""The app's check of whether the library changed while another process writes the
index (a `reader index`, another window's update): answered from the index as it is,
without waiting for the other's write lock, and finding a change all the same."""

from __future__ import annotations

from reader.infra.sqlite import connect
from reader.search import LibraryIndex
from reader.search.schema import LIBRARY_SEEN

from .conftest import Library


def test_the_library_checked_while_another_writes_the_index(lib: Library):
    lib.txt("a.txt", "Tides", "The Moon pulls on the sea.")
    with LibraryIndex(lib.root) as index:
        index.update()
        writer = connect(index.path)
        try:
            writer.execute("BEGIN IMMEDIATE")  # another process writing, holding the lock
            assert index.is_current()
            lib.txt("b.txt", "Storms", "The wind rises over the bay.")
            assert not index.is_current()
            writer.execute("ROLLBACK")
        finally:
            writer.close()
        assert not index.is_current()  # (the same once the other is done)
        index.update()
        assert index.is_current()


def test_the_library_compared_file_by_file_while_another_writes_the_index(lib: Library):
    """No digest of the last walk kept: the files are compared with the index's rows."""
    lib.txt("a.txt", "Tides", "The Moon pulls on the sea.")
    with LibraryIndex(lib.root) as index:
        index.update()
        writer = connect(index.path)
        try:
            writer.execute("DELETE FROM meta WHERE key = ?", (LIBRARY_SEEN,))
            writer.execute("BEGIN IMMEDIATE")
            assert index.is_current()
            lib.txt("b.txt", "Storms", "The wind rises over the bay.")
            assert not index.is_current()
            writer.execute("ROLLBACK")
        finally:
            writer.close()
