"""A notes file replaced by another of the same size and modification time (`cp -p`,
`rsync -t`, two files swapping names) is read again: its change time or its inode tells
it changed, as an article's do."""

from __future__ import annotations

import os
import time

from reader.notes.catalog import NotesCatalog, notes_signature
from reader.notes.store import NotesStore
from tests.conftest import replaced_keeping_times
from tests.notes.notes_builders import annotation, notes_file


def live_notes(catalog: NotesCatalog) -> dict[str, list[str]]:
    return {aid: [a.note for a in items] for aid, items in catalog.entries().items()}


def two_files(store: NotesStore) -> tuple[os.PathLike, os.PathLike]:
    """Two notes files of the same size and modification time, one note each."""
    store.save(notes_file(annotation("n1", note="alpha"), article_id="a.txt"))
    store.save(notes_file(annotation("n1", note="bravo"), article_id="b.txt"))
    first, second = store.path_for("a.txt"), store.path_for("b.txt")
    assert first.stat().st_size == second.stat().st_size
    when = first.stat().st_mtime_ns
    os.utime(second, ns=(when, when))
    return first, second


def swapped(first: os.PathLike, second: os.PathLike) -> None:
    """The two files swap names; their sizes and times are the same."""
    aside = f"{os.fspath(first)}.aside"
    os.rename(first, aside)
    os.rename(second, first)
    os.rename(aside, second)


def test_a_notes_file_rewritten_in_place_with_its_size_and_time_kept_is_read_again(store):
    first, _ = two_files(store)
    catalog = NotesCatalog(store)
    assert live_notes(catalog) == {"a.txt": ["alpha"], "b.txt": ["bravo"]}
    time.sleep(0.02)  # (a change time of its own: the clock the system stamps with is coarse)
    replaced_keeping_times(first, "alpha", "delta", in_place=True)
    assert live_notes(catalog) == {"a.txt": ["delta"], "b.txt": ["bravo"]}


def test_the_notes_folder_seen_changed_when_two_files_swap_names(store):
    first, second = two_files(store)
    before = notes_signature(store.where)
    swapped(first, second)
    assert notes_signature(store.where) != before


def test_the_notes_folder_seen_changed_when_a_file_is_rewritten_with_its_times_kept(store):
    first, _ = two_files(store)
    before = notes_signature(store.where)
    time.sleep(0.02)
    replaced_keeping_times(first, "alpha", "delta", in_place=True)
    assert notes_signature(store.where) != before


def test_a_file_the_store_wrote_then_rewritten_with_its_times_kept_is_not_as_written(store):
    """What the app checks before it takes a change on disk as its own save."""
    store.add(notes_file().article, annotation("n2", note="later"), whole=False)
    written = store.written_stamp("AFP/story.txt")
    assert written is not None and store.stamp("AFP/story.txt") == written
    path = store.path_for("AFP/story.txt")
    time.sleep(0.02)
    replaced_keeping_times(path, "later", "loner", in_place=True)
    assert store.stamp("AFP/story.txt") != written
