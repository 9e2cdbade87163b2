"""Notes written by hand: optional fields left out, a required one missing."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
