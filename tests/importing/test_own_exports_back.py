"""reader's own exports imported back: each note once, as it was (two notes alike but
for their colour stay two; one unplaced stays one), and what was skipped said as it
happened."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.store import NotesStore
from tests.importing.conftest import import_files
from tests.importing.test_round_trip import notes_of, reader

QUOTE = "the shore is bare at low tide"


def environment(lib: Path, tmp_path: Path, notes: str) -> dict[str, str]:
    return {
        **os.environ,
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "READER_LIBRARY": str(lib),
        "READER_NOTES_DIR": str(tmp_path / notes),
    }


def test_two_highlights_alike_but_for_their_colour_come_back_as_two(lib, tmp_path):
    first, second = environment(lib, tmp_path, "a"), environment(lib, tmp_path, "b")
    for color in ("yellow", "green"):
        args = ["--note", "Same note", "--color", color]
        reader("annotate", "Science/tides.txt", "--quote", QUOTE, *args, env=first)
    exported = tmp_path / "h.json"
    reader("export", lib, "--format", "hypothesis", "-o", exported, env=first)
    done = reader("import", exported, "--library", lib, env=second)
    assert "notes placed: 2 exactly, 0 fuzzily" in done.stdout
    assert "skipped, already in the library: 0 articles, 0 links, 0 notes" in done.stdout
    assert len(notes_of(lib, second)) == 2
    again = reader("import", exported, "--library", lib, env=second)
    assert "skipped, already in the library: 0 articles, 0 links, 2 notes" in again.stdout


def test_a_highlight_twice_in_one_file_is_said_repeated_not_already_there(lib, notes, tmp_path):
    annotation = {
        "id": "h1",
        "uri": "https://science.example.com/tides",
        "text": "A note",
        "tags": [],
        "target": [{"selector": [{"type": "TextQuoteSelector", "exact": QUOTE}]}],
    }
    export = tmp_path / "h.json"
    export.write_text(json.dumps({"annotations": [annotation, annotation]}))
    lines = import_files(lib, notes, export).lines()
    assert "notes placed: 1 exactly, 0 fuzzily" in lines
    assert "skipped, already in the library: 0 articles, 0 links, 0 notes" in lines
    assert "skipped, repeated in the file: 1 note" in lines


def test_the_same_note_in_two_files_of_one_import_is_said_so(lib, notes, tmp_path):
    csv = "Highlight,Title,Author,URL,Note,Location,Date\n"
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text(csv + f"{QUOTE},Tides,,,A note,,2024-01-01 10:00:00\n")
    two.write_text(csv + f"{QUOTE},Tides,,,A note,,2024-01-02 10:00:00\n")
    lines = import_files(lib, notes, one, two).lines()
    assert "notes placed: 1 exactly, 0 fuzzily" in lines
    assert "skipped, brought by another file of this import: 1 note" in lines
    assert "skipped, already in the library: 0 articles, 0 links, 0 notes" in lines


def test_an_unplaced_highlight_exported_and_imported_back_is_not_added_again(lib, tmp_path):
    env = environment(lib, tmp_path, "notes")
    first = tmp_path / "readwise.csv"
    first.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\n"
        "Words no article holds,A Paper Book,Someone,,My note,,2024-01-01 10:00:00\n"
    )
    reader("import", first, "--library", lib, env=env)
    before = notes_of(lib, env)
    assert [status for *_, status in before] == ["unplaced"]
    for fmt in ("koreader", "hypothesis", "readwise"):
        exported = tmp_path / f"export-{fmt}"
        reader("export", lib, "--format", fmt, "-o", exported, env=env)
        done = reader("import", exported, "--format", fmt, "--library", lib, env=env)
        assert "skipped, already in the library: 0 articles, 0 links, 1 note" in done.stdout, fmt
        assert notes_of(lib, env) == before
    kept = NotesStore(tmp_path / "notes").load("unplaced/koreader")
    assert kept is None or not kept.live


SHARED = "Both articles quote the very same sentence about the harbour lights."


def two_alike(folder: Path) -> Path:
    """A library of two articles holding the same sentence: `A/first.txt` and
    `B/second.txt`."""
    longer = "It goes on for a while about other things, the sea and the boats. " * 5
    for path, title, more in (
        ("A/first.txt", "The First Story", ""),
        ("B/second.txt", "Another Story", longer),
    ):
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(f"{title}\n\nIt begins here. {more}\n\n{SHARED}\n\nThe end.\n")
    return folder


@pytest.mark.parametrize("fmt", ["hypothesis", "readwise", "koreader"])
@pytest.mark.parametrize("elsewhere", [False, True])
def test_a_note_comes_back_to_the_article_it_was_made_in(tmp_path, fmt, elsewhere):
    lib = two_alike(tmp_path / "lib")
    env = environment(lib, tmp_path, "notes")
    reader("annotate", "B/second.txt", "--quote", "harbour lights", "--note", "x", env=env)
    exported = tmp_path / f"export-{fmt}"
    reader("export", lib, "--format", fmt, "-o", exported, env=env)
    into = shutil.copytree(lib, tmp_path / "copy") if elsewhere else lib
    fresh = environment(into, tmp_path, "fresh")
    reader("import", exported, "--format", fmt, "--library", into, env=fresh)
    assert [(a, q) for a, q, *_ in notes_of(into, fresh)] == [("B/second.txt", "harbour lights")]
    # Into the notes it came from: nothing added.
    done = reader("import", exported, "--format", fmt, "--library", lib, env=env)
    assert "skipped, already in the library: 0 articles, 0 links, 1 note" in done.stdout
    assert len(notes_of(lib, env)) == 1


def test_koreader_export_gives_back_each_colour(lib, tmp_path):
    first, second = environment(lib, tmp_path, "a"), environment(lib, tmp_path, "b")
    colours = ("yellow", "green", "blue", "pink", "purple", "orange")
    words = ["the", "shore", "is", "bare", "at", "low", "tide"]
    for colour, word in zip(colours, words, strict=False):
        reader("annotate", "Science/tides.txt", "--quote", word, "--color", colour, env=first)
    exported = tmp_path / "k.json"
    reader("export", lib, "--format", "koreader", "-o", exported, env=first)
    reader("import", exported, "--library", lib, env=second)

    def colours_of(env: dict[str, str]) -> list[tuple[str, str]]:
        listed = json.loads(reader("notes", lib, "--json", env=env).stdout)
        return sorted((n["quote"], n["color"]) for n in listed)

    assert colours_of(second) == colours_of(first)
    assert {c for _, c in colours_of(second)} == set(colours)


def test_notes_not_saved_for_an_unreadable_notes_file_fail_the_import(lib, tmp_path):
    env = environment(lib, tmp_path, "notes")
    broken = tmp_path / "notes/unplaced/readwise.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("schema_version: 1\narticle: [unclosed\n")
    export = tmp_path / "readwise.csv"
    export.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\n"
        "Words no article holds,A Paper Book,,,My note,,\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(export), "--library", str(lib)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2
    assert "notes not saved: 1" in done.stdout
    [line] = done.stderr.splitlines()
    assert line.startswith("reader: error: 1 note not saved") and str(broken) in line
    assert "Traceback" not in done.stderr
    assert broken.read_text() == "schema_version: 1\narticle: [unclosed\n"
