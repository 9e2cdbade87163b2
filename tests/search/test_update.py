"""Keeping the index in line with the library: add, edit, rename, delete, failures."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import LibraryIndex, UpdateStats, records, sync
from tests.conftest import replaced_keeping_times

from .conftest import Library, later, sentence


def ids(index: LibraryIndex, query: str) -> list[str]:
    return sorted(h.id for h in index.search(query).hits)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths the index (re)reads from disk, in this process."""
    seen: list[str] = []
    real = records.extract

    def counting(root, items):
        seen.extend(item[0] for item in items)
        return real(root, items)

    monkeypatch.setattr(sync, "extract", counting)
    return seen


def test_first_update_adds_everything_then_nothing_changes(sample: Library, make_index):
    index = make_index()
    assert index.update(workers=1) == UpdateStats(added=5)
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert index.count() == 5


def test_added_file_becomes_searchable(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    sample.txt("new/otters.txt", "Otters return to the river", sentence("otters"))
    assert index.update(workers=1) == UpdateStats(added=1, unchanged=5)
    assert ids(index, "otters") == ["new/otters.txt"]


def test_edited_file_is_reindexed(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    sample.txt("notes/garden.txt", "Growing peppers on a balcony", sentence("peppers", "chilli"))
    assert index.update(workers=1) == UpdateStats(updated=1, unchanged=4)
    assert ids(index, "tomatoes") == []
    assert ids(index, "chilli") == ["notes/garden.txt"]
    assert index.article("notes/garden.txt").title == "Growing peppers on a balcony"


def test_metadata_only_edit_is_reindexed(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    path = sample.root / "wire/volcano.md"
    sample.write("wire/volcano.md", path.read_text().replace("Reuters", "Agence Presse"))
    assert index.update(workers=1).updated == 1
    assert ids(index, "source:agence") == ["wire/volcano.md"]


def test_renamed_file_is_removed_and_added(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    os.rename(sample.root / "wire/volcano.md", sample.root / "wire/etna.md")
    renamed = (("wire/volcano.md", "wire/etna.md"),)
    assert index.update(workers=1) == UpdateStats(added=1, removed=1, unchanged=4, renamed=renamed)
    assert ids(index, "volcano") == ["wire/etna.md"]
    assert index.article("wire/volcano.md") is None


def test_deleted_file_leaves_the_index(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    (sample.root / "web/trains.html").unlink()
    assert index.update(workers=1) == UpdateStats(removed=1, unchanged=4)
    assert ids(index, "trains") == []
    assert "web/trains.html" not in [r.id for r in index.articles()]


def test_touched_file_with_same_text_only_updates_its_signature(
    sample: Library, make_index, loads: list[str]
):
    index = make_index()
    index.update(workers=1)
    path = sample.root / "wire/volcano.md"
    later(path)
    loads.clear()
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == [str(path.resolve())]  # read once to compare…
    loads.clear()
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == []  # …and its new signature was stored
    assert ids(index, "tremors") == ["wire/volcano.md"]


@pytest.mark.parametrize("in_place", [False, True], ids=["renamed over", "in place"])
def test_a_file_replaced_by_one_of_the_same_size_and_time_is_read_again(
    sample: Library, make_index, in_place: bool
):
    """`rsync -t`, `cp -p`, an editor putting the times back: the size and modification
    time are those the index holds, the text is not."""
    index = make_index()
    index.update(workers=1)
    path = sample.root / "wire/volcano.md"
    replaced_keeping_times(path, "tremors", "rumbles", in_place=in_place)
    assert index.update(workers=1) == UpdateStats(updated=1, unchanged=4)
    assert ids(index, "rumbles") == ["wire/volcano.md"]
    assert ids(index, "tremors") == []
    assert index.update(workers=1) == UpdateStats(unchanged=5)


def test_a_file_skipped_then_replaced_by_one_of_the_same_size_and_time_is_tried_again(
    lib: Library, make_index
):
    text = f"A readable article\n\n{sentence('revived')}\n"
    path = lib.write("a.txt", b"\x00" * len(text.encode()))  # binary: skipped for good
    index = make_index()
    assert index.update(workers=1) == UpdateStats(skipped=1)
    before = path.stat()
    written = lib.root / ".a.txt.new"
    written.write_text(text, encoding="utf-8")
    os.replace(written, path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert index.update(workers=1) == UpdateStats(added=1)
    assert ids(index, "revived") == ["a.txt"]


def _row(db_path: Path, article_id: str) -> tuple:
    """An article's row in the index, but for its file's change time and inode."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        cursor = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,))
        names = [column[0] for column in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=True))
        content = conn.execute("SELECT * FROM content WHERE doc = ?", (row["doc"],)).fetchone()
    return {k: v for k, v in row.items() if k not in ("ctime_ns", "ino")}, content


@pytest.mark.parametrize("change", ["chmod", "hard link"])
def test_a_file_whose_only_change_is_its_change_time_keeps_its_row(
    sample: Library, make_index, db_path: Path, tmp_path: Path, monkeypatch, loads, change: str
):
    """A chmod or a hard link changes a file's change time, not its text: it is read
    again and found the same by its text's digest, not parsed, its row left as it was."""
    from reader.ingest import formats

    index = make_index()
    index.update(workers=1)
    path = sample.root / "wire/volcano.md"
    before = _row(db_path, "wire/volcano.md")
    if change == "chmod":
        path.chmod(0o600)
    else:
        os.link(path, tmp_path / "elsewhere.md")
    parsed: list[str] = []
    real = formats.load_article
    monkeypatch.setattr(formats, "load_article", lambda p, r: parsed.append(p) or real(p, r))
    loads.clear()
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == [str(path.resolve())] and parsed == []
    assert _row(db_path, "wire/volcano.md") == before
    assert ids(index, "tremors") == ["wire/volcano.md"]
    loads.clear()
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == []  # its new signature was kept


def test_unreadable_files_are_skipped_and_not_reread(lib: Library, make_index, loads):
    lib.txt("good.txt", "Good article", sentence("kept"))
    lib.write("empty.txt", "")
    lib.write("binary.md", b"\x00\x01\x02binary\x00" * 20)
    lib.write("picture.png", b"\x89PNG")
    index = make_index()
    stats = index.update(workers=1)
    assert (stats.added, stats.skipped) == (1, 3)
    reasons = {Path(s.path).name: s.reason for s in index.skipped()}
    assert set(reasons) == {"empty.txt", "binary.md", "picture.png"}
    assert "empty" in reasons["empty.txt"]
    loads.clear()
    assert index.update(workers=1) == UpdateStats(skipped=3, unchanged=1)
    assert loads == []
    lib.txt("empty.txt", "Now written", sentence("filled"))
    assert index.update(workers=1) == UpdateStats(added=1, skipped=2, unchanged=1)
    assert ids(index, "filled") == ["empty.txt"]
    (lib.root / "picture.png").unlink()
    assert index.update(workers=1).skipped == 1


def test_article_that_becomes_unreadable_leaves_the_index(lib: Library, make_index):
    lib.txt("a.txt", "An article", sentence("fleeting"))
    index = make_index()
    index.update(workers=1)
    lib.write("a.txt", "")
    assert index.update(workers=1) == UpdateStats(removed=1, skipped=1)
    assert ids(index, "fleeting") == []


def test_worker_processes_give_the_same_index(lib: Library, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sync, "POOL_MIN_FILES", 8)
    for n in range(24):
        lib.txt(f"s{n % 3}/a{n:02}.txt", f"Story number {n}", sentence(f"word{n}", "shared"))
    lib.write("s0/empty.txt", "")
    seen: list[tuple[int, int]] = []
    pooled = LibraryIndex(lib.root, db_path=tmp_path / "pooled.sqlite")
    single = LibraryIndex(lib.root, db_path=tmp_path / "single.sqlite")
    try:
        stats = pooled.update(progress=lambda d, t: seen.append((d, t)), workers=2)
        assert stats == single.update(workers=1) == UpdateStats(added=24, skipped=1)
        assert pooled.articles() == single.articles()
        assert seen[0] == (0, 25) and seen[-1] == (25, 25)
        assert [d for d, _ in seen] == sorted(d for d, _ in seen)
        assert ids(pooled, "word7") == ["s1/a07.txt"]
        assert len(pooled.search("shared", limit=100).hits) == 24
    finally:
        pooled.close()
        single.close()


def test_update_from_another_thread_while_searching(sample: Library, make_index):
    index = make_index()
    index.update(workers=1)
    for n in range(10):
        sample.txt(f"more/{n}.txt", f"Extra story {n}", sentence("extra"))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            index.update(workers=1)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    while thread.is_alive():
        index.search("extra OR volcano")
    thread.join()
    assert errors == []
    assert len(index.search("extra").hits) == 10


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_the_library_is_never_written(sample: Library, make_index, monkeypatch):
    monkeypatch.setattr(sync, "POOL_MIN_FILES", 2)
    before = snapshot(sample.root)
    index = make_index()
    index.update(workers=2)
    index.search("paris")
    index.articles()
    index.article("wire/volcano.md")
    index.close()
    make_index().update(workers=1)
    assert snapshot(sample.root) == before
    assert not index.path.is_relative_to(sample.root)


def test_inline_styles_survive_the_index(tmp_path):
    """Markdown emphasis and links, and HTML bold, go through the index and come back."""
    from reader.search.index import LibraryIndex

    root = tmp_path / "lib"
    root.mkdir()
    (root / "note.md").write_text(
        "# Title\n\nSome *emphasis*, **strong** and a [link](https://x.org).\n"
    )
    (root / "page.html").write_text(
        "<html><head><title>Page</title></head><body><article><p>A paragraph with <b>bold words</b> "
        "inside it, long enough to be kept by the extractor as the main text.</p></article></body></html>"
    )
    with LibraryIndex(root, db_path=tmp_path / "index.sqlite") as index:
        stats = index.update(workers=1)
        assert stats.added == 2 and stats.skipped == 0
        note = index.article("note.md")
        [para] = note.blocks
        assert {(note.block_text(para)[m.start : m.end], m.style) for m in para.marks} == {
            ("emphasis", "em"),
            ("strong", "strong"),
            ("link", "link"),
        }
        assert next(m for m in para.marks if m.style == "link").href == "https://x.org"
        page = index.article("page.html")
        assert any(m.style == "strong" for b in page.blocks for m in b.marks)


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_rest_indexed(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "good.txt").write_text("A good title\n\nA body sentence here.\n")
    try:
        with open(os.path.join(os.fsencode(root), b"bad-\xff-name.txt"), "w") as f:
            f.write("Undecodable name\n\nBody.\n")
    except OSError:
        pytest.skip("this file system refuses such names")
    with LibraryIndex(root) as index:
        stats = index.update(workers=1)
        assert [row.id for row in index.articles()] == ["good.txt"]
        assert stats.skipped == 1
        (skipped,) = index.skipped()
        assert skipped.reason == "name is not valid UTF-8"
        assert "bad-\\xff-name.txt" in skipped.path  # its byte as an escape, as README says


def merging(index: LibraryIndex) -> dict[str, int]:
    """How the full-text index is set to merge its segments (FTS5's stored settings)."""
    return dict(index.read(lambda c: c.execute("SELECT k, v FROM fts_config").fetchall()))


def test_an_index_built_cold_then_updated_merges_its_segments_as_usual(tmp_path, monkeypatch):
    from reader.errors import Cancelled

    monkeypatch.setattr(sync, "COMPACT_MIN_ADDED", 50)  # 120 files make a big cold build
    root = tmp_path / "lib"
    root.mkdir()
    for i in range(120):
        (root / f"story-{i:03}.txt").write_text(f"Story {i}\n\nThe body of story {i}.\n")
    usual = {"automerge": 4, "crisismerge": 16}

    def stop_after_first_chunk(done: int, total: int) -> None:
        if done:
            assert {k: merging(index).get(k) for k in usual} == {"automerge": 16, "crisismerge": 64}
            raise Cancelled

    with LibraryIndex(root, db_path=tmp_path / "stopped.sqlite") as index:
        with pytest.raises(Cancelled):
            index.update(progress=stop_after_first_chunk, workers=1)
        assert merging(index).get("automerge", 4) == 4
        # A build killed outright cannot put them back: the next update with work does.
        index.read(lambda c: c.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 16)"))
        (root / "story-new.txt").write_text("A new story\n\nIts body.\n")
        index.update(workers=1)
        assert index.count() == 121
        assert {k: merging(index).get(k, v) for k, v in usual.items()} == usual
    with LibraryIndex(root, db_path=tmp_path / "whole.sqlite") as index:
        assert index.update(workers=1).added == 121
        assert {k: merging(index).get(k, v) for k, v in usual.items()} == usual
        assert len(ids(index, "body")) == 50  # (search's default limit)


def test_an_update_stopped_between_chunks_keeps_its_work_and_the_next_one_finishes(tmp_path):
    from reader.errors import Cancelled

    root = tmp_path / "lib"
    root.mkdir()
    for i in range(120):
        (root / f"story-{i:03}.txt").write_text(f"Story {i}\n\nThe body of story {i}.\n")
    calls = []

    def stop_after_first_chunk(done: int, total: int) -> None:
        calls.append(done)
        if done:
            raise Cancelled

    with LibraryIndex(root) as index:
        with pytest.raises(Cancelled):
            index.update(progress=stop_after_first_chunk, workers=2)
        kept = index.count()
        assert 0 < kept < 120
        stats = index.update(workers=2)
        assert (stats.added, stats.unchanged) == (120 - kept, kept)
        assert index.count() == 120


def test_folders_and_other_files_with_names_that_are_not_utf8_are_passed_over(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "good.txt").write_text("A good title\n\nA body sentence here.\n")
    base = os.fsencode(root)
    try:
        os.mkdir(os.path.join(base, b"folder-\xfe"))
        with open(os.path.join(base, b"folder-\xfe", b"inside.txt"), "w") as f:
            f.write("Inside\n\nBody.\n")
        with open(os.path.join(base, b"image-\xff.bin"), "wb") as f:
            f.write(b"\x00\x01")
    except OSError:
        pytest.skip("this file system refuses such names")
    with LibraryIndex(root) as index:
        stats = index.update(workers=1)
        assert [row.id for row in index.articles()] == ["good.txt"]
        reasons = sorted(s.reason for s in index.skipped())
        assert stats.skipped == 2 and reasons == ["name is not valid UTF-8"] * 2


def test_an_indexed_article_shows_every_field_of_its_file_after_adding_and_after_editing(
    lib: Library, make_index
):
    from reader.ingest.formats import load_article

    text = sentence("harbour") + "\n\nSecond paragraph with *some* words in it, for the body."
    meta = {"author": "Lois Lane", "date": "2023-05-02", "url": "https://example.org/a"}
    path = lib.md("planet/a.md", "A title", text, tags="[one, two]", **meta)
    index = make_index()
    for _ in range(2):
        index.update()
        shown = index.article("planet/a.md")
        assert shown == load_article(path, lib.root)
        assert shown.tags == ["one", "two"] and shown.url == meta["url"]
        row = index.articles()[0]
        assert row.summary() == shown.summary()
        lib.md("planet/a.md", "Another title", text, tags="[one, two]", **meta)


_CHANGES = ("add", "edit", "touch", "remove", "rename", "break", "picture", "unpicture")


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(_CHANGES), st.integers(0, 3)), min_size=1, max_size=6))
def test_after_any_change_to_the_library_an_update_finds_what_a_fresh_index_finds(
    tmp_path_factory, changes
):
    """Files added, edited, touched, removed, renamed, made unreadable or passed over:
    each update (even one that has nothing to do) leaves the index as a fresh one."""
    lib = Library(tmp_path_factory.mktemp("lib"))
    for n in range(3):
        lib.txt(f"s/a{n}.txt", f"Story {n}", sentence(f"first{n}"))
    folder = tmp_path_factory.mktemp("index")
    index = LibraryIndex(lib.root, db_path=folder / "kept.sqlite")
    try:
        index.update(workers=1)
        for step, (change, n) in enumerate(changes):
            path = lib.root / f"s/a{n}.txt"
            if change in ("add", "edit"):
                lib.txt(f"s/a{n}.txt", f"Story {n} {step}", sentence(f"word{step}"))
            elif change == "touch" and path.exists():
                later(path)
            elif change == "remove":
                path.unlink(missing_ok=True)
            elif change == "rename" and path.exists():
                path.rename(lib.root / f"s/moved{step}.txt")
            elif change == "break":
                lib.write(f"s/a{n}.txt", "")
            elif change == "picture":
                lib.write(f"s/p{n}.png", b"\x89PNG")
            elif change == "unpicture":
                (lib.root / f"s/p{n}.png").unlink(missing_ok=True)
            kept = index.update(workers=1)
            fresh = LibraryIndex(lib.root, db_path=folder / f"fresh{step}.sqlite")
            try:
                fresh.update(workers=1)
                assert index.articles() == fresh.articles()
                assert index.skipped() == fresh.skipped()
                assert index.update(workers=1) == UpdateStats(
                    skipped=len(fresh.skipped()), unchanged=fresh.count()
                )
                assert kept.skipped == len(fresh.skipped())
                if change.startswith("add") or change == "edit":
                    assert ids(index, f"word{step}") == [f"s/a{n}.txt"]
            finally:
                fresh.close()
    finally:
        index.close()


def test_an_update_after_a_change_lists_each_folder_of_the_library_once(
    sample: Library, make_index, monkeypatch
):
    """An update that finds the library changed reads each folder once (a library on a
    slow disk is walked once per update, not once to look and again to compare)."""
    index = make_index()
    index.update(workers=1)
    sample.txt("notes/garden.txt", "Growing peppers on a balcony", sentence("peppers"))
    folders = 1 + sum(len(dirs) for _, dirs, _ in os.walk(sample.root))
    listed: list[object] = []
    real = os.scandir

    def counting(path=None):
        listed.append(path)  # a folder's path, or the descriptor it is open as
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    assert index.update(workers=1) == UpdateStats(updated=1, unchanged=4)
    assert len(listed) == folders


def failing_once(monkeypatch: pytest.MonkeyPatch, error: Exception) -> list[str]:
    """The parser raises `error` on its first file, then reads as usual; the paths it read."""
    from reader.ingest import formats

    real = formats.load_article
    seen: list[str] = []

    def load(path, root):
        seen.append(Path(path).name)
        if len(seen) == 1:
            raise error
        return real(path, root)

    monkeypatch.setattr(formats, "load_article", load)
    return seen


def test_a_file_a_parser_bug_could_not_read_is_read_again_at_the_next_update(
    lib: Library, make_index, monkeypatch
):
    lib.txt("a.txt", "An article", sentence("recovered"))
    seen = failing_once(monkeypatch, TypeError("a bug"))
    index = make_index()
    assert index.update(workers=1) == UpdateStats(skipped=1)
    assert [s.reason for s in index.skipped()] == ["could not be read (TypeError)"]
    assert index.update(workers=1) == UpdateStats(added=1)
    assert seen == ["a.txt", "a.txt"]
    assert ids(index, "recovered") == ["a.txt"] and index.skipped() == []


def test_a_file_skipped_by_another_version_of_the_parser_is_tried_again(
    lib: Library, make_index, monkeypatch
):
    from reader.errors import ArticleError

    lib.txt("a.txt", "An article", sentence("upgraded"))
    seen = failing_once(monkeypatch, ArticleError("a.txt", "no readable text"))
    index = make_index()
    assert index.update(workers=1) == UpdateStats(skipped=1)
    assert index.update(workers=1) == UpdateStats(skipped=1)  # the same parser: not again
    assert seen == ["a.txt"]
    monkeypatch.setattr(sync, "parser_version", lambda: "another version")
    assert index.update(workers=1) == UpdateStats(added=1)
    assert ids(index, "upgraded") == ["a.txt"]


def test_rebuilding_reads_every_file_again_even_those_skipped(
    lib: Library, make_index, monkeypatch
):
    from reader.errors import ArticleError

    lib.txt("a.txt", "An article", sentence("rebuilt"))
    lib.txt("b.txt", "Another article", sentence("kept"))
    seen = failing_once(monkeypatch, ArticleError("a.txt", "no readable text"))
    index = make_index()
    assert index.update(workers=1) == UpdateStats(added=1, skipped=1)
    assert index.rebuild(workers=1) == UpdateStats(added=1, unchanged=1)
    assert ids(index, "rebuilt") == ["a.txt"] and len(seen) == 4


def test_files_skipped_by_an_index_made_before_parsers_were_told_apart_are_tried_again(
    lib: Library, make_index, db_path: Path, monkeypatch
):
    import sqlite3

    from reader.errors import ArticleError

    lib.txt("a.txt", "An article", sentence("stuck"))
    failing_once(monkeypatch, ArticleError("a.txt", "no readable text"))
    make_index().update(workers=1)
    with sqlite3.connect(db_path) as conn:  # as an index of the version before left it
        conn.execute("ALTER TABLE skipped DROP COLUMN parser")
    assert make_index().update(workers=1) == UpdateStats(added=1)


def test_an_index_another_program_changed_is_compared_with_the_library_file_by_file(
    sample: Library, make_index, db_path: Path, loads: list[str]
):
    """An update keeps what the library looked like; a change to the index by another
    program (a reader of another version) makes the next update look at each file again."""
    import sqlite3

    index = make_index()
    index.update(workers=1)
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE articles SET mtime_ns = 1 WHERE id = 'wire/volcano.md'")
    loads.clear()
    assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == [str((sample.root / "wire/volcano.md").resolve())]


def test_a_file_put_back_as_it_was_is_found_after_another_update_overtook_this_one(
    lib: Library, make_index, db_path: Path
):
    """Another process indexes an edit while this update runs; the file is then put back
    as it was, time and all (a backup restored): the next search finds its words again."""
    lib.txt("a.txt", "An article", sentence("heron"))
    index = make_index()
    index.update(workers=1)
    path = lib.root / "a.txt"
    before = path.stat().st_mtime_ns
    lib.txt("b.txt", "Another article", sentence("pelican"))  # work for the next update
    other = LibraryIndex(lib.root, db_path=db_path)
    overtaken: list[int] = []

    def meanwhile(done: int, total: int) -> None:
        if not overtaken:  # this update has walked the library, and not yet written
            overtaken.append(done)
            lib.txt("a.txt", "An article", sentence("otter"))
            later(path)
            other.update(workers=1)

    try:
        index.update(meanwhile, workers=1)
    finally:
        other.close()
    assert ids(index, "otter") == ["a.txt"]
    lib.txt("a.txt", "An article", sentence("heron"))
    os.utime(path, ns=(before, before))
    index.update(workers=1)
    assert ids(index, "heron") == ["a.txt"] and ids(index, "otter") == []


def test_an_index_from_before_the_library_was_kept_whole_finds_nothing_to_do(
    sample: Library, make_index, db_path: Path, loads: list[str]
):
    import sqlite3

    index = make_index()
    index.update(workers=1)
    with sqlite3.connect(db_path) as conn:  # as an index of the version before left it
        conn.execute("DELETE FROM meta WHERE key = 'library_seen'")
    loads.clear()
    for _ in range(2):
        assert index.update(workers=1) == UpdateStats(unchanged=5)
    assert loads == []
    sample.txt("notes/garden.txt", "Growing peppers on a balcony", sentence("chilli"))
    assert index.update(workers=1) == UpdateStats(updated=1, unchanged=4)
    assert ids(index, "chilli") == ["notes/garden.txt"]
