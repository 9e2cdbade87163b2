"""The daily Review in a real terminal: annotate, open Review, grade three cards, quit,
start again: the same cards are not due, and tomorrow they are."""

from __future__ import annotations

import subprocess
import sys

from reader.notes.store import NotesStore
from reader.review.card import ReviewState
from tests.conftest import AFP_ID, OTHER_ID
from tests.e2e.terminal import reader_env

NOW = "2026-12-03T09:00:00Z"
TOMORROW = "2026-12-04T09:00:00Z"


def annotate(home, library, article_id: str, quote: str) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "annotate",
            article_id,
            "--library",
            str(library),
            "--quote",
            quote,
            "--note",
            f"about {quote}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=reader_env(home),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_review_grade_three_quit_and_they_are_not_due_again(term, e2e_library, home):
    ids = [
        annotate(home, e2e_library, AFP_ID, "Palm Beach"),
        annotate(home, e2e_library, AFP_ID, "Kyiv"),
        annotate(home, e2e_library, OTHER_ID, "Farah Dakhlallah"),
    ]
    term.start_reader(e2e_library, home, READER_NOW=NOW)
    term.wait_for("2 articles ·")
    term.press("D")
    term.wait_for("card 1 of 3")
    term.wait_for("Palm Beach")
    term.press("space")
    term.wait_for("about Palm Beach")
    term.press("1")  # again
    term.wait_for("card 2 of 3")
    term.press("3")  # good
    term.wait_for("card 3 of 3")
    term.press("4")  # easy
    term.wait_for("3 reviewed · 1 again · next due tomorrow: 1")
    term.press("q")
    term.wait_for("2 articles ·")
    term.press("q")
    assert term.wait_exit() == 0
    store = NotesStore(home / "notes")
    states = [
        ReviewState.of(store.load(article).get(note_id).extra)
        for article, note_id in zip((AFP_ID, AFP_ID, OTHER_ID), ids, strict=True)
    ]
    assert all(s.reps == 1 for s in states)

    term.kill()
    term.start_reader(e2e_library, home, READER_NOW=NOW)
    term.wait_for("2 articles ·")
    term.press("D")
    term.wait_for("Nothing to review today")
    term.wait_for("Next due tomorrow: 1")
    term.press("Escape")
    term.wait_for("2 articles ·")
    term.press("q")
    assert term.wait_exit() == 0

    term.kill()
    term.start_reader(e2e_library, home, READER_NOW=TOMORROW)
    term.wait_for("2 articles ·")
    term.press("D")
    term.wait_for("card 1 of 1")
    term.wait_for("Palm Beach")  # the card graded again
