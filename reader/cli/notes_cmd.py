"""List the annotations of a library, placed on the articles' current text; or attach an
imported highlight kept unplaced to the article that holds its quote."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli.common import (
    add_note_filters,
    add_places,
    article_id_of,
    library_root,
    notes_dir,
    notes_dir_named,
    readable_notes_dir,
    resolve_article,
    up_to_date_session,
)
from reader.cli.table import ID_AT_MOST, write_table
from reader.errors import NotesSaveError
from reader.importing.attach import attach, find_unplaced, place
from reader.notes.records import SHOWN_STATUSES, NoteRecord, collect, matches
from reader.notes.shared_ids import shared_ids
from reader.notes.store import NotesStore
from reader.notes.tags import hashed
from reader.text.safe import name_escaped, visible


def configure(parser: argparse.ArgumentParser) -> None:
    add_places(parser)
    parser.add_argument(
        "--json", action="store_true", help="print a JSON array (with --where: an object)"
    )
    add_note_filters(parser)
    parser.add_argument("--status", choices=SHOWN_STATUSES, help="only this status")
    parser.add_argument(
        "--attach",
        nargs=2,
        metavar=("NOTE_ID", "ARTICLE"),
        help="attach an unplaced note (an id, or the start of one) to the article that "
        "holds its quote (an id or a file path)",
    )
    parser.add_argument("--where", action="store_true", help="print the notes directory and exit")


def run(args: argparse.Namespace) -> int:
    if args.where:
        where = notes_dir_named(args.notes_dir, args.library)
        if args.json:
            sys.stdout.write(json.dumps({"notes_dir": str(where)}, ensure_ascii=True) + "\n")
        else:
            sys.stdout.write(f"{where}\n")
        return 0
    root = library_root(args.library)
    directory = readable_notes_dir(notes_dir(args.notes_dir, root))
    if args.attach:
        return _attach(directory, *args.attach, library=args.library)
    session = up_to_date_session(root, directory)
    store = NotesStore(directory)
    article = article_id_of(args.article, args.library, store) if args.article is not None else None
    records, problems = collect(store, session.article, article_id=article)
    shared = shared_ids(records, store)
    records = [r for r in records if matches(r, tags=args.tag, status=args.status)]
    for line in [*(str(p.error) for p in problems), *map(str, shared)]:
        sys.stderr.write(f"reader: warning: {visible(line)}\n")
    # As grep: 1 when a filter matched nothing; a listing of no notes at all is 0; 2
    # when notes could not be read (those that could are listed all the same).
    unread = any(not p.shown for p in problems)
    code = 1 if not records and (args.tag or args.status or args.article is not None) else 0
    code = 2 if unread else code
    if args.json:
        sys.stdout.write(json.dumps([r.to_json() for r in records], ensure_ascii=True, indent=2))
        sys.stdout.write("\n")
        return code
    rows = [
        (
            name_escaped(r.article_id),
            _status(r),
            hashed(r.annotation.tags),
            " ".join(r.quote.split()),
            r.annotation.note_first_line,
        )
        for r in records
    ]
    if rows:
        write_table(
            ("ARTICLE", "STATUS", "TAGS", "QUOTE", "NOTE"),
            rows,
            # Article ids whole, as --article takes them (a long one on a line of its own).
            limits={0: ID_AT_MOST, 2: 24, 3: 50, 4: 50},
            exact={0},
            whole_first=True,
        )
    elif unread:
        sys.stderr.write("no notes could be read\n")
    else:
        sys.stderr.write("no notes match\n" if code else "no notes\n")
    return code


def _status(record: NoteRecord) -> str:
    """The note's status; an unplaced one's with the id `--attach` takes."""
    status = record.shown_status
    return f"{status} {record.annotation.id[:8]}" if status == "unplaced" else status


def _attach(directory: Path, note_id: str, ref: str, *, library: str | None) -> int:
    """Place an unplaced note by its quote in the article `ref` names, and say where."""
    store = NotesStore(directory, program="reader notes")
    unplaced = find_unplaced(store, note_id)
    article, _ = resolve_article(ref, library)
    found = place(unplaced, article)
    score = None if found.exact else found.score
    try:
        attach(store, unplaced, article, found.start, found.end, score)
    except OSError as error:  # a full disk, a read-only folder: the note stays unplaced
        raise NotesSaveError(store.path_for(article.id), error) from None
    how = "exactly" if found.exact else f"fuzzily (score {found.score:.2f})"
    sys.stdout.write(
        f"{unplaced.annotation.id[:8]} attached to {visible(article.id)}, "
        f"character {found.start + 1:,} of the article's text: placed {how}\n"
    )
    return 0
