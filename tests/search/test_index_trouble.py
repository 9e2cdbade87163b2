"""An index that cannot be written, that vanishes or that is found damaged on use:
searching goes on, and what the messages promise (a rebuild) happens."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from reader.errors import SearchIndexDamagedError, SearchIndexError
from reader.search import LibraryIndex, UpdateStats
from reader.search import schema as index_schema

from .conftest import Library
from .test_cli_search import ROOT, run  # noqa: F401  (the `run` fixture)

READ_ONLY_LINE = re.compile(
    r"reader: the index at .+\.sqlite is read-only; searching it as it is, without updating\n"
)


def built(root: Path, db_path: Path) -> None:
    with LibraryIndex(root, db_path=db_path) as index:
        assert index.update(workers=1).added == 5


def corrupt_table(db_path: Path, table: str) -> None:
    """Overwrite the first page of a table, as a bad disk sector would."""
    conn = sqlite3.connect(db_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
    root_page = conn.execute(sql, (table,)).fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as fh:
        fh.seek((root_page - 1) * page_size)
        fh.write(b"\xff" * page_size)


def in_a_new_thread(fn):
    """fn() in a thread of its own (so on a connection of its own); its result or error."""
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["value"] = fn()
        except Exception as error:  # handed to the test
            out["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]


_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|BEGIN IMMEDIATE)\b", re.I)


class ReadOnlyConnection(sqlite3.Connection):
    """A connection to a file that cannot be written: writes to the main database fail
    as SQLite fails them (the temporary schema stays writable, as in SQLite)."""

    def _check(self, sql: str) -> None:
        if "IF NOT EXISTS" in sql:  # a no-op: the index has them all
            return
        if _WRITES.match(sql) and not re.search(r"\btemp\b", sql, re.I):
            raise sqlite3.OperationalError("attempt to write a readonly database")

    def execute(self, sql, *args):
        self._check(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        self._check(sql)
        return super().executemany(sql, *args)

    def executescript(self, script):
        self._check(script.removeprefix("BEGIN;"))
        return super().executescript(script)


def make_index_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection to a search index file refuses writes from now on (not the
    reading state's, nor the related store's: each has its own trouble)."""
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):
        name = str(database).split("?")[0]
        if Path(name).parent.name == "index" and not name.endswith(".related.sqlite"):
            kwargs["factory"] = ReadOnlyConnection
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)


# -- read-only ------------------------------------------------------------------------


def test_a_read_only_index_is_searched_as_it_is(sample: Library, db_path: Path, monkeypatch):
    built(sample.root, db_path)
    sample.txt("late.txt", "Late news", "Written after the index became read-only.")
    make_index_read_only(monkeypatch)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        with pytest.raises(SearchIndexError) as caught:
            index.update(workers=1)
        assert str(caught.value) == (
            f"the index at {db_path} is read-only; searching it as it is, without updating"
        )
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]
        assert index.count() == 5
        with pytest.raises(SearchIndexError, match="read-only"):  # and again, at once
            index.update(workers=1)


def _read_only_mount_works(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = f"mount --bind -o ro {shlex.quote(str(folder))} {shlex.quote(str(folder))}"
    probe += f" && ! touch {shlex.quote(str(folder / 'probe'))} 2>/dev/null"
    done = subprocess.run(["unshare", "-m", "sh", "-c", probe], capture_output=True)
    return done.returncode == 0


def test_search_uses_an_index_on_a_read_only_disk(sample: Library, run, tmp_path: Path):  # noqa: F811
    assert run("index", str(sample.root)).returncode == 0
    folder = tmp_path / "cache" / "index"
    if not _read_only_mount_works(folder):
        pytest.skip("no read-only bind mount in a private mount namespace here")
    sample.txt("late.txt", "Late news", "Written after the index became read-only.")
    command = (
        f"mount --bind -o ro {shlex.quote(str(folder))} {shlex.quote(str(folder))} && "
        f"{shlex.quote(sys.executable)} -m reader search tremors {shlex.quote(str(sample.root))}"
        f" && {shlex.quote(sys.executable)} -m reader list {shlex.quote(str(sample.root))}"
    )
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**_env(), **env},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Volcano wakes up" in done.stdout
    assert "Growing tomatoes on a balcony" in done.stdout  # the listing, too
    assert "Late news" not in done.stdout  # not updated
    lines = done.stderr.splitlines(keepends=True)
    assert len(lines) == 2 and all(READ_ONLY_LINE.fullmatch(line) for line in lines), done.stderr


