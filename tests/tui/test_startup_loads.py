"""Opening the app loads only what its first frame shows: the background work, the find
bar, the note editor and the TOML parser come later, so the window opens sooner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What `reader LIBRARY` has imported when the app is about to start (see cli/app_cmd.py).
_PROBE = """
import json, sys
import reader.cli.app_cmd, reader.tui.app
sys.stdout.write(json.dumps(sorted(sys.modules)))
"""

_LATER = (
    "reader.tui.library_worker",
    "reader.tui.widgets.find_bar",
    "textual.widgets._text_area",  # the note dialog's editor
    "tomllib",
)


def _loaded_at_start() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _keep_parsed_keys() -> None:
    code = "from reader.tui.keys import keep_parsed_copy; keep_parsed_copy()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_the_app_starts_without_the_background_work_find_bar_note_editor_or_toml_parser():
    _keep_parsed_keys()  # as the first start of the app leaves it
    loaded = _loaded_at_start()
    assert [name for name in _LATER if name in loaded] == []


def test_keys_read_back_from_their_parsed_copy_are_the_keys_declared(isolated_dirs):
    import tomllib

    from reader.tui import keys

    declared = tomllib.loads((ROOT / "reader/tui/keys.toml").read_text(encoding="utf-8"))
    _keep_parsed_keys()
    copies = list((isolated_dirs / "cache" / "keys").glob("*.json"))
    assert len(copies) == 1
    assert json.loads(copies[0].read_text(encoding="utf-8")) == declared
    keys._tables.cache_clear()
    try:
        tables, from_copy = keys._tables()
        assert from_copy and tables == declared
        assert [b.id for b in keys.bindings("main")] == list(declared["main"])  # type: ignore[union-attr]
    finally:
        keys._tables.cache_clear()


def test_a_damaged_copy_of_the_keys_is_parsed_again_and_every_key_still_works(isolated_dirs):
    from reader.tui import keys

    _keep_parsed_keys()
    (copy,) = (isolated_dirs / "cache" / "keys").glob("*.json")
    copy.write_text('{"main": ', encoding="utf-8")  # cut short
    keys._tables.cache_clear()
    try:
        tables, from_copy = keys._tables()
        assert not from_copy
        assert "main.search" in tables["main"]
        keys.keep_parsed_copy()  # mended for the next start
        keys._tables.cache_clear()
        assert keys._tables() == (tables, True)
    finally:
        keys._tables.cache_clear()


# The app started, left until idle, then `?`: the modules help needs that were not
# loaded by then (see test_help_imports_nothing_after_start_up).
_HELP_PROBE = """
import asyncio, json, sys
from reader.config import Config
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen
from tests.tui.conftest import settle

async def main():
    app = ReaderApp(sys.argv[1], config=Config(), config_problems=[])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = set(sys.modules)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen), app.screen
        sys.stdout.write(json.dumps(sorted(set(sys.modules) - before)))

asyncio.run(main())
"""


def test_help_imports_nothing_after_start_up(library):
    # Help reading a module first when asked for would read the code installed then:
    # after an upgrade while the app runs, one the keys read at start-up do not fit.
    done = subprocess.run(
        [sys.executable, "-c", _HELP_PROBE, str(library)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded_by_help = json.loads(done.stdout.strip().splitlines()[-1])
    assert [name for name in loaded_by_help if name.startswith("reader.")] == []
