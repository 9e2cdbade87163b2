"""Fetch web pages into the library's inbox (LIB/inbox/<site>/<slug>.html) and index
them; --pending fetches the links `reader import` kept."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import httpx

from reader.cli.common import (
    CliParser,
    add_places,
    fail,
    library_root,
    notes_dir,
    text_value,
    update_following_notes,
)
from reader.errors import ReaderError
from reader.importing import inbox
from reader.importing.attach import attach_waiting
from reader.importing.fetch import FetchError, add_url, new_client
from reader.importing.pending import drop_fetched, load_pending
from reader.ingest.formats import article_id
from reader.notes.store import NotesStore
from reader.search import open_index
from reader.search.index import LibraryIndex
from reader.text.safe import escaped


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "urls", nargs="*", type=text_value, metavar="URL", help="a web page to keep"
    )
    parser.add_argument(
        "--pending", action="store_true", help="fetch the links imported by `reader import`"
    )
    add_places(parser, library="library to add to")


def parse_args(parser: CliParser, argv: list[str]) -> argparse.Namespace:
    args = parser.parse_args(argv)
    if not args.urls and not args.pending:
        parser.error("give a URL, or --pending")
    return args


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    notes = notes_dir(args.notes_dir, root)
    with open_index(root) as index:
        # A page moved out of the inbox is known where it is now (its notes with it).
        update_following_notes(index, notes)
        known = inbox.known(root, index)
    failed = 0
    added: list[Path] = []
    with new_client() as client:
        for url in args.urls:
            try:
                _not_a_file(url, root)
                done = add_url(root, url, client, known=known)
            except FetchError as error:
                fail(str(error))
                failed += 1
                continue
            if not done.known:
                added.append(done.path)
            _tell(root, done.path, done.known)
        if args.pending:
            ok, bad = _pending(root, client, known)
            added, failed = added + ok, failed + bad
    if added:
        with open_index(root) as index:
            update_following_notes(index, notes)
            _attach_waiting(root, notes, index, added)
    return 2 if failed else 0


def _attach_waiting(root: Path, notes: Path, index: LibraryIndex, added: list[Path]) -> None:
    """The unplaced notes highlighted on the pages added (a link's selection, imported
    before its page was fetched) attached to them; a line saying how many."""
    articles = [index.article(article_id(path, root)) for path in added]
    try:
        store = NotesStore(notes, program="reader add")
        attached = attach_waiting(store, [a for a in articles if a is not None])
    except (ReaderError, OSError) as error:
        message = f"unplaced notes not attached to the pages added: {error}"
        sys.stderr.write(f"reader: warning: {escaped(message)}\n")
        return
    if attached:
        sys.stdout.write(f"unplaced notes attached to the pages added: {len(attached)}\n")


def _not_a_file(given: str, root: Path) -> None:
    """A file given where a web address is wanted: say how files come into the library."""
    if given.startswith("file:") or (not given.startswith(("http:", "https:")) and _exists(given)):
        raise FetchError(
            given,
            f"a file, not a web address: copy it into the library folder ({root}) "
            "and reader reads it",
        )


def _exists(path: str) -> bool:
    try:
        return Path(path).expanduser().exists()
    except (OSError, ValueError):
        return False


def _pending(root: Path, client: httpx.Client, known: dict[str, Path]) -> tuple[list[Path], int]:
    """Fetch every pending link; those fetched leave the list, the others stay. The
    pages added, and how many failed."""
    links = load_pending(root)
    left, added, failed = [], [], 0
    for link in links:
        origin = link.get("origin") if isinstance(link.get("origin"), dict) else None
        try:
            done = add_url(root, link["url"], client, origin, known)
        except FetchError as error:
            fail(str(error))
            failed += 1
            left.append(link)
            continue
        if not done.known:
            added.append(done.path)
        _tell(root, done.path, done.known)
    if len(left) != len(links):
        drop_fetched(root, {x["url"] for x in links} - {x["url"] for x in left})
    if not links:
        sys.stdout.write("no pending links\n")
    return added, failed


def _tell(root: Path, path: Path, known: bool) -> None:
    where = path.relative_to(root).as_posix()
    sys.stdout.write(escaped(f"{'already in the library' if known else 'added'}: {where}") + "\n")
