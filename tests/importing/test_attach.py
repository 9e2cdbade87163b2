"""Attaching an unplaced highlight later: `reader notes --attach ID ARTICLE` places it by
its quote, and the note moves from the unplaced file into the article's notes, taken out
of the unplaced file only once the article's notes are saved."""

from __future__ import annotations

import json
import shutil

import pytest

from reader.importing.attach import AttachError, attach, find_unplaced
from reader.ingest.formats import load_article
from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from reader.notes.unplaced import unplaced_id
from reader.search.index import LibraryIndex
from tests.importing.conftest import FIXTURES, import_files
from tests.importing.test_import_cmd import reader

UNPLACED = unplaced_id("koreader")
FISHERMEN = "Fishermen have long timed their work by these great tides."


@pytest.fixture
def unplaced(tmp_path, notes):
    """A library without the tides article, its KOReader highlights kept unplaced; then
    the article arrives (the library and the unplaced note's id)."""
    library = tmp_path / "later"
    (library / "History").mkdir(parents=True)
    shutil.copy(FIXTURES / "library/History/printing.txt", library / "History")
    report = import_files(library, notes, FIXTURES / "koreader.json")
    assert report.notes["unplaced"] == 2
    (library / "Science").mkdir()
    shutil.copy(FIXTURES / "library/Science/tides.txt", library / "Science")
    [note] = [a for a in NotesStore(notes).load(UNPLACED).live if a.quote == FISHERMEN]
    return library, note.id


def test_reader_notes_attach_places_an_unplaced_highlight_by_its_quote(unplaced, notes):
    library, note_id = unplaced
    listed = reader("notes", library, "--notes-dir", notes).stdout
    assert f"unplaced {note_id[:8]}" in listed  # the id to attach it by, in the table
    done = reader(
        "notes", library, "--notes-dir", notes, "--attach", note_id[:8], "Science/tides.txt"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{note_id[:8]} attached to Science/tides.txt")
    assert "exactly" in done.stdout
    store = NotesStore(notes)
    [moved] = store.load("Science/tides.txt").live
    assert (moved.id, moved.quote) == (note_id, FISHERMEN)
    assert moved.extra["origin"]["service"] == "koreader"
    assert [a.quote for a in store.load(UNPLACED).live] == ["the shore is bare at low tide"]
    again = reader("import", FIXTURES / "koreader.json", "--library", library, "--notes-dir", notes)
    assert "already in the library: 0 articles, 0 links, 2 notes" in again.stdout  # not twice


def test_reader_notes_attach_says_so_when_the_quote_is_not_in_the_article(unplaced, notes):
    library, note_id = unplaced
    before = NotesStore(notes).path_for(UNPLACED).read_bytes()
    done = reader(
        "notes", library, "--notes-dir", notes, "--attach", note_id, "History/printing.txt"
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not found in History/printing.txt" in done.stderr
    assert NotesStore(notes).path_for(UNPLACED).read_bytes() == before
    assert not NotesStore(notes).path_for("History/printing.txt").exists()


@pytest.mark.parametrize(("given", "reason"), [("zzzz", "no unplaced note"), ("", "no unplaced")])
def test_reader_notes_attach_refuses_an_id_that_names_no_unplaced_note(
    unplaced, notes, given, reason
):
    library, _ = unplaced
    done = reader("notes", library, "--notes-dir", notes, "--attach", given, "Science/tides.txt")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and reason in done.stderr


def test_an_unplaced_note_stays_unplaced_when_the_article_notes_cannot_be_saved(
    unplaced, notes, monkeypatch
):
    library, note_id = unplaced
    store = NotesStore(notes)
    before = store.path_for(UNPLACED).read_bytes()
    with LibraryIndex(library) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    held = find_unplaced(store, note_id)
    start = article.text.index(FISHERMEN)

    import reader.notes.store as store_module

    real = store_module.atomic_write

    def full_disk(path, data, *rest):
        if "tides" in str(path):
            raise OSError(28, "No space left on device", str(path))
        return real(path, data, *rest)

    monkeypatch.setattr(store_module, "atomic_write", full_disk)
    with pytest.raises(OSError):
        attach(store, held, article, start, start + len(FISHERMEN))
    assert store.path_for(UNPLACED).read_bytes() == before
    assert not store.path_for("Science/tides.txt").exists()


def test_attaching_keeps_a_colour_written_by_hand_that_the_app_does_not_know(unplaced, notes):
    library, note_id = unplaced
    path = NotesStore(notes).path_for(UNPLACED)
    path.write_text(path.read_text().replace("color: yellow", "color: chartreuse"))
    done = reader("notes", library, "--notes-dir", notes, "--attach", note_id, "Science/tides.txt")
    assert done.returncode == 0, done.stderr
    [moved] = NotesStore(notes).load("Science/tides.txt").live
    assert moved.color == "chartreuse"


def test_unplaced_is_a_status_reader_notes_filters_by_and_prints_in_json(unplaced, notes):
    library, note_id = unplaced
    done = reader("notes", library, "--notes-dir", notes, "--status", "unplaced")
    assert done.returncode == 0, done.stderr
    assert f"unplaced {note_id[:8]}" in done.stdout
    orphaned = reader("notes", library, "--notes-dir", notes, "--status", "orphaned")
    assert "unplaced" not in orphaned.stdout
    listed = json.loads(reader("notes", library, "--notes-dir", notes, "--json").stdout)
    assert {n["status"] for n in listed if n["article"] == UNPLACED} == {"unplaced"}


def _tides(library):
    with LibraryIndex(library) as index:
        index.update()
        article = index.article("Science/tides.txt")
    assert article is not None
    return article, article.text.index(FISHERMEN)


def test_a_highlight_deleted_while_it_was_being_attached_is_not_brought_back(unplaced, notes):
    library, note_id = unplaced
    store = NotesStore(notes)
    article, start = _tides(library)
    held = find_unplaced(store, note_id)  # as the Notes screen listed it
    store.delete(UNPLACED, note_id)  # meanwhile deleted (another window, `reader notes`)
    with pytest.raises(AttachError) as refused:
        attach(store, held, article, start, start + len(FISHERMEN))
    assert "deleted" in str(refused.value) and "\n" not in str(refused.value)
    assert not store.path_for("Science/tides.txt").exists()
    assert store.load(UNPLACED).get(note_id).deleted


def test_a_highlight_edited_while_it_was_being_attached_keeps_the_edit(unplaced, notes):
    library, note_id = unplaced
    store = NotesStore(notes)
    article, start = _tides(library)
    held = find_unplaced(store, note_id)
    Annotations(store).edit(UNPLACED, held.annotation, note="written meanwhile")
    attach(store, held, article, start, start + len(FISHERMEN))
    [moved] = store.load("Science/tides.txt").live
    assert (moved.id, moved.note) == (note_id, "written meanwhile")
    assert store.load(UNPLACED).get(note_id) is None


def test_reader_notes_attach_says_where_in_words_that_count_from_one(unplaced, notes):
    library, note_id = unplaced
    text = load_article(library / "Science/tides.txt", library).text
    done = reader(
        "notes", library, "--notes-dir", notes, "--attach", note_id[:8], "Science/tides.txt"
    )
    assert done.returncode == 0, done.stderr
    where = text.index(FISHERMEN) + 1  # the first character is character 1
    assert done.stdout == (
        f"{note_id[:8]} attached to Science/tides.txt, "
        f"character {where:,} of the article's text: placed exactly\n"
    )
