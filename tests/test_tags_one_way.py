"""A note's tags are one list of distinct tags, however they were given (`reader annotate
--tag`, the note dialog, an import), and show one way everywhere: `#tag`, once each, a
tag holding a space in double quotes (`#"two words"`)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from reader.cli import main as cli_main
from reader.ingest.formats import load_article
from reader.notes.placement import Annotations
from reader.notes.records import collect
from reader.notes.store import NotesStore
from reader.notes.tags import hashed, normalised, tally
from tests.conftest import AFP_ID
from tests.importing.conftest import FIXTURES, import_files

TIDES = "Science/tides.txt"

# A note written by hand (or by an older reader) with one tag three times, and `#Idea`
# as the user typed it: read, counted and shown once each, never rewritten for that.
DUPLICATES = """\
schema_version: 1
article:
  id: {id}
annotations:
- id: dup-1
  tags: ['#Idea', idea, IDEA, two words]
  note: first
  target: {{exact: Palm Beach, start: {start}, end: {end}}}
- id: dup-2
  tags: [Idea]
  note: second
  target: {{exact: Palm Beach, start: {start}, end: {end}}}
"""


def notes_dir() -> Path:
    return Path(os.environ["READER_NOTES_DIR"])


def annotate(library: Path, *tags: str) -> tuple[str, ...]:
    args = ["annotate", "--library", str(library), AFP_ID, "--quote", "Palm Beach"]
    assert cli_main([*args, *(a for t in tags for a in ("--tag", t))]) == 0
    [note] = NotesStore(notes_dir()).load(AFP_ID).live
    return note.tags


def test_annotate_saves_a_tag_given_in_several_spellings_once(library, capsys):
    assert annotate(library, "Dup", "dup", "#DUP", " #Idea ", "#Idea") == ("Dup", "Idea")


def test_tags_given_are_trimmed_unhashed_and_kept_once_in_their_first_spelling():
    assert normalised(["Dup", "dup", "#DUP", "", " ", "#Idea", "idea"]) == ("Dup", "Idea")
    assert normalised(["two words", "Two Words", "##x"]) == ("two words", "#x")


def test_an_edit_of_the_tags_saves_them_once_and_one_of_the_note_alone_leaves_them(library):
    store = NotesStore(notes_dir())
    annotations = Annotations(store)
    afp = load_article(library / AFP_ID, library)
    at = afp.text.index("Palm Beach")
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DUPLICATES.format(id=AFP_ID, start=at, end=at + 10))
    first = store.load(AFP_ID).get("dup-1")
    assert first is not None
    annotations.edit(AFP_ID, first, note="first, edited")
    kept = store.load(AFP_ID).get("dup-1")
    assert kept is not None and kept.tags == ("#Idea", "idea", "IDEA", "two words")
    annotations.edit(AFP_ID, kept, tags=("#x", "X", "y"))
    edited = store.load(AFP_ID).get("dup-1")
    assert edited is not None and edited.tags == ("x", "y")


def test_an_import_saves_a_tag_given_in_several_spellings_once(tmp_path):
    lib, notes = tmp_path / "lib", tmp_path / "notes"
    shutil.copytree(FIXTURES / "library", lib)
    export = json.loads((FIXTURES / "hypothesis.json").read_text())
    export["annotations"][0]["tags"] = ["#Tides", "tides", "TIDES", "moon"]
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(export))
    import_files(lib, notes, path)
    tagged = [a for a in NotesStore(notes).load(TIDES).live if a.tags]
    assert [a.tags for a in tagged] == [("Tides", "moon")]


def test_tags_are_counted_by_note_and_shown_once_each_with_one_hash(library):
    store = NotesStore(notes_dir())
    text = (library / AFP_ID).read_text()
    at = text.index("Palm Beach")
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = DUPLICATES.format(id=AFP_ID, start=at, end=at + 10)
    path.write_text(written)
    records, _ = collect(store, lambda article_id: None)
    assert tally(r.annotation.tags for r in records) == [("Idea", 2), ("two words", 1)]
    assert hashed(records[0].annotation.tags) == '#Idea #"two words"'
    assert path.read_text() == written  # (listing never rewrites a note)


def test_a_tag_shows_one_way_whatever_it_holds():
    assert hashed(["#Idea"]) == "#Idea"
    assert hashed(["Dup", "dup", "#DUP"]) == "#Dup"
    assert hashed(["two words", "a"]) == '#"two words" #a'
    assert hashed(['5" floppy']) == '#"5"" floppy"'
    assert hashed(["new\nline"]) == "#new\u240aline"
    assert hashed(["##x"]) == "##x"


def test_the_tag_list_is_in_natural_order_among_tags_as_used():
    notes = [["t10"], ["t2"], ["t0"], ["T1"], ["b"], ["b"]]
    assert [t for t, _ in tally(notes)] == ["b", "t0", "T1", "t2", "t10"]


def test_reader_notes_shows_a_hashed_tag_with_one_hash(library, capsys):
    annotate(library, "#Idea", "two words")
    capsys.readouterr()
    assert cli_main(["notes", str(library)]) == 0
    listed = capsys.readouterr().out
    assert '#Idea #"two words"' in listed and "##" not in listed, listed


def test_exports_give_a_note_written_with_a_tag_twice_that_tag_once(library, tmp_path, capsys):
    store = NotesStore(notes_dir())
    at = (library / AFP_ID).read_text().index("Palm Beach")
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DUPLICATES.format(id=AFP_ID, start=at, end=at + 10))
    assert cli_main(["export", str(library), "--format", "markdown", "-o", "-"]) == 0
    vault = tmp_path / "vault"
    assert cli_main(["export", str(library), "--format", "obsidian", "-o", str(vault)]) == 0
    [page] = vault.rglob("*.md")
    for out in (capsys.readouterr().out, page.read_text()):
        assert "#Idea #two-words\n" in out and out.casefold().count("#idea") == 2, out
    assert cli_main(["export", str(library), "--format", "readwise", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert ".Idea .two_words" in out and out.casefold().count(".idea") == 2, out


def test_a_tag_of_a_hash_alone_written_by_hand_still_shows():
    assert hashed(["#", "a"]) == "## #a"
    assert tally([["#"]]) == [("#", 1)]


def test_a_tag_of_a_hash_alone_is_kept_when_the_tags_are_edited():
    from reader.tui.tag_text import parse_tags, shown_tags

    assert normalised(["#", " # ", "a"]) == ("#", "a")
    assert parse_tags(shown_tags(("#", "a")) + ", b") == ("#", "a", "b")
