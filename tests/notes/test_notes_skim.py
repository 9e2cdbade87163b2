"""A note added to a large notes file: only the notes it is about are read into notes,
and the file is written, or refused, as reading it whole would have it."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from reader.errors import NotesFileError
from reader.ingest.formats import load_article
from reader.notes import schema
from reader.notes.placement import Annotations
from reader.notes.schema import ArticleRef, NotesFile
from reader.notes.store import NotesStore
from reader.notes.yamlio import dump_notes, parse_notes
from tests.conftest import AFP_ID, BUNDLED
from tests.notes.notes_builders import annotation, many_notes

NOTES = 2_000
FAR_DOWN = 1_900  # the note changed by hand, near the file's end
ARTICLE = ArticleRef(AFP_ID)


@pytest.fixture(scope="module")
def written() -> tuple[NotesFile, str]:
    notes = many_notes(NOTES)
    return notes, dump_notes(notes)


def put(store: NotesStore, text: str) -> Path:
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def annotate(store: NotesStore) -> str:
    """What `reader annotate` does: a note on "Palm Beach"; its id."""
    article = load_article(BUNDLED / AFP_ID, BUNDLED)
    start = article.text.index("Palm Beach")
    added = Annotations(store).add(article, start, start + len("Palm Beach"), note="one more")
    return added.id


def changed_by_hand(text: str, at: int, old: str, new: str) -> str:
    """`text` with `old` replaced by `new` in its note number `at` only."""
    start = -1
    for _ in range(at + 1):
        start = text.index("\n- id: ", start + 1)
    end = text.index("\n- id: ", start + 1)
    note = text[start:end]
    assert old in note
    return text[:start] + note.replace(old, new, 1) + text[end:]


def test_annotating_a_file_of_two_thousand_notes_reads_only_the_notes_it_is_about(
    store, written, monkeypatch
):
    notes, text = written
    path = put(store, text)
    read: list[object] = []
    reading = schema._annotation

    def counted(data, *args):
        read.append(data)
        return reading(data, *args)

    monkeypatch.setattr(schema, "_annotation", counted)
    added = annotate(store)
    monkeypatch.undo()
    # (the file's last note and the new one, read back to prove the joint between them)
    assert len(read) < 10
    saved = path.read_bytes().decode("utf-8")
    assert saved.startswith(text)  # every other note byte for byte
    ids = [a.id for a in parse_notes(saved, "x").annotations]
    assert ids == [a.id for a in notes.annotations] + [added]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("color: ", "color: [not closed\n  colour: "),  # not YAML
        ("color: ", "color: *colour\n  hue: "),  # an alias
        ("color: ", "color: blue\n  color: "),  # a key given twice
    ],
)
def test_a_file_with_a_note_written_wrong_far_down_is_refused_and_left_as_it_is(
    store, written, old, new
):
    text = changed_by_hand(written[1], FAR_DOWN, old, new)
    path = put(store, text)
    with pytest.raises(NotesFileError) as whole:
        NotesStore(store.where).load(AFP_ID)
    with pytest.raises(NotesFileError) as refused:
        annotate(store)
    assert str(refused.value) == str(whole.value)  # what is wrong, and on which line
    assert path.read_bytes() == text.encode("utf-8")


def test_a_file_with_two_notes_of_one_id_is_refused_and_left_as_it_is(store, written):
    notes, text = written
    first = notes.annotations[3].id
    text = text.replace(f"- id: {notes.annotations[FAR_DOWN].id}\n", f"- id: {first}\n")
    path = put(store, text)
    with pytest.raises(NotesFileError, match="duplicate annotation id"):
        annotate(store)
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  target:\n", "  aim:\n"),  # no target
        ("created: 2026", "created: 2025-02-29T08:01:02Z\n  was: 2026"),  # no such day
        ("created: 2026", "created: 0000-01-01T08:01:02Z\n  was: 2026"),  # nor year
        ("color: ", "start: " + "9" * 5_000 + "\n  color: "),  # a number too long
        ("color: ", "color: !!python/name:os.system\n  hue: "),  # a tag
        ("color: ", "<<: {a: 1}\n  color: "),  # a merge key
    ],
)
def test_a_note_that_cannot_be_read_far_down_is_kept_as_written_and_a_note_added(
    store, written, old, new
):
    text = changed_by_hand(written[1], FAR_DOWN, old, new)
    path = put(store, text)
    added = annotate(store)
    saved = path.read_bytes().decode("utf-8")
    assert saved.startswith(text)
    read = parse_notes(saved, "x")
    assert [b.index for b in read.broken] == [FAR_DOWN]
    assert read.annotations[-1].id == added
    assert len(read.annotations) == NOTES  # the 1,999 read, and the new one


@pytest.mark.parametrize("later", [True, False])
def test_a_note_of_an_id_the_file_holds_is_merged_the_later_one_winning(tmp_path, written, later):
    notes, text = written
    held = notes.annotations[1_500]
    moved = timedelta(seconds=1 if later else -1)
    copy = replace(held, note="changed elsewhere", modified=held.modified + moved)
    saved = []
    for whole in (True, False):
        store = NotesStore(tmp_path / f"whole-{whole}")
        path = put(store, text)
        store.add(notes.article, copy, whole=whole)
        saved.append(path.read_bytes())
    assert saved[0] == saved[1]  # as when every note is read into notes
    read = parse_notes(saved[1].decode("utf-8"), "x")
    assert read.get(held.id) == (copy if later else held)
    assert [a.id for a in read.annotations] == [a.id for a in notes.annotations]
    if not later:
        assert saved[1] == text.encode("utf-8")


TARGET = "  target: {exact: quoted words, start: 7, end: 19}\n"
# Notes written by hand, each in a shape the dumper would not choose.
SHAPES = [
    "- id: n0\n  note: |\n    trailing spaces   \n    party 🎉👨‍👩‍👧\n" + TARGET,
    "- id: n1   # a comment\n  tags: [a, 'b']\n  note: >\n    folded\n    text\n" + TARGET,
    "- {id: n2, note: flow, target: {exact: quoted words, start: 7, end: 19}}\n",
    "-\n  id: n3\n  note: 'single ''quoted'''\n" + TARGET + "\n# a comment between\n",
    "- &anchor\n  id: n4\n  page: 0x1F\n" + TARGET,
    "- id: n5\n  aim: {exact: no target}\n",
    "- id: n6\n" + TARGET,  # no times: the file's
]
HEADER = f"# my notes\nschema_version: 1\narticle: {{id: {AFP_ID}}}\n"


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "annotations:\n" + "".join(SHAPES),
        HEADER + "annotations:\n" + "".join(SHAPES).replace("\n", "\r\n"),
        HEADER
        + "annotations:\n"
        + "".join("  " + line for line in "".join(SHAPES).splitlines(True)),
        HEADER + "annotations:\n" + "".join(SHAPES) + "later: [1, 2]\n",
        HEADER + "annotations:\n" + "".join(SHAPES).removesuffix("\n"),
        "\ufeff" + HEADER + "annotations:\n" + "".join(SHAPES),
        HEADER + "annotations: [{id: n0, target: {exact: q, start: 0, end: 1}}]\n",
        HEADER + "annotations:\n",
    ],
)
@pytest.mark.parametrize("added", ["new", "n0", "n3", "n6"])
@pytest.mark.parametrize("older_file", [True, False])
def test_a_note_added_reading_only_its_own_is_written_as_when_every_note_is_read(
    tmp_path, text, added, older_file
):
    note = annotation(added, note="added\nwith a second line")
    saved = []
    for whole in (True, False):
        store = NotesStore(tmp_path / f"whole-{whole}")
        path = put(store, text)
        if older_file:  # its notes without times older than the one added, not newer
            os.utime(path, (1_700_000_000, 1_700_000_000))
        store.add(ARTICLE, note, whole=whole)
        saved.append(path.read_bytes())
    assert saved[0] == saved[1]
