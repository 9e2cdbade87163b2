"""While stories are grouped in the background, the status line says how far it is."""

from __future__ import annotations

import re
import shutil

from reader.tui.widgets.status_line import StatusLine
from tests.tui.conftest import settle, wait_until


async def test_status_line_shows_story_grouping_progress_then_what_it_said(
    make_app, library, monkeypatch
):
    shown: list[str] = []
    real = StatusLine._show

    def recording(self, text: str, *shorter: str, **how: int) -> None:
        shown.append(text)
        real(self, text, *shorter, **how)

    monkeypatch.setattr(StatusLine, "_show", recording)
    # A second copy of the seed story arrives: the grouping has work to do.
    afp = next((library / "AFP").glob("*.txt"))
    (library / "Daily Mirror").mkdir()
    shutil.copy(afp, library / "Daily Mirror" / afp.name)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one("SourceList")
        assert await wait_until(pilot, lambda: bool(sources.story_sources), timeout=30)
        await settle(pilot)
        grouping = [t for t in shown if t.startswith("Grouping stories")]
        assert grouping, shown
        assert all(re.fullmatch(r"Grouping stories… \d{1,3}%", t) for t in grouping)
        percents = [int(t.split()[-1][:-1]) for t in grouping]
        assert percents == sorted(percents) and percents[-1] == 100
        # Once grouped, the line says again what it said before (the index's news).
        status = str(app.screen.query_one("#status-progress").render())
        assert status.startswith("Indexed") or status.startswith("Index up to date")
