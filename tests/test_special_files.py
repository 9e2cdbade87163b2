"""FIFOs, sockets and devices named like articles are skipped by name, never read.

Opening a FIFO waits for a writer and reading a device may never end: any of them in a
library would stop a scan, a command or the app for good. Every command here runs in a
subprocess with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT
from tests.tui.conftest import press_in_turn, wait_until

# name -> what `reader` says about it
SPECIAL = {
    "a.txt": "not a regular file (FIFO)",
    "b.txt": "not a regular file (character device)",  # -> /dev/zero
    "c.txt": "not a regular file (socket)",
    "d.md": "not a regular file (character device)",  # -> /dev/null
}


def make_special(folder: Path) -> None:
    os.mkfifo(folder / "a.txt")
    os.symlink("/dev/zero", folder / "b.txt")
    here = os.getcwd()
    os.chdir(folder)  # a socket path is limited to about 100 bytes: bind a short one
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("c.txt")
    finally:
        os.chdir(here)
    os.symlink("/dev/null", folder / "d.md")


def release(fifo: Path) -> None:
    """Give a reader stuck opening the FIFO its end of file (if the code under test
    regressed), so that it does not outlive the test."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.fixture
def special_library(tmp_path):
    root = tmp_path / "library"
    shutil.copytree(BUNDLED, root)
    make_special(root)
    yield root
    release(root / "a.txt")


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        env=dict(os.environ),
    )


def test_index_and_list_skip_fifos_sockets_and_devices_by_name(special_library):
    done = reader("index", str(special_library))
    assert done.returncode == 0, done.stderr
    assert "2 articles indexed" in done.stdout
    for name, reason in SPECIAL.items():
        assert f"skipped {special_library / name}: {reason}\n" in done.stdout

    listed = reader("list", str(special_library))
    assert listed.returncode == 0, listed.stderr
    assert "NATO chief discusses" in listed.stdout
    assert listed.stderr == f"reader: {len(SPECIAL)} files skipped (reader index lists them)\n"


@pytest.mark.parametrize(
    ("name", "by_id"), [("a.txt", False), ("b.txt", True), ("c.txt", False), ("d.md", True)]
)
def test_show_of_a_fifo_socket_or_device_says_what_it_is(special_library, name, by_id):
    if by_id:
        done = reader("show", "--library", str(special_library), name)
    else:
        done = reader("show", str(special_library / name))
    assert done.returncode == 2
    assert done.stderr == f"reader: error: {special_library / name}: {SPECIAL[name]}\n"


def test_annotate_on_a_fifo_says_it_is_one(special_library):
    done = reader("annotate", str(special_library / "a.txt"), "--quote", "NATO")
    assert done.returncode == 2
    assert done.stderr == f"reader: error: {special_library / 'a.txt'}: not a regular file (FIFO)\n"


def test_a_file_swapped_for_a_fifo_after_the_scan_is_skipped(tmp_path):
    # The scan saw a regular file; by the time it is read, it is a FIFO.
    root = tmp_path / "library"
    root.mkdir()
    (root / "story.txt").write_text("A title\n\nA body sentence.\n")
    script = (
        "import os, sys\n"
        "from reader.ingest.scan import scan\n"
        "from reader.search.records import extract\n"
        "root = sys.argv[1]\n"
        "entries, _ = scan(__import__('pathlib').Path(root))\n"
        "path = os.path.join(root, entries[0].id)\n"
        "os.unlink(path)\n"
        "os.mkfifo(path)\n"
        "print(extract(root, [(path, entries[0][1:], None)])[0].reason)\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(root)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        release(root / "story.txt")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "not a regular file (FIFO)\n"


async def test_app_opens_beside_fifos_sockets_and_devices_and_quits(special_library):
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.source_list import SourceList

    # Should indexing open the FIFO, its worker would wait for ever, and so would the
    # test: after a while, a writer is let in that ends the wait, and the test fails.
    waited = threading.Event()

    def unstick() -> None:
        waited.set()
        release(special_library / "a.txt")

    stuck = threading.Timer(20, unstick)
    stuck.start()
    app = ReaderApp(special_library, config=Config(), config_problems=[])
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            status = app.screen.query_one("#status-progress")
            sources = app.screen.query_one(SourceList)
            assert await wait_until(pilot, lambda: "4 files skipped" in str(status.render()))
            assert sources.article_count == 2
            await press_in_turn(pilot, "q")
            await pilot.pause()
            assert not app.is_running
    finally:
        stuck.cancel()
    assert not waited.is_set(), "indexing waited on the FIFO"
