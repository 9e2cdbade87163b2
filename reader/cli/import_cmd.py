"""Import saved articles, links and highlights exported from other services
(wallabag, Omnivore, Instapaper, Pocket, Hypothesis, Readwise, Kindle, KOReader)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import (
    add_places,
    fail,
    library_root,
    notes_dir,
    progress_bar,
    readable_notes_dir,
)
from reader.importing.detect import FORMATS, read_export
from reader.importing.run import Importer
from reader.notes.store import NotesStore
from reader.search import open_index
from reader.text.counts import plural
from reader.text.safe import escaped


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="an export file")
    parser.add_argument("--format", choices=FORMATS, help="read the files as this format")
    add_places(parser, library="library to import into")


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    # Every file is read before anything is written: a malformed one stops the import
    # with nothing of it (nor of the others) half-written.
    exports = []
    for f in args.files:
        with progress_bar(f"reading {escaped(Path(f).name)}"):  # a large export takes a while
            exports.append((Path(f).name, read_export(Path(f), args.format)))
    store = NotesStore(readable_notes_dir(notes_dir(args.notes_dir, root)), program="reader import")
    with open_index(root) as index:
        importer = Importer(root, store, index)
        with progress_bar("importing") as report:
            # The index brought up to date too.
            importer.run(exports, report, report.tell if report else None)
    for line in importer.report.lines():
        sys.stdout.write(escaped(line) + "\n")
    for error, count in importer.report.unsaved.items():
        fail(f"{plural(count, 'note')} not saved, the notes file left as it is: {error}")
    return 2 if importer.report.failed else 0
