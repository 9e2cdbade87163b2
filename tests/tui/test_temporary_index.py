"""No index, and none can be made in the cache: the app builds one for the run and says so."""

from __future__ import annotations

from reader.tui.widgets.source_list import SourceList
from tests.tui.conftest import Notified, settle


async def test_the_app_lists_a_library_whose_cache_cannot_hold_an_index(
    make_app, tmp_path, monkeypatch
):
    blocked = tmp_path / "cache"
    blocked.mkdir()
    (blocked / "index").write_text("a file where the index folder would be")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocked))
    notified = Notified()
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        assert app.screen.query_one(SourceList).article_count == 2
        told = [m for m in notified.messages() if "built for this run" in m]
        assert len(told) == 1, notified.messages()
        # The stories told twice are found all the same (their store beside the index).
        assert not [m for m in notified.messages() if "Related coverage" in m]
        assert app.session.related.story_groups()
