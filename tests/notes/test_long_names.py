"""Notes of an article whose name is near the file-name limit (255 bytes) are saved: the
temp files and the ``.bak`` beside the notes file have names that fit too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from notes_builders import annotation, article

from reader.errors import NotesFileError
from reader.infra.atomic import replace_file
from reader.ingest.formats import load_article
from reader.notes import NotesStore
from reader.notes.anchoring import AnchorStatus
from reader.notes.atomic import backup_path
from reader.notes.location import notes_files, notes_ids
from reader.notes.placement import Annotations
from reader.notes.records import collect

NAME_MAX = 255


def _article_name(notes_bytes: int, char: str) -> str:
    """An article file name whose notes file name (+ ``.yaml``) is `notes_bytes` long."""
    room = notes_bytes - len(".yaml") - len(".txt")
    width = len(char.encode())
    return char * (room // width) + "a" * (room % width) + ".txt"


NAMES = {
    "ascii-250": _article_name(250, "a"),
    "multibyte-250": _article_name(250, "語"),
    "accents-250": _article_name(250, "é"),
    "ascii-255": _article_name(255, "a"),
    "multibyte-255": _article_name(255, "語"),
}


def _story_and_notes(tmp_path: Path, name: str):
    """An article of this file name in a library of one source, and a store of its notes."""
    root = tmp_path / "library"
    (root / "S").mkdir(parents=True)
    (root / "S" / name).write_text("A short story about quoted words and more.\n")
    return load_article(root / "S" / name, root), Annotations(NotesStore(tmp_path / "notes"))


def _names(directory: Path) -> list[str]:
    return [p.name for p in directory.rglob("*")]


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_notes_of_an_article_with_a_long_name_are_saved_and_edited(
    tmp_path: Path, name: str
) -> None:
    story, notes = _story_and_notes(tmp_path, name)
    path = notes.store.path_for(story.id)
    assert len(os.fsencode(path.name)) == len(os.fsencode(name)) + len(".yaml")

    added = notes.add(story, 2, 7, note="first", tags=["t"])
    fresh = NotesStore(tmp_path / "notes").load(story.id)
    assert [a.note for a in fresh.live] == ["first"]

    notes.edit(story.id, added, note="edited")  # the previous version goes to the .bak
    notes.delete(story.id, added.id)
    notes.undelete(story.id, added.id)
    fresh = NotesStore(tmp_path / "notes").load(story.id)
    assert [a.note for a in fresh.live] == ["edited"]
    assert backup_path(path).exists()
    assert all(len(os.fsencode(n)) <= NAME_MAX for n in _names(tmp_path / "notes"))
    assert not [n for n in _names(tmp_path / "notes") if n.endswith(".tmp")]


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_stale_temps_of_a_long_named_notes_file_are_cleaned_up(
    store: NotesStore, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(f"S/{name}"), annotation("a1"))
    path = store.path_for(f"S/{name}")
    for target in (path, backup_path(path)):
        assert _temp_left_by_a_killed_writer(target, monkeypatch).parent == path.parent
    store.add(article(f"S/{name}"), annotation("a2"))  # cleans up under the lock
    assert [a.id for a in store.load(f"S/{name}").live] == ["a1", "a2"]
    assert not [n for n in _names(store.where) if n.endswith(".tmp")]


def test_a_move_between_long_names_leaves_no_temp_file(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = (f"S/{NAMES['multibyte-255']}", f"T/{NAMES['ascii-255']}")
    store.add(article(old), annotation("a1"))
    _temp_left_by_a_killed_writer(store.path_for(old), monkeypatch)
    store.move(old, article(new))
    assert [a.id for a in store.load(new).live] == ["a1"]
    assert backup_path(store.path_for(old)).exists()
    assert not [n for n in _names(store.where) if n.endswith(".tmp")]


def _temp_left_by_a_killed_writer(target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp file a save of `target` killed before it was in place leaves behind."""
    made: list[Path] = []

    def killed(src: str, dst: str) -> None:
        made.append(Path(src))
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            replace_file(target, b"half")
    made[0].write_bytes(b"half")  # removed on the way out; a kill leaves it
    return made[0]


# Article names whose notes file name (+ ``.yaml``) would pass the limit: the notes file
# gets a name cut short, and its article is read back from the file.
FITTED = {
    "ascii-253": _article_name(258, "a"),
    "multibyte-255": _article_name(260, "語"),
}


@pytest.mark.parametrize("name", FITTED.values(), ids=FITTED.keys())
def test_notes_of_an_article_whose_notes_file_name_would_pass_the_limit_are_saved(
    tmp_path: Path, name: str
) -> None:
    story, notes = _story_and_notes(tmp_path, name)
    added = notes.add(story, 2, 7, note="first", tags=["t"])
    notes.edit(story.id, added, note="edited")

    fresh = NotesStore(tmp_path / "notes")  # as when reader starts again
    assert [a.note for a in fresh.load(story.id).live] == ["edited"]
    assert [article_id for article_id, _ in fresh.all_files()] == [story.id]
    assert notes_ids(tmp_path / "notes") == [story.id]
    [path] = notes_files(tmp_path / "notes")
    assert path.parent == tmp_path / "notes" / "S"
    assert len(os.fsencode(path.name)) <= NAME_MAX
    assert yaml.safe_load(path.read_text("utf-8"))["article"]["id"] == story.id
    assert not (tmp_path / "notes" / ".unsaved").exists()
    # The same name wherever the notes folder is (two clones of it in git agree).
    elsewhere = NotesStore(tmp_path / "clone").path_for(story.id)
    assert elsewhere.relative_to(tmp_path / "clone") == path.relative_to(tmp_path / "notes")


def test_an_orphan_of_a_long_name_is_listed_under_its_article(store: NotesStore) -> None:
    long_id = f"S/{FITTED['ascii-253']}"
    store.add(article(long_id), annotation("a1"))
    records, problems = collect(store, lambda _article_id: None)  # the article is gone
    assert problems == []
    assert [(r.article_id, r.status, r.title) for r in records] == [
        (long_id, AnchorStatus.ORPHANED, "A story")
    ]


def test_a_notes_file_of_a_long_name_copied_by_hand_is_named_not_taken_for_another(
    store: NotesStore,
) -> None:
    """A fitted name whose file records another article is a problem named with the file,
    as any notes file whose ``article.id`` is not its place's."""
    long_id = f"S/{FITTED['ascii-253']}"
    store.add(article(long_id), annotation("a1"))
    path = store.path_for(long_id)
    path.write_text(path.read_text("utf-8").replace(long_id, "S/other.txt"), "utf-8")
    [(article_id, error)] = list(NotesStore(store.where).all_files())
    assert isinstance(error, NotesFileError)
    assert error.path == str(path)
    assert article_id != "S/other.txt"
