"""A FIFO (or a link to a terminal) where reader reads a file of its own: a notes file,
the notes lock, a note kept aside unsaved, the config file.

Each is opened without waiting and checked once open: it is named in one line, never
read and never replaced, and the rest works. Every command runs in a subprocess with a
timeout, and the app test lets a writer in after a while, so a regression fails the
test instead of hanging the suite.
"""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AFP_ID, OTHER_ID, ROOT

FIFO = "not a regular file (FIFO)"


def release(fifo: Path) -> None:
    """Give a reader stuck opening the FIFO its end of file (should the code under test
    wait on it), so that it does not outlive the test."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        env=dict(os.environ),
    )


def is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(os.lstat(path).st_mode)


@pytest.fixture
def notes(tmp_path):
    where = tmp_path / "notes"
    where.mkdir()
    yield where
    for path in where.rglob("*"):
        if is_fifo(path):
            release(path)


def annotate(library: Path, notes: Path, article_id: str, note: str) -> subprocess.CompletedProcess:
    return reader(
        "annotate", "--library", str(library), "--notes-dir", str(notes), article_id,
        "--quote", "NATO", "--note", note,
    )  # fmt: skip


def fifo_notes_file(notes: Path, article_id: str) -> Path:
    path = notes / (article_id + ".yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def test_annotate_names_a_fifo_standing_as_the_notes_file_and_leaves_it(library, notes):
    fifo = fifo_notes_file(notes, AFP_ID)
    done = annotate(library, notes, AFP_ID, "kept")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert str(fifo) in done.stderr and FIFO in done.stderr
    assert is_fifo(fifo)


@pytest.mark.parametrize("command", ["notes", "export"])
def test_notes_and_export_name_a_fifo_notes_file_and_show_the_others(library, notes, command):
    assert annotate(library, notes, OTHER_ID, "the other one").returncode == 0
    fifo = fifo_notes_file(notes, AFP_ID)
    done = reader(command, str(library), "--notes-dir", str(notes))
    assert done.returncode == 2, done.stderr  # (as grep, for notes it could not read)
    assert "the other one" in done.stdout
    [line] = done.stderr.splitlines()
    assert str(fifo) in line and FIFO in line
    assert is_fifo(fifo)


@pytest.mark.parametrize("kind", ["FIFO", "link to a terminal"])
def test_annotate_names_a_lock_that_is_not_a_file_and_leaves_it(library, notes, kind):
    lock = notes / ".reader.lock"
    if kind == "FIFO":
        os.mkfifo(lock)
        done = annotate(library, notes, AFP_ID, "kept")
    else:
        # A terminal that opens (/dev/tty does not without a controlling terminal).
        leader, follower = os.openpty()
        os.symlink(os.ttyname(follower), lock)
        try:
            done = annotate(library, notes, AFP_ID, "kept")
        finally:
            os.close(leader)
            os.close(follower)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert str(lock) in done.stderr and "not a regular file" in done.stderr
    assert is_fifo(lock) if kind == "FIFO" else lock.is_symlink()
    assert not (notes / (AFP_ID + ".yaml")).exists()


def test_a_fifo_among_notes_kept_unsaved_is_named_and_the_others_are_saved(library, notes):
    assert annotate(library, notes, OTHER_ID, "saved").returncode == 0
    aside = notes / ".unsaved" / "Unattributed"
    aside.mkdir(parents=True)
    kept = aside / "nato-chief-meets-trump.txt.note.yml"
    (notes / (OTHER_ID + ".yaml")).rename(kept)
    fifo = notes / ".unsaved" / "AFP" / "story.txt.note.yml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    script = (
        "import sys\n"
        "from reader.notes.store import NotesStore\n"
        "from reader.notes.unsaved import retry_unsaved\n"
        "result = retry_unsaved(NotesStore(sys.argv[1]))\n"
        "print(result.saved, result.problems)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(notes)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"[{OTHER_ID!r}] ")
    assert str(fifo) in done.stdout and FIFO in done.stdout
    assert (notes / (OTHER_ID + ".yaml")).is_file() and not kept.exists()
    assert is_fifo(fifo)


@pytest.fixture
def fifo_config():
    from reader.paths import config_file

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    yield path
    release(path)


def test_a_fifo_as_the_config_file_is_named_and_defaults_are_used(fifo_config):
    done = reader("show", AFP_ID)  # the library is the config's, else the bundled one
    assert done.returncode == 0, done.stderr
    assert "NATO" in done.stdout
    assert done.stderr == f"reader: config: {fifo_config}: {FIFO}; using defaults\n"
    assert is_fifo(fifo_config)


def test_saving_the_theme_leaves_a_fifo_config_alone(fifo_config):
    script = (
        "from reader.config import save_theme\n"
        "from reader.errors import ConfigError\n"
        "try:\n"
        "    save_theme('nord')\n"
        "except ConfigError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert str(fifo_config) in done.stdout and "not a regular file (FIFO)" in done.stdout
    assert is_fifo(fifo_config)


# The app, run in a process of its own so that a wait on a FIFO fails the test (by the
# timeout) instead of stopping the suite: it prints its messages and the note panel.
APP = """
import asyncio, sys
from pathlib import Path
from reader.config import load_config
from reader.tui.app import ReaderApp
from tests.tui.conftest import settle

async def main():
    config, problems = load_config()  # as the command line does, once
    app = ReaderApp(Path(sys.argv[1]), config=config, config_problems=problems)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        print("opened:", app.screen.query_one("ArticleView").article.id)
        for notification in app._notifications:
            print("message:", notification.message)
        print("panel:", str(app.screen.query_one("#note-panel").render()).replace("\\n", " "))

asyncio.run(main())
"""


def test_app_names_a_fifo_config_and_notes_file_and_opens_the_article(library, fifo_config):
    fifo = fifo_notes_file(Path(os.environ["READER_NOTES_DIR"]), AFP_ID)
    try:
        done = subprocess.run(
            [sys.executable, "-c", APP, str(library)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        release(fifo)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"opened: {AFP_ID}" in lines
    assert f"message: {fifo_config}: {FIFO}; using defaults" in lines
    [panel] = [line for line in lines if line.startswith("panel:")]
    assert str(fifo) in panel and FIFO in panel
    assert is_fifo(fifo)


def test_export_beside_a_fifo_named_like_its_temp_file_writes_and_leaves_it(
    library, notes, tmp_path
):
    # The temp files of a killed export are cleaned up by the next one: a FIFO with such
    # a name is not one of them.
    assert annotate(library, notes, OTHER_ID, "exported").returncode == 0
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    fifo = out.parent / ".notes.md.0123456789abcdef.tmp"
    os.mkfifo(fifo)
    try:
        done = reader("export", str(library), "--notes-dir", str(notes), "-o", str(out))
    finally:
        release(fifo)
    assert done.returncode == 0, done.stderr
    assert "exported" in out.read_text()
    assert is_fifo(fifo)
