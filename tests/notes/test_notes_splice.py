"""A save rewrites only the notes that changed: the others, the header, the file's line
ends and BOM stay byte for byte, and the file reads back as the notes meant."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notes_builders import annotation, notes_file

from reader.errors import NotesFileError
from reader.notes import NotesStore, dump_notes, parse_notes
from reader.notes.schema import ArticleRef, to_data

ARTICLE = "AFP/story.txt"
HEAD = "schema_version: 1\narticle:\n  id: AFP/story.txt\n  title: A story\nannotations:\n"
TARGET = "  target: {exact: quoted words, start: 7, end: 19}\n"

# Hand-written notes, each in a style the dumper would not choose.
STYLES = [
    "- id: {id}\n  note: |\n    trailing spaces   \n    party 🎉👨‍👩‍👧\n" + TARGET,
    "- id: {id}\n  note: |\n    tab\tinside block\n" + TARGET,
    '- id: {id}\n  note: "\\u0000"\n' + TARGET,
    "- id: {id}   # a comment\n  tags: [a, 'b']\n  note: >\n    folded\n    text\n" + TARGET,
    "- {id: {id}, note: flow, target: {exact: quoted words, start: 7, end: 19}}\n",
    "\n# a comment leading the note\n-\n  id: {id}\n  note: 'single ''quoted'''\n" + TARGET,
    "- &anchor{id}\n  id: {id}\n  page: 0x1F\n" + TARGET,
]


def _write(root: Path, text: str | bytes) -> tuple[NotesStore, Path]:
    store = NotesStore(root / "notes")
    path = store.path_for(ARTICLE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return store, path


def _notes(*styles: int) -> list[str]:
    return [STYLES[s].replace("{id}", f"n{i}") for i, s in enumerate(styles)]


def test_adding_a_note_leaves_the_hand_written_ones_byte_for_byte(tmp_path: Path) -> None:
    original = HEAD + "".join(_notes(*range(len(STYLES))))
    store, path = _write(tmp_path, original)
    before = store.load(ARTICLE)
    store.add(ArticleRef(ARTICLE), annotation("new", note="added"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert "- id: new\n" in text[len(original) :]
    after = store.load(ARTICLE)
    assert after.annotations[:-1] == before.annotations
    assert after.get("new") == annotation("new", note="added")


def test_a_crlf_file_keeps_its_line_ends(tmp_path: Path) -> None:
    original = (HEAD + "".join(_notes(0, 1, 3))).replace("\n", "\r\n")
    store, path = _write(tmp_path, original)
    store.add(ArticleRef(ARTICLE), annotation("new", note="two\nlines"))
    raw = path.read_bytes()
    assert raw.startswith(original.encode("utf-8"))
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert store.load(ARTICLE).get("new").note == "two\nlines"


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    original = "\ufeff" + HEAD + "".join(_notes(0, 2))
    store, path = _write(tmp_path, original)
    store.add(ArticleRef(ARTICLE), annotation("new"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert [a.id for a in store.load(ARTICLE).annotations] == ["n0", "n1", "new"]


def test_deleting_a_note_in_the_middle_rewrites_only_that_note(tmp_path: Path) -> None:
    first, middle, last = _notes(0, 1, 2)
    store, path = _write(tmp_path, HEAD + first + middle + last)
    store.delete(ARTICLE, "n1")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEAD + first) and text.endswith(last)
    assert "deleted: true" in text[len(HEAD + first) : -len(last)]
    assert [a.deleted for a in store.load(ARTICLE).annotations] == [False, True, False]


def test_a_note_taken_out_in_the_middle_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    first, middle, last = _notes(4, 5, 6)
    store, path = _write(tmp_path, HEAD + first + middle + last)
    store.take_out(ARTICLE, "n1")
    assert path.read_text(encoding="utf-8") == HEAD + first + last


def test_an_article_header_changed_leaves_the_notes_as_they_were(tmp_path: Path) -> None:
    notes = "".join(_notes(0, 1, 2))
    store, _ = _write(tmp_path, HEAD + notes)
    article = ArticleRef("AFP/moved.txt", "/library/AFP/moved.txt", "0" * 64, "Moved")
    store.move(ARTICLE, article)
    text = store.path_for(article.id).read_text(encoding="utf-8")
    assert text.endswith("annotations:\n" + notes)
    assert "title: Moved" in text


def test_a_file_using_aliases_is_still_refused_and_left_alone(tmp_path: Path) -> None:
    original = HEAD + _notes(6)[0] + "- id: n1\n  page: *anchorn0\n" + TARGET
    store, path = _write(tmp_path, original)
    with pytest.raises(NotesFileError):
        store.add(ArticleRef(ARTICLE), annotation("new"))
    assert path.read_text(encoding="utf-8") == original


def test_an_edit_merged_with_a_change_made_by_hand_meanwhile_keeps_both(tmp_path: Path) -> None:
    store, path = _write(tmp_path, HEAD + "".join(_notes(0, 1)))
    shown = store.load(ARTICLE)
    by_hand = path.read_text(encoding="utf-8") + _notes(0, 1, 3)[2]
    path.write_text(by_hand, encoding="utf-8")
    store.update(ARTICLE, replace(shown.annotations[0], note="edited"), was=shown.annotations[0])
    text = path.read_text(encoding="utf-8")
    assert text.endswith("".join(_notes(0, 1, 3)[1:]))
    assert [a.note for a in store.load(ARTICLE).annotations] == [
        "edited",
        "tab\tinside block\n",
        "folded text\n",
    ]


# -- what the dumper writes for a new or changed note ----------------------------------


@pytest.mark.parametrize(
    ("note", "written"),
    [
        (
            "trailing spaces   \nparty 🎉👨‍👩‍👧\n",
            "  note: |\n    trailing spaces   \n    party 🎉👨‍👩‍👧\n",
        ),
        ("tab\tinside block\n", "  note: |\n    tab\tinside block\n"),
        ("bell\x07 🎉", '  note: "bell\\a 🎉"\n'),
        ("cr\r\n🎉", '  note: "cr\\r\\n🎉"\n'),
    ],
)
def test_a_new_note_is_written_readably(note: str, written: str) -> None:
    text = dump_notes(notes_file(annotation(note=note)))
    assert written in text
    assert parse_notes(text, "x.yaml").annotations[0].note == note


@pytest.mark.parametrize("note", ["\tleading tab\nnext", "a\n\tb", "x \n \n", "end space \nx "])
def test_notes_with_tabs_and_spaces_at_line_ends_read_back(note: str) -> None:
    text = dump_notes(notes_file(annotation(note=note)))
    assert parse_notes(text, "x.yaml").annotations[0].note == note


# -- any file: the untouched notes byte for byte, the whole as meant -------------------


OPERATIONS = ("edit", "delete", "take out", "add")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    styles=st.lists(st.integers(0, len(STYLES) - 1), min_size=1, max_size=6),
    operation=st.sampled_from(OPERATIONS),
    data=st.data(),
    indented=st.booleans(),
    crlf=st.booleans(),
    bom=st.booleans(),
)
def test_a_save_keeps_every_untouched_note_byte_for_byte(
    styles, operation, data, indented, crlf, bom
) -> None:
    notes = _notes(*styles)
    if indented:  # `annotations:` then `  - id: …`
        notes = [
            "".join("  " + line if line.strip() else line for line in n.splitlines(True))
            for n in notes
        ]
    at = data.draw(st.integers(0, len(notes) - 1))
    words = data.draw(st.text(max_size=20))

    def file_text(parts: list[str]) -> str:
        text = HEAD + "".join(parts)
        return ("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)

    with tempfile.TemporaryDirectory() as tmp:
        store, path = _write(Path(tmp), file_text(notes))
        was = store.load(ARTICLE).annotations[at]
        if operation == "edit":
            wanted = store.update(ARTICLE, replace(was, note=words + "!"), was=was)
        elif operation == "delete":
            wanted = store.delete(ARTICLE, was.id)
        elif operation == "take out":
            wanted = store.take_out(ARTICLE, was.id)
        else:
            wanted = store.add(ArticleRef(ARTICLE), annotation("new", note=words))
        text = path.read_bytes().decode("utf-8")
        head = file_text([])
        if operation == "add":
            assert text.startswith(file_text(notes))
        elif operation == "take out":
            assert text == file_text(notes[:at] + notes[at + 1 :])
        else:
            assert text.startswith(file_text(notes[:at]))
            assert text.endswith(file_text(notes[at + 1 :]).removeprefix(head))
        assert text.count("\n") == text.count("\r\n") if crlf else "\r" not in text
        assert to_data(parse_notes(text, "x.yaml")) == to_data(wanted)
        assert to_data(store.load(ARTICLE)) == to_data(wanted)


@pytest.mark.parametrize(
    "annotations",
    [
        "annotations:\n",
        "annotations: []\n",
        "annotations: [{id: n0, target: {exact: q, start: 0, end: 1}}]\n",
        "annotations:\n- id: n0\n  target: {exact: q, start: 0, end: 1}",  # no last line end
    ],
)
def test_notes_in_any_shape_of_list_take_a_new_note(tmp_path: Path, annotations: str) -> None:
    header = "---\n# my notes\nschema_version: 1\narticle: {id: AFP/story.txt}\n"
    store, path = _write(tmp_path, header + annotations)
    os.utime(path, (1_700_000_000, 1_700_000_000))  # an undated note takes the file's time
    before = store.load(ARTICLE).annotations
    store.add(ArticleRef(ARTICLE), annotation("new"))
    os.utime(path, (1_700_000_000, 1_700_000_000))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(header)
    assert store.load(ARTICLE).annotations == [*before, annotation("new")]


# -- the last word: what is written reads back as the notes meant ------------------------


def test_a_splice_that_would_read_back_otherwise_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.notes.splice as splice

    store, path = _write(tmp_path, HEAD + "".join(_notes(0, 1)))
    monkeypatch.setattr(splice, "_spliced", lambda body, *_: body.replace("tab", "TAB"))
    wanted = store.add(ArticleRef(ARTICLE), annotation("new"))
    assert path.read_text(encoding="utf-8") == dump_notes(wanted)
    assert store.load(ARTICLE).get("n1").note == "tab\tinside block\n"


@pytest.mark.parametrize(("bom", "newline"), [("\ufeff", "\n"), ("", "\r\n"), ("\ufeff", "\r\n")])
def test_a_file_written_whole_keeps_its_line_ends_and_bom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: str, newline: str
) -> None:
    import reader.notes.splice as splice

    store, path = _write(tmp_path, bom + (HEAD + "".join(_notes(0, 1))).replace("\n", newline))
    monkeypatch.setattr(splice, "_spliced", lambda *_: None)
    wanted = store.add(ArticleRef(ARTICLE), annotation("new"))
    expected = bom + dump_notes(wanted).replace("\n", newline)
    assert path.read_bytes() == expected.encode("utf-8")


# -- comments written by hand between the notes and above `annotations:` -------------

THESIS = "# Reading notes for my thesis, chapter 3 -- keep!\n"
SECTIONED = (
    HEAD
    + _notes(0)[0]
    + "# ==== SECTION B ====\n"
    + _notes(0, 1)[1]
    + "\n# section C\n"
    + _notes(0, 1, 2)[2]
)


def test_a_comment_above_the_notes_stays_when_the_header_is_rewritten(tmp_path: Path) -> None:
    notes = "".join(_notes(0, 1))
    store, path = _write(tmp_path, HEAD.replace("annotations:", THESIS + "annotations:") + notes)
    changed = ArticleRef(ARTICLE, "/library/AFP/story.txt", "1" * 64, "A story, edited")
    store.add(changed, annotation("new"))
    text = path.read_text(encoding="utf-8")
    assert "title: A story, edited" in text
    assert THESIS + "annotations:\n" + notes in text


def test_a_comment_above_the_notes_follows_a_rename(tmp_path: Path) -> None:
    notes = "".join(_notes(0, 1))
    store, _ = _write(tmp_path, HEAD.replace("annotations:", THESIS + "annotations:") + notes)
    moved = ArticleRef("AFP/moved.txt", "/library/AFP/moved.txt", "0" * 64, "Moved")
    store.move(ARTICLE, moved)
    text = store.path_for(moved.id).read_text(encoding="utf-8")
    assert "title: Moved" in text
    assert text.endswith(THESIS + "annotations:\n" + notes)


@pytest.mark.parametrize("edited", ["n0", "n1"])
def test_comments_between_notes_stay_when_the_note_above_is_edited(
    tmp_path: Path, edited: str
) -> None:
    store, path = _write(tmp_path, SECTIONED)
    was = store.load(ARTICLE).get(edited)
    store.update(ARTICLE, replace(was, note="edited"), was=was)
    text = path.read_text(encoding="utf-8")
    assert "# ==== SECTION B ====\n" in text and "\n\n# section C\n" in text
    assert text.index("# ==== SECTION B") < text.index("- id: n1")
    assert text.index("- id: n1") < text.index("# section C") < text.index("- id: n2")
    assert text.endswith("\n# section C\n" + _notes(0, 1, 2)[2])
    assert store.load(ARTICLE).get(edited).note == "edited"


def test_a_note_taken_out_takes_only_its_own_lines(tmp_path: Path) -> None:
    _, middle, last = _notes(0, 1, 2)
    store, path = _write(tmp_path, SECTIONED)
    store.take_out(ARTICLE, "n0")
    assert path.read_text(encoding="utf-8") == HEAD + "# ==== SECTION B ====\n" + middle + (
        "\n# section C\n" + last
    )
    store.take_out(ARTICLE, "n1")
    assert path.read_text(encoding="utf-8") == HEAD + "\n# section C\n" + last


def test_comments_after_the_last_note_stay_when_it_is_edited(tmp_path: Path) -> None:
    end = "\n# the end of my notes\n"
    store, path = _write(tmp_path, HEAD + "".join(_notes(0, 1)) + end)
    was = store.load(ARTICLE).get("n1")
    store.update(ARTICLE, replace(was, note="edited"), was=was)
    assert path.read_text(encoding="utf-8").endswith(end)
    store.add(ArticleRef(ARTICLE), annotation("new"))
    text = path.read_text(encoding="utf-8")
    assert text.index("note: edited") < text.index(end) < text.index("- id: new")
