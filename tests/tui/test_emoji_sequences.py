"""Emoji sequences (a ZWJ family, a flag, skin tones) take the two cells a terminal draws
them in, the same when lines are wrapped and when they are painted: no line is cut inside
one, and no style splits one, so every painted line is exactly the pane's width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.config import Config
from reader.text.graphemes import is_boundary
from reader.tui.app import ReaderApp
from reader.tui.article.view import ArticleView
from tests.tui.conftest import press_in_turn, settle, typed

FAMILY = "👨‍👩‍👧"
RAINBOW = "🏳️‍🌈"
THUMBS = "👍🏽"
CODER = "👩🏾‍💻"
ARTICLE_ID = "E/emoji.txt"


@pytest.fixture
def emoji_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "E").mkdir(parents=True)
    (root / "E" / "emoji.txt").write_text(
        "Emoji sequences\n\n"
        f"The family {FAMILY} went out, waving the flag {RAINBOW} and giving a thumbs up "
        f"{THUMBS} to all; the French flag 🇫🇷 too, and a woman {CODER} coding all day.\n\n"
        + FAMILY * 40
        + "\n\n"
        + (RAINBOW + THUMBS + CODER) * 20
        + "\n\nThe end of the article, with ordinary words and nothing else in it at all.\n"
    )
    return root


def check_painted(view: ArticleView) -> list[str]:
    """Every painted row: exactly the pane's width in cells, counted segment by segment as
    the screen is composed and as a whole as the terminal draws it; its text."""
    width = view.scrollable_content_region.width
    rows = []
    for y in range(view.size.height):
        strip = view.render_line(y)
        segments = list(strip)
        text = "".join(segment.text for segment in segments)
        assert strip.cell_length == width, (y, text)
        assert sum(cell_len(segment.text) for segment in segments) == width, (y, text)
        assert cell_len(text) == width, (y, text)
        rows.append(text)
    return rows


def check_lines(view: ArticleView) -> None:
    """No laid-out line starts or ends inside an emoji sequence; long runs fill the line."""
    assert view.article is not None and view._layout is not None
    text = view.article.text
    width = view._layout.width  # the measure lines are wrapped at
    lines = [line for line in view._layout.lines if line.is_text]
    for line in lines:
        assert is_boundary(text, line.start) and is_boundary(text, line.end), text[
            line.start : line.end
        ]
    runs = [line for line in lines if text[line.start : line.end].startswith(FAMILY * 3)]
    assert len(runs) > 1
    for line in runs[:-1]:  # every line of the run but the last is full
        assert cell_len(text[line.start : line.end]) >= width - 1


@pytest.mark.parametrize("size", [(120, 40), (61, 40)])
async def test_emoji_sequences_take_two_cells_when_wrapped_and_painted(emoji_library, size):
    app = ReaderApp(emoji_library, config=Config(), config_problems=[])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.main.open_article(ARTICLE_ID)
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        check_lines(view)
        rows = check_painted(view)
        assert any(FAMILY * 3 in row for row in rows)


async def test_a_caret_a_selection_and_a_match_on_emoji_sequences_paint_whole_cells(
    emoji_library,
):
    app = ReaderApp(emoji_library, config=Config(), config_problems=[])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.main.open_article(ARTICLE_ID)
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        view.focus()
        await press_in_turn(pilot, "v", "j", "j", "w")  # a caret and a selection, on emoji lines
        await settle(pilot)
        check_painted(view)
        for step in ("l", "l", "j", "l"):
            await press_in_turn(pilot, step)
            await settle(pilot)
            check_painted(view)
        await press_in_turn(pilot, "escape", "ctrl+f")
        await typed(pilot, *"👩")  # found inside the family
        await settle(pilot)
        check_painted(view)
