"""The command line says exactly what happened: the messages and exit statuses a user
meets when a command finds nothing, is given something odd, or meets a file it cannot read."""

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from reader.ingest.formats import load_article
from reader.notes.store import NotesStore
from tests.conftest import AFP_ID, BUNDLED, cli_env

NFC = unicodedata.normalize("NFC", "Café")
NFD = unicodedata.normalize("NFD", "Café")


def reader(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def write_config(text: str) -> None:
    config = Path(os.environ["READER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text(text)


def without_notes_dir_variable() -> dict[str, str]:
    env = cli_env()
    env.pop("READER_NOTES_DIR")
    return env


def test_notes_where_needs_no_library_when_the_notes_folder_is_configured(tmp_path):
    notes = tmp_path / "my notes"
    write_config(f"library: {tmp_path / 'gone'}\nnotes_dir: {notes}\n")
    env = without_notes_dir_variable()
    where = reader("notes", "--where", env=env)
    assert (where.returncode, where.stdout, where.stderr) == (0, f"{notes}\n", "")
    as_json = reader("notes", "--where", "--json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout) == {"notes_dir": str(notes)}
    # Without a notes folder of its own, the library's is named: it must be there.
    write_config(f"library: {tmp_path / 'gone'}\n")
    missing = reader("notes", "--where", env=env)
    assert missing.returncode == 2 and "library not found" in missing.stderr


def test_check_config_reports_a_library_that_is_not_there(tmp_path):
    gone = tmp_path / "nonexistent"
    write_config(f"theme: textual-dark\nlibrary: {gone}\n")
    checked = reader("--check-config")
    assert checked.returncode == 1
    config = Path(os.environ["READER_CONFIG_DIR"]) / "config.yaml"
    assert checked.stdout == f"{config}:2: library not found: {gone}\n"


CONFLICTED = """\
schema_version: 1
article:
  id: {id}
annotations:
<<<<<<< HEAD
- id: 1d7a3a1c-0000-4000-8000-000000000001
=======
- id: 1d7a3a1c-0000-4000-8000-000000000002
>>>>>>> other
  quote: Palm Beach
"""


def test_a_notes_file_with_merge_conflict_markers_is_named_so_and_left_alone(library):
    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFLICTED.format(id=AFP_ID))
    said = f"{path}:5: holds merge-conflict markers (<<<<<<<, =======, >>>>>>>)"
    listed = reader("notes", str(library))
    assert said in listed.stderr and "not valid YAML" not in listed.stderr, listed.stderr
    annotated = reader("annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach")
    assert annotated.returncode == 2 and said in annotated.stderr, annotated.stderr
    assert "resolve them" in annotated.stderr
    assert path.read_text() == CONFLICTED.format(id=AFP_ID)


def test_the_notes_screen_names_merge_conflict_markers(tmp_path):
    from reader.notes.records import collect
    from reader.tui.screens.notes import problem_line

    store = NotesStore(tmp_path)
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True)
    path.write_text(CONFLICTED.format(id=AFP_ID))
    _, problems = collect(store, lambda article_id: None)
    line = problem_line(problems, 200, tmp_path)
    assert f"{AFP_ID}.yaml:5: holds merge-conflict markers" in line, line


ODD_NOTE = """\
schema_version: 1
article:
  id: {id}
annotations:
- id: odd-1
  tags: [~, "", " ", t]
  color: red
  target: {{exact: "", start: 0, end: 0}}
"""


def test_an_odd_hand_written_note_is_listed_and_said_in_one_line_each(library, tmp_path):
    from reader.notes.records import collect
    from reader.tui.screens.notes import problem_line

    store = NotesStore(Path(os.environ["READER_NOTES_DIR"]))
    path = store.path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ODD_NOTE.format(id=AFP_ID))
    listed = reader("notes", str(library))
    warned = [line for line in listed.stderr.splitlines() if line.startswith("reader: warning:")]
    assert [w.split(f"{path}:")[1].split(":")[0] for w in warned] == ["8", "6", "7"], warned
    assert "orphaned" in listed.stdout and "# #" not in listed.stdout
    _, problems = collect(store, lambda article_id: None)
    line = problem_line(problems, 200, store.where)
    assert line.startswith("⚠ Check (3 problems): ") and "target.exact is empty" in line, line
    assert path.read_text() == ODD_NOTE.format(id=AFP_ID)


def test_annotate_says_an_empty_quote_is_empty_and_how_often_a_quote_is_found(library):
    lib = str(library)
    empty = reader("annotate", AFP_ID, "--library", lib, "--quote", "")
    assert empty.returncode == 2
    assert empty.stderr == f"reader: error: {AFP_ID}: the quote is empty\n"
    count = load_article(library / AFP_ID, library).text.count("Trump")
    assert 1 < count < 99
    beyond = reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump", "--occurrence", "99")
    assert beyond.returncode == 2
    assert f"found {count} times" in beyond.stderr and "not found" not in beyond.stderr
    once = reader(
        "annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach", "--occurrence", "2"
    )
    assert "found once" in once.stderr, once.stderr


def test_an_empty_library_is_said_to_have_no_articles_and_how_to_fill_it(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    listed = reader("list", str(empty))
    assert (listed.returncode, listed.stdout) == (0, "")
    assert listed.stderr == (
        f"reader: no articles in {empty}\n"
        "reader: put .txt, .md or .html files there (a folder per source),"
        " or use `reader import FILE` or `reader add URL`\n"
    )
    assert reader("list", "--ids", str(empty)).stderr == listed.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("search", "nosuchwordanywhere"),
        ("search", "nosuchwordanywhere", "--json"),
        ("notes", "--tag", "nosuch"),
        ("notes", "--tag", "nosuch", "--json"),
        ("review", "--tag", "nosuch"),
        ("review", "--tag", "nosuch", "--json"),
        ("export", "--tag", "nosuch"),
    ],
)
def test_a_query_or_filter_that_matches_nothing_exits_1(args):
    done = reader(*args, str(BUNDLED))
    assert done.returncode == 1, done.stderr


