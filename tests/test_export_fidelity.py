"""Exports keep a note as typed: a Markdown renderer shows its lines, Logseq reads no
link or tag into a title, tags come back from Readwise exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.notes.anchoring import AnchorStatus
from reader.notes.export import export, export_pages
from reader.notes.export.inline_tags import INLINE_TAG, inline_tag, tag_of
from reader.notes.records import NoteRecord
from reader.notes.schema import Annotation, Target
from reader.text.safe import controls_visible
from tests.test_export_presets import rendered_lines

INDENTED_NOTE = "    indented code?\n> quote?\n1. list\n\ttabbed\n  two spaces"


def record(
    note: str = "",
    quote: str = "the passage",
    tags: tuple[str, ...] = (),
    title: str = "A title",
    article_id: str = "Site/a.md",
) -> NoteRecord:
    """One note on an article, as `collect` gives it."""
    from datetime import UTC, datetime

    when = datetime(2026, 1, 2, tzinfo=UTC)
    target = Target(quote, "", "", 0, len(quote))
    annotation = Annotation("11111111-1111-4111-8111-111111111111", when, when, target, note, tags)
    return NoteRecord(
        annotation, article_id, title, "Site", None, f"/lib/{article_id}", AnchorStatus.EXACT, 0, 9
    )


def obsidian_text(records: list[NoteRecord], folder: Path) -> str:
    export_pages(records, "obsidian", folder)
    [page] = sorted(folder.glob("*.md"))
    return page.read_text(encoding="utf-8")


def obsidian_lines(markdown: str) -> list[str]:
    """The lines Obsidian shows: as CommonMark's, but a line break is one (Obsidian's
    default, "strict line breaks" off)."""
    from markdown_it import MarkdownIt

    shown: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            kinds = ("softbreak", "hardbreak")
            text = "".join("\n" if c.type in kinds else c.content for c in token.children or [])
            shown.extend(text.splitlines())
    return shown


def test_markdown_shows_an_indented_note_line_as_typed_not_as_code():
    from markdown_it import MarkdownIt

    markdown = export([record(INDENTED_NOTE, quote="first\n    indented quote")], "markdown")
    tokens = MarkdownIt("commonmark").parse(markdown)
    assert not [t for t in tokens if t.type in ("code_block", "fence")], markdown
    shown = rendered_lines(markdown)
    for line in [*INDENTED_NOTE.splitlines(), "    indented quote"]:
        assert line in shown, (line, shown)


def test_obsidian_shows_an_indented_note_line_as_typed_not_as_code(tmp_path):
    from markdown_it import MarkdownIt

    text = obsidian_text([record(INDENTED_NOTE)], tmp_path / "vault")
    body = text.split("---\n", 2)[2]
    assert not [t for t in MarkdownIt("commonmark").parse(body) if t.type == "code_block"]
    shown = obsidian_lines(body)
    for line in INDENTED_NOTE.splitlines():
        assert line in shown, (line, shown)


# Text with what Markdown acts on: indentation, markers, entities, escapes, line breaks.
NOTE_TEXT = st.lists(
    st.sampled_from(
        [*" \t\n\r#>-+*_=~`\\[]()<>!&;|:%$^{}.0123456789aé北👩", "&amp;", "&#32;", "    "]
    ),
    max_size=30,
).map("".join)


def shown_as_typed(note: str, lines: list[str]) -> None:
    shown = [line.rstrip(" \t") for line in lines]
    for line in controls_visible(note).splitlines():
        # A line's trailing blanks are Markdown's, not shown; a blank line parts paragraphs.
        if line.rstrip(" \t"):
            assert line.rstrip(" \t") in shown, (line, shown)


@settings(max_examples=300, deadline=None)
@given(note=NOTE_TEXT)
def test_markdown_export_shows_every_line_of_any_note_as_typed(note):
    shown_as_typed(note, rendered_lines(export([record(note)], "markdown")))


@settings(max_examples=100, deadline=None)
@given(note=NOTE_TEXT)
def test_obsidian_export_shows_every_line_of_any_note_as_typed(tmp_path_factory, note):
    text = obsidian_text([record(note)], tmp_path_factory.mktemp("vault"))
    shown_as_typed(note, obsidian_lines(text.split("---\n", 2)[2]))


# Logseq -----------------------------------------------------------------------------------


def logseq_page(records: list[NoteRecord], folder: Path) -> dict[str, str]:
    """The page's properties as Logseq reads them, the raw value of each."""
    export_pages(records, "logseq", folder)
    [page] = sorted(folder.glob("*.md"))
    head = page.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(":: ", 1) for line in head.splitlines())


