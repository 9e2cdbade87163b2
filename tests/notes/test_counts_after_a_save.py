"""The note counts (the source list's, the status line's) after the app saves a note: taken
from the note just saved, not from the whole notes file read again (seconds of a file of
thousands); right all the same when another program changed the file meanwhile."""

from __future__ import annotations

import pytest

from reader.notes import store as store_module
from reader.notes.catalog import NotesCatalog
from reader.notes.placement import Annotations
from reader.notes.store import NotesStore
from tests.notes.notes_builders import annotation, many_notes

COUNT = 40
REF = many_notes(0).article
ID = REF.id


@pytest.fixture
def annotations(tmp_path) -> Annotations:
    """A notes folder holding one file of COUNT notes, counted once (as the app does)."""
    store = NotesStore(tmp_path / "notes")
    store.save(many_notes(COUNT))
    notes = Annotations(store)
    assert notes.counts() == {ID: COUNT}
    return notes


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The notes files parsed whole from now on."""
    seen: list[str] = []
    real = store_module.parse_notes

    def parse(text, path, *args, **kwargs):
        seen.append(path)
        return real(text, path, *args, **kwargs)

    monkeypatch.setattr(store_module, "parse_notes", parse)
    return seen


def test_a_note_added_is_counted_without_reading_its_notes_file_again(annotations, parses):
    annotations.store.add(REF, annotation("new-1"), whole=False)
    annotations.store.add(REF, annotation("new-2"), whole=False)
    assert annotations.counts() == {ID: COUNT + 2}
    assert annotations.known_tags()[0] == "people"
    assert "t" in annotations.known_tags()
    assert parses == []


def test_a_note_deleted_is_counted_without_reading_its_notes_file_again(annotations, parses):
    first = annotations.store.load(ID).annotations[0]
    parses.clear()
    annotations.delete(ID, first.id)
    parses.clear()  # (the delete reads the file, as it always did)
    assert annotations.counts() == {ID: COUNT - 1}
    assert parses == []


def test_a_file_changed_by_another_program_before_the_save_is_read_again(annotations, tmp_path):
    other = NotesStore(tmp_path / "notes", program="editor")
    other.add(REF, annotation("by-hand-1"))
    other.add(REF, annotation("by-hand-2"))
    annotations.store.add(REF, annotation("by-app"), whole=False)
    assert annotations.counts() == {ID: COUNT + 3}


def test_a_file_changed_by_another_program_after_the_save_is_read_again(annotations, tmp_path):
    annotations.store.add(REF, annotation("by-app"), whole=False)
    assert annotations.counts() == {ID: COUNT + 1}
    path = annotations.store.path_for(ID)
    text = path.read_text(encoding="utf-8")
    by_app = text.index("- id: by-app")
    path.write_text(text[:by_app], encoding="utf-8")  # the note taken out by hand
    assert annotations.counts() == {ID: COUNT}


def test_a_catalog_that_never_read_the_notes_reads_them_after_a_save(tmp_path):
    store = NotesStore(tmp_path / "notes")
    store.save(many_notes(3))
    catalog = NotesCatalog(store)
    store.add(REF, annotation("by-app"), whole=False)
    assert catalog.counts() == {ID: 4}


def test_a_file_replaced_by_another_program_while_the_save_reads_it_is_read_again(
    annotations, monkeypatch
):
    """Another program that takes no lock replaces the file just after the save read it
    (and the counts read that file): the save keeps that program's change (the note it
    took out stays out), and the counts are those of the file the save wrote."""
    from reader.infra import filetypes

    path = annotations.store.path_for(ID)
    text = path.read_text(encoding="utf-8")
    by_hand = text[: text.rindex("- id:")]  # the last note taken out
    armed = False
    real_open, real_clean = open, store_module.remove_stale_temps

    class Replaced:
        """A file read, then replaced by the other program, whose file is counted."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def fileno(self):
            return self.handle.fileno()

        def seek(self, *args):
            return self.handle.seek(*args)

        def read(self, *args):
            nonlocal armed
            data = self.handle.read(*args)
            if armed:
                armed = False
                other = path.with_name("by-hand.tmp")
                other.write_text(by_hand, encoding="utf-8")
                other.replace(path)
                assert annotations.counts() == {ID: COUNT - 1}
            return data

    def opening(file, *args, **kwargs):
        return Replaced(real_open(file, *args, **kwargs))

    def clean(*args):  # under the save's lock, just before it reads the file
        nonlocal armed
        armed = True
        real_clean(*args)

    monkeypatch.setattr(filetypes, "open", opening, raising=False)
    monkeypatch.setattr(store_module, "remove_stale_temps", clean)
    annotations.store.add(REF, annotation("by-app"), whole=False)
    assert not armed
    assert len(annotations.store.load(ID).live) == COUNT
    assert annotations.counts() == {ID: COUNT}
