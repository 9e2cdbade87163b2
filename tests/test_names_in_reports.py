"""A file name holding a newline (or any control character) cannot forge lines in a report:
names are printed with such characters escaped (`\\n`), one report line per file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import ArticleError, NotesFileError
from reader.text.safe import escaped
from tests.conftest import ROOT, cli_env

FORGED = "evil\nskipped real.txt: all is fine"


def run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env({"READER_CACHE_DIR": str(cache)}),
        timeout=120,
    )


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "wire").mkdir(parents=True)
    (root / "wire" / "fine.txt").write_text(
        "A fine article\n\nIt has a title and a body of ordinary prose, long enough.\n"
    )
    (root / "wire" / f"{FORGED}.bin").write_bytes(b"\x00\x01")  # not an article
    (root / "wire" / "empty\r\x1b[2Kline.txt").write_text("")  # an empty file
    (root / "wire" / "odd.t\nxt").write_text("x")  # the suffix, in the reason, too
    return root


def test_index_reports_each_skipped_file_on_one_line(hostile_library: Path, tmp_path: Path):
    done = run("index", str(hostile_library), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stdout.splitlines() if line.startswith("skipped ")]
    assert len(done.stdout.splitlines()) == 2 + 3
    assert skipped == [
        f"skipped {hostile_library}/wire/empty\\r\\x1b[2Kline.txt: empty file",
        f"skipped {hostile_library}/wire/evil\\nskipped real.txt: all is fine.bin: "
        "not an article (.bin)",
        f"skipped {hostile_library}/wire/odd.t\\nxt: not an article (.t\\nxt)",
    ]


def test_list_counts_the_skipped_files_in_one_line(hostile_library: Path, tmp_path: Path):
    done = run("list", str(hostile_library), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "reader: 3 files skipped (reader index lists them)\n"


def test_search_shows_an_article_id_with_a_newline_on_one_line(tmp_path: Path):
    root = tmp_path / "library"
    root.mkdir()
    (root / "two\nlines.txt").write_text(
        "Harbour news\n\nThe harbour cranes were moved on Monday, the port said in a statement.\n"
    )
    done = run("search", "harbour", str(root), cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["Harbour news", "  Unsorted · two\\nlines.txt"]


def test_an_error_naming_a_file_is_one_line(tmp_path: Path):
    done = run("show", "no such\nfile.txt", "--library", str(ROOT / "articles"), cache=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("reader: error: no such\\nfile.txt: no such article in ")


def test_errors_about_files_name_them_on_one_line():
    assert str(ArticleError("a\nb.txt", "empty file")) == "a\\nb.txt: empty file"
    assert str(NotesFileError("a\nb.txt.yaml", "not valid YAML", 3)) == (
        "a\\nb.txt.yaml:3: not valid YAML"
    )


def test_escaped_shows_controls_as_escapes_and_leaves_the_rest():
    assert escaped("plain café — 東京 ✓") == "plain café — 東京 ✓"
    assert escaped("a\nb\tc\rd\x00e\x1b[31m\x7f\x9b") == "a\\nb\\tc\\rd\\x00e\\x1b[31m\\x7f\\x9b"
    assert escaped("\u202eevil\u2028x") == "\\u202eevil\\u2028x"


async def test_a_toast_naming_a_notes_file_with_a_newline_is_one_line(tmp_path: Path, monkeypatch):
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from tests.tui.conftest import press_in_turn, settle

    root = tmp_path / "library"
    root.mkdir()
    (root / "two\nlines.txt").write_text(
        "Harbour news\n\nThe harbour cranes were moved on Monday, the port said in a statement.\n"
    )
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "two\nlines.txt.yaml").write_text("annotations: [unclosed\n")
    monkeypatch.setenv("READER_NOTES_DIR", str(notes))
    app = ReaderApp(root, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "V", "a")  # annotate: the notes file does not parse
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("two\\nlines.txt.yaml" in m for m in messages), messages
        assert not any("\n" in m for m in messages), messages


STORY = "A tide story\n\nThe tide rose twice a day along the harbour wall.\n"


def test_an_id_with_a_newline_printed_by_list_ids_is_taken_back_by_show_and_annotate(tmp_path):
    library = tmp_path / "lib"
    (library / "Odd").mkdir(parents=True)
    (library / "Odd" / "new\nline.txt").write_text(STORY, encoding="utf-8")
    listed = run("list", "--ids", str(library), cache=tmp_path / "cache")
    assert "Odd/new\\nline.txt" in listed.stdout, listed.stdout
    shown = run("show", "Odd/new\\nline.txt", "--library", str(library), cache=tmp_path / "cache")
    assert shown.returncode == 0, shown.stderr
    assert "The tide rose twice a day" in shown.stdout
    note = run(
        "annotate",
        "Odd/new\\nline.txt",
        "--library",
        str(library),
        "--quote",
        "tide rose",
        cache=tmp_path / "cache",
    )
    assert note.returncode == 0, note.stderr


def test_a_name_that_is_not_utf8_is_reported_with_its_bytes_escaped(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "good.txt").write_text(STORY, encoding="utf-8")
    with open(bytes(library) + b"/bad\xffname.txt", "wb") as f:
        f.write(STORY.encode())
    listed = run("index", str(library), cache=tmp_path / "cache")
    assert "skipped " in listed.stdout
    assert "bad\\xffname.txt: name is not valid UTF-8" in listed.stdout, listed.stdout
