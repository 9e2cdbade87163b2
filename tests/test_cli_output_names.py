"""What `-o` names as given: a name ending with `/` is a folder, never a file written in
its place; an empty name (a script's unset variable) is refused, not taken as stdout."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from reader.search.index import LibraryIndex
from tests.conftest import AFP_ID


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def notes(library, tmp_path):
    """A notes folder holding one note on the library's AFP article."""
    folder = tmp_path / "n"
    done = reader(
        "annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach",
        "--notes-dir", str(folder),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder


def test_a_file_format_refuses_a_name_ending_with_a_slash_and_writes_nothing(
    library, notes, tmp_path
):
    target = tmp_path / "out" / "sub"
    (tmp_path / "out").mkdir()
    done = reader(
        "export", str(library), "--notes-dir", str(notes), "--format", "csv",
        "-o", f"{target}/",
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"reader: error: cannot write {target}/: it ends with /: name a file\n"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_name_ending_with_a_slash_never_replaces_the_file_of_that_name(library, notes, tmp_path):
    existing = tmp_path / "out.md"
    existing.write_text("mine\n")
    done = reader(
        "export", str(library), "--notes-dir", str(notes), "-o", f"{existing}/", "--force"
    )
    assert done.returncode == 2
    assert "ends with /: name a file" in done.stderr
    assert existing.read_text() == "mine\n"


def test_a_folder_format_takes_a_name_ending_with_a_slash_as_its_folder(library, notes, tmp_path):
    folder = tmp_path / "vault"
    done = reader(
        "export", str(library), "--notes-dir", str(notes), "--format", "obsidian",
        "-o", f"{folder}/",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [p.suffix for p in folder.iterdir()] == [".md"]


def test_the_anki_export_refuses_a_name_ending_with_a_slash(library, notes, tmp_path):
    target = tmp_path / "cards"
    done = reader(
        "review", str(library), "--notes-dir", str(notes), "--export", "anki",
        "-o", f"{target}/",
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert "ends with /: name a file" in done.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["export", "--format", "obsidian"],
        ["review", "--export", "anki"],
        ["review"],
    ],
)
def test_an_empty_output_name_is_refused_not_taken_as_stdout(library, notes, command):
    done = reader(*command, str(library), "--notes-dir", str(notes), "-o", "")
    assert (done.returncode, done.stdout) == (2, "")
    assert "-o needs a file name; -o - writes to stdout" in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.fixture
def older_index(library):
    """The library's index as an older reader left it: of another schema."""
    with LibraryIndex(library) as index:
        index.update(workers=1)
        path = index.path
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    return library


@pytest.mark.parametrize("command", [["search", "Palm"], ["list"], ["notes"]])
def test_an_index_of_an_older_reader_is_said_to_be_rebuilt(older_index, command):
    given = [*command, str(older_index)]
    done = reader(*given)
    assert done.returncode == 0, done.stderr
    said = "reader: the search index is being rebuilt; this may take a while\n"
    assert done.stderr.startswith(said)
    assert said not in reader(*given).stderr  # once rebuilt, nothing to say
