"""A keymap entry that would leave a key dead, never reach the app, or take a key from
typing is named in one line and its binding keeps its own keys."""

from __future__ import annotations

import pytest

from reader.config import Config
from reader.tui.key_places import PLACES
from reader.tui.keymap import checked_keymap
from reader.tui.keys import key_tables
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.widget_keys import _widget_class
from tests.tui.conftest import press_in_turn, settle


def check(**keymap: str) -> tuple[dict[str, str], list[str]]:
    """The keymap applied and the problems told, for entries given as `main__notes="f"`."""
    entries = {binding_id.replace("__", "."): keys for binding_id, keys in keymap.items()}
    return checked_keymap(Config(keymap=entries))


def test_a_key_another_binding_of_the_screen_has_is_refused_naming_both():
    applied, [told] = check(main__notes="f")
    assert "main.notes" not in applied
    assert "f for main.notes is already main.find_alt's key" in told
    assert told.endswith("main.notes keeps A")


def test_escape_for_quit_is_refused_and_q_still_quits():
    applied, [told] = check(app__quit="escape")
    assert applied == {}
    assert "escape for app.quit is already main.back's key" in told
    assert told.endswith("app.quit keeps q")


def test_a_key_a_widget_inside_the_screen_has_is_refused():
    """ctrl+b's binding on j would be dead in the list and the article, which take j."""
    _, [told] = check(main__toggle_list="j")
    assert "j for main.toggle_list is already" in told and "down's key" in told


def test_a_key_the_app_has_is_refused_for_a_screen_inside_it():
    _, [told] = check(notes__sort="question_mark")
    assert "? for notes.sort is already app.help's key" in told


def test_the_place_named_is_where_the_two_bindings_meet():
    _, [told] = check(compare__sync="j")
    assert "j for compare.sync is already article.down's key in the compared articles" in told


def test_of_two_entries_giving_one_key_the_later_is_refused():
    applied, [told] = check(main__notes="ctrl+n", main__review="ctrl+n")
    assert applied == {"main.notes": "ctrl+n"}
    assert "ctrl+n for main.review is already main.notes's key" in told


def test_a_key_moved_away_first_is_free_for_another_binding():
    applied, told = check(main__notes="f", main__find_alt="ctrl+g")
    assert told == []
    assert applied == {"main.notes": "f", "main.find_alt": "ctrl+g"}


def test_an_entry_refused_brings_its_default_back_and_an_entry_taking_that_is_refused():
    applied, told = check(main__notes="f", main__find_alt="ctrl+f")
    assert applied == {}
    assert "ctrl+f for main.find_alt is already main.find's key" in told[1]
    assert "f for main.notes is already main.find_alt's key" in told[0]  # in the file's order


def test_reading_and_selecting_keys_may_share_a_key_as_their_defaults_do():
    applied, told = check(article__boilerplate="w")
    assert told == []
    assert applied["article.boilerplate"] == "w"


@pytest.mark.parametrize(
    ("keys", "why"),
    [
        ("ctrl+shift+alt+meta+x", "has more modifiers than a terminal sends"),
        ("esc", "is not a key"),
        ("enterr", "is not a key"),
        ("ctrl+x+y", "is not a key"),
        ("ctrl+A", "is never sent (a capital letter comes as ctrl+shift+a)"),
        ("shift+a", "is never sent (shift with a character comes as the character it types)"),
    ],
)
def test_keys_no_terminal_sends_are_refused(keys, why):
    applied, [told] = check(main__notes=keys)
    assert applied == {}
    assert f"{keys!r} for main.notes {why}" in told
    assert told.endswith("main.notes keeps A")


def test_modifiers_may_come_in_any_order():
    applied, told = check(main__notes="shift+ctrl+n")
    assert told == [] and applied == {"main.notes": "ctrl+shift+n"}


