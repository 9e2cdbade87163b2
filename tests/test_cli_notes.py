"""`reader annotate` and `reader notes` as a user runs them."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from reader.ingest.formats import load_article
from reader.notes.store import NotesStore
from tests.conftest import AFP_ID


def reader(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=120
    )


def test_annotate_prints_an_id_and_notes_lists_it(library):
    lib = str(library)
    result = reader(
        "annotate",
        AFP_ID,
        "--library",
        lib,
        "--quote",
        "Palm Beach",
        "--note",
        "where they met",
        "--tag",
        "place",
        "--tag",
        "florida",
        "--color",
        "green",
    )
    assert result.returncode == 0, result.stderr
    annotation_id = result.stdout.strip()
    assert len(annotation_id) == 36
    listed = json.loads(reader("notes", lib, "--json").stdout)
    assert listed == [
        {
            "id": annotation_id,
            "article": AFP_ID,
            "quote": "Palm Beach",
            "note": "where they met",
            "tags": ["place", "florida"],
            "color": "green",
            "status": "exact",
            "created": listed[0]["created"],
            "modified": listed[0]["created"],
        }
    ]
    assert listed[0]["created"].endswith("Z")


def test_occurrence_picks_the_nth_match(library):
    lib = str(library)
    first = reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump").stdout.strip()
    third = reader(
        "annotate", AFP_ID, "--library", lib, "--quote", "Trump", "--occurrence", "3"
    ).stdout.strip()
    text = load_article(library / AFP_ID, library).text
    starts = [m.start() for m in re.finditer("Trump", text)]
    notes = NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(AFP_ID)
    assert notes.get(first).target.start == starts[0]
    assert notes.get(third).target.start == starts[2]


def test_a_quote_found_several_times_says_which_one_it_annotated(library):
    lib = str(library)
    text = load_article(library / AFP_ID, library).text
    count = text.count("Trump")
    assert count > 2
    result = reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump")
    assert result.returncode == 0 and result.stdout.strip()
    assert result.stderr.strip() == (
        f"reader: the quote is found {count} times in {AFP_ID}: annotated the first"
        " (--occurrence N for another, or a longer quote)"
    )
    chosen = reader("annotate", AFP_ID, "--library", lib, "--quote", "Trump", "--occurrence", "2")
    assert chosen.returncode == 0 and chosen.stderr == ""  # asked for: nothing to say
    once = reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach")
    assert once.returncode == 0 and once.stderr == ""


def test_quote_not_found_exits_2_with_one_line(library):
    result = reader("annotate", AFP_ID, "--library", str(library), "--quote", "not in this text")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "quote not found" in result.stderr


def test_notes_filters_and_orphans(library):
    lib = str(library)
    reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach", "--tag", "place")
    reader("annotate", AFP_ID, "--library", lib, "--quote", "Budapest", "--tag", "city")
    assert [
        n["quote"] for n in json.loads(reader("notes", lib, "--json", "--tag", "city").stdout)
    ] == ["Budapest"]
    # The passage disappears from the article: the note is kept and listed as orphaned.
    path = library / AFP_ID
    path.write_text(path.read_text().replace("Budapest", "a capital"))
    orphaned = json.loads(reader("notes", lib, "--json", "--status", "orphaned").stdout)
    assert [n["quote"] for n in orphaned] == ["Budapest"]
    table = reader("notes", lib).stdout
    assert "orphaned" in table and "Budapest" in table


def test_notes_where_prints_the_directory(tmp_path):
    result = reader("notes", "--where", "--notes-dir", str(tmp_path / "n"))
    assert result.stdout.strip() == str(tmp_path / "n")
    default = reader("notes", "--where").stdout.strip()
    assert default == os.environ["READER_NOTES_DIR"]


def test_each_library_keeps_its_own_notes(tmp_path):
    """Two libraries with the same article id never share notes by default."""
    env = {k: v for k, v in os.environ.items() if k != "READER_NOTES_DIR"}
    libraries = []
    for name in ("one", "two"):
        root = tmp_path / name / "lib"
        (root / "AFP").mkdir(parents=True)
        (root / "AFP" / "x.txt").write_text(
            "Same id\n\nA sentence that both libraries share here.\n"
        )
        libraries.append(str(root))

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    where = [run("notes", "--where", lib).stdout.strip() for lib in libraries]
    assert where[0] != where[1]
    assert all(w.startswith(os.environ["READER_DATA_DIR"]) for w in where)
    run("annotate", "AFP/x.txt", "--library", libraries[0], "--quote", "sentence")
    assert len(json.loads(run("notes", libraries[0], "--json").stdout)) == 1
    assert json.loads(run("notes", libraries[1], "--json").stdout) == []


def test_quote_matches_ignoring_case_when_not_found_as_typed(library):
    lib = str(library)
    result = reader("annotate", AFP_ID, "--library", lib, "--quote", "north korea")
    assert result.returncode == 0, result.stderr
    [note] = json.loads(reader("notes", lib, "--json").stdout)
    assert note["quote"] == "North Korea"


def test_notes_table_prints_whole_article_ids_that_article_accepts(library):
    long_id = "Agence France-Presse/nato-chief-discusses-global-security-with-trump.txt"
    (library / "Agence France-Presse").mkdir()
    (library / AFP_ID).rename(library / long_id)
    lib = str(library)
    made = reader("annotate", long_id, "--library", lib, "--quote", "Palm Beach", "--note", "x")
    assert made.returncode == 0, made.stderr
    header, printed, row = reader("notes", lib).stdout.splitlines()  # (too long: a line)
    assert header.startswith("ARTICLE") and row.startswith(" " * header.index("STATUS"))
    assert printed == long_id
    listed = json.loads(reader("notes", lib, "--json", "--article", printed).stdout)
    assert [n["article"] for n in listed] == [long_id]


def test_notes_table_shows_a_note_of_several_lines_by_its_first_and_an_ellipsis(library):
    lib = str(library)
    note = "Where they met\nand why there"
    made = reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach", "--note", note)
    assert made.returncode == 0, made.stderr
    _header, row = reader("notes", lib).stdout.splitlines()
    assert row.rstrip().endswith("Where they met …")
    listed = json.loads(reader("notes", lib, "--json").stdout)
    assert listed[0]["note"] == note  # the JSON keeps the whole note


def test_occurrence_counts_matches_ignoring_case_when_there_are_too_few_as_typed(library):
    lib = str(library)
    (library / "AFP" / "case.txt").write_text(
        "Allies\n\nThe Alliance met on Friday. Later the alliance spoke again.\n"
    )
    result = reader(
        "annotate", "AFP/case.txt", "--library", lib, "--quote", "alliance", "--occurrence", "2"
    )
    assert result.returncode == 0, result.stderr
    [note] = json.loads(reader("notes", lib, "--json").stdout)
    assert note["quote"] == "alliance" and note["article"] == "AFP/case.txt"


def test_one_long_article_id_does_not_widen_every_row_of_the_notes_table(library):
    long_name = "Long/" + "a-very-long-article-name-" * 5 + ".txt"
    (library / "Long").mkdir()
    (library / long_name).write_text("A long name\n\nThe ferry left the harbour at dawn.\n")
    lib = str(library)
    for article, quote in ((long_name, "harbour"), (AFP_ID, "Palm Beach")):
        done = reader("annotate", article, "--library", lib, "--quote", quote)
        assert done.returncode == 0, done.stderr
    listed = reader("notes", lib)
    assert listed.returncode == 0, listed.stderr
    assert long_name + "\n" in listed.stdout  # whole, on a line of its own
    [afp] = [line for line in listed.stdout.splitlines() if line.startswith(AFP_ID)]
    status_at = re.match(r"\S+\s+", afp).end()  # the STATUS column
    assert status_at < 50, listed.stdout


def test_a_tag_holding_a_line_break_is_refused_in_one_line_and_nothing_is_written(library):
    lib = str(library)
    result = reader("annotate", AFP_ID, "--library", lib, "--quote", "Kyiv", "--tag", "new\nline")
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1, result.stderr
    assert "tag" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(reader("notes", lib, "--json").stdout) == []


def test_a_note_that_starts_with_a_dash_is_said_how_to_give(library):
    args = ["annotate", AFP_ID, "--library", str(library), "--quote", "Palm Beach"]
    refused = reader(*args, "--note", "---")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "use --note=--- for a value that starts with -" in refused.stderr
    assert "--tag=-x" in reader(*args, "--tag", "-x").stderr
    assert "use --" not in reader(*args, "--note").stderr  # no value at all: no such hint
    given = reader(*args, "--note=---")
    assert given.returncode == 0, given.stderr


def test_a_note_of_white_space_only_is_listed_and_exported_as_a_highlight(library, tmp_path):
    """`reader notes` shows no note for it, its JSON and the file the text as written, and
    an export takes it as a highlight without a note, as the app shows it."""
    lib = str(library)
    added = reader("annotate", AFP_ID, "--library", lib, "--quote", "Palm Beach", "--note", "\t")
    assert added.returncode == 0, added.stderr
    listed = reader("notes", lib)
    [row] = [line for line in listed.stdout.splitlines() if "Palm Beach" in line]
    assert row.rstrip().endswith("Palm Beach")  # an empty NOTE column
    [note] = json.loads(reader("notes", lib, "--json").stdout)
    assert note["note"] == "\t"
    out = tmp_path / "notes.json"
    exported = reader("export", "--library", lib, "--format", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    [item] = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    assert item["motivation"] == "highlighting" and not item.get("body")
