"""Notes written by hand: optional fields left out, a required one missing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.notes import NotesStore
from reader.notes.records import collect

OPTIONAL = ("created", "modified", "tags", "color", "note", "prefix", "suffix")
REQUIRED = ("id", "exact", "start", "end", "target")

FULL = """\
  created: 2026-11-26T08:01:02Z
  modified: 2026-11-26T08:01:02Z
  tags: [t]
  color: yellow
  note: by hand
  target:
    exact: quoted words
    prefix: 'before '
    suffix: ' after'
    start: 7
    end: 19
"""


def _note(ann_id: str, left_out: tuple[str, ...] = ()) -> str:
    lines = [f"- id: {ann_id}"] if "id" not in left_out else ["- label: by hand"]
    skipping = False
    for line in FULL.splitlines():
        key = line.strip().split(":")[0]
        if line.startswith("    ") and skipping:
            continue
        skipping = key == "target" and "target" in left_out
        if key in left_out:
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(root: Path, *notes: str) -> NotesStore:
    store = NotesStore(root / "notes")
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "schema_version: 1\narticle:\n  id: AFP/story.txt\nannotations:\n"
    path.write_text(head + "".join(notes), encoding="utf-8")
    return store


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(OPTIONAL)))
def test_a_note_missing_optional_fields_loads_and_a_save_leaves_it_as_written(left_out):
    with tempfile.TemporaryDirectory() as tmp:
        store = _write(Path(tmp), _note("a1", tuple(left_out)), _note("a2"))
        path = store.path_for("AFP/story.txt")
        notes = store.load("AFP/story.txt")
        assert [a.id for a in notes.live] == ["a1", "a2"]
        assert notes.live[0].quote == "quoted words"
        hand = yaml.safe_load(path.read_text())["annotations"][0]
        store.delete("AFP/story.txt", "a2")  # a save of the file, for another note
        assert yaml.safe_load(path.read_text())["annotations"][0] == hand


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(REQUIRED))
def test_a_note_missing_a_required_field_is_named_and_the_others_load(missing):
    with tempfile.TemporaryDirectory() as tmp:
        store = _write(Path(tmp), _note("a1"), _note("bad", (missing,)), _note("a3"))
        path = store.path_for("AFP/story.txt")
        notes = store.load("AFP/story.txt")
        assert [a.id for a in notes.live] == ["a1", "a3"]
        records, problems = collect(store, lambda _aid: None)
        assert [r.annotation.id for r in records] == ["a1", "a3"]
        assert len(problems) == 1
        where, line, _ = str(problems[0].error).split(":", 2)
        assert where == str(path) and 17 <= int(line) <= 28  # the second note's lines
        assert "missing" in str(problems[0].error)
        before = path.read_text()
        store.delete("AFP/story.txt", "a1")
        after = yaml.safe_load(path.read_text())["annotations"]
        assert after[1] == yaml.safe_load(before)["annotations"][1]  # kept as written
        assert after[0]["deleted"] is True


EMPTY_QUOTE = _note("a1").replace("exact: quoted words", 'exact: ""')
BLANK_TAGS = _note("a2").replace("tags: [t]", 'tags: [~, "", " ", t]')
UNKNOWN_COLOUR = _note("a3").replace("color: yellow", "color: red")


def test_odd_hand_written_notes_load_each_said_in_one_line_with_file_and_line(tmp_path):
    store = _write(tmp_path, EMPTY_QUOTE, BLANK_TAGS, UNKNOWN_COLOUR)
    path = store.path_for("AFP/story.txt")
    notes = store.load("AFP/story.txt")
    assert [a.id for a in notes.live] == ["a1", "a2", "a3"]
    assert notes.live[1].tags == ("t",)  # the blank ones are not shown
    assert notes.live[2].color == "red"  # kept as written, drawn as the default colour
    records, problems = collect(store, lambda _aid: None)
    assert [r.annotation.id for r in records] == ["a1", "a2", "a3"]
    said = [str(p.error) for p in problems]
    assert len(said) == 3 and not any("\n" in line for line in said)
    # The head is 4 lines, each note 12: the quote, the tags and the colour's lines.
    assert said[0].startswith(f"{path}:12: ") and "target.exact is empty" in said[0]
    assert "orphaned" in said[0]
    assert said[1].startswith(f"{path}:20: ") and "3 empty tags" in said[1]
    assert said[2].startswith(f"{path}:33: ") and "red" in said[2] and "yellow" in said[2]
    assert all(p.shown for p in problems)


def test_a_save_of_another_note_keeps_the_odd_notes_byte_for_byte(tmp_path):
    from notes_builders import annotation

    from reader.notes import ArticleRef

    store = _write(tmp_path, EMPTY_QUOTE, BLANK_TAGS, UNKNOWN_COLOUR)
    path = store.path_for("AFP/story.txt")
    before = path.read_text()
    store.add(ArticleRef("AFP/story.txt"), annotation("a4"))
    after = path.read_text()
    assert after.startswith(before) and "a4" in after[len(before) :]


def test_an_edited_note_keeps_its_blank_tags_as_written(tmp_path):
    from dataclasses import replace

    store = _write(tmp_path, BLANK_TAGS)
    path = store.path_for("AFP/story.txt")
    [note] = store.load("AFP/story.txt").live
    store.update("AFP/story.txt", replace(note, note="edited"), was=note)
    [written] = yaml.safe_load(path.read_text())["annotations"]
    assert written["note"] == "edited"
    assert written["tags"] == [None, "", " ", "t"]


# -- values that cannot be read as their type, and notes written unquoted ---------------


def test_a_date_that_cannot_be_is_one_broken_note_the_others_load_and_save(tmp_path):
    bad = _note("bad").replace("created: 2026-11-26T08:01:02Z", "created: 2024-02-30")
    store = _write(tmp_path, _note("a1"), bad, _note("a3"))
    path = store.path_for("AFP/story.txt")
    notes = store.load("AFP/story.txt")
    assert [a.id for a in notes.live] == ["a1", "a3"]
    records, problems = collect(store, lambda _aid: None)
    assert [r.annotation.id for r in records] == ["a1", "a3"]
    [said] = [str(p.error) for p in problems]
    assert said.startswith(f"{path}:18: ") and "2024-02-30" in said and "\n" not in said
    store.delete("AFP/story.txt", "a3")
    text = path.read_text()
    assert bad in text  # kept as written
    assert [a.id for a in store.load("AFP/story.txt").live] == ["a1"]


# Values the safe loader refuses, each in one note (as the line of the note it replaces).
REFUSED = {
    "a set written as a list": ("tags: [t]", "tags: !!set [a, b]"),
    "a set in the tags": ("tags: [t]", "tags: !!set {a, b}"),
    "a Python object": ("color: yellow", "color: !!python/object:os.system {}"),
    "a Python name": ("note: by hand", "note: !!python/name:os.system ''"),
    "binary that is not base64": ("note: by hand", "note: !!binary 'not base64 !!'"),
    "an ordered map written as a mapping": ("color: yellow", "kept: !!omap {a: 1}"),
    "a timestamp that is not a time": (
        "created: 2026-11-26T08:01:02Z",
        "created: !!timestamp not a time",
    ),
    "a local tag": ("color: yellow", "color: !foo yellow"),
    "a local tag on a mapping": ("color: yellow", "kept: !foo {a: 1}"),
    "an unhashable key": ("color: yellow", "? [a, b]\n  : v"),
}


@pytest.mark.parametrize("line, refused", REFUSED.values(), ids=REFUSED.keys())
def test_a_value_the_safe_loader_refuses_is_one_broken_note_the_others_load_and_save(
    tmp_path, line, refused
):
    bad = _note("bad").replace(line, refused)
    store = _write(tmp_path, _note("a1"), bad, _note("a3"))
    path = store.path_for("AFP/story.txt")
    notes = store.load("AFP/story.txt")
    assert [a.id for a in notes.live] == ["a1", "a3"]
    records, problems = collect(store, lambda _aid: None)
    assert [r.annotation.id for r in records] == ["a1", "a3"]
    [said] = [str(p.error) for p in problems]
    assert said.startswith(f"{path}:") and "\n" not in said
    assert 17 <= int(said[len(f"{path}:") :].split(":")[0]) <= 29  # a line of the note
    store.delete("AFP/story.txt", "a3")
    assert bad in path.read_text()  # kept as written
    assert [a.id for a in store.load("AFP/story.txt").live] == ["a1"]
    store.undelete("AFP/story.txt", "a3")
    assert bad in path.read_text()


def test_a_date_that_cannot_be_in_the_header_still_names_the_file(tmp_path):
    from reader.errors import NotesFileError

    store = _write(tmp_path, _note("a1"))
    path = store.path_for("AFP/story.txt")
    path.write_text(
        path.read_text().replace(
            "  id: AFP/story.txt\n", "  id: AFP/story.txt\n  seen: 2024-02-30\n"
        )
    )
    try:
        store.load("AFP/story.txt")
    except NotesFileError as error:
        assert str(error).startswith(f"{path}:4: ") and "2024-02-30" in str(error)
    else:
        raise AssertionError("a header that cannot be read loaded")


UNQUOTED = ["42", "yes", "2024-01-01", "0x1F", "1e3", "2024-02-30", "12:30", ".NaN"]


def test_a_note_written_unquoted_is_the_text_written_and_kept_so(tmp_path):
    notes = [_note(f"a{i}").replace("note: by hand", f"note: {v}") for i, v in enumerate(UNQUOTED)]
    store = _write(tmp_path, *notes)
    path = store.path_for("AFP/story.txt")
    loaded = store.load("AFP/story.txt")
    assert [a.note for a in loaded.live] == UNQUOTED
    before = path.read_text()
    store.delete("AFP/story.txt", "a7")  # a save for another note: these stay as written
    assert path.read_text().startswith(before[: before.index("- id: a7")])


def test_a_note_written_unquoted_is_written_back_quoted_when_edited(tmp_path):
    from dataclasses import replace

    store = _write(tmp_path, _note("a1").replace("note: by hand", "note: yes"))
    path = store.path_for("AFP/story.txt")
    [note] = store.load("AFP/story.txt").live
    store.update("AFP/story.txt", replace(note, color="green"), was=note)
    [written] = yaml.safe_load(path.read_text())["annotations"]
    assert written["note"] == "yes" and written["color"] == "green"


def test_a_note_that_is_a_list_or_a_mapping_says_to_quote_it(tmp_path):
    store = _write(tmp_path, _note("a1").replace("note: by hand", "note: {a: b}"))
    _, problems = collect(store, lambda _aid: None)
    [said] = [str(p.error) for p in problems]
    assert "note" in said and "quote" in said


def test_a_note_of_binary_data_says_to_take_its_tag_away(tmp_path):
    """`note: !!binary aGk=` is bytes: quoting it keeps the tag, so the hint said to quote
    it to no use; it says to take the tag away and write the text."""
    store = _write(tmp_path, _note("a1").replace("note: by hand", "note: !!binary aGk="))
    _, problems = collect(store, lambda _aid: None)
    [said] = [str(p.error) for p in problems]
    assert "!!binary" in said and "quote" not in said


def test_a_tag_written_yes_is_the_tag_yes(tmp_path):
    store = _write(tmp_path, _note("a1").replace("tags: [t]", "tags: [yes, Off, 2026]"))
    [note] = store.load("AFP/story.txt").live
    assert note.tags == ("yes", "Off", "2026")


def test_a_file_of_only_comments_is_said_to_hold_no_notes_and_left_alone(tmp_path):
    import pytest

    from reader.errors import NotesFileError
    from reader.notes import ArticleRef
    from reader.notes.schema import Annotation, Target

    store = _write(tmp_path)
    path = store.path_for("AFP/story.txt")
    for text in ("# notes for later\n# more\n", "---\n", "--- # a comment\n...\n"):
        path.write_text(text)
        with pytest.raises(NotesFileError) as raised:
            store.add(ArticleRef("AFP/story.txt"), Annotation.new(Target("q", "", "", 0, 1)))
        assert "holds no notes" in str(raised.value) and "empty" not in str(raised.value)
        assert path.read_text() == text
