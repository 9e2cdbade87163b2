"""Small things the command line said wrong, or not at all: each now said in one line,
with the exit status README's table gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.errors import NotesFileError
from reader.notes.store import NotesStore
from reader.paths import config_file
from tests.conftest import AFP_ID


def reader(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_review_output_without_export_is_refused(library, tmp_path):
    result = reader("review", str(library), "-o", str(tmp_path / "x.txt"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "reader: error: -o needs --export anki\n"
    assert not (tmp_path / "x.txt").exists()


def test_a_mistyped_command_is_named_as_neither_command_nor_folder(tmp_path):
    result = reader("lsit", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "reader: error: lsit is neither a command nor a folder (did you mean list?)\n"
    )


def test_a_word_like_no_command_lists_the_commands(tmp_path):
    result = reader("zzqx", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("reader: error: zzqx is neither a command nor a folder")
    assert "commands: list, show, search" in result.stderr and result.stderr.count("\n") == 1


def test_a_folder_named_like_a_command_is_still_a_library(tmp_path):
    result = reader("--library", "lsit", cwd=tmp_path)
    assert result.stderr == "reader: error: library not found: lsit\n"


def test_an_empty_query_on_an_empty_library_is_an_empty_listing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = reader("search", "", str(empty))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.startswith(f"reader: no articles in {empty}\n")
    as_json = reader("search", "", str(empty), "--json")
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, [])
    # A query that asks for something is no listing: nothing found is status 1.
    assert reader("search", "word", str(empty)).returncode == 1


def test_notes_that_cannot_be_read_fail_the_listing(library):
    lib = str(library)
    notes = os.environ["READER_NOTES_DIR"]
    broken = os.path.join(notes, "AFP", "x.txt.yaml")
    os.makedirs(os.path.dirname(broken))
    with open(broken, "w") as f:
        f.write("article: [unclosed\n")
    result = reader("notes", lib)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"reader: warning: {broken}")
    assert lines[1:] == ["no notes could be read"]
    exported = reader("export", lib)
    assert exported.returncode == 2, exported.stderr
    # Another note is listed all the same; the status still says one was not.
    assert reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump").returncode == 0
    listed = reader("notes", lib)
    assert listed.returncode == 2 and "Trump" in listed.stdout


def test_a_notes_folder_that_is_a_file_is_named_when_a_notes_file_is_read(tmp_path):
    a_file = tmp_path / "notes.yaml"
    a_file.write_text("not a folder\n")
    with pytest.raises(NotesFileError) as raised:
        NotesStore(a_file).load("S/a.txt")
    assert str(raised.value) == f"notes folder cannot be read: {a_file} is not a folder"


def test_a_library_from_the_config_that_is_not_there_says_where_it_came_from(tmp_path):
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("text_width: 72\nlibrary: /nope/lib\n")
    result = reader("list")
    assert result.returncode == 2
    assert result.stderr == f"reader: error: library not found: /nope/lib (from {config}:2)\n"
    env = {**os.environ, "READER_LIBRARY": "/nope/env"}
    from_env = reader("list", env=env)
    assert from_env.stderr == (
        "reader: error: library not found: /nope/env (from $READER_LIBRARY)\n"
    )
