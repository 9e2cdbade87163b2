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
