"""Notes written directly (`reader.notes.quick_yaml`) are byte for byte what the dumper
writes, whatever they hold: a large import writes its notes file quickly, and the same
as it always did."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.infra.yamlsafe import PlainStr
from reader.notes.schema import Annotation, ArticleRef, NotesFile, Stamp, Target, to_data
from reader.notes.yamlio import dump_by_yaml, dump_data, dump_notes, valid_text

# Characters that change how a text is written: indicators, blanks, line breaks of every
# kind, controls, a byte order mark, letters beyond ASCII and beyond the BMP.
TRICKY = [
    *" \n\t\r:#'\"-?[]{},&*!|>%@`.~=<\\",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x00",
    "\x7f",
    "\x9f",
    "\xa0",
    "é",
    "日",
    "🎉",
    "\ud800",
    "\ufffe",
]
WORDS = [
    "yes",
    "No",
    "on",
    "null",
    "~",
    "true",
    "1.5",
    "0x1F",
    "1_000",
    "12:30",
    "2024-01-01",
    "2024-01-01T10:00:00Z",
    "<<",
    "=",
    "---",
    "...",
    "- item",
    "? x",
    "a: b",
    "a #b",
    ".inf",
    "-1",
    "+3",
]

texts = st.one_of(
    st.text(st.sampled_from(TRICKY) | st.characters(codec="utf-8"), max_size=12),
    st.lists(st.sampled_from(WORDS) | st.sampled_from(TRICKY), max_size=5).map("".join),
    st.text("ab \n", max_size=10),
    st.sampled_from(WORDS),
)
keys = st.sampled_from(["id", "note", "y", "on", "2024", "a b", "a:b", "-x", "x" * 130]) | texts
scalars = st.one_of(
    texts,
    texts.map(PlainStr),
    st.sampled_from(["2024-01-01T10:00:00Z", "2024-01-01", "soon", ""]).map(Stamp),
    st.integers(-(10**120), 10**120),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    st.datetimes(timezones=st.just(UTC) | st.just(timezone(timedelta(hours=5)))),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=8,
)
notes = st.dictionaries(keys, values, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(notes | values, max_size=4), st.dictionaries(keys, values, max_size=3))
def test_notes_data_is_written_as_the_dumper_writes_it(items, header):
    document = {"schema_version": 1, **header, "annotations": items}
    assert dump_data(document) == dump_by_yaml(valid_text(document))
    assert dump_data(items) == dump_by_yaml(valid_text(items))


def test_a_notes_file_of_ordinary_notes_is_written_as_the_dumper_writes_it():
    made = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    quotes = ["one line", "two\nlines", " leading blank\nand more\n", "it's: here", "yes"]
    annotations = [
        Annotation(
            f"n{i}",
            made,
            made,
            Target(quote, "before ", " after", 10, 10 + len(quote)),
            note="a note #1" if i % 2 else "",
            tags=("one", "two words") if i % 3 else (),
            extra={"origin": {"service": "kindle", "id": str(i), "score": 0.87}},
        )
        for i, quote in enumerate(quotes * 3)
    ]
    notes = NotesFile(ArticleRef("AFP/story.txt", "AFP/story.txt", "ab12", "A story"), annotations)
    text = dump_notes(notes)
    assert text == dump_by_yaml(valid_text(to_data(notes)))
    assert "- id: n1\n" in text and "    exact: |-\n      two\n      lines\n" in text
