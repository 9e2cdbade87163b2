"""Shared fixtures: every test runs with its own config, data and cache directories."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from tests.bytecode import put_loaded

# Properties are about results, never time: a loaded machine (CI on two cores) must not
# fail a test because one example ran past Hypothesis's default deadline.
settings.register_profile("reader", deadline=None)
settings.load_profile("reader")

# A full collection walks every object the test process holds: Textual's caches of the
# apps of earlier tests (bounded, but hundreds of thousands of objects), the test modules.
# At Python's default pace, about one a test, it took a quarter of an app test's time.
# Ten times rarer, a test holds a little more garbage for a while; no test counts on
# when a cycle is freed (the app's own collector hold is tested where it is set).
FULL_COLLECTION_EVERY = 100  # collections of the middle generation (Python's default: 10)


def pytest_collection_finish(session) -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config) -> None:
    """Bytecode, once, in a folder of its own for this run, for every `reader` the tests
    start: where bytecode is not written (PYTHONDONTWRITEBYTECODE, as the terminal tests
    set it), each one compiled every module of reader it imports anew, a tenth of a
    second of CPU each, thousands of times. The source tree is left as it is."""
    if hasattr(config, "workerinput") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return  # (a worker has the controller's; a folder of the caller's is kept)
    prefix = tempfile.mkdtemp(prefix="reader-tests-bytecode-")
    config.add_cleanup(lambda: shutil.rmtree(prefix, ignore_errors=True))
    made = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bytecode.py"), prefix],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if made.returncode == 0:  # (else each process compiles what it imports, as before)
        put_loaded(prefix)  # (pytest's and its plugins', for the workers)
        os.environ["PYTHONPYCACHEPREFIX"] = prefix


BUNDLED = ROOT / "articles"
AFP_ID = "AFP/nato-chief-discusses-global-security.txt"
OTHER_ID = "Unattributed/nato-chief-meets-trump.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Point the user config, data, cache and notes dirs at a fresh temp folder."""
    base = tmp_path_factory.mktemp("home")
    for name in ("CONFIG", "DATA", "CACHE"):
        monkeypatch.setenv(f"READER_{name}_DIR", str(base / name.lower()))
    monkeypatch.setenv("READER_NOTES_DIR", str(base / "notes"))
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    # The app paints as on a terminal of full colour, whatever terminal runs the tests
    # (a few colours have notes in colours of their own).
    monkeypatch.setenv("COLORTERM", "truecolor")
    return base


@pytest.fixture
def library(tmp_path) -> Path:
    """A copy of the bundled library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(BUNDLED, target)
    return target


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    return env


def replaced_keeping_times(path: Path, old: str, new: str, *, in_place: bool = False) -> None:
    """Replace `old` by `new` (of the same length) in a file, and put its times back, as
    `rsync -t`, `cp -p` or an editor restoring them leaves it: the same size and
    modification time, only its inode (a new file renamed over it) or, in place, its
    change time tell it changed."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text and len(old.encode()) == len(new.encode())
    text = text.replace(old, new)
    if in_place:
        path.write_text(text, encoding="utf-8")
    else:
        written = path.with_name(f".{path.name}.new")  # (hidden: not in the library)
        written.write_text(text, encoding="utf-8")
        os.replace(written, path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
