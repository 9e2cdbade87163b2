"""List the annotations of a library, placed on the articles' current text."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import (
    add_note_filters,
    article_id_of,
    library_root,
    notes_dir,
    up_to_date_session,
)
from reader.cli.table import write_table
from reader.notes.anchoring import AnchorStatus
from reader.notes.records import collect, matches
from reader.notes.store import NotesStore
from reader.text.safe import visible


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="folder of articles")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    add_note_filters(parser)
    parser.add_argument(
        "--status", choices=[s.value for s in AnchorStatus], help="only this status"
    )
    parser.add_argument("--where", action="store_true", help="print the notes directory and exit")
    parser.add_argument("--notes-dir", metavar="DIR", help="where notes are kept")


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    directory = notes_dir(args.notes_dir, root)
    if args.where:
        sys.stdout.write(f"{directory}\n")
        return 0
    session = up_to_date_session(root, directory)
    store = NotesStore(directory)
    article = article_id_of(args.article, args.library, store) if args.article is not None else None
    records, problems = collect(store, session.article, article_id=article)
    records = [r for r in records if matches(r, tags=args.tag, status=args.status)]
    for problem in problems:
        sys.stderr.write(f"reader: warning: {visible(str(problem.error))}\n")
    if args.json:
        json.dump([r.to_json() for r in records], sys.stdout, ensure_ascii=True, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [
        (
            r.article_id,
            str(r.status),
            " ".join(f"#{t}" for t in r.annotation.tags),
            " ".join(r.quote.split()),
            r.annotation.note_first_line,
        )
        for r in records
    ]
    if rows:
        write_table(
            ("ARTICLE", "STATUS", "TAGS", "QUOTE", "NOTE"),
            rows,
            limits={2: 24, 3: 50, 4: 50},  # article ids whole, as --article takes them
        )
    else:
        sys.stderr.write("no notes\n")
    return 0
