"""Annotate a passage of an article, found by its quote; prints the new annotation's id."""

from __future__ import annotations

import argparse
import sys

from reader.cli.common import (
    add_places,
    notes_dir,
    readable_notes_dir,
    resolve_article,
    text_value,
)
from reader.errors import ArticleError, NotesSaveError, ReaderError
from reader.notes.anchoring import Anchorer
from reader.notes.placement import Annotations
from reader.notes.schema import COLORS
from reader.notes.store import NotesStore
from reader.notes.tags import breaks_lines, normalised
from reader.text.counts import times
from reader.text.find import FoldedText
from reader.text.safe import escaped


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="an article id or a file path")
    parser.add_argument(
        "--quote", required=True, type=text_value, metavar="TEXT", help="the passage to annotate"
    )
    parser.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which occurrence (default 1; said on stderr when there are several)",
    )
    parser.add_argument("--note", default="", type=text_value, metavar="TEXT", help="the note")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        type=text_value,
        metavar="T",
        help="a tag (repeatable)",
    )
    parser.add_argument("--color", default="yellow", choices=COLORS, help="highlight colour")
    add_places(parser, library="library the id refers to")


def run(args: argparse.Namespace) -> int:
    tags = normalised(t.strip() for t in args.tag)
    for tag in tags:
        if breaks_lines(tag):
            raise ReaderError(f"a tag is one line: “{escaped(tag)}” holds a line break")
    article, root = resolve_article(args.article, args.library)
    occurrence = 1 if args.occurrence is None else args.occurrence
    if occurrence < 1:
        raise ArticleError(article.id, "--occurrence must be 1 or more")
    if not args.quote.strip():
        raise ArticleError(article.id, "the quote is empty")
    spans = _matches(article.text, args.quote, occurrence)
    if not spans:
        raise ArticleError(article.id, f"quote not found: {args.quote[:60]!r}")
    if len(spans) < occurrence:
        raise ArticleError(
            article.id,
            f"no occurrence {occurrence}: the quote is found {times(len(spans))}"
            f" ({args.quote[:60]!r})",
        )
    span = spans[occurrence - 1]
    store = NotesStore(
        readable_notes_dir(notes_dir(args.notes_dir, root)), program="reader annotate"
    )
    try:
        annotation = Annotations(store).add(
            article, *span, note=args.note, tags=tags, color=args.color
        )
    except OSError as error:  # a full disk, a read-only folder: one line, not a traceback
        raise NotesSaveError(store.path_for(article.id), error) from None
    sys.stdout.write(annotation.id + "\n")
    if args.occurrence is None and len(spans) > 1:  # said once the note is saved
        sys.stderr.write(
            f"reader: the quote is found {times(len(spans))} in {article.id}: annotated the"
            " first (--occurrence N for another, or a longer quote)\n"
        )
    return 0


def _matches(text: str, quote: str, occurrence: int) -> list[tuple[int, int]]:
    """Every place of `quote` in `text` as typed, or ignoring case and accents when
    that finds too few for the `occurrence` asked for."""
    exact = list(Anchorer(text).find_all(quote))
    return exact if len(exact) >= occurrence else FoldedText(text).find_all(quote)
