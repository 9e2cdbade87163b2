"""A reading state file that cannot be written: by chmod, or (for root, whom chmod does not
stop) by opening it read-only, which fails on writes just as SQLite does then."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

import reader.state
from reader.infra import sqlite


def make_read_only(db: Path, monkeypatch: pytest.MonkeyPatch, *, folder: bool = False) -> None:
    """`db` (or, with `folder`, its folder) read-only; restored when the test ends."""
    target = db.parent if folder else db
    mode = stat.S_IMODE(target.stat().st_mode)
    target.chmod(mode & ~0o222)
    if os.access(target, os.W_OK):  # root: chmod does not stop a write
        target.chmod(mode)
        monkeypatch.setattr(reader.state, "_connect", _read_only_connect)


def restore(db: Path, *, folder: bool = False) -> None:
    target = db.parent if folder else db
    target.chmod(stat.S_IMODE(target.stat().st_mode) | 0o200)


def _read_only_connect(path: Path) -> sqlite3.Connection:
    if not path.exists():  # a read-only folder: the file cannot be made
        raise sqlite3.OperationalError("unable to open database file")
    return sqlite.connect(path, sqlite.READ_ONLY, wal=False)
