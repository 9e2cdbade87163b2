"""Text given on the command line in bytes that are not UTF-8 is refused, the option
named, rather than saved or searched for as U+FFFD."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AFP_ID

LONE_SURROGATE = b"\xed\xa0\x80"  # U+D800 encoded: no character
LATIN_1 = b"lat\xe9n"


def reader(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, timeout=120)


def _notes_written() -> list[Path]:
    return list(Path(os.environ["READER_NOTES_DIR"]).rglob("*.yaml"))


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--note", LONE_SURROGATE),
        ("--note", LATIN_1),
        ("--tag", LONE_SURROGATE),
        ("--quote", LATIN_1),
    ],
)
def test_annotate_refuses_text_that_is_not_utf8(library, option, value):
    args = {"--quote": b"Palm Beach", "--note": b"fine", "--tag": b"fine"}
    args[option] = value
    flat = [part for pair in args.items() for part in (pair[0].encode(), pair[1])]
    result = reader("annotate", AFP_ID, "--library", str(library), *flat)
    assert result.returncode == 2
    said = result.stderr.decode("utf-8")
    assert said.count("\n") == 1 and option in said and "UTF-8" in said
    assert result.stdout == b""
    assert _notes_written() == []


def test_search_and_the_note_filters_refuse_text_that_is_not_utf8(library):
    for args in (
        ["search", LATIN_1, "--library", str(library)],
        ["notes", str(library), "--tag", LATIN_1],
        ["export", str(library), "--tag", LONE_SURROGATE],
        ["add", b"https://example.org/" + LATIN_1, "--library", str(library)],
    ):
        result = reader(*args)
        said = result.stderr.decode("utf-8")
        assert result.returncode == 2, (args, said)
        assert said.count("\n") == 1 and "UTF-8" in said, said