def test_search_uses_an_index_file_that_cannot_be_written(sample: Library, run, tmp_path: Path):  # noqa: F811
    assert run("index", str(sample.root)).returncode == 0
    [db] = (tmp_path / "cache" / "index").glob("*[0-9a-f].sqlite")
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file immutable here")
    try:
        done = run("search", "tremors", str(sample.root))
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert done.returncode == 0, done.stderr
    assert "Volcano wakes up" in done.stdout
    assert READ_ONLY_LINE.fullmatch(done.stderr), done.stderr


def test_index_command_on_a_read_only_index_fails_in_one_line(
    sample: Library,
    run,  # noqa: F811
    tmp_path: Path,
):
    assert run("index", str(sample.root)).returncode == 0
    [db] = (tmp_path / "cache" / "index").glob("*[0-9a-f].sqlite")
    if subprocess.run(["chattr", "+i", str(db)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file immutable here")
    try:
        done = run("index", str(sample.root))
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=True)
    assert done.returncode == 2
    assert done.stderr == f"reader: error: the index at {db} is read-only: it cannot be updated\n"


def _as_nobody(command: str) -> subprocess.CompletedProcess | None:
    """command run by the user nobody (None when that cannot be done here)."""
    if shutil.which("su") is None:
        return None
    # su clears what the interpreter may need to start: hand it on.
    kept = " ".join(
        f"{name}={shlex.quote(value)}"
        for name in ("LD_LIBRARY_PATH", "PYTHONPATH")
        if (value := os.environ.get(name))
    )
    done = subprocess.run(
        ["su", "nobody", "-s", "/bin/sh", "-c", f"export {kept}; {command}" if kept else command],
        capture_output=True,
        text=True,
        cwd="/",
        env=_env(),
        timeout=120,
    )
    return done


def test_search_uses_an_index_that_belongs_to_another_user(sample: Library, run):  # noqa: F811
    # Root may write any file: the real thing is another user's index, read-only to us.
    python = shlex.quote(sys.executable)
    probe = _as_nobody(f"{python} -c 'import reader, textual'")
    if probe is None or probe.returncode != 0:
        pytest.skip("the user nobody cannot run this interpreter here")
    shared = Path(tempfile.mkdtemp(prefix="reader-shared-"))
    try:
        shared.chmod(0o755)
        library = shared / "library"
        shutil.copytree(sample.root, library)
        cache = shared / "cache"
        env = f"READER_CACHE_DIR={shlex.quote(str(cache))} HOME={shlex.quote(str(shared))}"
        indexed = subprocess.run(
            [sys.executable, "-m", "reader", "index", str(library)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**_env(), "READER_CACHE_DIR": str(cache)},
            timeout=120,
        )
        assert indexed.returncode == 0, indexed.stderr
        for path in shared.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        done = _as_nobody(
            f"cd {shlex.quote(str(ROOT))} && {env} {python} -m reader search tremors "
            f"{shlex.quote(str(library))}"
        )
        assert done is not None and done.returncode == 0, done and done.stderr
        assert "Volcano wakes up" in done.stdout
        assert READ_ONLY_LINE.fullmatch(done.stderr), done.stderr
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("READER_LIBRARY", None)
    return env


# -- gone while open ------------------------------------------------------------------


def test_an_index_removed_while_open_is_rebuilt_by_the_next_update(sample: Library, db_path: Path):
    built(sample.root, db_path)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.count() == 5
        index_schema.remove_db(db_path)  # `rm -r ~/.cache/reader` while the app runs
        with pytest.raises(SearchIndexError) as caught:
            in_a_new_thread(lambda: index.search("tremors"))
        assert str(caught.value) == (
            f"the search index {db_path} is gone: the next update rebuilds it"
        )
        assert in_a_new_thread(lambda: index.update(workers=1)) == UpdateStats(added=5)
        assert db_path.exists()
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]
        assert [h.id for h in in_a_new_thread(lambda: index.search("tremors")).hits] == [
            "wire/volcano.md"
        ]


def test_an_article_asked_for_while_the_index_is_rebuilt_is_not_said_to_be_gone(
    sample: Library, db_path: Path, monkeypatch
):
    from reader.search import sync

    built(sample.root, db_path)
    asked: list[object] = []
    update = sync.update

    def asking(conn, *args, **kwargs):  # the new, empty index, before it is filled
        try:
            asked.append(in_a_new_thread(lambda: index.article("wire/volcano.md")))
        except SearchIndexError as error:
            asked.append(error)
        return update(conn, *args, **kwargs)

    with LibraryIndex(sample.root, db_path=db_path) as index:
        index_schema.remove_db(db_path)
        monkeypatch.setattr(sync, "update", asking)
        assert index.update(workers=1) == UpdateStats(added=5)
        assert isinstance(asked[0], SearchIndexDamagedError), asked
        assert str(asked[0]) == "the search index is being rebuilt"
        assert index.article("wire/volcano.md") is not None
        assert index.article("wire/no-such.md") is None


