"""Keeping reader's user directories out of the way: every READER_*_DIR points at temp dirs.

The cache directory (where the warm search index lives) is kept under benchmarks/.cache
so that a second run reuses the indexes of the first; config, data and notes are fresh
for every run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from benchmarks.generator import CACHE

REPO = Path(__file__).resolve().parent.parent


class Sandbox:
    """Temp config/data/notes dirs and a persistent cache dir, exported to os.environ."""

    def __init__(self, cache: Path = CACHE) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="reader-bench-"))
        self.dirs = {
            "READER_CONFIG_DIR": self.tmp / "config",
            "READER_DATA_DIR": self.tmp / "data",
            "READER_NOTES_DIR": self.tmp / "notes",
            "READER_CACHE_DIR": cache / "reader-cache",
        }
        for path in self.dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        self._saved = {k: os.environ.get(k) for k in (*self.dirs, "READER_LIBRARY")}

    def __enter__(self) -> Sandbox:
        os.environ.update({k: str(v) for k, v in self.dirs.items()})
        os.environ.pop("READER_LIBRARY", None)
        return self

    def __exit__(self, *exc: object) -> None:
        for key, value in self._saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(self.tmp, ignore_errors=True)

    def child_env(self, **extra: str) -> dict[str, str]:
        """The environment for a child process: ours, the sandbox, a sane terminal."""
        env = dict(os.environ)
        env.update({k: str(v) for k, v in self.dirs.items()})
        path = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
        env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "PYTHONPATH": path})
        # PYTHONDONTWRITEBYTECODE would have every module of this checkout compiled again
        # at each start (36 ms of CPU for `reader search` at 1k): an installed reader
        # has its bytecode.
        for key in ("TEXTUAL", "TEXTUAL_DEVTOOLS", "NO_COLOR", "READER_LIBRARY"):
            env.pop(key, None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(extra)
        return env

    def scratch(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir(parents=True, exist_ok=True)
        return path
