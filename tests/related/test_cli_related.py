"""`reader related` and `reader compare` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import AFP_ID, OTHER_ID, cli_env
from tests.long_article import long_article_text

from .conftest import HARBOR_ID

ROOT = Path(__file__).resolve().parents[2]


def reader(*args: str) -> subprocess.CompletedProcess:
    # The autouse fixture points READER_CACHE_DIR, _DATA_DIR, _CONFIG_DIR and _NOTES_DIR
    # at temp folders; the child inherits them.
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        timeout=120,
    )


def test_related_json_for_a_bundled_seed():
    result = reader("related", AFP_ID, "--json")
    assert result.returncode == 0, result.stderr
    [other] = json.loads(result.stdout)
    assert set(other) == {
        "id",
        "title",
        "source",
        "date",
        "score",
        "shared_entities",
        "shared_quotes",
    }
    assert other["id"] == OTHER_ID
    assert other["title"] == "NATO Chief Meets Trump to Discuss Global Security Threats"
    assert (other["source"], other["date"]) == ("Unattributed", None)
    assert 0 < other["score"] <= 1
    assert {"Farah Dakhlallah", "Palm Beach", "Mark Rutte"} <= set(other["shared_entities"])
    assert other["shared_quotes"] == []


def test_related_lists_other_sources_with_shared_names_and_quotes(news_root: Path):
    result = reader("related", AFP_ID, "--library", str(news_root))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith(
        "3 articles, 3 sources: NATO chief discusses 'global security' with Trump"
    )
    assert out.index(HARBOR_ID) < out.index(OTHER_ID)  # best first
    assert "Farah Dakhlallah" in out
    assert "quote: “global security issues facing the alliance”" in out
    assert "Hague" not in out and "Hurricane" not in out


def test_related_of_a_story_told_once(news_root: Path):
    result = reader(
        "related", "Tech Ledger/chipmaker-earnings-ai-demand.txt", "--library", str(news_root)
    )
    assert (result.returncode, result.stdout) == (1, "")  # as grep: nothing found
    assert result.stderr == "no other article tells this story\n"
    result = reader(
        "related",
        "Tech Ledger/chipmaker-earnings-ai-demand.txt",
        "--library",
        str(news_root),
        "--json",
    )
    assert json.loads(result.stdout) == []


def test_missing_article_is_one_line_and_status_2():
    for command in (["related", "no/such.txt"], ["compare", AFP_ID, "no/such.txt"]):
        result = reader(*command)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "no/such.txt" in result.stderr


def test_compare_of_an_article_with_itself_is_refused_in_one_line():
    path = str(ROOT / "articles" / AFP_ID)
    for pair in ((AFP_ID, AFP_ID), (AFP_ID, path)):
        result = reader("compare", *pair)
        assert result.returncode == 2, result.stdout
        assert result.stderr.count("\n") == 1
        assert "compare needs two different articles" in result.stderr
        assert result.stdout == ""


def test_compare_json():
    result = reader("compare", AFP_ID, OTHER_ID, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["a"] == {
        "id": AFP_ID,
        "title": "NATO chief discusses 'global security' with Trump",
        "source": "AFP",
    }
    assert data["b"]["id"] == OTHER_ID
    for pair in data["pairs"]:
        assert set(pair) == {"a", "b", "score"}
    first = data["pairs"][0]
    for fact in ("Rutte", "Trump", "Palm Beach", "Farah Dakhlallah"):
        assert fact in first["a"]["text"] and fact in first["b"]["text"]
    assert any(
        "North Korea" in p["a"]["text"] and "North Korea" in p["b"]["text"] for p in data["pairs"]
    )
    assert all(set(s) == {"start", "end", "text"} for s in data["only_a"] + data["only_b"])
    quotes = {q["text"]: q["in"] for q in data["quotes"]}
    assert quotes["global security issues facing the alliance"] == ["a", "b"]


def test_compare_prints_sections_plain_when_piped():
    result = reader("compare", AFP_ID, OTHER_ID)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out
    for heading in ("Shared passages (", "Only in A (", "Only in B (", "Quotations ("):
        assert f"\n{heading}" in out
    assert "A B  “global security issues facing the alliance”" in out
    assert "A    “I look forward to sitting down with Donald Trump" in out
    assert "       B NATO Secretary-General Mark Rutte met with US President-elect" in out


def test_compare_makes_untrusted_text_visible(tmp_path: Path):
    body = (
        "Evil\x1b]0;owned\x07 headline\n\nBy Someone | Nov 23, 2024\n\n"
        "Mark Rutte met Donald Trump in Palm Beach on Friday.\x1b[2J The talks were long.\n"
    )
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text(body.replace("long", "short"))
    result = reader("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Mark Rutte met Donald Trump" in result.stdout


def test_compare_with_a_multi_megabyte_article_compares_its_start_and_says_so(tmp_path: Path):
    long = tmp_path / "long-read.txt"
    long.write_text(long_article_text(2_000_000), encoding="utf-8")

    result = reader("compare", str(long), AFP_ID, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    total, compared = data["total_chars"]["a"], data["compared_chars"]["a"]
    assert total > 2_000_000 and 0 < compared <= 200_000
    assert data["compared_chars"]["b"] == data["total_chars"]["b"]
    assert data["notice"] == (
        f"Too long to compare whole: compared the first {compared:,} of A's {total:,} characters."
    )
    # The story at the top of the long article is still found on both sides.
    assert any(
        "Palm Beach" in p["a"]["text"] and "Palm Beach" in p["b"]["text"] for p in data["pairs"]
    )
    assert data["only_a"] and all(s["end"] <= compared for s in data["only_a"])

    result = reader("compare", AFP_ID, str(long))
    assert result.returncode == 0, result.stderr
    assert f"compared the first {compared:,} of B's {total:,} characters." in result.stdout
    assert "\nShared passages (" in result.stdout


def test_compare_of_two_short_articles_says_nothing_was_left_out():
    data = json.loads(reader("compare", AFP_ID, OTHER_ID, "--json").stdout)
    assert data["notice"] is None
    assert data["compared_chars"] == data["total_chars"]


def test_related_with_a_cache_that_cannot_hold_its_store_works_for_the_run(tmp_path: Path):
    """A file where the cache's index folder goes: the index and the story store are
    built for the run in a temporary folder, said in one line, and the stories found."""
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "index").write_text("a file where the index folder would be")
    result = subprocess.run(
        [sys.executable, "-m", "reader", "related", AFP_ID, "--json"],
        capture_output=True,
        text=True,
        env=cli_env({"READER_CACHE_DIR": str(cache)}),
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [OTHER_ID]
    [line] = result.stderr.splitlines()
    assert "built for this run in" in line
