"""Export notes: Markdown, W3C JSON, CSV, YAML, or a preset that another tool imports as it is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.common import (
    STDOUT,
    add_note_filters,
    add_places,
    article_id_of,
    check_output,
    notes_session,
    output_name,
    write_output,
    write_stdout,
)
from reader.errors import ReaderError
from reader.notes.export import (
    EXPORTERS,
    FORMATS,
    FolderReport,
    export,
    export_pages,
    folder_target,
)
from reader.notes.records import collect, matches
from reader.paths import home_expanded
from reader.text.counts import plural, tally
from reader.text.safe import visible


def configure(parser: argparse.ArgumentParser) -> None:
    add_places(parser)  # which notes, then how they are written
    add_note_filters(parser)
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="default: markdown")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=output_name,
        help="write to FILE (atomically) instead of stdout (- is stdout); obsidian and logseq: a folder",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def run(args: argparse.Namespace) -> int:
    # Where the notes go is checked first: a name that cannot be written is said at once,
    # not once every note is read and rendered.
    if EXPORTERS[args.format].is_folder:
        folder_target(_folder(args))
    else:
        check_output(args)
    session = notes_session(args)
    store = session.annotations.store
    article = article_id_of(args.article, args.library, store) if args.article is not None else None
    records, problems = collect(store, session.article, article_id=article)
    records = [r for r in records if matches(r, tags=args.tag)]
    for problem in problems:
        unless = "" if problem.shown else "not exported, fix it first: "
        sys.stderr.write(f"reader: warning: {unless}{problem.error}\n")
    if EXPORTERS[args.format].is_folder:
        code = _export_folder(records, args)
    else:
        text = export(records, args.format)
        if args.output:
            write_output(text, args, len(records), "note")
        else:
            write_stdout(text)
        code = 0
    if any(not p.shown for p in problems):  # as grep: notes could not be read
        if not records:
            sys.stderr.write("reader: no notes could be read\n")
        return 2
    if not records and code == 0:
        # Said; the document is written all the same, empty, for a script that reads
        # it. As grep: status 1 when a filter matched nothing, 0 when there are no notes.
        if args.tag or args.article is not None:
            sys.stderr.write("reader: no notes match\n")
            return 1
        sys.stderr.write("reader: no notes\n")
    return code


def _folder(args: argparse.Namespace) -> Path:
    if not args.output or args.output == STDOUT:
        raise ReaderError(f"{args.format} writes a page per article into a folder: add -o DIR")
    return home_expanded(args.output)


def _export_folder(records: list, args: argparse.Namespace) -> int:
    directory = _folder(args)
    report = export_pages(records, args.format, directory)
    for path, reason in report.failed:
        sys.stderr.write(f"reader: {visible(str(path))}: {reason}; left as it is\n")
    sys.stderr.write(_summary(len(records), directory, report) + "\n")
    return 2 if report.failed else 0


def _summary(count: int, directory: object, report: FolderReport) -> str:
    pages = tally(
        (len(found), what)
        for found, what in (
            (report.created, "new"),
            (report.updated, "updated"),
            (report.unchanged, "unchanged"),
            (report.failed, "not written"),
        )
    )
    return f"{plural(count, 'note')} written to {directory}" + (f" ({pages})" if pages else "")
