"""`V` selects the paragraph at the cursor: in a table, the row (a line of its own on
screen), not the whole table; in a list, the item. `{` and `}` go a row at a time there."""

from __future__ import annotations

from pathlib import Path

from reader.tui.article.view import ArticleView
from tests.tui.conftest import open_first, press_in_turn

ARTICLE = """# Prices

Fruit on the market today.

| Fruit | Price |
|---|---|
| apple | 1 |
| pear | 2 |
| plum | 3 |

- first item
- second item
  - nested item

That is all.
"""


def selected(view: ArticleView) -> str:
    start, end = view.selection_offsets(view.text_selection)
    return view.article.text[start:end]


def cursor_text(view: ArticleView) -> str:
    return view.article.text[view.cursor :].split("\n", 1)[0]


async def down_to(pilot, view: ArticleView, words: str) -> None:
    for _ in range(20):
        if cursor_text(view).startswith(words):
            return
        await press_in_turn(pilot, "j")
    raise AssertionError(f"no line starts with {words!r}")


def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "Market").mkdir(parents=True)
    (root / "Market" / "prices.md").write_text(ARTICLE)
    return root


async def test_V_in_a_table_selects_the_row_and_braces_go_row_by_row(make_app, tmp_path):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await down_to(pilot, view, "pear")
        await press_in_turn(pilot, "V")
        assert selected(view).split() == ["pear", "│", "2"]
        await press_in_turn(pilot, "right_curly_bracket")
        assert selected(view).split() == ["pear", "│", "2", "plum", "│", "3"]


async def test_V_in_a_list_selects_the_item(make_app, tmp_path):
    app = make_app(library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_first(pilot)
        await down_to(pilot, view, "second item")
        await press_in_turn(pilot, "V")
        assert selected(view) == "second item"
