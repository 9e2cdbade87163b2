"""The YAML form: exact round trips, block-style notes, unknown keys, clear errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notes_builders import annotation, notes_file

from reader.errors import NotesFileError
from reader.notes import NotesFile, Target, dump_notes, parse_notes
from reader.notes.schema import Annotation, ArticleRef
from reader.notes.yamlio import broken_notes

TRICKY = [
    "no", "No", "yes", "on", "off", "y", "n", "null", "Null", "~", "true", "False",
    "1e3", "1E-3", "1.5", ".5", "0o17", "0x1F", "+1", "-0", ".inf", "-.inf", ".nan",
    "2026-11-26", "2026-11-26T08:01:02Z", "", " ", "  lead", "trail  ", " both ",
    "\ttab", "tab\t", "nb\u00a0sp", "\u00a0", "a\nb", "ends with newline\n", "\n",
    "\n\n", "two trailing\n\n", " \n", "\n leading newline", "  indented\nnext",
    "line \nwith trailing space", "crlf\r\nline", "\r", "nel\x85x", "ls\u2028ps\u2029",
    "\ufeffbom", "nul\x00", "bell\x07", "emoji 👩‍👩‍👧‍👦 🇫🇷 👍🏽", "中文文本", "עברית ושלום",
    "- looks like a list", "# looks like a comment", "key: value", "{flow}", "[flow]",
    "&anchor", "*alias", "!tag", "|", ">", "'", '"', "\\", "%", "@", "`", "? q", ": c",
    "---", "...", "a: b\nc: d", "x" * 300, "word " * 80,
]  # fmt: skip

strings = st.one_of(
    st.sampled_from(TRICKY),
    st.text(),
    st.text(alphabet=st.sampled_from(list(" \n\t\r\u00a0\u2028ab:#-'\"|>"))),
)
stamps = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
offsets = st.integers(min_value=0, max_value=10**7)
known = {"schema_version", "article", "annotations", "id", "path", "sha256", "title"}
known |= {"created", "modified", "tags", "color", "note", "target", "deleted"}
known |= {"exact", "prefix", "suffix", "start", "end"}
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    strings,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3),
    max_leaves=6,
)
extras = st.dictionaries(strings.filter(lambda k: k not in known), values, max_size=2)


@st.composite
def targets(draw) -> Target:
    start = draw(offsets)
    end = start + draw(st.integers(min_value=0, max_value=1000))
    return Target(draw(strings), draw(strings), draw(strings), start, end, draw(extras))


@st.composite
def annotations(draw) -> Annotation:
    return Annotation(
        id=draw(strings.filter(bool)),
        created=draw(stamps),
        modified=draw(stamps),
        target=draw(targets()),
        note=draw(strings),
        tags=tuple(draw(st.lists(strings.filter(str.strip), max_size=4))),  # a blank is no tag
        color=draw(strings),
        deleted=draw(st.booleans()),
        extra=draw(extras),
    )


@st.composite
def notes_files(draw) -> NotesFile:
    items = draw(st.lists(annotations(), max_size=4, unique_by=lambda a: a.id))
    article = ArticleRef(draw(strings), draw(strings), draw(strings), draw(strings), draw(extras))
    return NotesFile(article, items, extra=draw(extras))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes_files())
def test_any_notes_file_round_trips_exactly(notes: NotesFile) -> None:
    text = dump_notes(notes)
    again = parse_notes(text, "x.yaml")
    assert again == notes
    assert dump_notes(again) == text


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_round_trip_in_every_field(value: str) -> None:
    target = Target(value, value, value, 0, len(value))
    notes = notes_file(annotation(note=value, tags=(value,), color=value, target=target))
    text = dump_notes(notes)
    loaded = parse_notes(text, "x.yaml").annotations[0]
    tags = (value,) if value.strip() else ()  # a blank tag is not shown, kept as written
    assert (loaded.note, loaded.tags, loaded.color) == (value, tags, value)
    assert loaded.target == target
    assert dump_notes(notes_file(loaded)) == text


@pytest.mark.parametrize("value", ["no", "null", "1e3", "0o17", "true", "~", ".5"])
def test_strings_other_yaml_readers_could_misread_are_quoted(value: str) -> None:
    text = dump_notes(notes_file(annotation(note=value)))
    assert f"note: '{value}'" in text


def test_multi_line_note_is_written_as_a_literal_block() -> None:
    text = dump_notes(notes_file(annotation(note="First line.\nSecond line.\n")))
    assert "  note: |\n    First line.\n    Second line.\n" in text


def test_timestamps_are_utc_with_a_trailing_z() -> None:
    later = datetime(2026, 11, 26, 8, 1, 2, 345000, tzinfo=UTC)
    text = dump_notes(notes_file(annotation(modified=later)))
    assert "created: 2026-11-26T08:01:02Z\n" in text
    assert "modified: 2026-11-26T08:01:02.345Z\n" in text


def test_keys_come_in_schema_order() -> None:
    data = yaml.safe_load(dump_notes(notes_file(annotation())))
    assert list(data) == ["schema_version", "article", "annotations"]
    assert list(data["article"]) == ["id", "path", "sha256", "title"]
    first = data["annotations"][0]
    assert list(first) == ["id", "created", "modified", "tags", "color", "note", "target"]
    assert list(first["target"]) == ["exact", "prefix", "suffix", "start", "end"]


HAND_WRITTEN = """\
schema_version: 1
future_top: {keep: [1, 2]}
article:
  id: AFP/story.txt
  path: /library/AFP/story.txt
  sha256: abc
  title: Story
  publisher: AFP
