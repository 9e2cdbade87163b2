"""A drag over a screen of Chinese: each step paints again only the rows whose part of
the selection changed (a line of Chinese is forty segments to paint, each character its
own), and what is drawn is what a fresh paint draws."""

from __future__ import annotations

from pathlib import Path

from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.article import view as view_module
from reader.tui.article.view import ArticleView
from tests.tui.conftest import settle

LINE = "東京で会議が開かれた。日本語のテキストです。北大西洋条約機構の事務総長は語った。"


def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "CJK").mkdir(parents=True)
    text = "中文\n\n" + "\n\n".join(LINE * 3 for _ in range(30)) + "\n"
    (root / "CJK" / "zh.txt").write_text(text, encoding="utf-8")
    return root


def drawn(view: ArticleView) -> list[str]:
    """Each row's segments and their styles, as the view draws them now."""
    height = view.scrollable_content_region.height
    return [repr(list(view.render_line(y))) for y in range(height)]


async def test_a_drag_step_paints_again_only_the_rows_it_changes(tmp_path, monkeypatch):
    app = ReaderApp(library(tmp_path), config=Config(), config_problems=[])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.main.open_article("CJK/zh.txt")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        region = view.scrollable_content_region
        x = region.x + 6
        painted: list[int] = []
        real = view_module.paint_line

        def counted(*args, **kwargs):
            painted.append(kwargs["row"])
            return real(*args, **kwargs)

        monkeypatch.setattr(view_module, "paint_line", counted)
        await pilot.mouse_down(offset=(x, region.y + 4))
        for y in range(region.y + 5, region.y + 15):
            await pilot.hover(offset=(x, y))
            await settle(pilot)
        painted.clear()
        await pilot.hover(offset=(x + 4, region.y + 15))
        await settle(pilot)
        # The row the drag ends on, and the one it left: not the screen.
        assert view.selected_span() is not None
        assert 1 <= len(set(painted)) <= 3, sorted(set(painted))
        # Back up a few rows: what is drawn is what a fresh paint draws.
        await pilot.hover(offset=(x + 2, region.y + 9))
        await settle(pilot)
        await pilot.mouse_up(offset=(x + 2, region.y + 9))
        await settle(pilot)
        shown = drawn(view)
        view._invalidate()
        assert drawn(view) == shown
