"""`reader review` as a user (or a script) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.notes.schema import Annotation, ArticleRef, NotesFile, Target
from reader.notes.store import NotesStore
from reader.notes.unplaced import unplaced_id
from tests.conftest import AFP_ID, OTHER_ID, cli_env

NOW = {"READER_NOW": "2026-12-03T09:00:00Z"}


def reader(*args, now=NOW):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(now),
    )


@pytest.fixture
def two_notes(library):
    lib = str(library)
    first = reader(
        "annotate",
        AFP_ID,
        "--library",
        lib,
        "--quote",
        "Palm Beach",
        "--note",
        "a <b>\tnote",
        "--tag",
        "place",
    ).stdout.strip()
    second = reader("annotate", OTHER_ID, "--library", lib, "--quote", "Trump").stdout.strip()
    return lib, first, second


def test_review_json_lists_todays_cards_with_their_passage(two_notes):
    lib, first, second = two_notes
    result = reader("review", lib, "--json")
    assert result.returncode == 0, result.stderr
    cards = json.loads(result.stdout)
    assert [c["id"] for c in cards] == [first, second]
    assert cards[0]["quote"] == "Palm Beach"
    assert cards[0]["before"].endswith("The meeting took place on Friday in ")
    assert (cards[0]["state"], cards[0]["due"], cards[0]["orphaned"]) == ("new", None, False)
    assert [
        c["id"] for c in json.loads(reader("review", lib, "--json", "--tag", "place").stdout)
    ] == [first]
    assert len(json.loads(reader("review", lib, "--json", "--n", "1").stdout)) == 1


def test_review_grade_moves_the_card_out_of_today_and_stats_count_it(two_notes):
    lib, first, second = two_notes
    graded = reader("review", lib, "--grade", first[:8], "good")
    assert graded.returncode == 0, graded.stderr
    assert graded.stdout == f"{first[:8]} good: next due 2026-12-05\n"
    assert [c["id"] for c in json.loads(reader("review", lib, "--json").stdout)] == [second]
    stats = json.loads(reader("review", lib, "--stats", "--json").stdout)
    assert stats["due_today"] == 1 and stats["due_this_week"] == 2
    assert stats["history"] == [{"day": "2026-12-03", "reviews": 1}]
    text = reader("review", lib, "--stats").stdout
    assert "due today: 1\n" in text and "  2026-12-03  1\n" in text
    later = reader("review", lib, "--json", now={"READER_NOW": "2026-12-05T12:00:00Z"})
    assert {c["id"] for c in json.loads(later.stdout)} == {first, second}


def test_a_suspended_card_comes_back_with_resume(two_notes, library):
    lib, first, second = two_notes
    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    note = store.load(AFP_ID).get(first)
    store.set_review(AFP_ID, first, {"state": "new", "reps": 0, "lapses": 0, "suspended": True})
    assert [c["id"] for c in json.loads(reader("review", lib, "--json").stdout)] == [second]
    resumed = reader("review", lib, "--resume", first[:8])
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout == f"{first[:8]} back in the Review: due today (new)\n"
    assert [c["id"] for c in json.loads(reader("review", lib, "--json").stdout)] == [first, second]
    assert store.load(AFP_ID).get(first).note == note.note
    again = reader("review", lib, "--resume", first[:8])
    assert (again.returncode, again.stderr) == (0, f"{first[:8]}: not suspended\n")
    empty = reader("review", lib, "--resume", "")  # not today's cards listed instead
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr == "reader: error: --resume needs a note's id\n"


def test_review_grade_takes_the_apps_keys_1_to_4_as_well_as_the_names(two_notes):
    lib, first, second = two_notes
    graded = reader("review", lib, "--grade", first[:8], "3")
    assert graded.returncode == 0, graded.stderr
    assert graded.stdout == f"{first[:8]} good: next due 2026-12-05\n"
    again = reader("review", lib, "--grade", second[:8], "1", "--json")
    assert json.loads(again.stdout)["grade"] == "again"
    refused = reader("review", lib, "--grade", second[:8], "5")
    assert refused.returncode == 2
    assert (
        refused.stderr == "reader: error: 5: a grade is one of again, hard, good, easy (or 1-4)\n"
    )


def test_review_grade_refuses_a_bad_grade_or_note_in_one_line(two_notes):
    lib, first, _ = two_notes
    store_file = NotesStore(reader("notes", "--where", lib).stdout.strip()).path_for(AFP_ID)
    before = store_file.read_bytes()
    for args, message in (
        (("--grade", first, "great"), "great: a grade is one of again, hard, good, easy (or 1-4)"),
        (("--grade", "nosuch", "good"), "nosuch: no such note"),
        (("--n", "-2"), "--n must be 1 or more"),
        (("--n", "0"), "--n must be 1 or more"),
        (("--export", "anki"), "--export anki needs -o FILE (-o - writes to stdout)"),
    ):
        result = reader("review", lib, *args)
        assert result.returncode == 2
        assert result.stderr == f"reader: error: {message}\n"
    assert store_file.read_bytes() == before


def test_review_export_anki_writes_one_escaped_card_per_line(two_notes, tmp_path):
    lib, _first, _second = two_notes
    out = tmp_path / "cards.txt"
    result = reader("review", lib, "--export", "anki", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"2 cards written to {out}\n"
    lines = out.read_text().splitlines()
    cards = [line.split("\t") for line in lines if not line.startswith("#")]
    assert "#separator:tab" in lines and "#html:true" in lines
    assert len(cards) == 2 and all(len(c) == 3 for c in cards)
    front, back, tags = cards[0]
    assert "The meeting took place on Friday in <b>Palm Beach</b>, NATO&#x27;s" in front
    assert back.startswith('a &lt;b&gt; note<br><br>— <a href="file://')
    assert "NATO chief discusses &#x27;global security&#x27; with Trump · AFP</a>" in back
    assert tags == "place"
    again = reader("review", lib, "--export", "anki", "-o", str(out))
    assert again.returncode == 2 and "exists; add --force" in again.stderr


def test_an_orphaned_note_is_listed_as_such(two_notes, library):
    lib, _, second = two_notes
    (library / OTHER_ID).unlink()
    cards = json.loads(reader("review", lib, "--json").stdout)
    assert [c["orphaned"] for c in cards if c["id"] == second] == [True]
    assert "(orphaned)" in reader("review", lib).stdout


def test_grading_keeps_a_colour_written_by_hand_that_the_app_does_not_know(two_notes):
    lib, first, _ = two_notes
    path = NotesStore(Path(os.environ["READER_NOTES_DIR"])).path_for(AFP_ID)
    path.write_text(path.read_text().replace("color: yellow", "color: chartreuse"))
    graded = reader("review", lib, "--grade", first[:8], "good")
    assert graded.returncode == 0, graded.stderr
    [note] = NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(AFP_ID).live
    assert note.color == "chartreuse" and note.extra["review"]


def test_a_card_for_an_unplaced_highlight_is_listed_as_unplaced_not_orphaned(library):
    quote = "a quote no article holds"
    ref = ArticleRef(unplaced_id("koreader"), title="Unplaced highlights from KOReader")
    note = Annotation.new(Target(quote, "", "", 0, len(quote)), "mine", ())
    NotesStore(Path(os.environ["READER_NOTES_DIR"])).save(NotesFile(ref, [note]))
    [card] = json.loads(reader("review", str(library), "--json").stdout)
    assert (card["unplaced"], card["orphaned"]) == (True, False)
    listed = reader("review", str(library)).stdout
    assert "(unplaced)" in listed and "orphaned" not in listed


def card_for(library, article: str, quote: str) -> dict:
    done = reader("annotate", article, "--library", str(library), "--quote", quote)
    assert done.returncode == 0, done.stderr
    [card] = [c for c in json.loads(reader("review", str(library), "--json").stdout)]
    return card


def test_a_card_never_shows_folded_links_as_the_sentence_before(library):
    card = card_for(library, AFP_ID, "NATO allies say keeping Kyiv in the fight")
    assert "Kenya targets" not in card["before"]
    assert card["before"] == ""


def test_a_card_does_not_glue_a_heading_or_a_list_item_into_the_passage(library):
    (library / "Notes").mkdir()
    (library / "Notes" / "tides.md").write_text(
        "# Tides\n\n## Heading\n\nThe tide rises twice a day. It falls as often.\n\n"
        "- first item of a list\n- second item\n",
        encoding="utf-8",
    )
    card = card_for(library, "Notes/tides.md", "falls as often")
    assert card["before"] == "The tide rises twice a day. It "
    assert card["after"] == "."
    assert "Heading" not in card["before"] and "item" not in card["after"]


def test_hand_edited_review_values_out_of_range_are_named_and_never_crash_a_grade(two_notes):
    lib, first, _ = two_notes
    path = NotesStore(reader("notes", "--where", lib).stdout.strip()).path_for(AFP_ID)
    original = path.read_text()
    for values in ("stability: 2, difficulty: 0", "stability: -5, difficulty: 5"):
        review = f"  review: {{state: review, due: 2026-12-01T00:00:00Z, {values}}}\n"
        text = original.replace("  target:", review + "  target:", 1)
        path.write_text(text)
        graded = reader("review", lib, "--grade", first[:8], "again")
        assert graded.returncode == 2
        assert graded.stderr.startswith(f"reader: error: {AFP_ID}: note {first}: review.")
        listed = reader("review", lib)
        assert listed.returncode == 0 and "Traceback" not in listed.stderr
        assert listed.stderr.startswith(f"reader: warning: {AFP_ID}: note {first}: review.")
        assert path.read_text() == text


@pytest.mark.parametrize("option", ["--grade", "--resume"])
def test_grading_a_note_whose_notes_file_is_broken_names_the_file_and_line(two_notes, option):
    lib, first, _ = two_notes
    store_file = NotesStore(reader("notes", "--where", lib).stdout.strip()).path_for(AFP_ID)
    broken = store_file.read_text() + "  - [unclosed\n"
    store_file.write_text(broken)
    line = broken.count("\n")
    args = (option, first[:8], "good") if option == "--grade" else (option, first[:8])
    result = reader("review", lib, *args)
    assert result.returncode == 2
    assert f"{store_file}:{line}: not valid YAML" in result.stderr
    assert "no such note" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert store_file.read_text() == broken
    # An id no file holds: no such note, and the file that could not be read is named.
    result = reader("review", lib, "--grade", "nosuch", "good")
    assert result.stderr.startswith("reader: error: nosuch: no such note")
    assert str(store_file) in result.stderr


@pytest.mark.parametrize("mode", [(), ("--json",), ("--stats",), ("--export", "anki", "-o", "-")])
def test_review_exits_2_when_a_notes_file_cannot_be_read_and_shows_the_rest(two_notes, mode):
    """As `reader notes` and `export`: the cards of the files that can be read are shown
    (or written) all the same, the file that cannot is named, and the status is 2."""
    lib, _first, second = two_notes
    store_file = NotesStore(reader("notes", "--where", lib).stdout.strip()).path_for(AFP_ID)
    store_file.write_text(store_file.read_text() + "  - [unclosed\n")
    result = reader("review", lib, *mode)
    assert result.returncode == 2, result.stderr
    assert f"reader: warning: {store_file}:" in result.stderr
    assert "Traceback" not in result.stderr
    shown = {(): second[:8], ("--json",): second, ("--stats",): "new: 1"}
    assert shown.get(mode, "Trump") in result.stdout


def test_review_export_to_a_dash_writes_the_cards_to_stdout(two_notes, tmp_path):
    lib, _first, _second = two_notes
    result = subprocess.run(
        [sys.executable, "-m", "reader", "review", "--export", "anki", "-o", "-", lib],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(NOW),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "#separator:tab" in result.stdout.splitlines()
    assert result.stderr == "2 cards written to stdout\n"
    assert not (tmp_path / "-").exists()


def review_on_disk(lib: str, note_id: str) -> dict:
    """The note's ``review:`` as its notes file holds it."""
    notes = NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(AFP_ID)
    note = notes.get(note_id)
    assert note is not None
    return dict(note.extra["review"])


def test_a_grade_dated_before_the_cards_last_review_is_refused_in_one_line(two_notes):
    lib, first, _ = two_notes
    for day in ("2026-12-03", "2026-12-22"):
        graded = reader(
            "review", lib, "--grade", first[:8], "good", now={"READER_NOW": f"{day}T09:00:00Z"}
        )
        assert graded.returncode == 0, graded.stderr
    before = review_on_disk(lib, first)
    behind = reader(
        "review", lib, "--grade", first[:8], "good", now={"READER_NOW": "2026-12-01T09:00:00Z"}
    )
    assert behind.returncode == 2
    assert behind.stdout == ""
    assert len(behind.stderr.strip().splitlines()) == 1
    assert "2026-12-22" in behind.stderr and "before" in behind.stderr
    assert review_on_disk(lib, first) == before


def test_a_garbled_reader_now_is_said_in_one_line_and_the_system_clock_used(two_notes):
    lib, first, _ = two_notes
    result = reader("review", lib, "--json", now={"READER_NOW": "garbage"})
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "READER_NOW" in line] == [
        "reader: warning: READER_NOW=garbage is not an ISO 8601 time; the system clock is used"
    ]
    assert first in [c["id"] for c in json.loads(result.stdout)]
