"""Every article has a notes file of its own: files opened by path outside the library too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.store import NotesStore


def reader(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def notes_dir() -> Path:
    return Path(os.environ["READER_NOTES_DIR"])


@pytest.fixture
def two_stories(tmp_path):
    """A library with `story.txt`, and another `story.txt` in a folder outside it."""
    library, other = tmp_path / "library", tmp_path / "other"
    library.mkdir()
    other.mkdir()
    (library / "story.txt").write_text("Story one\n\nThe mayor opened the bridge on Monday.\n")
    (other / "story.txt").write_text("Story two\n\nThe council closed the road on Tuesday.\n")
    return library, other / "story.txt"


def test_an_article_outside_the_library_keeps_its_notes_apart_from_the_library_one(two_stories):
    library, outside = two_stories
    lib = str(library)
    assert reader("annotate", "story.txt", "--library", lib, "--quote", "bridge").returncode == 0
    result = reader("annotate", str(outside), "--library", lib, "--quote", "road")
    assert result.returncode == 0, result.stderr

    # The library's notes file still names the library's article, with its one note.
    mine = NotesStore(notes_dir()).load("story.txt")
    assert mine.article.path == str(library / "story.txt")
    assert mine.article.title == "Story one"
    assert [a.quote for a in mine.live] == ["bridge"]

    # Both notes are listed, each on its own article and in place.
    listed = json.loads(reader("notes", lib, "--json").stdout)
    by_quote = {n["quote"]: n for n in listed}
    assert by_quote["bridge"]["article"] == "story.txt"
    assert by_quote["road"]["article"] != "story.txt"
    assert str(outside.resolve()) in by_quote["road"]["article"]
    assert {n["status"] for n in listed} == {"exact"}


def test_a_second_note_on_an_outside_article_goes_to_the_same_file(two_stories, tmp_path):
    library, outside = two_stories
    lib = str(library)
    reader("annotate", str(outside), "--library", lib, "--quote", "road")
    # The same file named another way (relative, through a symlink) is the same article.
    (tmp_path / "link").symlink_to(outside.parent)
    relative = os.path.relpath(tmp_path / "link" / "story.txt")
    result = reader("annotate", relative, "--library", lib, "--quote", "council")
    assert result.returncode == 0, result.stderr
    [(_, notes)] = list(NotesStore(notes_dir()).all_files())
    assert sorted(a.quote for a in notes.live) == ["council", "road"]
    assert notes.article.path == str(outside.resolve())


def test_a_library_article_named_by_its_path_is_the_library_article(two_stories):
    library, _ = two_stories
    result = reader(
        "annotate", str(library / "story.txt"), "--library", str(library), "--quote", "bridge"
    )
    assert result.returncode == 0, result.stderr
    assert [n["article"] for n in json.loads(reader("notes", str(library), "--json").stdout)] == [
        "story.txt"
    ]
