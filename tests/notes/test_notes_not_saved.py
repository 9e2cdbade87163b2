"""The last resort for notes that could be neither saved nor kept aside as the app ended:
`notes-not-saved.yml`, appended to, never replacing what it held."""

from __future__ import annotations

from pathlib import Path

from notes_builders import annotation, notes_file

from reader.infra.yamlsafe import load_yaml
from reader.notes.not_saved import NOT_SAVED_NAME, write_not_saved

NOTES = Path("/notes")  # the notes folder the notes are of


def test_notes_not_saved_are_appended_to_what_the_file_holds(tmp_path) -> None:
    first = write_not_saved(tmp_path, [notes_file(annotation("a1", note="first"))], NOTES)
    before = first.read_bytes()
    second = write_not_saved(tmp_path, [notes_file(annotation("a2", note="second"))], NOTES)
    assert first == second == tmp_path / NOT_SAVED_NAME
    assert second.read_bytes().startswith(before)
    held = load_yaml(second.read_text())
    assert [f["annotations"][0]["note"] for f in held] == ["first", "second"]


def test_a_file_that_is_not_a_list_of_notes_is_left_as_it_is(tmp_path) -> None:
    (tmp_path / NOT_SAVED_NAME).write_text("mine: [unclosed\n")
    path = write_not_saved(tmp_path, [notes_file(annotation("a1", note="kept"))], NOTES)
    assert (tmp_path / NOT_SAVED_NAME).read_text() == "mine: [unclosed\n"
    assert path == tmp_path / "notes-not-saved.2.yml"
    assert load_yaml(path.read_text())[0]["annotations"][0]["note"] == "kept"


def test_notes_written_at_once_by_two_writers_are_all_kept(tmp_path, monkeypatch) -> None:
    import threading
    import time

    import reader.notes.not_saved as not_saved

    read = not_saved._list_held

    def slow_read(path):  # each writer reads, then the other one does before it writes
        held = read(path)
        time.sleep(0.05)
        return held

    monkeypatch.setattr(not_saved, "_list_held", slow_read)
    writers = [
        threading.Thread(
            target=write_not_saved,
            args=(tmp_path, [notes_file(annotation(f"a{i}", note=f"n{i}"))], NOTES),
        )
        for i in range(4)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    held = load_yaml((tmp_path / NOT_SAVED_NAME).read_text())
    assert sorted(f["annotations"][0]["note"] for f in held) == ["n0", "n1", "n2", "n3"]


def test_keep_somewhere_says_whether_the_note_was_kept_aside(tmp_path) -> None:
    from reader.notes.not_saved import keep_somewhere

    notes = notes_file(annotation("a1", note="kept"))
    aside = keep_somewhere(tmp_path / "notes", notes, tmp_path / "data")
    assert aside.aside and aside.path.is_relative_to(tmp_path / "notes")
    (tmp_path / "full").write_text("a file where the notes folder should be")
    last = keep_somewhere(tmp_path / "full", notes, tmp_path / "data")
    assert not last.aside and last.path == tmp_path / "data" / NOT_SAVED_NAME
