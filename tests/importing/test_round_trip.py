"""A round trip: notes exported for Hypothesis and imported into a fresh notes folder are
the same notes (article, passage, note, tags), placed exactly, and a second import adds
nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTES = [
    ("Science/tides.txt", "the Moon pulls on the oceans of the Earth", "Why twice?", ["physics"]),
    ("Science/tides.txt", "the shore is bare at low tide", "", ["coast", "tides"]),
    ("History/printing.txt", None, "Check the date", []),
]


def reader(*args: object, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done


def notes_of(lib: Path, env: dict[str, str]) -> list[tuple]:
    listed = json.loads(reader("notes", lib, "--json", env=env).stdout)
    return sorted(
        (n["article"], n["quote"], n["note"], tuple(n["tags"]), n["status"]) for n in listed
    )


def test_hypothesis_export_imported_into_a_fresh_notes_folder_gives_back_the_same_notes(
    lib, tmp_path
):
    env = {**os.environ, "READER_CONFIG_DIR": str(tmp_path / "config"), "READER_LIBRARY": str(lib)}
    first = {**env, "READER_NOTES_DIR": str(tmp_path / "notes-a")}
    second = {**env, "READER_NOTES_DIR": str(tmp_path / "notes-b")}
    for path, quote, note, tags in NOTES:
        if quote is None:  # a passage of the second article: its first sentence's start
            quote = (lib / path).read_text().split("\n\n")[1][:40]
        args = ["annotate", path, "--quote", quote, "--note", note]
        for tag in tags:
            args += ["--tag", tag]
        reader(*args, env=first)
    exported = tmp_path / "hypothesis.json"
    reader("export", lib, "--format", "hypothesis", "-o", exported, env=first)

    done = reader("import", exported, "--library", lib, env=second)
    assert "notes placed: 3 exactly, 0 fuzzily" in done.stdout

    before, after = notes_of(lib, first), notes_of(lib, second)
    assert len(before) == 3
    assert after == before
    assert {status for *_, status in after} == {"exact"}

    again = reader("import", exported, "--library", lib, env=second)
    assert "skipped, already in the library: 0 articles, 0 links, 3 notes" in again.stdout
    assert notes_of(lib, second) == before


def annotated(lib: Path, env: dict[str, str]) -> None:
    for path, quote, note, tags in NOTES:
        if quote is None:
            quote = (lib / path).read_text().split("\n\n")[1][:40]
        args = ["annotate", path, "--quote", quote, "--note", note]
        for tag in tags:
            args += ["--tag", tag]
        reader(*args, env=env)


@pytest.mark.parametrize(
    "fmt, name", [("hypothesis", "h.json"), ("readwise", "r.csv"), ("koreader", "k.json")]
)
def test_importing_an_export_back_into_its_own_notes_adds_nothing(lib, tmp_path, fmt, name):
    env = {
        **os.environ,
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "READER_LIBRARY": str(lib),
        "READER_NOTES_DIR": str(tmp_path / "notes"),
    }
    annotated(lib, env)
    before = notes_of(lib, env)
    exported = tmp_path / name
    reader("export", lib, "--format", fmt, "-o", exported, env=env)
    for _ in range(2):
        done = reader("import", exported, "--library", lib, env=env)
        assert "skipped, already in the library: 0 articles, 0 links, 3 notes" in done.stdout
        assert "notes placed: 0 exactly, 0 fuzzily" in done.stdout
        assert notes_of(lib, env) == before


def test_readwise_export_imported_into_a_fresh_notes_folder_keeps_notes_and_tags(lib, tmp_path):
    env = {**os.environ, "READER_CONFIG_DIR": str(tmp_path / "config"), "READER_LIBRARY": str(lib)}
    first = {**env, "READER_NOTES_DIR": str(tmp_path / "notes-a")}
    second = {**env, "READER_NOTES_DIR": str(tmp_path / "notes-b")}
    annotated(lib, first)
    exported = tmp_path / "readwise.csv"
    reader("export", lib, "--format", "readwise", "-o", exported, env=first)
    reader("import", exported, "--library", lib, env=second)
    assert notes_of(lib, second) == notes_of(lib, first)