def logseq_refs(value: str) -> set[str]:
    """The pages a `tags::` value names as Logseq reads it: each `[[page]]`, and the
    plain text between them split at commas."""
    refs = set(re.findall(r"\[\[(.*?)\]\]", value))
    plain = re.sub(r"\[\[.*?\]\]", ",", value)
    return refs | {part.strip() for part in plain.split(",") if part.strip()}


def test_logseq_keeps_a_title_with_brackets_and_a_hash_as_typed(tmp_path):
    # Logseq takes no link nor tag from `title::`: its page is named by the text as is.
    title = "[[brackets]] and #hash, (x)"
    properties = logseq_page([record("a note", title=title)], tmp_path / "pages")
    assert properties["title"] == title


def test_logseq_keeps_tags_exact(tmp_path):
    tags = ("a,b", "deux mots", "c#", 'say "hi"', "x/y")
    properties = logseq_page([record("a note", tags=tags)], tmp_path / "pages")
    assert logseq_refs(properties["tags"]) == set(tags)


def test_logseq_keeps_an_author_with_a_hash_or_a_link_as_text(tmp_path):
    # A value in double quotes is text to Logseq: no page is made of `#1` nor `[[x]]`.
    note = record("a note")
    note = NoteRecord(**{**{n: getattr(note, n) for n in note.__slots__}, "author": "Jo #1 [[x]]"})
    properties = logseq_page([note], tmp_path / "pages")
    assert properties["author"] == '"Jo #1 [[x]]"'


# Readwise -----------------------------------------------------------------------------------


def readwise_round_trip(tags: tuple[str, ...], note: str, folder: Path) -> tuple:
    """The tags and note of the note exported as Readwise's CSV and imported back."""
    from reader.importing.readwise import read

    path = folder / "readwise.csv"
    path.write_text(export([record(note, tags=tags)], "readwise"), encoding="utf-8")
    [highlight] = read(path).highlights
    return highlight.tags, highlight.note


def test_readwise_export_gives_back_a_tag_with_a_space_and_a_quote(tmp_path):
    tags = ('5" floppy', "deux mots", "a_b", "h1", "#", "100%", '"q"', "-x")
    assert readwise_round_trip(tags, "A thought.", tmp_path) == (tags, "A thought.")


TAG_TEXT = st.text(
    st.sampled_from(list(' \t#."%_-,:;h1qac5é北👩')) | st.characters(exclude_categories=("Cs",)),
    min_size=1,
    max_size=12,
).filter(lambda tag: tag.strip() and not tag.strip().startswith("#"))


@settings(max_examples=200, deadline=None)
@given(tags=st.lists(TAG_TEXT, min_size=1, max_size=4, unique_by=str.casefold))
def test_readwise_export_gives_back_any_tags_exactly(tmp_path_factory, tags):
    from reader.notes.tags import normalised

    given_tags = normalised(tags)
    got, note = readwise_round_trip(given_tags, "A thought.", tmp_path_factory.mktemp("rw"))
    assert (got, note) == (given_tags, "A thought.")


@pytest.mark.parametrize(
    "note",
    [
        *(".NET", ".bashrc .profile\nsecond line", "  .z", "\n.x", "\nafter a blank line", ".a\n"),
        *("-- a dash", "=1+1", "@someone", "\tindented", "\n\n", "  ", "ends with a break\n"),
    ],
)
@pytest.mark.parametrize("tags", [(), ("physics",)])
def test_readwise_export_gives_back_a_note_that_looks_like_tags_as_a_note(tmp_path, note, tags):
    assert readwise_round_trip(tags, note, tmp_path) == (tags, note)


NOTE_TEXT = st.text(
    st.sampled_from(list(" \n\t.=+-@'_%h1qa")) | st.characters(exclude_categories=("Cc", "Cs")),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(note=NOTE_TEXT, tags=st.lists(TAG_TEXT, max_size=2, unique_by=str.casefold))
@example(note="'\t", tags=[])  # (its ' was read back as the mark before a formula's start)
@example(note="''=1", tags=[])
def test_readwise_export_gives_back_any_note_exactly(tmp_path_factory, note, tags):
    from reader.notes.tags import normalised

    given_tags = normalised(tags)
    got = readwise_round_trip(given_tags, note, tmp_path_factory.mktemp("rw"))
    assert got == (given_tags, note)


@pytest.mark.parametrize("tag", ["", "a", "h1", " ", "#"])
def test_an_inline_tag_is_read_back_as_its_tag_and_an_empty_one_is_not_written(tag):
    """A `.` alone would be no tag to the importer: an empty tag is left out."""
    written = inline_tag(tag)
    if not tag:
        assert written == ""
    else:
        word = INLINE_TAG.fullmatch(written)
        assert word is not None and tag_of(word[1]) == tag