@pytest.mark.parametrize(
    ("binding_id", "keys", "place"),
    [
        ("annotate.save", "enter", "the note dialog"),  # Enter makes a new line there
        ("export.save", "backspace", "the export dialog"),
        ("notes.sort", "left", "the Notes screen"),  # its filter
        ("search.leave", "q", "the search bar"),  # typed into the query
        ("search.leave", "/", "the search bar"),
        # in a dialog the focus is in a field: a character is typed there
        ("annotate.save", "s", "the note dialog"),
        ("annotate.cancel", "x", "the note dialog"),
        ("annotate.save", "space", "the note dialog"),
        ("export.save", "e", "the export dialog"),
        ("add_url.cancel", "Q", "the add-from-URL dialog"),
        ("find.next", "n", "the find bar"),
        ("find.close", "home", "the find bar"),
        ("app.help", "down", "the whole app"),
    ],
)
def test_keys_a_text_field_needs_are_refused_where_one_is(binding_id, keys, place):
    applied, [told] = checked_keymap(Config(keymap={binding_id: keys}))
    assert applied == {}
    assert f"for {binding_id} is needed for typing in {place}" in told


def test_keys_for_typing_are_free_where_nothing_is_typed_and_defaults_stay():
    applied, told = check(
        list__select="enter,o",
        review__open="right",
        find__next="down,ctrl+n",
        notes__sort="o",  # the Notes screen's keys are letters: its filter is left first
        discard__yes="d",
        annotate__save="ctrl+s,f2",
    )
    assert told == []
    assert applied == {
        "list.select": "enter,o",
        "review.open": "right",
        "find.next": "down,ctrl+n",
        "notes.sort": "o",
        "discard.yes": "d",
        "annotate.save": "ctrl+s,f2",
    }


def test_every_table_of_keys_has_its_place():
    assert set(key_tables()) == {table for place in PLACES.values() for table in place.tables}


@pytest.mark.parametrize(
    ("binding_id", "keys", "widget", "place"),
    [
        ("notes.edit", "enter", "the notes table (NotesTable: select_cursor)", "the Notes screen"),
        ("notes.edit", "pagedown", "the notes table (NotesTable: page_down)", "the Notes screen"),
        ("notes.sort", "ctrl+e", "the filter (HandingInput: end)", "the Notes screen"),
        ("related.compare", "enter", "the list (PickList: select)", "the Related list"),
        ("related.compare", "down", "the list (PickList: cursor_down)", "the Related list"),
        ("export.save", "space", "the format (Choice: toggle_button)", "the export dialog"),
        ("annotate.save", "ctrl+z", "the note (TextArea: undo)", "the note dialog"),
        ("review.reveal", "down", "the card (VerticalScroll: scroll_down)", "the Review"),
        ("app.help", "ctrl+home", "the notes table (NotesTable: scroll_top)", "the Notes screen"),
    ],
)
def test_a_key_a_widget_takes_before_the_binding_is_refused_naming_the_widget(
    binding_id, keys, widget, place
):
    applied, [told] = checked_keymap(Config(keymap={binding_id: keys}))
    assert applied == {}
    assert f"{keys} for {binding_id}" in told
    assert f"{widget} takes it first in {place}" in told, told
    assert f"; {binding_id} keeps " in told


def test_a_widget_that_is_its_place_is_named_once():
    _, [told] = check(main__undo="ctrl+k")
    assert "ctrl+k for main.undo never reaches it: the search bar (SearchInput:" in told
    assert "takes it first; main.undo keeps u" in told


def test_enter_is_needed_for_typing_in_the_notes_filter_and_taken_by_the_notes_table():
    _, [told] = check(notes__edit="enter")
    assert "enter for notes.edit is needed for typing in the Notes screen" in told
    assert "the notes table (NotesTable: select_cursor) takes it first" in told


def test_keys_no_widget_takes_and_priority_bindings_stay_free():
    applied, told = check(
        related__compare="ctrl+o",  # the list binds no ctrl+o
        review__open="right",  # the card never scrolls sideways: it passes right on
        notes__close="ctrl+u",  # looked at before the filter, which binds ctrl+u
        find__next="down,ctrl+n",  # the find field passes down on: it has one line
    )
    assert told == []
    assert applied == {
        "related.compare": "ctrl+o",
        "review.open": "right",
        "notes.close": "ctrl+u",
        "find.next": "down,ctrl+n",
    }


