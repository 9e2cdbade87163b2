"""The notes of the last resort (`notes-not-saved.yml`) are saved into their notes files
by themselves: those saved are taken out of the list, the rest stay, and nothing another
reader appends meanwhile is lost."""

from __future__ import annotations

from notes_builders import annotation, notes_file

from reader.infra.yamlsafe import load_yaml
from reader.notes import NotesStore
from reader.notes.not_saved import NOT_SAVED_NAME, write_not_saved
from reader.notes.not_saved_retry import retry_not_saved
from reader.notes.yamlio import dump_notes_list


def listed(path) -> list[str]:
    """The notes held in a last-resort file."""
    return [a["note"] for f in load_yaml(path.read_text()) for a in f["annotations"]]


def test_a_note_of_the_last_resort_is_saved_and_taken_out_of_it(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    write_not_saved(data, [notes_file(annotation("a1", note="came back"))], store.where)
    result = retry_not_saved(store, data)
    assert result.problems == []
    assert result.counts == {data / NOT_SAVED_NAME: 1}
    assert [a.note for a in store.load("AFP/story.txt").live] == ["came back"]
    assert not (data / NOT_SAVED_NAME).exists()


def test_an_item_that_cannot_be_saved_stays_and_the_other_is_taken_out(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    store.path_for("S/blocked.txt").mkdir(parents=True)  # a folder where its notes file goes
    write_not_saved(
        data,
        [
            notes_file(annotation("a1", note="blocked"), article_id="S/blocked.txt"),
            notes_file(annotation("a2", note="free"), article_id="S/free.txt"),  # orphaned
        ],
        store.where,
    )
    result = retry_not_saved(store, data)
    [problem] = result.problems
    assert "S/blocked.txt" in problem
    assert [a.note for a in store.load("S/free.txt").live] == ["free"]
    assert listed(data / NOT_SAVED_NAME) == ["blocked"]
    assert retry_not_saved(store, data).problems == [problem]  # tried again: still there
    assert listed(data / NOT_SAVED_NAME) == ["blocked"]


def test_a_note_appended_while_the_retry_saves_is_kept(store: NotesStore, tmp_path, monkeypatch):
    import reader.notes.not_saved_retry as retry

    data = tmp_path / "data"
    write_not_saved(data, [notes_file(annotation("a1", note="saved now"))], store.where)
    save = retry.save_kept

    def another_reader_appends(*args):  # between the list read and its rewrite
        appended = notes_file(annotation("a2", note="appended meanwhile"))
        write_not_saved(data, [appended], store.where)
        return save(*args)

    monkeypatch.setattr(retry, "save_kept", another_reader_appends)
    retry_not_saved(store, data)
    assert [a.note for a in store.load("AFP/story.txt").live] == ["saved now"]
    assert listed(data / NOT_SAVED_NAME) == ["appended meanwhile"]


def test_two_retries_at_once_save_each_note_and_lose_none(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    write_not_saved(data, [notes_file(annotation("a1", note="one"))], store.where)
    write_not_saved(data, [notes_file(annotation("a2", note="two"))], store.where)
    import reader.notes.not_saved_retry as retry

    first_read = retry.read_not_saved(data / NOT_SAVED_NAME)
    assert retry_not_saved(NotesStore(store.where), data).counts  # the other reader's
    retry.take_out(data / NOT_SAVED_NAME, first_read)  # this one's, after it
    assert sorted(a.note for a in store.load("AFP/story.txt").live) == ["one", "two"]
    assert not (data / NOT_SAVED_NAME).exists()


def test_a_last_resort_file_that_is_not_a_list_is_left_byte_for_byte(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    mine = b"mine: [unclosed\n- schema_version: 1\n"
    (data / NOT_SAVED_NAME).write_bytes(mine)
    path = write_not_saved(data, [notes_file(annotation("a1", note="beside it"))], store.where)
    assert path.name == "notes-not-saved.2.yml"
    result = retry_not_saved(store, data)
    [problem] = result.problems
    assert NOT_SAVED_NAME in problem and "left as it is" in problem
    assert (data / NOT_SAVED_NAME).read_bytes() == mine
    assert [a.note for a in store.load("AFP/story.txt").live] == ["beside it"]
    assert not path.exists()


def test_a_note_of_another_notes_folder_waits_for_a_reader_using_it(store: NotesStore, tmp_path):
    """Each library has its notes folder; the last resort is one for all of them."""
    data = tmp_path / "data"
    write_not_saved(data, [notes_file(annotation("a1", note="other library's"))], tmp_path / "B")
    write_not_saved(data, [notes_file(annotation("a2", note="this one's"))], store.where)
    result = retry_not_saved(store, data)
    assert result.problems == []
    assert [a.note for a in store.load("AFP/story.txt").live] == ["this one's"]
    assert listed(data / NOT_SAVED_NAME) == ["other library's"]
    assert retry_not_saved(NotesStore(tmp_path / "B"), data).counts == {data / NOT_SAVED_NAME: 1}
    assert not (data / NOT_SAVED_NAME).exists()


def test_a_note_that_names_no_notes_folder_stays_and_is_said(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / NOT_SAVED_NAME).write_text(dump_notes_list([notes_file(annotation("a1"))]))
    [problem] = retry_not_saved(store, data).problems
    assert "notes_dir" in problem
    assert listed(data / NOT_SAVED_NAME) == ["a note"]
    assert not store.path_for("AFP/story.txt").exists()


def test_an_item_with_a_note_that_cannot_be_read_saves_the_rest_and_stays_whole(
    store: NotesStore, tmp_path
):
    data = tmp_path / "data"
    two = notes_file(annotation("a1", note="readable"), annotation("a2", note="unreadable"))
    path = write_not_saved(data, [two], store.where)
    bad_target = path.read_text().replace(
        "start: 7\n      end: 19\n  notes_dir", "start: x\n      end: 19\n  notes_dir"
    )
    path.write_text(bad_target)  # the second note's, by hand
    held = path.read_bytes()
    result = retry_not_saved(store, data)
    assert [a.note for a in store.load("AFP/story.txt").live] == ["readable"]
    [problem] = result.problems
    assert f"{path} (item 1)" in problem and "start" in problem
    assert result.counts == {path: 1}
    assert path.read_bytes() == held
    again = retry_not_saved(store, data)  # saved already: nothing new said saved
    assert again.problems == [problem] and again.counts == {}
    assert path.read_bytes() == held


# An item of another library, written by hand: its comments, `yes`, the flow mapping and
# the order of its set are kept as written when an item beside it is taken out.
BY_HAND = """\
# kept by hand, do not reformat
- {schema_version: 1, article: {id: X/y.txt}, annotations: [], notes_dir: /elsewhere}
  # pinned: still to read
- schema_version: 1
  article: {id: X/z.txt}
  annotations: []
  notes_dir: /elsewhere
  pinned: yes
  flags: !!set {b, a}
"""


def test_taking_a_saved_item_out_keeps_the_others_byte_for_byte_and_a_bak(
    store: NotesStore, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    path = data / NOT_SAVED_NAME
    path.write_text(BY_HAND)
    write_not_saved(data, [notes_file(annotation("a1", note="saved now"))], store.where)
    held = path.read_bytes()
    result = retry_not_saved(store, data)
    assert result.problems == []
    assert [a.note for a in store.load("AFP/story.txt").live] == ["saved now"]
    assert path.read_text() == BY_HAND
    assert (data / (NOT_SAVED_NAME + ".bak")).read_bytes() == held


def test_an_item_saved_between_two_kept_ones_is_cut_out_alone(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / NOT_SAVED_NAME
    first, second = BY_HAND.split("- schema_version: 1\n")
    path.write_text(first)
    write_not_saved(data, [notes_file(annotation("a1", note="saved now"))], store.where)
    with path.open("a") as out:
        out.write("- schema_version: 1\n" + second)
    retry_not_saved(store, data)
    assert path.read_text() == BY_HAND


def test_a_note_is_not_appended_to_a_file_the_retry_cannot_read(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    twice = "- a: 1\n  a: 2\n"
    (data / NOT_SAVED_NAME).write_text(twice)
    path = write_not_saved(data, [notes_file(annotation("a1", note="beside it"))], store.where)
    assert path.name == "notes-not-saved.2.yml"
    assert (data / NOT_SAVED_NAME).read_text() == twice
    retry_not_saved(store, data)
    assert [a.note for a in store.load("AFP/story.txt").live] == ["beside it"]


def test_a_file_with_merge_conflict_markers_gets_no_note_appended(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    conflicted = "<<<<<<< HEAD\n- a: 1\n=======\n- a: 2\n>>>>>>> other\n"
    (data / NOT_SAVED_NAME).write_text(conflicted)
    path = write_not_saved(data, [notes_file(annotation("a1", note="beside it"))], store.where)
    assert path.name == "notes-not-saved.2.yml"
    assert (data / NOT_SAVED_NAME).read_text() == conflicted


def test_an_undated_note_of_the_last_resort_is_of_the_files_time(store: NotesStore, tmp_path):
    """Written by hand without created/modified: it is as new as the file, so it wins
    over an older copy in the notes file instead of losing to it as one of 1970."""
    import os

    data = tmp_path / "data"
    store.save(notes_file(annotation("a1", note="old words")), whole=False)
    path = write_not_saved(data, [notes_file(annotation("a1", note="new words"))], store.where)
    path.write_text(
        "".join(
            line
            for line in path.read_text().splitlines(True)
            if "created" not in line and "modified" not in line
        )
    )
    later = 2_000_000_000  # 2033: after the note's copy in the notes file (2026)
    os.utime(path, (later, later))
    assert retry_not_saved(store, data).problems == []
    assert [a.note for a in store.load("AFP/story.txt").live] == ["new words"]


def test_a_flow_list_is_left_as_it_is_and_the_retry_says_so(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / NOT_SAVED_NAME
    mine = dump_notes_list([notes_file(annotation("a1", note="saved now"))])
    item = load_yaml(mine)[0]
    item["notes_dir"] = str(store.where)
    import yaml

    other = {**load_yaml(mine)[0], "notes_dir": "/elsewhere"}
    flow = yaml.safe_dump([item, other], default_flow_style=True, width=10**6)
    path.write_text(flow)
    [problem] = retry_not_saved(store, data).problems
    assert "left as it is" in problem
    assert path.read_text() == flow
    assert [a.note for a in store.load("AFP/story.txt").live] == ["saved now"]


def test_the_notes_still_waiting_are_counted_as_notes_not_lines(store: NotesStore, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    five = notes_file(*(annotation(f"a{i}", note=f"note {i}") for i in range(5)))
    (data / NOT_SAVED_NAME).write_text(dump_notes_list([five]))  # no notes_dir: stays
    (data / "notes-not-saved.2.yml").write_text("mine: [unclosed\n")
    result = retry_not_saved(store, data)
    assert len(result.problems) == 2
    assert result.waiting == 5 and result.unread == 1


def test_a_file_with_nothing_to_save_here_waits_no_more_until_it_changes(
    store: NotesStore, tmp_path
):
    """Another library's notes, or a file that cannot be read: retried again only once
    the file changes, not at every change of the notes folder."""
    from reader.notes.not_saved_retry import Pending

    data = tmp_path / "data"
    write_not_saved(data, [notes_file(annotation("a1", note="other library's"))], tmp_path / "B")
    (data / "notes-not-saved.2.yml").write_text("mine: [unclosed\n")
    pending = Pending(store.where, data)
    assert pending.waiting()
    pending.retry(store)
    assert not pending.waiting()
    write_not_saved(data, [notes_file(annotation("a2", note="this one's"))], store.where)
    assert pending.waiting()
    assert pending.retry(store).counts == {data / NOT_SAVED_NAME: 1}
    assert pending.waiting()  # rewritten by taking the note out: looked at once more
    assert pending.retry(store).counts == {}
    assert not pending.waiting()


def test_a_note_that_could_not_be_saved_is_tried_again_at_the_next_change(
    store: NotesStore, tmp_path
):
    from reader.notes.not_saved_retry import Pending

    data = tmp_path / "data"
    store.path_for("S/blocked.txt").mkdir(parents=True)  # its notes file cannot be written
    write_not_saved(data, [notes_file(annotation("a1"), article_id="S/blocked.txt")], store.where)
    pending = Pending(store.where, data)
    assert pending.retry(store).problems
    assert pending.waiting()  # the folder may be writable by then


def test_an_item_whose_article_id_leads_out_of_the_notes_folder_stays_and_stops_no_other(
    store: NotesStore, tmp_path
):
    """An item naming an article id that is no notes file (absolute, with `..`: written by
    hand) stays, named; the items before and after it are saved and taken out, so a note
    saved is never brought back by a later retry."""
    data = tmp_path / "data"
    write_not_saved(
        data,
        [
            notes_file(annotation("a1", note="before it")),
            notes_file(annotation("a2", note="led out"), article_id="/tmp/abs.txt"),
            notes_file(annotation("a3", note="after it"), article_id="S/free.txt"),
        ],
        store.where,
    )
    result = retry_not_saved(store, data)
    assert len(result.problems) == 1 and "/tmp/abs.txt" in result.problems[0]
    assert [a.note for a in store.load("AFP/story.txt").live] == ["before it"]
    assert [a.note for a in store.load("S/free.txt").live] == ["after it"]
    assert listed(data / NOT_SAVED_NAME) == ["led out"]


def test_an_item_of_another_notes_folder_is_left_unread_and_unsaid(store: NotesStore, tmp_path):
    """An item of another library's notes folder is that library's to save: a reader using
    this folder neither reads it as notes nor names a problem in it."""
    data = tmp_path / "data"
    other = tmp_path / "other-notes"
    write_not_saved(data, [notes_file(annotation("a1", note="theirs"))], other)
    raw = (data / NOT_SAVED_NAME).read_text()  # written by hand: no schema_version
    (data / NOT_SAVED_NAME).write_text(raw.replace("- schema_version: 1\n  article:", "- article:"))
    result = retry_not_saved(store, data)
    assert result.problems == [] and result.counts == {}
    assert listed(data / NOT_SAVED_NAME) == ["theirs"]


def test_a_kept_file_with_nothing_new_to_save_waits_no_more_until_it_changes(
    store: NotesStore, tmp_path
):
    """A kept file with a note that cannot be read stays kept on purpose: once its other
    notes are saved, it is not saved again at every change of the notes folder."""
    from reader.notes.not_saved_retry import Pending
    from reader.notes.unsaved import keep_unsaved

    kept = keep_unsaved(store.where, notes_file(annotation("a1", note="readable")))
    kept.write_text(kept.read_text() + "- words typed by hand\n")
    pending = Pending(store.where, tmp_path / "data")
    assert pending.waiting()
    assert pending.retry_kept(store).counts == {kept: 1}
    assert pending.waiting()  # something was saved from it: looked at once more
    assert pending.retry_kept(store).counts == {}
    assert not pending.waiting()
    kept.write_text(kept.read_text().replace("- words typed by hand\n", ""))
    assert pending.waiting()  # corrected by hand: saved, and no longer kept
    assert pending.retry_kept(store).problems == []
    assert not kept.exists() and not pending.waiting()


def test_a_kept_file_that_cannot_be_read_waits_no_more_until_it_changes(
    store: NotesStore, tmp_path
):
    from reader.notes.not_saved_retry import Pending
    from reader.notes.unsaved import keep_unsaved

    kept = keep_unsaved(store.where, notes_file(annotation("a1", note="readable")))
    kept.write_text("annotations: [unclosed\n")
    pending = Pending(store.where, tmp_path / "data")
    assert pending.retry_kept(store).problems
    assert not pending.waiting()
    kept.write_text("annotations: [still unclosed\n")
    assert pending.waiting()


def test_a_kept_note_whose_save_failed_is_tried_again_at_the_next_change(
    store: NotesStore, tmp_path
):
    """Even in a kept file that also holds a note that cannot be read."""
    from reader.notes.not_saved_retry import Pending
    from reader.notes.unsaved import keep_unsaved

    store.path_for("S/blocked.txt").mkdir(parents=True)  # its notes file cannot be written
    blocked = notes_file(annotation("a1"), article_id="S/blocked.txt")
    kept = keep_unsaved(store.where, blocked)
    kept.write_text(kept.read_text() + "- words typed by hand\n")
    pending = Pending(store.where, tmp_path / "data")
    assert pending.retry_kept(store).problems
    assert pending.waiting()  # the folder may be writable by then


def test_a_note_or_tag_written_yes_in_the_last_resort_is_saved_as_written(
    store: NotesStore, tmp_path
):
    """As in a notes file: a note or a tag YAML reads as a boolean is the text written."""
    data = tmp_path / "data"
    path = write_not_saved(
        data, [notes_file(annotation("a1", note="NOTE", tags=("TAG",)))], store.where
    )
    path.write_text(path.read_text().replace("note: NOTE", "note: yes").replace("- TAG", "- Off"))
    assert retry_not_saved(store, data).problems == []
    [saved] = store.load("AFP/story.txt").live
    assert (saved.note, saved.tags) == ("yes", ("Off",))
    assert not path.exists()
