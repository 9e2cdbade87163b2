"""A notes file of thousands of notes: read whole, parsed once while unchanged, and a note
added to it keeps every other."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reader.infra import yamlsafe
from reader.ingest.formats import load_article
from reader.notes import store as store_module
from reader.notes.schema import ArticleRef, NotesFile
from reader.notes.store import NotesStore
from reader.notes.yamlio import dump_notes, parse_notes
from tests.conftest import AFP_ID
from tests.notes.notes_builders import many_notes

NOTES = 2_000


@pytest.fixture(scope="module")
def written() -> tuple[NotesFile, str]:
    notes = many_notes(NOTES)
    return notes, dump_notes(notes)


def put(store: NotesStore, text: str) -> Path:
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_of_two_thousand_notes_loads_every_note_as_written(store, written):
    notes, text = written
    put(store, text)
    loaded = store.load(AFP_ID)
    assert [a.id for a in loaded.live] == [a.id for a in notes.annotations]
    assert [(a.target, a.note, a.tags, a.color) for a in loaded.live] == [
        (a.target, a.note, a.tags, a.color) for a in notes.annotations
    ]


def test_an_unchanged_notes_file_is_parsed_once_however_often_it_is_read(
    store, written, monkeypatch
):
    parsed = []
    parse = store_module.parse_notes

    def counted(*args, **kwargs):
        parsed.append(args[1])
        return parse(*args, **kwargs)

    monkeypatch.setattr(store_module, "parse_notes", counted)
    put(store, written[1])
    # What the app does on opening the article: its notes, the counts, the Notes screen.
    first = store.load(AFP_ID)
    again = store.load(AFP_ID)
    listed = dict(store.all_files())
    assert len(first.live) == len(again.live) == len(listed[AFP_ID].live) == NOTES
    assert len(parsed) == 1


def test_a_notes_file_changed_on_disk_is_read_anew(store, written):
    notes, text = written
    path = put(store, text)
    assert len(store.load(AFP_ID).live) == NOTES
    fewer = NotesFile(notes.article, notes.annotations[:10])
    path.write_text(dump_notes(fewer), encoding="utf-8")
    assert [a.id for a in store.load(AFP_ID).live] == [a.id for a in fewer.annotations]


def test_a_note_added_to_two_thousand_keeps_every_other(store, written):
    notes, text = written
    put(store, text)
    added = many_notes(1).annotations[0]
    store.add(notes.article, added)
    ids = [a.id for a in NotesStore(store.where).load(AFP_ID).live]
    assert ids == [a.id for a in notes.annotations] + [added.id]


def test_annotate_adds_one_note_to_two_thousand_and_keeps_every_byte_of_the_others(
    library, written
):
    article = load_article(library / AFP_ID, library)
    notes = replace(written[0], article=ArticleRef.from_article(article))
    text = dump_notes(notes)
    path = put(NotesStore(os.environ["READER_NOTES_DIR"]), text)
    asked = ["annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach"]
    done = subprocess.run(
        [sys.executable, "-m", "reader", *asked, "--note", "one more"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(text)
    added = parse_notes(saved, "x").annotations
    assert [a.id for a in added] == [a.id for a in notes.annotations] + [done.stdout.strip()]
    assert (added[-1].quote, added[-1].note) == ("Palm Beach", "one more")


def test_a_note_added_to_a_large_file_reads_its_yaml_once(store, written, monkeypatch):
    _notes, text = written
    put(store, text)
    read: list[int] = []

    class Counted(yamlsafe._FastLoader):
        def __init__(self, stream: str) -> None:
            read.append(len(stream))
            super().__init__(stream)

    monkeypatch.setattr(yamlsafe, "_FastLoader", Counted)
    store.add(written[0].article, many_notes(1).annotations[0])
    # Read whole once (the notes, and where each is in the text); then only the part
    # written new is read back.
    assert len([size for size in read if size >= len(text)]) == 1
