"""`reader search` speaks the app's query language: note filters, notes' words, leading -."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.session import Session
from tests.conftest import AFP_ID, BUNDLED, OTHER_ID

from .conftest import sentence

ROOT = Path(__file__).resolve().parents[2]
GARDEN_ID = "Gardens/tomatoes.txt"


def reader(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture
def noted(tmp_path: Path) -> Path:
    """The bundled library, an article without NATO in it, and a note made with the CLI."""
    root = tmp_path / "library"
    shutil.copytree(BUNDLED, root)
    (root / "Gardens").mkdir()
    (root / GARDEN_ID).write_text(
        "Growing tomatoes on a balcony\n\n" + sentence("tomatoes", "basil") + "\n"
    )
    made = reader(
        "annotate", AFP_ID, "--library", str(root), "--quote", "Palm Beach",
        "--note", "Mar-a-Lago is nearby", "--tag", "florida",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return root


def cli_ids(root: Path, *query: str) -> list[str]:
    result = reader("search", "--json", "--limit", "50", *query, str(root))
    assert result.returncode == 0, result.stderr
    return [hit["id"] for hit in json.loads(result.stdout)]


def session_ids(root: Path, query: str) -> list[str]:
    session = Session(root, notes_dir=Path(os.environ["READER_NOTES_DIR"]))
    try:
        session.update_index()
        return [hit.id for hit in session.search(query, limit=50).hits]
    finally:
        session.index.close()


def test_search_command_filters_by_tag_like_the_app(noted: Path):
    assert cli_ids(noted, "tag:florida") == [AFP_ID] == session_ids(noted, "tag:florida")


def test_search_command_takes_a_query_starting_with_a_dash(noted: Path):
    result = reader("search", "-has:notes", str(noted))
    assert result.returncode == 0, result.stderr
    assert "usage" not in result.stdout
    assert OTHER_ID in result.stdout and GARDEN_ID in result.stdout
    assert AFP_ID not in result.stdout
    assert cli_ids(noted, "-has:notes") == session_ids(noted, "-has:notes")


def test_search_command_takes_a_dashed_query_after_double_dash(noted: Path):
    result = reader("search", "--json", "--", "-nato", str(noted))
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [GARDEN_ID]


def test_search_command_finds_words_only_in_a_note(noted: Path):
    result = reader("search", "lago", str(noted))
    assert result.returncode == 0, result.stderr
    assert AFP_ID in result.stdout
    assert "✎ note: Mar-a-Lago is nearby" in result.stdout
    assert cli_ids(noted, "lago") == session_ids(noted, "lago")


def test_search_command_hits_are_the_apps_hits(noted: Path):
    for query in ("-tag:florida", "has:notes", "-nato", "trump -tag:florida", "is:unread"):
        assert cli_ids(noted, "--", query) == session_ids(noted, query), query


def test_an_unknown_long_option_is_still_a_usage_error(noted: Path):
    result = reader("search", "--jsno", "nato", str(noted))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--jsno" in result.stderr


def test_help_still_works_with_h(noted: Path):
    result = reader("search", "-h")
    assert result.returncode == 0
    assert "QUERY" in result.stdout


def test_search_command_takes_options_after_the_library(noted: Path):
    result = reader("search", "-nato", str(noted), "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [GARDEN_ID]
    result = reader("search", "tomatoes", str(noted), "--json")
    assert [hit["id"] for hit in json.loads(result.stdout)] == [GARDEN_ID]
