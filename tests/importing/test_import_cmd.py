"""`reader import FILE...`: one report at the end, one line and exit 2 for a malformed
export, with nothing written."""

from __future__ import annotations

import contextlib
import os
import pty
import subprocess
import sys

import pytest

from tests.importing.conftest import FIXTURES, tree


def reader(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def test_reader_import_reports_what_it_did(lib, notes):
    done = reader("import", FIXTURES / "hypothesis.json", "--library", lib, "--notes-dir", notes)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    assert done.stdout.splitlines() == [
        "articles added: 0",
        "links kept to fetch: 0 (`reader add --pending`)",
        "notes placed: 1 exactly, 1 fuzzily",
        "notes unplaced: 1",
        "skipped, already in the library: 0 articles, 0 links, 0 notes",
        "entries rejected: 1",
        "  hypothesis.json: annotation 4 (hQ1aAaAaEe-pagenote): a page note, no quote",
    ]


def test_importing_again_counts_what_is_already_there_by_kind(lib, notes):
    """Articles, links and notes imported before are each counted in plain words (they
    were one "duplicates" number)."""
    files = [FIXTURES / "wallabag.json", FIXTURES / "instapaper.csv"]
    first = reader("import", *files, "--library", lib, "--notes-dir", notes)
    assert first.returncode == 0, first.stderr
    again = reader("import", *files, "--library", lib, "--notes-dir", notes)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0] == "articles added: 0"
    assert "skipped, already in the library: 1 article, 2 links, 2 notes" in lines


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("hypothesis-truncated.json", "hypothesis-truncated.json: line 2: not valid JSON"),
        ("wallabag-bad-annotations.json", "entry 2: 'annotations' must be a list"),
        ("kindle-bad.txt", "clipping 2: no '- Your Highlight …' line under the title"),
        ("library/Science/tides.txt", "not a known export (give --format: wallabag"),
        ("readwise-unclosed-quote.csv", 'readwise-unclosed-quote.csv: line 2: a quote (")'),
        ("readwise-unclosed-quote-2.csv", 'readwise-unclosed-quote-2.csv: line 2: a quote (")'),
    ],
)
def test_a_malformed_export_fails_in_one_line_and_nothing_is_written(lib, notes, bad, message):
    before = tree(lib)
    # A good file before the bad one: nothing of it is written either.
    done = reader(
        "import", FIXTURES / "wallabag.json", FIXTURES / bad, "--library", lib, "--notes-dir", notes
    )
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("reader: error: ") and message in line
    assert done.stdout == ""
    assert tree(lib) == before
    assert not notes.exists()


def test_a_terminal_on_stderr_is_shown_the_files_being_read(lib, notes, tmp_path):
    """The report goes to a file; stderr, a terminal, shows what the import is doing from
    its start: reading a large export takes a while before anything is imported."""
    places = ["--library", lib, "--notes-dir", notes]
    main, side = pty.openpty()
    with open(tmp_path / "report.txt", "w") as report:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "import", FIXTURES / "hypothesis.json", *places],
            stdout=report,
            stderr=side,
            timeout=120,
        )
    os.close(side)
    shown = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    assert done.returncode == 0
    assert b"reading hypothesis.json" in shown
    assert (tmp_path / "report.txt").read_text().startswith("articles added: 0\n")
