"""`reader search` and `reader index` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.search_cmd import render
from reader.search import Hit
from tests.conftest import replaced_keeping_times

from .conftest import Library, sentence

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READER_LIBRARY", None)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "reader", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )

    return run


def test_index_reports_counts_then_nothing_to_do(sample: Library, run, tmp_path: Path):
    sample.write("notes/empty.txt", "")
    first = run("index", str(sample.root))
    assert first.returncode == 0, first.stderr
    assert "added 5, updated 0, removed 0, skipped 1, unchanged 0 in " in first.stdout
    assert first.stderr == ""  # no progress bar when stderr is not a terminal
    second = run("index", str(sample.root))
    assert "added 0, updated 0, removed 0, skipped 1, unchanged 5" in second.stdout
    assert list((tmp_path / "cache" / "index").glob("*.sqlite"))


def test_search_finds_the_new_text_of_a_file_replaced_with_the_same_size_and_time(
    sample: Library, run
):
    """`rsync -t` or `cp -p` brings a file of the same size and time: grep finds its new
    words, and so does `reader search`."""
    assert run("index", str(sample.root)).returncode == 0
    replaced_keeping_times(sample.root / "wire/volcano.md", "tremors", "rumbles")
    found = run("search", "rumbles", str(sample.root), "--json")
    assert found.returncode == 0, found.stderr
    assert [h["id"] for h in json.loads(found.stdout)] == ["wire/volcano.md"]
    gone = run("search", "tremors", str(sample.root), "--json")
    assert (gone.returncode, json.loads(gone.stdout)) == (1, [])


def test_search_prints_ranked_hits_plain_when_piped(sample: Library, run):
    result = run("search", "paris", str(sample.root))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "Café culture in Paris" in result.stdout
    assert "Night trains are back" in result.stdout
    assert "  Daily Planet · 2023-05-02 · planet/cafe.md" in result.stdout
    assert "A sleeper from Paris to Berlin" in result.stdout


def test_search_json_shape(sample: Library, run):
    result = run("search", "paris OR tremors", str(sample.root), "--json", "--limit", "2")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    for hit in hits:
        assert set(hit) == {"id", "title", "source", "score", "snippet"}
        assert isinstance(hit["score"], float)
    assert hits[0]["score"] >= hits[1]["score"]


def test_search_without_matches(sample: Library, run):
    result = run("search", "zeppelin", str(sample.root), "--json")
    assert result.returncode == 1  # as grep
    assert json.loads(result.stdout) == []


def test_search_notes_malformed_query_on_stderr(sample: Library, run):
    result = run("search", '"tremors', str(sample.root), "--json")
    assert result.returncode == 0
    assert [h["id"] for h in json.loads(result.stdout)] == ["wire/volcano.md"]
    assert result.stderr == "reader: note: unbalanced quote: searched as text\n"


def test_search_notes_a_lone_minus_left_out(sample: Library, run):
    """A lone - leaves nothing out: ignored and said so; alone, it is only punctuation and
    lists the library, as README says of such a query (it found nothing)."""
    everything = run("search", "--json", "", str(sample.root))
    for query in ("-", "--", "tremors -"):
        result = run("search", "--json", "--", query, str(sample.root))
        assert result.returncode == 0, query
        assert result.stderr == "reader: note: a lone -: ignored\n", query
        if query != "tremors -":
            assert result.stdout == everything.stdout, query
    assert [h["id"] for h in json.loads(result.stdout)] == ["wire/volcano.md"]


def test_search_follows_library_changes(sample: Library, run):
    run("index", str(sample.root))
    sample.txt("new/otters.txt", "Otters return", sentence("otters"))
    result = run("search", "otters", str(sample.root), "--json")
    assert [h["id"] for h in json.loads(result.stdout)] == ["new/otters.txt"]


def test_search_finds_a_word_written_into_an_indexed_file_since(sample: Library, run):
    # Rewritten in place, at the same size, deep in a folder: nothing but the file's own
    # time tells the change (its folder's time stays the same).
    sample.txt("deep/er/still/quiet.txt", "Quiet morning", sentence("heron"))
    run("index", str(sample.root))
    folder = sample.root / "deep" / "er" / "still"
    folder_time = folder.stat().st_mtime_ns
    sample.txt("deep/er/still/quiet.txt", "Quiet morning", sentence("otter"))
    assert folder.stat().st_mtime_ns == folder_time
    result = run("search", "otter", str(sample.root), "--json")
    assert result.returncode == 0, result.stderr
    assert [h["id"] for h in json.loads(result.stdout)] == ["deep/er/still/quiet.txt"]
    assert json.loads(run("search", "heron", str(sample.root), "--json").stdout) == []


def test_search_no_longer_finds_a_file_removed_since_the_last_index(sample: Library, run):
    sample.txt("deep/gone.txt", "Gone tomorrow", sentence("pelican"))
    run("index", str(sample.root))
    (sample.root / "deep" / "gone.txt").unlink()
    result = run("search", "pelican", str(sample.root), "--json")
    assert result.returncode == 1, result.stderr  # nothing found
    assert json.loads(result.stdout) == []


def test_control_characters_are_shown_not_obeyed(lib: Library, run):
    lib.txt("evil.txt", "Evil \x1b[31mred\x1b[0m title", sentence("payload"))
    result = run("search", "payload", str(lib.root))
    assert "\x1b" not in result.stdout
    assert "␛[31mred" in result.stdout
    data = json.loads(run("search", "payload", str(lib.root), "--json").stdout)
    assert "\x1b" not in data[0]["title"]


@pytest.mark.parametrize("command", [("search", "x"), ("index",)])
def test_missing_library_fails_in_one_line(run, tmp_path: Path, command):
    result = run(*command, str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("reader: error: library not found")


def test_bad_limit_is_a_usage_error(sample: Library, run):
    result = run("search", "x", str(sample.root), "--limit", "0")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_matched_words_are_bold_in_a_terminal():
    hit = Hit(
        "a.md", "Volcano wakes", "Reuters", None, "2024-11-23", 1.0,
        "the volcano woke", spans=((4, 11),), title_spans=((0, 7),),
    )  # fmt: skip
    title, meta, snippet = render(hit)
    assert (title.plain, meta.plain, snippet.plain) == (
        "Volcano wakes",
        "Reuters · 2024-11-23 · a.md",
        "the volcano woke",
    )
    bold = [
        line.plain[s.start : s.end]
        for line in (title, snippet)
        for s in line.spans
        if "bold" in str(s.style)
    ]
    assert "volcano" in bold
    assert "Volcano" in bold


def test_query_starting_with_a_dash_after_double_dash(sample: Library, run):
    result = run("search", "--json", "--", "-paris", str(sample.root))
    assert result.returncode == 0, result.stderr
    assert sorted(h["id"] for h in json.loads(result.stdout)) == [
        "notes/garden.txt",
        "planet/harbour.md",
        "wire/volcano.md",
    ]


def test_search_of_only_an_empty_filter_lists_the_library(sample: Library, run):
    result = run("search", "title:", str(sample.root), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "reader: note: title: needs a value: ignored\n"
    assert len(json.loads(result.stdout)) == 5


@pytest.mark.parametrize("query", ["yyy*", "y" * 150])
def test_a_word_longer_than_an_excerpt_is_found_and_shown_cut(lib: Library, run, query):
    lib.txt("long.txt", "Long word", "Some text before " + "y" * 150 + " and after.")
    result = run("search", query, str(lib.root))
    assert result.returncode == 0, result.stderr
    assert "Long word" in result.stdout
    snippet = result.stdout.splitlines()[-1]
    assert "y" * 100 in snippet and len(snippet) <= 2 + 162


def test_an_empty_query_lists_the_whole_library(sample: Library, run):
    result = run("search", "", str(sample.root))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for title in ("Café culture in Paris", "Volcano wakes up", "Night trains are back"):
        assert title in result.stdout
    listed = json.loads(run("search", "  ", str(sample.root), "--json").stdout)
    assert len(listed) == 5


@pytest.mark.parametrize("query", ['""', '"  "', '-""', '"" ""'])
def test_an_empty_phrase_is_an_empty_query_and_lists_the_whole_library(
    sample: Library, run, query: str
):
    result = run("search", query, str(sample.root), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == 5
    empty_title = run("search", 'title:""', str(sample.root), "--json")
    assert empty_title.returncode == 0, empty_title.stderr
    assert len(json.loads(empty_title.stdout)) == 5


@pytest.mark.parametrize(
    ("value", "said"),
    [("0", "must be at least 1"), ("-3", "must be at least 1"), ("x", "not a number: 'x'")],
)
def test_index_refuses_a_number_of_workers_that_is_none_in_one_line(lib: Library, run, value, said):
    lib.txt("a.txt", "A story", sentence("harbour"))
    result = run("index", str(lib.root), "--workers", value)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith(f"reader index: error: argument --workers: {said} (")
    assert not (lib.root.parent / "cache" / "index").exists()  # nothing was done


@pytest.mark.parametrize("query", ["'", "\u2019", "*"])
def test_a_query_of_only_punctuation_lists_the_whole_library(sample: Library, run, query):
    result = run("search", query, str(sample.root), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == 5
