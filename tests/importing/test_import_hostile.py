"""Hostile input to `reader import` and `reader add`: one line and exit 2, never a hang
nor a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.importing.conftest import import_files, tree


def reader(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_import_of_a_fifo_is_refused_without_waiting_for_a_writer(lib, tmp_path):
    fifo = tmp_path / "export.zip"
    os.mkfifo(fifo)
    done = reader("import", fifo, "--library", lib)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "not a regular file (FIFO)" in line


@pytest.mark.parametrize("url", ["http://[::1", "http://exa mple.org/", "https://"])
def test_add_of_a_malformed_address_is_one_line(lib, url):
    done = reader("add", url, "--library", lib)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "not a web address" in line or "not a valid web address" in line
    assert "Traceback" not in done.stderr


def test_an_article_from_a_very_long_host_name_is_kept_under_a_short_folder(lib, notes, tmp_path):
    host = "a" * 300 + ".example.org"
    export = tmp_path / "wallabag.json"
    entry = {
        "id": 1,
        "title": "Long host",
        "url": f"https://{host}/story",
        "content": "<p>A page from a very long host name, kept all the same.</p>",
        "annotations": [],
        "is_archived": 0,
    }
    export.write_text(json.dumps([entry]))
    report = import_files(lib, notes, export)
    [path] = report.articles
    assert path.exists()
    assert all(len(part) <= 255 for part in path.parts)


def test_titles_and_paths_never_escape_the_inbox(lib, notes, tmp_path):
    export = tmp_path / "wallabag.json"
    entry = {
        "id": 1,
        "title": "../../../etc/passwd",
        "url": "https://../story",
        "content": "<p>Trying to get out of the inbox.</p>",
        "annotations": [],
        "is_archived": 0,
    }
    export.write_text(json.dumps([entry]))
    before = set(tree(lib))
    report = import_files(lib, notes, export)
    [path] = report.articles
    assert path.resolve().is_relative_to((lib / "inbox").resolve())
    assert set(tree(lib)) - before == {path.relative_to(lib).as_posix()}


def test_a_saved_link_holding_a_control_character_is_rejected_at_import(lib, notes, tmp_path):
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        "https://example.org/a\x1b[31mred,Red,,Unread,1709287200,\n"
        "javascript:alert(1),Script,,Unread,1709287200,\n"
        "https://example.org/fine,Fine,,Unread,1709287200,\n"
    )
    report = import_files(lib, notes, export)
    assert report.links == 1
    reasons = [r.reason for _, r in report.rejected]
    assert len(reasons) == 2
    assert all(reason.startswith("not a web address: ") for reason in reasons), reasons


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("\x1b[31mRed alert\x1b[0m at the port", "red-alert-at-the-port.html"),
        ("\x1b]8;;https://x.example\x07Linked\x1b]8;;\x07 title", "linked-title.html"),
        ("京都の紅葉が見頃に", "京都の紅葉が見頃に.html"),
        ("서울의 가을 풍경", "서울의-가을-풍경.html"),
        ("Café crème à Paris", "cafe-creme-a-paris.html"),
    ],
)
def test_an_imported_page_is_named_by_the_letters_of_its_title(lib, notes, tmp_path, title, name):
    """Control sequences leave nothing in the name (not `31m`); Chinese, Japanese and
    Korean letters are kept (not `article.html`), accents on Latin letters dropped."""
    export = tmp_path / "wallabag.json"
    entry = {
        "id": 1,
        "title": title,
        "url": "https://news.example/story",
        "content": "<p>A page whose title makes its file name.</p>",
        "annotations": [],
        "is_archived": 0,
    }
    export.write_text(json.dumps([entry]))
    report = import_files(lib, notes, export)
    [path] = report.articles
    assert path.name == name
