"""List the articles of a library: source, date, title, words (or id and title)."""

from __future__ import annotations

import argparse
import json
import sys

from rich.cells import cell_len

from reader.cli.common import (
    add_places,
    library_root,
    notes_dir,
    scan_summary,
    tell_empty_library,
    update_following_notes,
)
from reader.cli.table import ID_AT_MOST, write_table
from reader.search import open_index
from reader.search.listing import ID
from reader.text.safe import name_escaped, shown_title


def configure(parser: argparse.ArgumentParser) -> None:
    add_places(parser)
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print one JSON object")
    shape.add_argument(
        "--ids",
        action="store_true",
        help="id and title of each article (the id is what show, annotate, compare take)",
    )


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    with open_index(root) as index:
        update_following_notes(index, notes_dir(args.notes_dir, root))
        articles = index.articles()
        listing = index.listing()
        skipped, ignored = index.skipped(), index.ignored()
    if args.json:
        payload = {
            "articles": [a.summary() for a in articles],
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
            "ignored": [{"path": i.path, "reason": i.reason} for i in ignored],
        }
        json.dump(payload, sys.stdout, ensure_ascii=True, indent=2)
        sys.stdout.write("\n")
        return 0
    by_id = {a.id: a for a in articles}  # in the source list's order, as the app lists them
    ordered = [by_id[row[ID]] for row in listing.rows if row[ID] in by_id]
    if not articles:  # a listing, not a filter: nothing in it is no failure (status 0)
        tell_empty_library(root)
    elif args.ids:
        # Ids whole, as the commands take them (one too long for its column on a line of
        # its own); the title gets what is left of 80 columns. Control characters in an
        # id are escaped (`\n`), as are the accents of a name not in composed form
        # (`Cafe\u0301.txt`, not to be taken for `Café.txt`); show and annotate take
        # them back.
        ids = [name_escaped(a.id) for a in ordered]
        id_width = min(ID_AT_MOST, max([cell_len("ID")] + [cell_len(i) for i in ids]))
        pairs = [(i, a.title) for i, a in zip(ids, ordered, strict=True)]
        limits = {0: id_width, 1: 80 - id_width - 2}
        write_table(("ID", "TITLE"), pairs, limits=limits, exact={0}, whole_first=True)
    else:
        # A title not in composed form escaped, as the ids are: two files `Café.txt`
        # (composed and not) would otherwise list the same.
        rows = [(a.source, a.date or "", shown_title(a.title), str(a.words)) for a in ordered]
        write_table(("SOURCE", "DATE", "TITLE", "WORDS"), rows, limits={0: 24, 2: 80}, right={3})
    if summary := scan_summary(skipped, ignored):
        sys.stderr.write(f"reader: {summary}\n")
    return 0
