"""A save meets a notes file another program writes at the same moment (an editor, a
sync tool, `git pull`: none of them takes reader's lock): nothing either writes is lost."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from notes_builders import annotation, article

from reader.errors import ReaderError
from reader.notes import NotesStore
from reader.notes.placement import Annotations

HAND_NOTE = (
    "- id: hand-during-save\n"
    "  created: 2026-11-26T08:01:02Z\n"
    "  modified: 2026-11-26T08:01:02Z\n"
    "  target: {exact: quoted words, prefix: 'before ', suffix: ' after', start: 7, end: 19}\n"
    "  note: HAND NOTE\n"
)


def _while_saving(
    monkeypatch: pytest.MonkeyPatch, path: Path, write: Callable[[int], None]
) -> list[int]:
    """Call `write(n)` as each temp file of a save of `path` is written (after its data,
    before it is moved into place): another program writing the file meanwhile."""
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        real_fsync(fd)
        name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        if name.startswith(f".{path.name}.") and name.endswith(".tmp"):
            calls.append(len(calls))
            write(len(calls))

    monkeypatch.setattr(os, "fsync", fsync)
    return calls


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def test_a_note_written_by_hand_while_a_save_writes_the_file_is_kept(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")

    def by_hand(n: int) -> None:
        if n == 1:
            _append(path, HAND_NOTE)

    _while_saving(monkeypatch, path, by_hand)
    written = store.add(article(), annotation("cli-big", note="mine"))
    monkeypatch.undo()
    ids = [a.id for a in store.load("AFP/story.txt").annotations]
    assert ids == ["a1", "hand-during-save", "cli-big"]
    assert [a.id for a in written.annotations] == ids
    # The .bak holds the file as it was just before the save replaced it.
    assert b"HAND NOTE" in Path(f"{path}.bak").read_bytes()
    assert b"cli-big" not in Path(f"{path}.bak").read_bytes()
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_file_rewritten_in_place_to_the_same_size_and_time_is_seen_changed(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor that keeps the file's size and modification time (as `touch -r` or a
    sync tool might) still changes it: that is seen, and the edit kept."""
    store.add(article(), annotation("a1", note="Teh treaty"))
    path = store.path_for("AFP/story.txt")

    def by_hand(n: int) -> None:
        if n == 1:
            before = path.stat()
            path.write_bytes(path.read_bytes().replace(b"Teh treaty", b"The treaty"))
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    _while_saving(monkeypatch, path, by_hand)
    store.add(article(), annotation("a2"))
    monkeypatch.undo()
    notes = store.load("AFP/story.txt")
    assert [a.id for a in notes.annotations] == ["a1", "a2"]
    assert notes.annotations[0].note == "The treaty"


def test_a_file_that_keeps_changing_is_not_written_and_says_so_in_one_line(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    store.add(article(), annotation("a2"))
    backup = Path(f"{path}.bak").read_bytes()

    def by_hand(n: int) -> None:
        _append(path, HAND_NOTE.replace("hand-during-save", f"hand-{n}"))

    calls = _while_saving(monkeypatch, path, by_hand)
    with pytest.raises(ReaderError) as refused:
        store.add(article(), annotation("mine"))
    monkeypatch.undo()
    assert 1 < len(calls) < 50
    assert "\n" not in str(refused.value) and "changed" in str(refused.value)
    text = path.read_text(encoding="utf-8")
    assert "mine" not in text and f"hand-{len(calls)}" in text  # the other program's, whole
    assert Path(f"{path}.bak").read_bytes() == backup  # nothing written
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_file_made_by_another_program_while_the_first_save_writes_is_kept(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path_for("AFP/story.txt")
    header = "schema_version: 1\narticle: {id: AFP/story.txt}\nannotations:\n"

    def by_hand(n: int) -> None:
        if n == 1:
            path.write_text(header + HAND_NOTE, encoding="utf-8")

    _while_saving(monkeypatch, path, by_hand)
    store.add(article(), annotation("a1"))
    monkeypatch.undo()
    assert [a.id for a in store.load("AFP/story.txt").annotations] == ["hand-during-save", "a1"]


def test_a_note_changed_in_its_file_while_its_dialog_was_open_keeps_both_texts(
    store: NotesStore,
) -> None:
    """The dialog's text is saved on the note; the text written in the file meanwhile is
    kept as a second note on the same passage, and the file says which it came from."""
    store.add(article(), annotation("a1", note="draft", color="yellow"))
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    path = store.path_for("AFP/story.txt")
    path.write_text(path.read_text().replace("note: draft", "note: fixed by hand"))
    edited = Annotations(store).edited("AFP/story.txt", shown, note="typed in the dialog")
    notes = store.load("AFP/story.txt")
    mine, theirs = notes.live
    assert (mine.id, mine.note) == ("a1", "typed in the dialog")
    assert (theirs.note, theirs.target, theirs.tags) == ("fixed by hand", mine.target, mine.tags)
    assert theirs.id != "a1" and edited.theirs == theirs
    assert edited.notes == notes


def test_two_windows_editing_one_note_keep_both_texts(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="draft"))
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    first, second = Annotations(store), Annotations(NotesStore(store.where))
    assert first.edited("AFP/story.txt", shown, note="first window").theirs is None
    assert second.edited("AFP/story.txt", shown, note="second window").theirs is not None
    assert [a.note for a in store.load("AFP/story.txt").live] == ["second window", "first window"]


def test_changes_to_other_fields_of_a_note_merge_without_a_copy(store: NotesStore) -> None:
    store.add(article(), annotation("a1", note="draft", color="yellow"))
    shown = store.load("AFP/story.txt").get("a1")
    assert shown is not None
    path = store.path_for("AFP/story.txt")
    path.write_text(path.read_text().replace("note: draft", "note: fixed by hand"))
    edited = Annotations(store).edited("AFP/story.txt", shown, color="red")
    [note] = store.load("AFP/story.txt").live
    assert (note.note, note.color, edited.theirs) == ("fixed by hand", "red", None)


def test_a_note_written_in_place_while_a_save_reads_the_file_is_kept(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor writing the file in place just after the save read it: the save's stamp
    is of the bytes it read, not of the editor's version, so the save does not take the
    editor's file for the one it read, however long after it checks."""
    from reader.infra import filetypes
    from reader.notes import stamps

    store.add(article(), annotation("a1"))
    path = store.path_for("AFP/story.txt")
    reads: list[int] = []

    class EditedAfterRead(io.BufferedReader):
        def read(self, limit: int | None = -1) -> bytes:
            data = super().read(limit)
            if os.readlink(f"/proc/self/fd/{self.fileno()}") == str(path):
                reads.append(len(reads))
                if len(reads) == 2:  # the save's read under the lock
                    _append(path, HAND_NOTE)
            return data

    def opened(fd: int, mode: str) -> EditedAfterRead:
        return EditedAfterRead(io.FileIO(fd, mode[0]))

    monkeypatch.setattr(filetypes, "open", opened, raising=False)
    monkeypatch.setattr(stamps, "_RACY_NS", -(10**18))  # checked long after the change
    store.add(article(), annotation("mine"))
    monkeypatch.undo()
    ids = [a.id for a in store.load("AFP/story.txt").annotations]
    assert ids == ["a1", "hand-during-save", "mine"]
