"""An empty library says what to do to fill it: which files to put where, or how to add
articles from the app."""

from __future__ import annotations

from tests.test_hostile import screen_text
from tests.tui.conftest import settle
from tests.tui.test_index_trouble import _meanwhile
from tests.tui.test_rebuild_words import HeldUpdate


def _shown(app) -> str:
    return " ".join(line.strip(" ▕") for line in screen_text(app))


def _tells_how_to_fill(shown: str, root) -> bool:
    return all(
        words in shown
        for words in (f"No articles in {root}", ".txt, .md or .html files", "Add from URL")
    )


async def test_an_empty_library_says_how_to_fill_it_while_indexed_and_after(
    make_app, tmp_path, monkeypatch
):
    empty = tmp_path / "empty"
    empty.mkdir()
    update = HeldUpdate(monkeypatch, armed=True)
    app = make_app(empty)
    async with app.run_test(size=(160, 30)) as pilot:
        assert await _meanwhile(pilot, update.holding.is_set)
        await _meanwhile(pilot, lambda: False, timeout=0.5)
        shown = _shown(app)
        assert _tells_how_to_fill(shown, empty), shown
        update.gate.set()
        await settle(pilot)
        shown = _shown(app)
        assert _tells_how_to_fill(shown, empty), shown