annotations:
- id: 5c1d9f0a-0000-4000-8000-000000000001
  created: 2026-11-26T08:01:02Z
  modified: "2026-11-26T09:00:00.5Z"
  tags: [a]
  color: green
  note: plain
  target: {exact: hi, prefix: '', suffix: ' there', start: 0, end: 2, selector: css}
  rating: 5
  deleted: true
"""


def test_unknown_keys_at_every_level_survive_a_rewrite() -> None:
    notes = parse_notes(HAND_WRITTEN, "x.yaml")
    data = yaml.safe_load(dump_notes(notes))
    assert data["future_top"] == {"keep": [1, 2]}
    assert data["article"]["publisher"] == "AFP"
    first = data["annotations"][0]
    assert first["rating"] == 5
    assert first["target"]["selector"] == "css"
    assert first["deleted"] is True
    assert notes.annotations[0].modified == datetime(2026, 11, 26, 9, 0, 0, 500000, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("schema_version: 1\narticle: {id: x}\nannotations: [\n", 4, "not valid YAML"),
        ("schema_version: 1\narticle:\n  id: x\n   bad: indent\n", 4, "not valid YAML"),
        ("", None, "empty"),
        ("- a list\n", 1, "mapping"),
        ("schema_version: 2\narticle: {id: x}\n", 1, "schema_version 2"),
        ("article: {id: x}\n", 1, "schema_version"),
        ("schema_version: 1\narticle: {path: x}\n", 2, "article.id"),
        (HAND_WRITTEN + HAND_WRITTEN[HAND_WRITTEN.index("- id") :], 19, "duplicate"),
    ],
)
def test_broken_files_raise_with_the_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(NotesFileError) as caught:
        parse_notes(text, "notes/x.yaml")
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith("notes/x.yaml")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HAND_WRITTEN.replace("start: 0", "start: -1"), 16, "target.start"),
        (HAND_WRITTEN.replace("end: 2", "end: two"), 16, "target.end"),
        (HAND_WRITTEN.replace("tags: [a]", "tags: a"), 13, "tags"),
        (HAND_WRITTEN.replace('"2026-11-26T09:00:00.5Z"', "soon"), 12, "modified"),
        (HAND_WRITTEN.replace("deleted: true", "deleted: maybe"), 18, "deleted"),
    ],
)
def test_a_note_that_cannot_be_read_is_named_with_its_line_and_kept(
    text: str, line: int, words: str
) -> None:
    notes = parse_notes(text, "notes/x.yaml")
    assert notes.annotations == []
    [error] = broken_notes(notes, "notes/x.yaml")
    assert error.line == line and words in str(error)
    assert str(error).startswith(f"notes/x.yaml:{line}: ")
    assert yaml.safe_load(dump_notes(notes)) == yaml.safe_load(text)  # kept as written


WRITTEN_TAGS = "[2026, 0x1f, 1.5, 1.50, true, 2026-01-01, 2026-01-01 10:00:00+02:00, word]"


def test_tags_written_as_numbers_or_booleans_are_read_as_written() -> None:
    notes = parse_notes(HAND_WRITTEN.replace("tags: [a]", f"tags: {WRITTEN_TAGS}"), "x.yaml")
    assert notes.annotations[0].tags == (
        "2026", "0x1f", "1.5", "1.50", "true", "2026-01-01", "2026-01-01 10:00:00+02:00", "word"
    )  # fmt: skip
    again = parse_notes(dump_notes(notes), "x.yaml")  # written back as they were
    assert again.annotations[0].tags == notes.annotations[0].tags
    assert "- 0x1f\n" in dump_notes(notes) and "- 2026\n" in dump_notes(notes)


@pytest.mark.parametrize("tags", ["[a, [b]]", "[{a: 1}]", "[a, {}]"])
def test_tags_holding_a_list_or_a_mapping_are_refused_with_the_line(tags: str) -> None:
    notes = parse_notes(HAND_WRITTEN.replace("tags: [a]", f"tags: {tags}"), "notes/x.yaml")
    [error] = broken_notes(notes, "notes/x.yaml")
    assert error.line == 13
    assert "tags must be a list of strings" in str(error)
    assert "\n" not in str(error)


def test_a_notes_file_with_number_tags_is_read_and_not_rewritten(tmp_path) -> None:
    from reader.notes import NotesStore

    store = NotesStore(tmp_path / "notes")
    text = HAND_WRITTEN.replace("tags: [a]", f"tags: {WRITTEN_TAGS}").replace(
        "deleted: true", "deleted: false"
    )
    path = store.path_for("AFP/story.txt")
    path.parent.mkdir(parents=True)
    path.write_text(text)
    assert store.load("AFP/story.txt").live[0].tags[:2] == ("2026", "0x1f")
    assert [nid for nid, _ in store.all_files()] == ["AFP/story.txt"]
    assert path.read_text() == text  # reading it wrote nothing
    store.add(ArticleRef("AFP/story.txt"), annotation("a2"))  # a later save keeps them
    assert store.load("AFP/story.txt").get("5c1d9f0a-0000-4000-8000-000000000001").tags[:2] == (
        "2026",
        "0x1f",
    )