def declared(*places: str) -> set[type]:
    """The classes of the widgets the places say take keys in them."""
    return {_widget_class(where) for place in places for _, where in PLACES[place].widgets}


def focusable(screen) -> set[type]:
    return {type(widget) for widget in screen.query("*") if widget.can_focus}


async def test_every_widget_that_can_have_the_focus_is_in_its_place(make_app):
    """The places hold the widgets the screens really have: no key is checked against
    a widget that is not there, none missed for one that is."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        library = declared("main", "sources", "hits", "search", "find", "article")
        assert focusable(app.screen) == library
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        assert focusable(app.screen) == declared("notes")
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert focusable(app.screen) == declared("help")


def test_a_key_of_the_related_list_given_to_the_related_screen_is_refused():
    applied, [told] = check(related__compare="j")
    assert applied == {}
    assert "j for related.compare" in told and "pick.down" in told, told


@pytest.mark.parametrize(
    ("binding_id", "keys", "why"),
    [
        (
            "main.find",
            "ctrl+i",
            "ctrl+i for main.find never arrives: most terminals send it as Tab",
        ),
        (
            "main.find",
            "ctrl+m",
            "ctrl+m for main.find never arrives: most terminals send it as Enter",
        ),
        (
            "main.find",
            "ctrl+[",
            "ctrl+[ for main.find never arrives: most terminals send it as Esc",
        ),
        (
            "main.find",
            "ctrl+h",
            "ctrl+h for main.find never arrives: many terminals send it as Backspace",
        ),
        (
            "annotate.save",
            "ctrl+enter",
            "ctrl+enter for annotate.save never arrives: most terminals send it as Enter",
        ),
        (
            "main.find",
            "ctrl+é",
            "ctrl+é for main.find never arrives: terminals send ctrl only with a letter",
        ),
        ("main.find", "ctrl+1", "ctrl+1 for main.find never arrives: terminals send ctrl only"),
    ],
)
def test_keys_terminals_send_as_another_key_are_refused_and_the_default_kept(binding_id, keys, why):
    applied, [told] = checked_keymap(Config(keymap={binding_id: keys}))
    assert applied == {}
    assert why in told, told
    assert told.endswith(
        f"{binding_id} keeps {key_tables()[binding_id.split('.')[0]][binding_id]['key']}"
    )


@pytest.mark.parametrize(
    ("keys", "why"),
    [
        ("ctrl+k,", "'ctrl+k,' for main.search has an empty key between its commas"),
        ("ctrl+k, ctrl+k", "ctrl+k for main.search is given twice"),
        ("shift+ctrl+k, ctrl+shift+k", "ctrl+shift+k for main.search is given twice"),
    ],
)
def test_an_empty_or_repeated_key_in_an_entry_is_refused(keys, why):
    applied, [told] = check(main__search=keys)
    assert applied == {}
    assert why in told, told
    assert told.endswith("main.search keeps /")


def test_a_save_key_refused_leaves_ctrl_s_saving():
    applied, [told] = check(annotate__save="ctrl+s, ctrl+enter")
    assert applied == {} and told.endswith("annotate.save keeps ctrl+s")


def test_ctrl_with_a_letter_or_a_sign_terminals_send_is_taken():
    applied, told = check(main__find="ctrl+g", main__notes="ctrl+backslash", main__review="ctrl+]")
    assert told == []
    assert applied == {
        "main.find": "ctrl+g",
        "main.notes": "ctrl+backslash",
        "main.review": "ctrl+right_square_bracket",
    }


def test_an_unknown_id_is_told_with_the_help_key_as_bound():
    _, [told] = check(app__help="f2", main__nope="x")
    assert "no binding has the id 'main.nope' (f2 lists them); ignored" in told
