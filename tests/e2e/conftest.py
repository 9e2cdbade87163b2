"""End-to-end tests: the real `reader` command in a real terminal (tmux).

Every test gets its own tmux server (a unique `-L` socket) and its own config, data,
cache and notes directories, so they run in parallel; the server is always killed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED
from tests.e2e.terminal import TMUX, Terminal

SKIP_REASON = "tmux is not installed: the end-to-end tests drive reader in a tmux pane"


@pytest.fixture
def home(tmp_path) -> Path:
    """A fresh HOME holding config, data, cache and notes dirs of one user."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def e2e_library(tmp_path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def term() -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip(SKIP_REASON)
    terminal = Terminal(width=100, height=30)
    try:
        yield terminal
    finally:
        terminal.kill()
