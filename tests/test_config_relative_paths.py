"""A relative `library:` or `notes_dir:` in the config file is read from the config file's
folder, wherever reader is started: the notes stay where they were written, and no
empty folder is made in the current one."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.config import load_config
from reader.paths import config_file


def reader(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "READER_NOTES_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def places(tmp_path):
    """Two folders to start reader in, and a library with one article."""
    first, second, library = tmp_path / "A", tmp_path / "B", tmp_path / "lib"
    for folder in (first, second, library / "S"):
        folder.mkdir(parents=True)
    (library / "S" / "a.txt").write_text("Title\n\nA sentence with a word to note.\n")
    return first, second, library


def write_config(text: str):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_a_relative_notes_dir_is_the_config_folders_wherever_reader_starts(places):
    first, second, library = places
    write_config("notes_dir: mynotes\n")
    expected = config_file().parent / "mynotes"
    added = reader("annotate", "S/a.txt", "--library", str(library), "--quote", "word", cwd=first)
    assert added.returncode == 0, added.stderr
    assert (expected / "S" / "a.txt.yaml").is_file()
    listed = reader("notes", str(library), "--json", cwd=second)
    assert [n["quote"] for n in json.loads(listed.stdout)] == ["word"]
    where = reader("notes", "--where", "--json", cwd=second)
    assert json.loads(where.stdout) == {"notes_dir": str(expected)}
    assert not (first / "mynotes").exists() and not (second / "mynotes").exists()


def test_a_relative_library_is_the_config_folders(places):
    _, second, library = places
    config = write_config("library: articles\n")
    (config.parent / "articles").symlink_to(library)
    result = reader("list", "--ids", cwd=second)
    assert result.returncode == 0, result.stderr
    assert "S/a.txt" in result.stdout


def test_home_and_absolute_paths_in_the_config_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    path = tmp_path / "conf" / "config.yaml"
    path.parent.mkdir()
    path.write_text(f"library: ~/articles\nnotes_dir: {tmp_path}/notes\n")
    config, problems = load_config(path)
    assert problems == []
    assert config.library == "~/articles"
    assert config.notes_dir == f"{tmp_path}/notes"


def test_notes_where_prints_a_relative_notes_dir_given_on_the_command_line_absolute(places):
    first, _, _ = places
    result = reader("notes", "--where", "--notes-dir", "here", cwd=first)
    assert result.stdout == f"{first / 'here'}\n"
