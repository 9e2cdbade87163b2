"""A word longer than an excerpt, searched from the search bar, is a hit like any other."""

from __future__ import annotations

from pathlib import Path

from reader.tui.widgets.hit_list import HitList
from tests.tui.conftest import press_in_turn, settle, typed, wait_until


async def test_a_prefix_of_a_word_of_20000_letters_lists_its_article_with_the_match_cut(
    make_app, tmp_path
):
    root = Path(tmp_path) / "long-word-library"
    root.mkdir()
    (root / "long.txt").write_text("A long word\n\nBefore it " + "x" * 20_000 + " after.\n")
    (root / "short.txt").write_text("Harbour talks\n\nThe talks ended.\n")
    app = make_app(root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"xxxxxxxxxx*")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        assert [h.id for h in hits.hits] == ["long.txt"]
        assert await wait_until(pilot, lambda: hits.hits[0].snippet is not None)
        [hit] = hits.hits
        assert hit.snippet.startswith("Before it xxx") and len(hit.snippet) <= 162
        assert [set(hit.snippet[s:e]) for s, e in hit.spans] == [{"x"}]
        assert app.is_running
