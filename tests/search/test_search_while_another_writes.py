"""`reader search` while another process writes the index (the app's update, a
`reader index` of a big library): it answers from the index as it is, and says so."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import Library

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds: far above what a search needs, and above the lock's usual wait


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READER_LIBRARY", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT,
    )


@contextmanager
def writing(tmp_path: Path) -> Iterator[None]:
    """Another connection holding the index's write lock until the block ends."""
    (db,) = (tmp_path / "cache" / "index").glob("*.sqlite")
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        yield
        writer.execute("ROLLBACK")
    finally:
        writer.close()


def test_search_answers_from_the_index_as_it_is(sample: Library, tmp_path: Path):
    assert run(tmp_path, "index", str(sample.root)).returncode == 0
    sample.md("planet/later.md", "Paris by night", "Written after the last update.")
    with writing(tmp_path):
        result = run(tmp_path, "search", "paris", str(sample.root))
    assert result.returncode == 0, result.stderr
    assert "Café culture in Paris" in result.stdout
    assert "Paris by night" not in result.stdout  # not indexed yet
    (line,) = result.stderr.splitlines()
    assert "busy" in line and "older than the files" in line
    again = run(tmp_path, "search", "paris", str(sample.root))  # once the lock is let go
    assert "Paris by night" in again.stdout
    assert again.stderr == ""


def test_search_json_stays_json_while_another_writes(sample: Library, tmp_path: Path):
    assert run(tmp_path, "index", str(sample.root)).returncode == 0
    with writing(tmp_path):
        result = run(tmp_path, "search", "tremors", str(sample.root), "--json")
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == ["wire/volcano.md"]
    assert "busy" in result.stderr
