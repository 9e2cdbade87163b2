"""Where `export -o` writes: files made as other programs make them, and what is not a
file (a FIFO, a device, a folder, a socket) never replaced."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import AFP_ID


@pytest.fixture
def export(library, tmp_path):
    """Runs `reader export` of one note (under umask 022) with these arguments."""
    notes = tmp_path / "n"
    base = [sys.executable, "-m", "reader"]
    subprocess.run(
        [*base, "annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach",
         "--notes-dir", str(notes)],
        check=True,
        capture_output=True,
    )  # fmt: skip

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*base, "export", str(library), "--notes-dir", str(notes), *args],
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )

    return run


def test_an_export_into_a_fifo_is_streamed_into_it_and_the_fifo_stays(export, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        got: list[bytes] = []
        reading = threading.Thread(target=lambda got=got: got.append(fifo.read_bytes()))
        reading.daemon = True
        reading.start()
        done = export("-o", str(fifo), *force)
        reading.join(30)
        assert done.returncode == 0, done.stderr
        assert b"Palm Beach" in got[0]
        assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library", "n", "pipe"]


def test_an_export_to_a_character_device_writes_into_it(export):
    # (Never with --force here: run as root on a broken build, it would replace /dev/null.)
    done = export("-o", "/dev/null")
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_export_to_a_folder_says_it_is_a_folder(export, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    for force in ([], ["--force"]):
        done = export("-o", str(folder), *force)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "is a directory" in done.stderr, done.stderr
        assert list(folder.iterdir()) == []


def test_an_export_to_a_socket_is_refused_and_the_socket_stays(export, tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        done = export("-o", str(path), "--force")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr, done.stderr
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_new_export_file_follows_the_umask_and_an_old_one_keeps_its_mode(export, tmp_path):
    new = tmp_path / "new.csv"
    assert export("--format", "csv", "-o", str(new)).returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    new.chmod(0o640)
    assert export("--format", "csv", "-o", str(new), "--force").returncode == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert "Palm Beach" in Path(new).read_text()


def test_files_written_atomically_follow_the_umask_when_new_and_keep_their_mode(tmp_path):
    from reader.infra.atomic import replace_file

    before = os.umask(0o077)
    try:
        replace_file(tmp_path / "private", b"x")
        os.umask(0o022)
        replace_file(tmp_path / "shared", b"x")
        (tmp_path / "private").write_bytes(b"old")
        replace_file(tmp_path / "private", b"new")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o644
    assert (tmp_path / "private").read_bytes() == b"new"


def test_a_new_notes_file_follows_the_umask(library, tmp_path):
    notes = tmp_path / "n"
    subprocess.run(
        [sys.executable, "-m", "reader", "annotate", AFP_ID, "--library", str(library),
         "--quote", "Palm Beach", "--notes-dir", str(notes)],
        check=True,
        capture_output=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    (written,) = [p for p in notes.rglob("*.yaml") if p.is_file()]
    assert stat.S_IMODE(written.stat().st_mode) == 0o644
