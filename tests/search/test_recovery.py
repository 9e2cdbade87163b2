"""The index is derived data: damaged, outdated or foreign files are rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.errors import LibraryError, SearchIndexError
from reader.search import LibraryIndex, UpdateStats, index_path, open_index
from reader.search.schema import SCHEMA_VERSION

from .conftest import Library


def built(root: Path, db_path: Path) -> None:
    with LibraryIndex(root, db_path=db_path) as index:
        assert index.update(workers=1).added == 5


def test_garbage_file_is_rebuilt(sample: Library, db_path: Path):
    built(sample.root, db_path)
    db_path.write_bytes(b"this is not a database at all " * 500)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.count() == 0
        assert index.update(workers=1) == UpdateStats(added=5)
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]


def test_truncated_file_is_rebuilt(sample: Library, db_path: Path):
    built(sample.root, db_path)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    with LibraryIndex(sample.root, db_path=db_path) as index:
        index.update(workers=1)
        assert index.count() == 5
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]


def test_old_schema_version_is_rebuilt(sample: Library, db_path: Path):
    built(sample.root, db_path)
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),)
        )
    conn.close()
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.count() == 0
        assert index.update(workers=1) == UpdateStats(added=5)


def test_database_without_our_tables_is_rebuilt(sample: Library, db_path: Path):
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE unrelated (x)")
    conn.commit()
    conn.close()
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.update(workers=1) == UpdateStats(added=5)


def test_index_of_another_library_is_not_reused(sample: Library, tmp_path: Path, db_path: Path):
    built(sample.root, db_path)
    other = Library(tmp_path / "other")
    other.txt("x.txt", "Other library", "A single article lives in this other library today.")
    with LibraryIndex(other.root, db_path=db_path) as index:
        assert index.update(workers=1) == UpdateStats(added=1)
        assert [r.id for r in index.articles()] == ["x.txt"]


def test_default_location_is_in_the_cache_one_file_per_library(
    sample: Library, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "mycache"))
    path = index_path(sample.root)
    assert path.parent == tmp_path / "mycache" / "index"
    assert path.suffix == ".sqlite"
    assert index_path(sample.root / "planet" / "..") == path
    assert index_path(tmp_path / "elsewhere") != path
    with open_index(sample.root) as index:
        index.update(workers=1)
        assert index.path == path
    assert path.exists()


def test_open_index_of_missing_library_fails_in_one_line(tmp_path: Path):
    with pytest.raises(LibraryError, match="library not found"):
        open_index(tmp_path / "missing")


def test_reopening_keeps_the_index(sample: Library, db_path: Path):
    built(sample.root, db_path)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.count() == 5
        assert index.update(workers=1) == UpdateStats(unchanged=5)


class _DamagedConnection:
    """Stands in for a connection that meets a damaged page."""

    def execute(self, *args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    def close(self) -> None:
        pass


def test_damage_met_on_use_is_one_line_then_rebuilt(sample: Library, db_path: Path):
    built(sample.root, db_path)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        index._local.conn = _DamagedConnection()
        with pytest.raises(SearchIndexError, match="damaged"):
            index.search("tremors")
        with pytest.raises(SearchIndexError, match="damaged"):
            index.articles()
        assert index.update(workers=1) == UpdateStats(added=5)
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]
