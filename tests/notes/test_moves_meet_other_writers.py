"""Notes following a renamed article (`NotesStore.move`, `finish_move`) meet a notes file
another program writes at the same moment: its edit is moved with the rest, or the move is
refused in one line, never written over nor left only in a ``.bak``."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_builders import annotation, article

import reader.notes.atomic
from reader.errors import ReaderError
from reader.notes import NotesStore
from reader.notes.atomic import backup_path
from tests.notes.test_saves_meet_other_writers import _append, _while_saving

OLD, NEW = "AFP/story.txt", "AFP/renamed.txt"
HAND_NOTE = (
    "- id: hand-during-move\n"
    "  created: 2026-11-26T08:01:02Z\n"
    "  modified: 2026-11-26T08:01:02Z\n"
    "  target: {exact: quoted words, prefix: 'before ', suffix: ' after', start: 7, end: 19}\n"
    "  note: HAND NOTE\n"
)


def _once_written(monkeypatch: pytest.MonkeyPatch, write) -> list[int]:
    """Call `write(n)` each time a file has been put in place (before the move goes on)."""
    real_settle, calls = reader.notes.atomic.settle_dir, []

    def settle(folder: Path) -> None:
        real_settle(folder)
        calls.append(len(calls))
        write(len(calls))

    monkeypatch.setattr(reader.notes.atomic, "settle_dir", settle)
    return calls


def _ids(store: NotesStore, article_id: str) -> list[str]:
    return [a.id for a in store.load(article_id).annotations]


def _no_temps(store: NotesStore) -> bool:
    return not [p for p in store.path_for(OLD).parent.iterdir() if p.name.endswith(".tmp")]


def test_a_note_written_into_the_old_file_while_the_new_one_is_written_moves_too(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(OLD), annotation("a1"))
    old, new = store.path_for(OLD), store.path_for(NEW)

    def by_hand(n: int) -> None:
        if n == 1:
            _append(old, HAND_NOTE)

    _while_saving(monkeypatch, new, by_hand)
    moved = store.move(OLD, article(NEW))
    monkeypatch.undo()
    assert _ids(store, NEW) == ["a1", "hand-during-move"]
    assert [a.id for a in moved.annotations] == ["a1", "hand-during-move"]
    assert not old.exists() and b"HAND NOTE" in backup_path(old).read_bytes()
    assert _no_temps(store)


def test_a_note_written_into_the_old_file_before_it_is_set_aside_moves_too(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(OLD), annotation("a1"))
    old = store.path_for(OLD)

    def by_hand(n: int) -> None:
        if n == 1:
            _append(old, HAND_NOTE)

    _once_written(monkeypatch, by_hand)
    store.move(OLD, article(NEW))
    monkeypatch.undo()
    assert _ids(store, NEW) == ["a1", "hand-during-move"]
    assert not old.exists()


def test_an_old_file_that_keeps_changing_is_not_moved_and_says_so_in_one_line(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(OLD), annotation("a1"))
    old = store.path_for(OLD)

    def by_hand(n: int) -> None:
        _append(old, HAND_NOTE.replace("hand-during-move", f"hand-{n}"))

    calls = _once_written(monkeypatch, by_hand)
    with pytest.raises(ReaderError) as refused:
        store.move(OLD, article(NEW))
    monkeypatch.undo()
    assert 1 < len(calls) < 50
    assert "\n" not in str(refused.value) and "changed" in str(refused.value)
    # Nothing lost: the old file stays with every note written by hand.
    assert f"hand-{len(calls)}" in old.read_text(encoding="utf-8")
    assert _no_temps(store)


def test_a_note_written_into_the_old_file_as_a_move_is_finished_moves_too(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(OLD), annotation("a1"))
    old = store.path_for(OLD)
    store.move(OLD, article(NEW))
    backup_path(old).rename(old)  # killed before the old file was set aside
    store.add(article(OLD), annotation("a2"))

    def by_hand(n: int) -> None:
        if n == 1:
            _append(old, HAND_NOTE)

    _once_written(monkeypatch, by_hand)
    store.finish_move(OLD, NEW)
    monkeypatch.undo()
    assert _ids(store, NEW) == ["a1", "a2", "hand-during-move"]
    assert not old.exists()


def test_a_note_written_into_the_new_file_as_a_move_is_finished_is_kept(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(OLD), annotation("a1"))
    old, new = store.path_for(OLD), store.path_for(NEW)
    store.move(OLD, article(NEW))
    backup_path(old).rename(old)
    store.add(article(OLD), annotation("a2"))

    def by_hand(n: int) -> None:
        if n == 1:
            _append(new, HAND_NOTE)

    _while_saving(monkeypatch, new, by_hand)
    store.finish_move(OLD, NEW)
    monkeypatch.undo()
    assert _ids(store, NEW) == ["a1", "hand-during-move", "a2"]
    assert not old.exists()


def test_a_move_is_not_finished_over_a_note_of_the_old_file_that_cannot_be_read(
    store: NotesStore,
) -> None:
    """Such a note would be left only in the old file's ``.bak``, which its next save
    replaces: both files stay as they are, and why is said in one line."""
    store.add(article(OLD), annotation("a1"))
    old, new = store.path_for(OLD), store.path_for(NEW)
    store.move(OLD, article(NEW))
    backup_path(old).rename(old)  # killed before the old file was set aside
    _append(old, HAND_NOTE.replace("2026-11-26T08:01:02Z", "2024-02-30T08:01:02Z"))
    files = old.read_bytes(), new.read_bytes()

    with pytest.raises(ReaderError) as refused:
        store.finish_move(OLD, NEW)
    assert "\n" not in str(refused.value) and f"{old}:" in str(refused.value)
    assert "2024-02-30" in str(refused.value)
    assert (old.read_bytes(), new.read_bytes()) == files
    assert _no_temps(store)
