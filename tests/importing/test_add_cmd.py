"""`reader add URL`: a web page fetched into the inbox and indexed, or one line and
exit 2 with nothing written; `reader add --pending` fetches the imported links."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from reader.importing.pending import load_pending
from reader.notes.store import NotesStore
from reader.search.index import LibraryIndex
from tests.importing.conftest import import_files, tree
from tests.importing.web import ADDED, STORY, Handler, serve


@pytest.fixture(scope="module")
def server():
    yield from serve()


def reader(*args):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_add_keeps_the_page_in_the_inbox_with_its_url_and_date_and_indexes_it(lib, server):
    done = reader("add", f"{server}/story", "--library", lib)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "added: inbox/127.0.0.1/lighthouse-keepers-return.html\n"
    page = (lib / "inbox/127.0.0.1/lighthouse-keepers-return.html").read_text()
    assert page.startswith('<!-- reader-origin {"service": "web", "url": "' + server + '/story"')
    assert '"fetched": "20' in page.splitlines()[0]
    assert page.endswith(STORY.decode())
    assert Handler.seen_agents[-1].startswith("reader/")
    with LibraryIndex(lib) as index:  # indexed by `reader add`, not updated here
        assert index.known([ADDED]) == {ADDED}
    # The same url again: nothing fetched, nothing added.
    again = reader("add", f"{server}/story", "--library", lib)
    assert (
        again.stdout == "already in the library: inbox/127.0.0.1/lighthouse-keepers-return.html\n"
    )


def test_a_page_added_and_moved_out_of_the_inbox_is_not_fetched_again(lib, server):
    reader("add", f"{server}/story", "--library", lib)
    page = lib / "inbox/127.0.0.1/lighthouse-keepers-return.html"
    page.rename(lib / "History/lighthouses.html")
    again = reader("add", f"{server}/story", "--library", lib)
    assert again.stdout == "already in the library: History/lighthouses.html\n"
    assert not (lib / "inbox/127.0.0.1").exists() or not any((lib / "inbox/127.0.0.1").iterdir())


def test_add_follows_a_redirect_and_says_where_the_page_came_from(lib, server):
    done = reader("add", f"{server}/moved", "--library", lib)
    assert done.returncode == 0, done.stderr
    head = (lib / "inbox/127.0.0.1/lighthouse-keepers-return.html").read_text().splitlines()[0]
    assert f'"fetched_from": "{server}/story"' in head


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_add_given_a_file_says_how_files_come_into_the_library(lib, tmp_path):
    page = tmp_path / "saved.html"
    page.write_text("<html><title>A saved page</title><p>Text.</p></html>")
    before = tree(lib)
    for given in (str(page), page.as_uri()):
        done = reader("add", given, "--library", lib)
        assert done.returncode == 2
        [line] = done.stderr.splitlines()
        assert line == (
            f"reader: error: {given}: a file, not a web address: "
            f"copy it into the library folder ({lib}) and reader reads it"
        )
    assert tree(lib) == before


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone", "the server answered 404 Not Found"),
        ("/picture", "not an HTML page (image/png)"),
        ("/huge", "larger than 10 MB"),
        ("/endless", "larger than 10 MB"),
        ("/loop", "more than 5 redirects"),
        ("/noise", "binary data, not a web page"),
        ("/empty", "an empty page"),
        ("/blank", "no readable text in the page"),
        (None, "cannot connect"),
        ("ftp", "not a web address"),
    ],
)
def test_add_refuses_in_one_line_and_writes_nothing(lib, server, path, reason):
    if path is None:
        url = f"http://127.0.0.1:{_closed_port()}/story"
    elif path == "ftp":
        url = "ftp://example.org/story"
    else:
        url = server + path
    before = tree(lib)
    done = reader("add", url, "--library", lib)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith(f"reader: error: {url}: {reason}")
    assert done.stdout == ""
    assert tree(lib) == before


def test_add_pending_fetches_the_imported_links_and_keeps_those_that_failed(
    lib, notes, server, tmp_path
):
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        f"{server}/slow-reading,The Case for Slow Reading,,Unread,1709287200,[]\n"
        f"{server}/gone,A page that is gone,,Unread,1709287200,[]\n"
    )
    import_files(lib, notes, export)
    done = reader("add", "--pending", "--library", lib)
    assert done.returncode == 2
    assert done.stdout == "added: inbox/127.0.0.1/lighthouse-keepers-return.html\n"
    assert done.stderr == f"reader: error: {server}/gone: the server answered 404 Not Found\n"
    assert [x["url"] for x in load_pending(lib)] == [f"{server}/gone"]
    head = (lib / "inbox/127.0.0.1/lighthouse-keepers-return.html").read_text().splitlines()[0]
    assert '"service": "instapaper"' in head
    # Importing the export again does not bring the fetched link back.
    import_files(lib, notes, export)
    assert [x["url"] for x in load_pending(lib)] == [f"{server}/gone"]


def test_add_without_a_url_says_what_to_give(lib):
    done = reader("add", "--library", lib)
    assert done.returncode == 2
    assert "give a URL, or --pending" in done.stderr


def test_a_selection_kept_unplaced_goes_on_its_page_once_fetched(lib, notes, server, tmp_path):
    export = tmp_path / "instapaper.csv"
    export.write_text(
        "URL,Title,Selection,Folder,Timestamp,Tags\n"
        f"{server}/slow-reading,Keepers,the old lighthouses are hiring keepers,Unread,1709287200,[]\n"
    )
    report = import_files(lib, notes, export)
    assert report.notes["unplaced"] == 1
    done = reader("add", "--pending", "--library", lib, "--notes-dir", notes)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"added: {ADDED}",
        "unplaced notes attached to the pages added: 1",
    ]
    store = NotesStore(notes)
    assert store.load("unplaced/instapaper").live == []
    [placed] = store.load(ADDED).live
    assert placed.quote == "the old lighthouses are hiring keepers"


def test_a_password_in_the_url_is_used_to_fetch_but_never_kept(lib, server):
    asked = server.replace("http://", "http://alice:s3cret@") + "/story?u=1"
    done = reader("add", asked, "--library", lib)
    assert done.returncode == 0, done.stderr
    assert Handler.seen_auth[-1].startswith("Basic ")  # the page was asked for as alice
    page = (lib / ADDED).read_text()
    assert f'"url": "{server}/story?u=1"' in page.splitlines()[0]
    listed = reader("list", "--json", "--library", lib)
    assert f"{server}/story?u=1" in listed.stdout
    assert "s3cret" not in page + listed.stdout + done.stdout + done.stderr
    assert "alice" not in page + listed.stdout
    # Known without its password: not fetched again.
    again = reader("add", asked, "--library", lib)
    assert again.stdout == f"already in the library: {ADDED}\n"


def test_a_page_redirected_keeps_no_password_either(lib, server):
    asked = server.replace("http://", "http://alice:s3cret@") + "/moved"
    done = reader("add", asked, "--library", lib)
    assert done.returncode == 0, done.stderr
    head = (lib / ADDED).read_text().splitlines()[0]
    assert "s3cret" not in head and "alice" not in head
    assert f'"fetched_from": "{server}/story"' in head


def test_the_same_page_written_another_way_is_not_added_again(lib, server):
    reader("add", f"{server}/story", "--library", lib)
    for same in (
        f"{server}/story#other",
        server.replace("http://", "HTTP://") + "/story",
        f"{server}/moved",  # redirected to the page kept: fetched, then known
    ):
        again = reader("add", same, "--library", lib)
        assert again.returncode == 0, again.stderr
        assert again.stdout == f"already in the library: {ADDED}\n", same
    assert [p.name for p in (lib / "inbox/127.0.0.1").iterdir()] == [ADDED.rpartition("/")[2]]


def test_a_page_kept_after_a_redirect_is_known_by_where_it_came_from(lib, server):
    reader("add", f"{server}/moved", "--library", lib)
    again = reader("add", f"{server}/story", "--library", lib)
    assert again.stdout == f"already in the library: {ADDED}\n"
    assert len(list((lib / "inbox/127.0.0.1").iterdir())) == 1


def test_add_pending_takes_out_only_the_links_fetched_keeping_the_users_comments(lib, server):
    pending = lib / "inbox/pending.yaml"
    pending.parent.mkdir(parents=True, exist_ok=True)
    kept = (
        "# Links saved by `reader import`; `reader add --pending` fetches them.\n"
        "# mine: read these on the train\n"
        "links:\n"
        "# the gone one, kept to try again\n"
        f"- url: {server}/gone\n"
        "  title: Gone   # it was there last week\n"
        "  tags: [later]\n"
    )
    fetched = (
        f"- url: {server}/slow-reading  # the good one\n"
        "  title: Slow reading\n"
        "  origin: {service: instapaper, id: x}\n"
    )
    pending.write_text(kept.replace("links:\n", "links:\n" + fetched))
    done = reader("add", "--pending", "--library", lib)
    assert done.returncode == 2
    assert done.stdout == f"added: {ADDED}\n"
    assert pending.read_text() == kept
    # The last link fetched too: an empty list, the comments still there.
    pending.write_text(kept.replace("/gone", "/story"))
    done = reader("add", "--pending", "--library", lib)
    assert done.returncode == 0, done.stderr
    assert pending.read_text().startswith("# Links saved by `reader import`")
    assert "# mine: read these on the train\n" in pending.read_text()
    assert load_pending(lib) == []
    again = reader("add", "--pending", "--library", lib)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "no pending links\n"


def test_an_address_in_capitals_is_kept_as_given_and_not_said_redirected(lib, server):
    asked = server.replace("http://", "HTTP://") + "/story"
    done = reader("add", asked, "--library", lib)
    assert done.returncode == 0, done.stderr
    head = (lib / ADDED).read_text().splitlines()[0]
    assert f'"url": "{asked}"' in head and "fetched_from" not in head
