"""A Japanese word typed in the search bar finds the article whose sentence holds it."""

from __future__ import annotations

from pathlib import Path

from reader.tui.article.view import ArticleView
from reader.tui.widgets.hit_list import HitList
from tests.tui.conftest import press_in_turn, settle, typed, wait_until


async def test_a_japanese_word_typed_in_the_search_bar_is_found_and_opened(make_app, tmp_path):
    root = Path(tmp_path) / "cjk-library"
    (root / "asahi").mkdir(parents=True)
    (root / "asahi" / "kaigi.txt").write_text(
        "会議の記録\n\n東京で会議が開かれた。重要な決定があった。\n", encoding="utf-8"
    )
    (root / "wire").mkdir()
    (root / "wire" / "talks.txt").write_text("Harbour talks\n\nThe talks ended.\n")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"重要")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        assert [h.id for h in hits.hits] == ["asahi/kaigi.txt"]
        assert await wait_until(pilot, lambda: hits.hits[0].snippet is not None)
        [hit] = hits.hits
        assert [hit.snippet[s:e] for s, e in hit.spans] == ["重要"]
        await press_in_turn(pilot, "down", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        start, end = view.matches[view.current_match]
        assert view.article.text[start:end] == "重要"
