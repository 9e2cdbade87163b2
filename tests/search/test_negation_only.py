"""A query made only of exclusions (`-word`, `-tag:x`, `-has:notes`, `-source:x`) lists
every article but those it leaves out, in the library's order."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search.listing import ID
from reader.session import Session

from .conftest import Library, sentence

ROOT = Path(__file__).resolve().parents[2]
WORDS = [
    "harbour", "cranes", "volcano", "espresso", "paris", "tomatoes", "trains", "the",
    "committee", "lago", "draft", "planet", "reuters", "zeppelin", "café", "caf", "rise",
]  # fmt: skip


@pytest.fixture
def library(lib: Library) -> Library:
    """Articles from several sources and dates, some undated."""
    lib.md("planet/cafe.md", "Café culture in Paris", sentence("café espresso paris"),
           source='"Daily Planet"', date="2023-05-02")  # fmt: skip
    lib.md("planet/harbour.md", "Harbour cranes return", sentence("harbour cranes"),
           source='"Daily Planet"', date="2024-02-10")  # fmt: skip
    lib.md("wire/volcano.md", "Volcano wakes up", sentence("volcano tremors rise"),
           source="Reuters", date="2024-11-23")  # fmt: skip
    lib.md("wire/harbour.md", "Port strike ends", sentence("harbour strike"),
           source="Reuters", date="2024-12-01")  # fmt: skip
    lib.txt("Gardens/tomatoes.txt", "Growing tomatoes", sentence("tomatoes basil"))
    lib.txt("Gardens/beans.txt", "Growing beans", sentence("beans"))
    lib.html("web/trains.html", "Night trains are back", sentence("paris trains"))
    return lib


@pytest.fixture
def session(library: Library, tmp_path: Path) -> Session:
    session = Session(library.root, notes_dir=tmp_path / "notes")
    session.update_index()
    harbour = session.article("planet/harbour.md")
    at = harbour.text.index("cranes")
    session.annotations.add(harbour, at, at + 6, note="Mar-a-Lago draft", tags=["draft"])
    yield session
    session.index.close()


def ids(session: Session, query: str) -> list[str]:
    return [hit.id for hit in session.search(query, limit=1000).hits]


def listed(session: Session) -> list[str]:
    return [row[ID] for row in session.listing().rows]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.sampled_from(WORDS), st.text("abcdeilnorstu", min_size=1, max_size=6)))
def test_a_word_and_its_negation_split_the_library(session: Session, word: str):
    found, rest = set(ids(session, word)), set(ids(session, f"-{word}"))
    assert found.isdisjoint(rest)
    assert found | rest == set(listed(session))


@pytest.mark.parametrize(
    ("query", "left_out"),
    [
        ("-harbour", {"planet/harbour.md", "wire/harbour.md"}),
        ("-tag:draft", {"planet/harbour.md"}),
        ("-has:notes", {"planet/harbour.md"}),
        ("-source:reuters", {"wire/volcano.md", "wire/harbour.md"}),
        ("-lago", {"planet/harbour.md"}),  # the word is in a note
        ("-zeppelin", set()),
        ("-harbour -tag:draft", {"planet/harbour.md", "wire/harbour.md"}),
    ],
)
def test_negation_only_lists_the_library_but_what_it_leaves_out(
    session: Session, query: str, left_out: set[str]
):
    expected = [aid for aid in listed(session) if aid not in left_out]
    assert ids(session, query) == expected
    assert session.search(query, limit=1000).total == len(expected)


def test_search_command_lists_everything_but_the_excluded(session: Session, library: Library):
    env = {**os.environ, "READER_NOTES_DIR": str(session.notes_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", "--json", "--limit", "50", "-harbour",
         str(library.root)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = [a for a in listed(session) if a not in {"planet/harbour.md", "wire/harbour.md"}]
    assert [hit["id"] for hit in json.loads(result.stdout)] == expected
