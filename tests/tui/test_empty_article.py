"""An article with no text to show opens on a one-line placeholder, every key is safe on
it, and the app starts again on it (or past it, when an article cannot be shown)."""

from __future__ import annotations

import pytest

from reader.state import LastOpen
from reader.tui.article import background_layout
from reader.tui.article.layout import NO_TEXT
from reader.tui.article.view import ArticleView
from tests.conftest import AFP_ID
from tests.tui.conftest import open_first, press_in_turn, settle, wait_until

SCRIPTS_ONLY = "<html><head><title>Only scripts</title><script>var a=1;</script></head></html>"
NO_TEXT_FILES = [
    ("only-scripts.html", SCRIPTS_ONLY),
    ("front-matter.md", "---\ntitle: Only front matter\n---\n"),
    ("front-matter-then-blank.md", "---\ntitle: Blank body\n---\n\n   \n\n"),
]
# Every kind of key the article pane has: moves, pages, find, select, annotate, notes.
KEYS = [
    *("j", "k", "G", "g", "ctrl+d", "ctrl+u", "space", "end", "home", "b", "b"),
    *("v", "j", "l", "w", "e", ")", "}", "escape", "V", "a", "escape", "h", "escape"),
    *("slash", "x", "enter", "n", "N", "escape", "]", "[", "e", "d", "y", "c"),
]


def write_library(root, name: str, content: str):
    (root / "Empty").mkdir(parents=True, exist_ok=True)
    (root / "Empty" / name).write_text(content)
    return f"Empty/{name}"


def leave_on(root, article_id: str) -> None:
    """The state as an app left it with `article_id` open (indexed, as that app did)."""
    from reader.session import Session

    session = Session(root)
    session.update_index()
    session.state.save_last_open(LastOpen(article_id, 0))
    session.index.close()
    session.state.close()


async def press_everything(pilot) -> None:
    await press_in_turn(pilot, *KEYS)


async def test_an_article_with_no_text_says_so_and_every_key_is_safe_on_it(make_app, tmp_path):
    """One app: each kind of article with no text opened in turn (the first from the list
    with Enter), every key pressed on it."""
    root = tmp_path / "lib"
    ids = [write_library(root, name, content) for name, content in NO_TEXT_FILES]
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first(pilot)
        first = view.article.id
        assert first in ids
        for article_id in [first, *(i for i in ids if i != first)]:
            if article_id != first:
                app.main.open_article(article_id)
                await settle(pilot)
                assert app.focused is view, article_id
            assert view.article.id == article_id
            assert NO_TEXT in view.plain_lines(), article_id
            await press_everything(pilot)
            assert app.is_running and app.screen.query_one(ArticleView) is view, article_id
            assert NO_TEXT in view.plain_lines(), article_id


@pytest.mark.parametrize(("name", "content"), NO_TEXT_FILES)
async def test_the_app_starts_again_on_an_article_with_no_text_read_last(
    make_app, tmp_path, name, content
):
    root = tmp_path / "lib"
    article_id = write_library(root, name, content)
    leave_on(root, article_id)
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        assert await wait_until(pilot, lambda: view.article is not None)
        await settle(pilot)
        assert view.article.id == article_id
        assert NO_TEXT in view.plain_lines()
        await pilot.press("enter")
        await press_everything(pilot)
        assert app.is_running


# Emptied to blanks: a file of no bytes is read the same way ("empty file", see
# test_bad_input), and skipped the same way.
async def test_a_text_file_emptied_since_it_was_read_last_is_skipped_at_start(make_app, library):
    (library / "Notes").mkdir()
    path = library / "Notes" / "draft.txt"
    path.write_text("A draft\n\nSome words to read.\n")
    leave_on(library, "Notes/draft.txt")
    path.write_text("  \n\n \t \n")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        # Not in the library any more, as if deleted: said so, or the first article open.
        if view.article is None:
            assert view.empty_message == "This article is no longer in the library."
        else:
            assert view.article.id == AFP_ID
        await pilot.press("enter")
        await press_everything(pilot)
        assert app.is_running


async def test_an_article_read_last_that_cannot_be_shown_does_not_stop_the_start(
    make_app, library, monkeypatch
):
    leave_on(library, AFP_ID)
    real = background_layout.layout_article

    def failing(article, *args, **kwargs):
        if article.id == AFP_ID:
            raise IndexError("a layout bug")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(background_layout, "layout_article", failing)
    notes: list[str] = []
    app = make_app(library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert await wait_until(pilot, lambda: bool(app._notifications))
        notes = [str(n.message) for n in app._notifications]
        view = app.screen.query_one(ArticleView)
        assert view.article is None
        assert notes == ["Could not show “NATO chief discusses 'global security' with Trump”."]
    assert app.return_code in (0, None)
    # The next start opens none rather than failing again.
    from reader.session import Session

    assert Session(library).last_open() is None
