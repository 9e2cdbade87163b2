"""Every hint, placeholder, help text and toast that names a key names it as the user's
keymap binds it, not as it is bound by default."""

from __future__ import annotations

from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from reader.config import Config
from reader.model import Article, Block
from reader.tui.article.layout import layout_article
from reader.tui.article.view import ArticleView
from reader.tui.keymap import checked_keymap
from reader.tui.screens.discard import DiscardScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.notes import NotesScreen
from reader.tui.screens.related import RelatedScreen
from reader.tui.screens.review import ReviewScreen
from reader.tui.widgets.key_tables import KeyTables
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle, typed
from tests.tui.test_find_what_is_shown import HARBOUR, count, one_article
from tests.tui.test_note_panel_fits import on_a_note
from tests.tui.test_review_screen import shown


def applied(**keymap: str) -> dict[str, str]:
    """The keymap, given as `main__search="ctrl+k"`, checked to be taken whole."""
    entries = {binding_id.replace("__", "."): keys for binding_id, keys in keymap.items()}
    _, told = checked_keymap(Config(keymap=entries))
    assert told == []
    return entries


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_search_bar_names_the_search_key_as_bound(make_app):
    app = make_app(keymap=applied(main__search="ctrl+k"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        placeholder = app.screen.query_one("#search", Input).placeholder
        assert placeholder.startswith("ctrl+k search"), placeholder
        assert "/ search" not in placeholder


async def test_the_search_bar_names_slash_by_default(make_app):
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#search", Input).placeholder.startswith("/ search: words")


async def test_the_find_bar_names_its_keys_as_bound(make_app):
    keymap = applied(
        article__next_match="m",
        article__previous_match="M",
        find__close="ctrl+g",
        find__next="ctrl+n",
        find__previous="ctrl+t",
    )
    app = make_app(keymap=keymap)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        placeholder = app.screen.query_one("#find-input", Input).placeholder
        assert (
            placeholder
            == "Find in article (Enter: go there, then m/M; ctrl+t/ctrl+n, ctrl+g: close)"
        )


async def test_the_find_count_names_the_boilerplate_key_as_bound(make_app, tmp_path):
    app = make_app(one_article(tmp_path, HARBOUR), keymap=applied(article__boilerplate="ctrl+o"))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "f")
        await typed(pilot, *"ferry")
        assert count(app) == "1/1 · 1 more in folded text (ctrl+o shows them)"


def test_an_article_all_folded_names_the_boilerplate_key_given():
    blocks = [Block("paragraph", 0, 4, boilerplate=True, reason="menu")]
    folded = Article("x/a.md", "x/a.md", "A title", "x", "md", "Menu", blocks, "0" * 64, 0)
    layout = layout_article(folded, "", 80, fold_key="ctrl+o")
    assert [line.label for line in layout.lines if line.kind == "empty"] == [
        "All of this article is folded as boilerplate (ctrl+o shows it)."
    ]


async def test_help_lists_the_keys_as_bound(make_app):
    app = make_app(keymap=applied(main__search="ctrl+k"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _title, rows in app.screen.query_one(KeyTables).rows for row in rows]
        assert ("ctrl+k", "Search", "main.search") in rows
        assert ("/", "Search", "main.search") not in rows


async def test_asking_for_a_note_without_a_selection_names_the_select_keys(make_app):
    app = make_app(keymap=applied(article__select="x", article__select_paragraph="X"))
    async with app.run_test(size=(160, 40)) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "a")
        assert any("first: x, then move (X: the paragraph)" in m for m in messages(app))


async def test_a_note_deleted_names_the_undo_key(make_app):
    app = make_app(keymap=applied(main__undo="U"))
    async with app.run_test(size=(160, 50)) as pilot:
        await on_a_note(pilot, "a note")
        await press_in_turn(pilot, "d")
        await settle(pilot)
        assert "Note deleted. U to undo." in messages(app)


async def test_the_discard_question_names_its_keys(make_app):
    app = make_app(keymap=applied(discard__yes="x", discard__no="o,enter"))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.push_screen(DiscardScreen())
        await settle(pilot)
        text = str(app.screen.query_one("#discard-keys", Static).content)
        assert text == "x discard · o keep it (Enter)", text


async def test_the_line_under_a_story_told_twice_names_its_keys(make_app):
    app = make_app(keymap=applied(main__related="ctrl+r", main__compare="ctrl+o"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        lines = [
            line.replace("\u00a0", " ") for line in app.screen.query_one(ArticleView).plain_lines()
        ]
        assert any("other source: ctrl+r related · ctrl+o compare" in line for line in lines[:5])


async def test_the_related_list_names_its_keys(make_app):
    app = make_app(keymap=applied(related__compare="m", related__close="x"))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "R")
        await settle(pilot)
        assert isinstance(app.screen, RelatedScreen)
        text = str(app.screen.query_one("#related-keys", Static).content)
        assert "m compare side by side" in text and "x close" in text, text


async def test_an_empty_review_names_the_annotate_key(make_app):
    app = make_app(keymap=applied(article__annotate="t"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "D")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "Annotate a passage (t) and it comes here." in shown(pilot, "passage")


async def test_a_key_bar_tooltip_names_the_key_as_bound(make_app):
    app = make_app(keymap=applied(notes__undo="U"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        afp = app.session.article(AFP_ID)
        app.session.annotations.add(afp, 0, 4, note="a note")
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)
        tips = {str(key.tooltip) for key in app.screen.query(FooterKey) if key.action == "delete"}
        assert tips == {"Delete this note (U brings it back)"}
