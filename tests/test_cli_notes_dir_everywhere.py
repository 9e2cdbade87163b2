"""Every command that updates the index takes `--notes-dir` (and `--library`): the notes
kept in that folder follow an article renamed meanwhile, never left orphaned."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "command",
    [
        ["index", "LIB"],
        ["list", "LIB"],
        ["index", "--library", "LIB"],
        ["related", "S/b.txt", "--library", "LIB"],
        ["add", "--pending", "--library", "LIB"],
    ],
    ids=["index", "list", "index --library", "related", "add"],
)
def test_notes_in_a_notes_dir_follow_an_article_renamed_before_a_command(tmp_path, command):
    library, notes = tmp_path / "lib", tmp_path / "nd"
    (library / "S").mkdir(parents=True)
    (library / "S" / "a.txt").write_text("Title\n\nA sentence with a word to note.\n")
    lib = str(library)
    added = reader(
        "annotate", "S/a.txt", "--library", lib, "--notes-dir", str(notes), "--quote", "word"
    )
    assert added.returncode == 0, added.stderr
    assert reader("index", lib).returncode == 0
    (library / "S" / "a.txt").rename(library / "S" / "b.txt")
    args = [lib if word == "LIB" else word for word in command]
    result = reader(*args, "--notes-dir", str(notes))
    assert result.returncode in (0, 1), result.stderr  # (related: no other telling, 1)
    assert (notes / "S" / "b.txt.yaml").is_file(), result.stderr
    listed = reader("notes", lib, "--notes-dir", str(notes), "--json")
    assert [(n["article"], n["status"]) for n in json.loads(listed.stdout)] == [
        ("S/b.txt", "exact")
    ]


def test_a_notes_dir_that_cannot_be_read_keeps_renamed_articles_for_a_later_follow(tmp_path):
    library, notes, a_file = tmp_path / "lib", tmp_path / "nd", tmp_path / "file"
    (library / "S").mkdir(parents=True)
    (library / "S" / "a.txt").write_text("Title\n\nA sentence with a word to note.\n")
    a_file.write_text("not a folder\n")
    lib = str(library)
    reader("annotate", "S/a.txt", "--library", lib, "--notes-dir", str(notes), "--quote", "word")
    assert reader("index", lib).returncode == 0
    (library / "S" / "a.txt").rename(library / "S" / "b.txt")
    wrong = reader("index", lib, "--notes-dir", str(a_file))
    assert wrong.returncode == 0, wrong.stderr
    assert wrong.stderr == (
        f"reader: warning: notes folder cannot be read: {a_file} is not a folder;"
        " renamed articles' notes not followed\n"
    )
    assert reader("list", lib, "--notes-dir", str(notes)).returncode == 0
    assert (notes / "S" / "b.txt.yaml").is_file()
