"""`python -m reader` starts with the garbage collector off (start-up makes objects that
live as long as the process); every command turns it back on, the app after its first
frame."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from reader import cli

ROOT = Path(__file__).resolve().parents[1]


def test_python_m_reader_loads_its_modules_with_the_collector_off():
    probe = (
        "import gc, runpy, sys; from reader import cli; "
        "cli.main = lambda: print(gc.isenabled()) or 0; "
        "runpy.run_module('reader', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_command_runs_with_the_collector_on(monkeypatch, library, isolated_dirs):
    module = cli.command_module("list")
    seen: list[bool] = []
    monkeypatch.setattr(module, "run", lambda args: seen.append(gc.isenabled()) or 0)
    gc.disable()  # as `python -m reader` leaves it
    try:
        assert cli.main(["list", str(library)]) == 0
    finally:
        gc.enable()
    assert seen == [True]


def test_checking_the_config_runs_with_the_collector_on(monkeypatch, isolated_dirs):
    from reader.cli import config_cmd

    seen: list[bool] = []
    monkeypatch.setattr(config_cmd, "run", lambda: seen.append(gc.isenabled()) or 0)
    gc.disable()
    try:
        assert cli.main(["--check-config"]) == 0
    finally:
        gc.enable()
    assert seen == [True]


def _entry_point() -> str:
    """What the installed `reader` command runs, as pyproject.toml names it."""
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    return scripts["reader"]


def test_the_reader_command_starts_as_python_m_reader_does():
    # The console script imports the module it names and calls the function; reader.cli
    # is loaded first here only so that its main can be replaced by a probe.
    module, _, function = _entry_point().partition(":")
    probe = (
        "import gc, importlib, signal; from reader import cli; "
        "cli.main = lambda: print(gc.isenabled(), "
        "signal.getsignal(signal.SIGTERM) is signal.SIG_DFL) or 0; "
        f"raise SystemExit(getattr(importlib.import_module({module!r}), {function!r})())"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