def test_an_index_replaced_by_another_process_is_followed(sample: Library, db_path: Path):
    built(sample.root, db_path)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.count() == 5
        index_schema.remove_db(db_path)
        (sample.root / "web" / "trains.html").unlink()
        built_again = LibraryIndex(sample.root, db_path=db_path)  # as `reader index` would
        built_again.update(workers=1)
        built_again.close()
        assert index.count() == 4


# -- damaged, found on use ------------------------------------------------------------


def test_damage_found_while_searching_is_rebuilt_by_the_next_run(
    sample: Library, db_path: Path, monkeypatch
):
    built(sample.root, db_path)
    corrupt_table(db_path, "fts_data")
    # A large index is not checked when opened (that would take seconds): damage is met on use.
    monkeypatch.setattr(index_schema, "QUICK_CHECK_MAX_BYTES", 0)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        index.update(workers=1)  # nothing changed: the damaged pages are not read
        with pytest.raises(SearchIndexError, match="damaged: the next update rebuilds it"):
            index.search("tremors")
    with LibraryIndex(sample.root, db_path=db_path) as index:  # the next `reader search`
        assert index.update(workers=1).added == 5
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]


def test_damage_found_while_searching_is_rebuilt_by_the_next_update_in_the_same_run(
    sample: Library, db_path: Path, monkeypatch
):
    built(sample.root, db_path)
    corrupt_table(db_path, "fts_data")
    monkeypatch.setattr(index_schema, "QUICK_CHECK_MAX_BYTES", 0)
    with LibraryIndex(sample.root, db_path=db_path) as index:
        with pytest.raises(SearchIndexError, match="damaged: the next update rebuilds it"):
            index.search("tremors")
        assert index.update(workers=1).added == 5
        assert [h.id for h in index.search("tremors").hits] == ["wire/volcano.md"]


# -- no index, and none can be made in the cache ------------------------------------------

TEMPORARY_LINE = re.compile(
    r"reader: cannot create the search index in .+; built for this run in .+\n"
)


def _search_and_list_without_a_cache(sample: Library, run) -> None:  # noqa: F811
    done = run("search", "tremors", str(sample.root))
    assert done.returncode == 0, done.stderr
    assert "Volcano wakes up" in done.stdout
    assert TEMPORARY_LINE.fullmatch(done.stderr), done.stderr
    listed = run("list", str(sample.root))
    assert listed.returncode == 0 and "Volcano wakes up" in listed.stdout, listed.stderr
    assert TEMPORARY_LINE.fullmatch(listed.stderr), listed.stderr


def test_with_no_index_and_a_cache_that_cannot_hold_one_search_and_list_build_one_for_the_run(
    sample: Library,
    run,  # noqa: F811
    tmp_path: Path,
):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "index").write_text("a file where the index folder would be")
    _search_and_list_without_a_cache(sample, run)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_with_no_index_and_a_read_only_cache_search_and_list_build_one_for_the_run(
    sample: Library,
    run,  # noqa: F811
    tmp_path: Path,
):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        _search_and_list_without_a_cache(sample, run)
    finally:
        cache.chmod(0o700)


def test_a_rebuild_cut_short_is_still_one_until_an_update_completes_it(
    sample: Library, db_path: Path
):
    from reader.errors import Cancelled, SearchIndexRebuildingError

    built(sample.root, db_path)
    written: list[int] = []

    def stop_after_the_first_chunk(done: int, total: int) -> None:
        written.append(done)
        if done:  # a second load of the app's, or the app closing
            raise Cancelled

    with LibraryIndex(sample.root, db_path=db_path) as index:
        index_schema.remove_db(db_path)
        with pytest.raises(SearchIndexError):
            index.count()  # found gone
        with pytest.raises(Cancelled):
            index.update(stop_after_the_first_chunk, workers=1)
        assert 0 < index.count() < 5
        assert index.rebuilding
        files = [p.relative_to(sample.root).as_posix() for p in sample.root.rglob("*.*")]
        missing = next(aid for aid in files if not index.known([aid]))
        with pytest.raises(SearchIndexRebuildingError):
            index.article(missing)
    with LibraryIndex(sample.root, db_path=db_path) as index:  # the app started again
        assert index.rebuilding
        before = index.count()
        assert index.update(workers=1).added == 5 - before
        assert not index.rebuilding
        assert index.article(missing) is not None
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert not index.rebuilding


def test_an_index_of_an_older_schema_is_rebuilt_from_empty(sample: Library, db_path: Path):
    built(sample.root, db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert index.rebuilding and index.count() == 0
        assert index.update(workers=1).added == 5
        assert not index.rebuilding
    with LibraryIndex(sample.root, db_path=db_path) as index:
        assert not index.rebuilding
