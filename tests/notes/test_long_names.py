"""Notes of an article whose name is near the file-name limit (255 bytes) are saved: the
temp files and the ``.bak`` beside the notes file have names that fit too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notes_builders import annotation, article

from reader.infra.atomic import replace_file
from reader.ingest.formats import load_article
from reader.notes import NotesStore
from reader.notes.atomic import backup_path
from reader.notes.placement import Annotations

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


def _names(directory: Path) -> list[str]:
    return [p.name for p in directory.rglob("*")]


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_notes_of_an_article_with_a_long_name_are_saved_and_edited(
    tmp_path: Path, name: str
) -> None:
    root = tmp_path / "library"
    (root / "S").mkdir(parents=True)
    (root / "S" / name).write_text("A short story about quoted words and more.\n")
    story = load_article(root / "S" / name, root)
    notes = Annotations(NotesStore(tmp_path / "notes"))
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
