"""`--article` of `reader notes` and `reader export` takes what show and annotate take:
an article id, a path to a file of the library, or a path to a file outside it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import AFP_ID

WORKTREE = Path(__file__).resolve().parent.parent


def reader(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(WORKTREE))
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def annotate(*args):
    made = reader("annotate", *args)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def test_notes_and_export_of_a_file_outside_the_library_by_its_path(library, tmp_path):
    story = tmp_path / "elsewhere" / "story.txt"
    story.parent.mkdir()
    story.write_text("A story\n\nThe mayor opened the bridge on Monday morning.\n")
    lib = str(library)
    note = annotate(str(story), "--library", lib, "--quote", "bridge")

    listed = reader("notes", lib, "--json", "--article", str(story))
    assert listed.returncode == 0, listed.stderr
    assert [n["id"] for n in json.loads(listed.stdout)] == [note]
    exported = reader("export", lib, "--format", "json", "--article", str(story))
    assert exported.returncode == 0, exported.stderr
    assert note in exported.stdout
    assert "Traceback" not in listed.stderr + exported.stderr


def test_notes_and_export_take_a_library_path_relative_to_the_cwd(library):
    lib = str(library)
    note = annotate(AFP_ID, "--library", lib, "--quote", "Palm Beach")
    relative = f"library/{AFP_ID}"

    listed = reader("notes", lib, "--json", "--article", relative, cwd=library.parent)
    assert listed.returncode == 0, listed.stderr
    assert [n["id"] for n in json.loads(listed.stdout)] == [note]
    exported = reader("export", lib, "--article", relative, cwd=library.parent)
    assert exported.returncode == 0, exported.stderr
    assert "Palm Beach" in exported.stdout


def test_notes_and_export_of_an_article_not_in_the_library_say_so_in_one_line(library):
    for command in ("notes", "export"):
        for ref, why in [
            ("nope.txt", "no such article"),
            ("", "no such article"),
            ("AFP", "a folder, not an article file"),
            ("/", "a folder, not an article file"),
        ]:
            result = reader(command, str(library), "--article", ref)
            assert result.returncode == 2, (command, ref, result.stdout, result.stderr)
            assert result.stderr.count("\n") == 1, result.stderr
            assert f"reader: error: {ref}: {why}" in result.stderr
            assert result.stdout == ""


def test_notes_of_an_article_whose_file_is_gone_are_still_listed_by_its_id(library):
    lib = str(library)
    note = annotate(AFP_ID, "--library", lib, "--quote", "Palm Beach")
    (library / AFP_ID).unlink()

    listed = reader("notes", lib, "--json", "--article", AFP_ID)
    assert listed.returncode == 0, listed.stderr
    assert [(n["id"], n["status"]) for n in json.loads(listed.stdout)] == [(note, "orphaned")]


NO_USER = "~no-such-user-here"


def test_a_path_under_the_home_of_no_such_user_is_one_line_not_a_traceback(library):
    lib = str(library)
    for args in (
        ("list", f"{NO_USER}/lib"),
        ("show", f"{NO_USER}/story.txt", "--library", lib),
        ("annotate", AFP_ID, "--library", NO_USER, "--quote", "Trump"),
        ("notes", lib, "--article", f"{NO_USER}/story.txt"),
        ("notes", lib, "--notes-dir", f"{NO_USER}/notes"),
        ("export", lib, "-o", f"{NO_USER}/notes.md"),
    ):
        result = reader(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == f"reader: error: {NO_USER}: no such user\n", args


def test_search_with_a_limit_too_large_for_the_index_is_one_line(library):
    result = reader("search", "nato", str(library), "--limit", "9" * 20)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "--limit" in result.stderr


def test_show_of_a_one_word_article_says_1_word(tmp_path):
    story = tmp_path / "short.txt"
    story.write_text("Short\n\nHello.\n")
    shown = reader("show", str(story))
    assert shown.returncode == 0, shown.stderr
    assert "· 1 word ·" in shown.stdout


def test_list_ids_prints_whole_ids_that_show_takes_within_80_columns(library):
    listed = reader("list", str(library), "--ids")
    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["ID", "TITLE"]
    assert all(len(line) <= 80 for line in [header, *rows]), listed.stdout
    ids = [row[: header.index("TITLE")].rstrip() for row in rows]
    assert ids == [AFP_ID, "Unattributed/nato-chief-meets-trump.txt"]
    for article_id in ids:
        assert reader("show", article_id, "--library", str(library)).returncode == 0


def test_list_ids_prints_a_long_id_whole_on_its_own_line_and_keeps_the_table_readable(library):
    long_id = "Agence France-Presse/nato-chief-discusses-global-security-with-trump.txt"
    (library / "Agence France-Presse").mkdir()
    (library / AFP_ID).rename(library / long_id)
    listed = reader("list", str(library), "--ids")
    header, *rows = listed.stdout.splitlines()
    title_at = header.index("TITLE")
    assert title_at <= 48, header  # the id column is capped
    at = rows.index(long_id)  # whole, alone on its line: copyable as it is
    assert rows[at + 1][:title_at].strip() == ""
    assert rows[at + 1][title_at:].startswith("NATO")
    others = [row for row in rows if row != long_id]
    assert "Unattributed/nato-chief-meets-trump.txt" in [r[:title_at].rstrip() for r in others]
    assert all(len(line) <= 80 for line in [header, *others]), listed.stdout
    assert reader("show", long_id, "--library", str(library)).returncode == 0


def test_list_ids_prints_an_id_with_repeated_spaces_exactly_and_show_takes_it(library):
    odd = "Odd/a  b .txt"
    (library / "Odd").mkdir()
    (library / odd).write_text("Spaced out\n\nThe mayor opened the bridge on Monday morning.\n")
    header, *rows = reader("list", str(library), "--ids").stdout.splitlines()
    listed = [row[: header.index("TITLE")].rstrip() for row in rows]
    assert odd in listed, rows
    assert reader("show", odd, "--library", str(library)).returncode == 0
    annotate(odd, "--library", str(library), "--quote", "bridge")
    notes = reader("notes", str(library)).stdout.splitlines()
    assert any(line.startswith(odd + "  ") for line in notes), notes


def test_show_names_why_a_path_is_not_an_article(library, tmp_path):
    """A folder, a link loop or a broken link is said to be so, not "no such article"."""
    odd = library / "Odd"
    odd.mkdir()
    os.symlink("loop2.txt", odd / "loop1.txt")
    os.symlink("loop1.txt", odd / "loop2.txt")
    os.symlink("gone.txt", odd / "dangling.txt")
    lib = str(library)
    cases = [
        ([str(odd / "loop1.txt")], "symbolic link loop"),
        ([str(odd)], "a folder, not an article file"),
        ([str(odd / "dangling.txt")], "broken symbolic link"),
        (["Odd/loop1.txt", "--library", lib], "symbolic link loop"),
        (["Odd", "--library", lib], "a folder, not an article file"),
        (["Odd/none.txt", "--library", lib], f"no such article in {library}"),
    ]
    for args, reason in cases:
        shown = reader("show", *args, cwd=tmp_path)
        assert shown.returncode == 2, args
        assert shown.stderr.count("\n") == 1 and reason in shown.stderr, (args, shown.stderr)


def test_show_a_path_to_nothing_says_no_such_file(library, tmp_path, monkeypatch):
    """A path that names nothing is no file, wherever it points: said so, not "no such
    article in" a library it was never looked for in."""
    monkeypatch.setenv("HOME", str(tmp_path))
    lib = str(library)
    outside = tmp_path / "outside" / "missing.txt"
    cases = [
        ([str(outside), "--library", lib], str(outside)),
        ([str(outside)], str(outside)),  # the bundled library
        ([str(outside), "--library", str(tmp_path / "no-such-library")], str(outside)),
        ([str(library / "AFP" / "none.txt"), "--library", lib], str(library / "AFP" / "none.txt")),
        (["~/missing.txt", "--library", lib], str(tmp_path / "missing.txt")),
        (["./missing.txt", "--library", lib], str(tmp_path / "missing.txt")),
    ]
    for args, named in cases:
        shown = reader("show", *args, cwd=tmp_path)
        assert shown.returncode == 2, args
        assert shown.stderr == f"reader: error: no such file: {named}\n", args


def test_show_an_existing_file_outside_the_library_shows_it(library, tmp_path):
    story = tmp_path / "elsewhere" / "story.txt"
    story.parent.mkdir()
    story.write_text("A story\n\nThe mayor opened the bridge on Monday morning.\n")
    shown = reader("show", str(story), "--library", str(library), "--json")
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
    [record] = [json.loads(line) for line in shown.stdout.splitlines()]
    assert (record["id"], record["title"]) == (f".outside{story}", "A story")
    unsupported = tmp_path / "elsewhere" / "story.pdf"
    unsupported.write_bytes(b"%PDF-1.4\n")
    refused = reader("show", str(unsupported), "--library", str(library))
    assert refused.stderr == f"reader: error: {unsupported}: unsupported file type (.pdf)\n"