@pytest.mark.parametrize(
    "args",
    [("notes",), ("notes", "--json"), ("review",), ("export",), ("export", "--format", "csv")],
)
def test_a_listing_with_no_filter_exits_0_even_when_empty(args):
    done = reader(*args, str(BUNDLED))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") <= 1


def test_an_unclosed_front_matter_is_named_and_its_text_shown(library):
    md = library / "open.md"
    md.write_text("---\ntitle: Open\nauthor: Someone\n\nThe body of the article.\n")
    shown = reader("show", str(md), "--library", str(library))
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == (
        f'{md}: front matter ignored (line 1: no closing "---" line; its fields are read as text)\n'
    )
    assert "The body of the article." in shown.stdout
    indexed = reader("index", str(library))
    assert indexed.stdout.count(f"{md}: front matter ignored (line 1:") == 1
    closed = "---\ntitle: Open\n---\n\nThe body.\n"
    md.write_text(closed)
    assert reader("show", str(md), "--library", str(library)).stderr == ""


def test_a_thematic_break_then_prose_is_no_front_matter(library):
    md = library / "rule.md"
    md.write_text("---\n\nJust prose after a rule.\n")
    assert reader("show", str(md), "--library", str(library)).stderr == ""


def test_names_that_differ_only_by_normalisation_are_told_apart(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / f"{NFC}.txt").write_text("A paragraph about a small cafe in town.\n")
    (library / f"{NFD}.txt").write_text("Another paragraph about a different cafe.\n")
    listed = reader("list", "--ids", str(library))
    assert listed.returncode == 0, listed.stderr
    ids = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
    assert sorted(ids) == sorted([f"{NFC}.txt", "Cafe\\u0301.txt"])
    # The id as printed names its own file.
    shown = reader("show", "Cafe\\u0301.txt", "--library", str(library))
    assert "different cafe" in shown.stdout, shown.stderr
    as_json = json.loads(reader("list", "--json", str(library)).stdout)
    assert sorted(a["id"] for a in as_json["articles"]) == sorted([f"{NFC}.txt", f"{NFD}.txt"])
    for ref in (f"{NFC}.txt", "Cafe\\u0301.txt"):
        done = reader("annotate", ref, "--library", str(library), "--quote", "paragraph")
        assert done.returncode == 0, done.stderr
    notes = reader("notes", str(library))
    assert "Cafe\\u0301.txt" in notes.stdout and f"{NFC}.txt" in notes.stdout, notes.stdout


def test_the_plain_listing_tells_apart_titles_that_differ_only_by_normalisation(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / f"{NFC}.txt").write_text("A paragraph about a small cafe in town.\n")
    (library / f"{NFD}.txt").write_text("Another paragraph about a different cafe.\n")
    listed = reader("list", str(library))
    assert listed.returncode == 0, listed.stderr
    titles = sorted(line.split()[1] for line in listed.stdout.splitlines()[1:])
    assert titles == sorted([NFC, "Cafe\\u0301"]), listed.stdout


def test_the_notes_screen_marks_a_name_not_in_normal_form():
    from reader.text.safe import shown_title

    assert shown_title(f"{NFC}") == NFC
    assert shown_title(f"{NFD}") == "Cafe\\u0301"


def test_help_says_where_the_library_comes_from():
    helped = reader("--help")
    assert "the config's library" in " ".join(helped.stdout.split())
