"""The palette's Screenshot saves the screen and says where."""

from __future__ import annotations

import platformdirs

from reader.paths import data_dir
from tests.tui.conftest import Notified, settle, wait_until


async def test_a_screenshot_without_a_downloads_folder_goes_to_the_data_folder(
    make_app, tmp_path, monkeypatch
):
    monkeypatch.setattr(platformdirs, "user_downloads_path", lambda: tmp_path / "no-downloads")
    app = make_app()
    notified = Notified()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        app.deliver_screenshot()
        # Saved in a thread of its own: the toast says where once it is written, or why not.
        said = lambda: any(".svg" in m or "Cannot save" in m for m in notified.messages())  # noqa: E731
        assert await wait_until(pilot, said)
        shots = sorted((data_dir() / "screenshots").glob("*.svg"))
        assert len(shots) == 1 and "<svg" in shots[0].read_text()
        messages = notified.messages()
        assert not any("Failed" in m for m in messages), messages
        assert any(str(shots[0]) in m for m in messages), messages
        # Said in plain words, no markup shown as typed.
        assert f"Saved the screenshot to {shots[0]}" in messages, messages
