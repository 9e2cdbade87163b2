"""`reader index` while another process writes the index (the app's update, another
`reader index`): it says at once, in one line, that it waits for the other, then goes on
once the other is done; or, the other going on too long, exits with status 2 and one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Library
from .test_search_while_another_writes import ROOT, TIMEOUT, run, writing


def index_started(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READER_LIBRARY", None)
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "index", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_index_says_at_once_that_it_waits_for_another_update(
    sample: Library, tmp_path: Path, rebuild: bool
):
    assert run(tmp_path, "index", str(sample.root)).returncode == 0
    sample.md("planet/later.md", "Paris by night", "Written after the last update.")
    args = [str(sample.root), *(["--rebuild"] if rebuild else [])]
    with writing(tmp_path):
        process = index_started(tmp_path, *args)
        try:
            said = process.stderr.readline()  # while the other still holds the index
        except BaseException:
            process.kill()
            raise
    out, err = process.communicate(timeout=TIMEOUT)
    assert said == "reader: another process is updating the search index; waiting for it\n"
    assert process.returncode == 0, err
    assert err == ""
    assert "added 1" in out or rebuild


def test_index_gives_up_in_one_line_when_the_other_update_goes_on(sample: Library, tmp_path: Path):
    assert run(tmp_path, "index", str(sample.root)).returncode == 0
    with writing(tmp_path):
        result = run(tmp_path, "index", str(sample.root))
    assert result.returncode == 2
    waiting, gave_up = result.stderr.splitlines()
    assert waiting == "reader: another process is updating the search index; waiting for it"
    assert gave_up.startswith("reader: error: ") and "busy" in gave_up
    assert result.stdout == ""
