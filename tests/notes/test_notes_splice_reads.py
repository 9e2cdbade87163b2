"""A save into a file of many notes reads the file's outline once and reads back only
what it wrote new and the joints it made, not every note again."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from notes_builders import annotation

import reader.notes.splice as splice
from reader.errors import YamlError
from reader.infra.yamloutline import OutlineTaker
from reader.infra.yamlsafe import load_yaml
from reader.notes import NotesStore, parse_notes
from reader.notes.schema import ArticleRef, to_data
from reader.notes.spans import outline

ARTICLE = "AFP/story.txt"
HEAD = "schema_version: 1\narticle:\n  id: AFP/story.txt\n  title: A story\nannotations:\n"
NOTE = "- id: n{i}\n  note: |\n    kept   \n  target: {{exact: quoted words, start: 7, end: 19}}\n"


def _store(root: Path, count: int) -> tuple[NotesStore, Path]:
    store = NotesStore(root / "notes")
    path = store.path_for(ARTICLE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + "".join(NOTE.format(i=i) for i in range(count)), encoding="utf-8")
    return store, path


def _read_back(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def recorded(text: str, *args: object) -> object:
        texts.append(text)
        return parse_notes(text, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(splice, "parse_notes", recorded)
    return texts


def test_a_note_added_is_read_back_with_its_neighbour_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = _store(tmp_path, 6)
    texts = _read_back(monkeypatch)
    wanted = store.add(ArticleRef(ARTICLE), annotation("new", note="added"))
    assert texts and all("id: n0\n" not in t for t in texts)
    assert all("id: n5\n" in t and "id: new\n" in t for t in texts)
    assert to_data(parse_notes(path.read_text(encoding="utf-8"), "x")) == to_data(wanted)


def test_a_note_deleted_in_the_middle_is_read_back_with_the_notes_brought_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = _store(tmp_path, 6)
    texts = _read_back(monkeypatch)
    wanted = store.take_out(ARTICLE, "n3")
    assert texts and all("id: n0\n" not in t and "id: n5\n" not in t for t in texts)
    assert all("id: n2\n" in t and "id: n4\n" in t for t in texts)
    assert to_data(parse_notes(path.read_text(encoding="utf-8"), "x")) == to_data(wanted)


def test_the_outline_names_each_key_and_note_where_it_is() -> None:
    body = "a: 1\nnotes:\n- x: [1, {y: 2}]\n- z\nb: {c: 3}\n"
    shape = outline(body)
    assert shape is not None
    assert [(k.name, body[k.start :].split(":")[0]) for k in shape.keys] == [
        ("a", "a"),
        ("notes", "notes"),
        ("b", "b"),
    ]
    items = shape.keys[1].items
    assert items is not None
    assert [body[s:e] for s, e in items] == ["x: [1, {y: 2}]\n", "z"]
    assert shape.end == len(body)


@pytest.mark.parametrize(
    "body",
    [
        "a: &x 1\nb: *x\n",  # an alias
        "a: 1\n---\nb: 2\n",  # a second document
        "{a: 1}\n",  # a flow mapping
        "!!int 1: a\n",  # a key that is not a string
        "- a\n",  # not a mapping
        "a: " + "[" * 120 + "]" * 120 + "\n",  # nested past the limit
        "a: [\n",  # not YAML
        "",
    ],
)
def test_a_text_the_loader_would_refuse_or_not_splice_has_no_outline(body: str) -> None:
    assert outline(body) is None


def test_a_splice_the_smaller_read_does_not_prove_is_read_back_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, path = _store(tmp_path, 3)
    spliced = splice._spliced

    def unproved(*args: object) -> object:
        text = spliced(*args)  # type: ignore[arg-type]
        assert isinstance(text, splice._Spliced) and text.probe is not None
        text.probe = ("not: [a notes file\n", text.probe[1])
        return text

    monkeypatch.setattr(splice, "_spliced", unproved)
    texts = _read_back(monkeypatch)
    store.add(ArticleRef(ARTICLE), annotation("new"))
    written = path.read_text(encoding="utf-8")
    assert written.startswith(HEAD + "".join(NOTE.format(i=i) for i in range(3)))
    assert texts[-1] == written


@pytest.mark.parametrize(
    "body",
    [
        "a: 1\nnotes:\n- x: [1, {y: 2}]\n- z\nb: {c: 3}\n",
        "a: 1\r\nnotes:\r\n  - x: 1\r\n    # a comment\r\n  - 'y'\r\nb: [1, 2]\r\n",
        "héllo: ✓\nnotes: [a, b]\nlast:\n- {k: 🎉}\n",
        "a: &x 1\nb: *x\n",
        "a: 1\n---\nb: 2\n",
        "{a: 1}\n",
        "1: a\n",
        "1: [a]\nb: [c]\n",
        "a: [x]\n2: [y]\n",
        "[a, b]: c\n",
        "- a\n",
        "",
    ],
)
def test_the_outline_taken_by_the_parse_is_the_outline_of_its_own_pass(body: str) -> None:
    taker = OutlineTaker()
    with contextlib.suppress(YamlError):
        load_yaml(body, unique_keys=True, keep_number_text=True, outline=taker)
    assert taker.outline() in (None, outline(body))
    if taker.outline() is None and "&" not in body and "---" not in body:
        assert outline(body) is None  # nothing the pass would splice is missed
