"""`-o FILE` in a folder that is not there is refused in one line, and no folder is made:
only the folder formats (`obsidian`, `logseq`) make the folder `-o DIR` names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import AFP_ID


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", [["export"], ["review", "--export", "anki"]])
def test_output_in_a_missing_folder_is_refused_and_no_folder_made(library, tmp_path, command):
    lib = str(library)
    assert reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump").returncode == 0
    target = tmp_path / "nowhere" / "deeper" / "notes.md"
    result = reader(*command, "--library", lib, "-o", str(target))
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: error: cannot write {target}: the folder {target.parent} does not exist\n"
    )
    assert not (tmp_path / "nowhere").exists()


def test_output_under_a_file_is_refused(library, tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("kept\n")
    result = reader("export", "--library", str(library), "-o", str(a_file / "notes.md"))
    assert result.returncode == 2
    assert result.stderr == (
        f"reader: error: cannot write {a_file / 'notes.md'}: {a_file} is not a folder\n"
    )
    assert a_file.read_text() == "kept\n"
