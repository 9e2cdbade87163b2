"""A notes folder that cannot be read (a regular file in its place) is said in one line
by `reader --check-config`, by the commands that read notes and by the app, never taken
for a folder with no notes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.config import Config
from reader.paths import config_file
from reader.tui.app import ReaderApp
from tests.tui.conftest import Notified, settle


def reader(*args: str, notes_dir: str | None = None) -> subprocess.CompletedProcess[str]:
    """`reader ARGS` with $READER_NOTES_DIR set to `notes_dir`, or not set."""
    env = {k: v for k, v in os.environ.items() if k != "READER_NOTES_DIR"}
    if notes_dir is not None:
        env["READER_NOTES_DIR"] = notes_dir
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture
def a_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a folder\n")
    return path


def write_config(text: str):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_check_config_names_a_notes_dir_that_is_a_file(a_file):
    path = write_config(f"text_width: 72\nnotes_dir: {a_file}\n")
    result = reader("--check-config")
    assert result.returncode == 1, result.stderr
    assert result.stdout == f"{path}:2: notes folder cannot be read: {a_file} is not a folder\n"


def test_check_config_names_a_notes_dir_from_the_environment_that_is_a_file(a_file):
    path = write_config("text_width: 72\n")
    result = reader("--check-config", notes_dir=str(a_file))
    assert result.returncode == 1, result.stderr
    assert result.stdout == (
        f"$READER_NOTES_DIR: notes folder cannot be read: {a_file} is not a folder\n"
    )
    assert str(path) not in result.stdout


def test_a_notes_dir_not_made_yet_is_no_problem(tmp_path):
    write_config(f"notes_dir: {tmp_path / 'notes' / 'new'}\n")
    assert reader("--check-config").returncode == 0


@pytest.mark.parametrize("given", ["config", "environment", "option"])
def test_notes_fails_on_a_notes_dir_that_is_a_file(library, a_file, given):
    write_config(f"notes_dir: {a_file}\n" if given == "config" else "")
    env = str(a_file) if given == "environment" else None
    option = ["--notes-dir", str(a_file)] if given == "option" else []
    result = reader("notes", "--library", str(library), *option, notes_dir=env)
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: error: notes folder cannot be read: {a_file} is not a folder\n"
    )
    assert result.stdout == ""


async def test_the_app_says_its_notes_dir_cannot_be_read(library, a_file):
    app = ReaderApp(library, config=Config(), config_problems=[], notes_dir=a_file)
    told = Notified()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await settle(pilot)
        said = [m for m in told.messages() if "folder cannot be read" in m]
        assert said == [f"Notes folder cannot be read: {a_file} is not a folder"]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "markdown"],
        ["annotate", "AFP/nato-chief-discusses-global-security.txt", "--quote", "NATO"],
        ["review", "--stats"],
    ],
)
def test_commands_that_read_or_write_notes_fail_on_a_notes_dir_that_is_a_file(
    library, a_file, command
):
    result = reader(*command, "--library", str(library), notes_dir=str(a_file))
    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith(
        f"reader: error: notes folder cannot be read: {a_file} is not a folder\n"
    )


def test_search_warns_of_a_notes_dir_that_is_a_file_and_searches_the_articles(library, a_file):
    result = reader("search", "nato", "--library", str(library), notes_dir=str(a_file))
    assert result.returncode == 0, result.stderr
    assert f"reader: warning: notes folder cannot be read: {a_file} is not a folder" in (
        result.stderr
    )
    assert result.stdout.strip()
