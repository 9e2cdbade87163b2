"""Tags in the note dialog: shown on one line and read back as they were."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from reader.cli import main as cli_main
from reader.notes.store import NotesStore
from reader.notes.tags import normalised
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.tag_text import parse_tags, shown_tags
from tests.tui.conftest import press_in_turn, settle, typed

ZW = "News/zw.txt"

tag = st.text(
    st.one_of(st.sampled_from(',"  \t'), st.characters(blacklist_categories=("Cs",))),
    min_size=1,
).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(tag, unique=True))
def test_tags_shown_read_back_as_they_were(tags):
    tags = normalised(tags)  # (as a note is given them)
    assert parse_tags(shown_tags(tags)) == tags


def test_typed_tags_are_trimmed_and_quoted_ones_kept_whole():
    assert parse_tags(' a   b , "x,y",, "say ""hi""" ,a b') == ("a b", "x,y", 'say "hi"')
    assert shown_tags(["a b", "x,y", 'say "hi"']) == 'a b, "x,y", "say ""hi"""'
    assert parse_tags('nato, "open, still') == ("nato", "open, still")


def test_typed_tags_are_saved_once_each_without_their_hash():
    assert parse_tags("Dup, dup, #DUP, #Idea, idea, #") == ("Dup", "Idea", "#")


async def test_a_tag_with_a_comma_stays_whole_when_a_note_is_saved_untouched(
    make_app, library, capsys
):
    notes = Path(os.environ["READER_NOTES_DIR"])
    (library / "News").mkdir(exist_ok=True)
    (library / ZW).write_text("Zero width\n\nA story about security and more.\n")
    args = ["annotate", "--library", str(library), ZW, "--quote", "security"]
    assert cli_main([*args, "--tag", "a b", "--tag", "x,y"]) == 0
    capsys.readouterr()
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        await press_in_turn(pilot, "e")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        assert app.screen.query_one("#annotate-tags", Input).value == 'a b, "x,y"'
        await press_in_turn(pilot, "ctrl+s")
        await settle(pilot)
    [note] = NotesStore(notes).load(ZW).live
    assert note.tags == ("a b", "x,y")


async def test_a_suggested_tag_keeps_the_tags_typed_before_it(make_app):
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.push_screen(AnnotateScreen("a passage", known_tags=["quote", "x,y"]))
        await settle(pilot)
        await press_in_turn(pilot, "tab")
        await typed(pilot, *"Nato, qu")
        await settle(pilot)
        await press_in_turn(pilot, "right")
        tags = app.screen.query_one("#annotate-tags", Input)
        assert tags.value == "Nato, quote"
        await typed(pilot, *', "x')
        await settle(pilot)
        await press_in_turn(pilot, "right")
        assert tags.value == 'Nato, quote, "x,y"'
