"""Search a library: ranked matches with the matched words highlighted."""

from __future__ import annotations

import argparse
import json
import sys
from itertools import islice
from typing import TYPE_CHECKING

from reader.cli.common import (
    add_places,
    notes_session,
    output_console,
    tell_empty_library,
    text_value,
    whole_number,
)
from reader.text.safe import escaped, visible

# Rich draws the results in a terminal only: --json and pipes go without it.
if TYPE_CHECKING:
    from rich.text import Text

    from reader.search import Hit

# Options that take a value, so that the word after them is not taken for the query.
_VALUE_OPTIONS = ("--limit", "--notes-dir", "--library")
_MOST_HITS = 1_000_000_000  # SQLite takes no larger LIMIT (an OverflowError)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        type=text_value,
        metavar="QUERY",
        help='words, "phrases", prefix*, -word, OR, source: author: title: before: after: '
        "is:unread tag: has:notes, as in the app (a query may start with -, as in "
        "-has:notes; after -- nothing is an option)",
    )
    add_places(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array of hits")
    parser.add_argument(
        "--limit",
        type=whole_number(1, _MOST_HITS),
        default=20,
        metavar="N",
        help="at most N hits (default 20)",
    )


def parse_args(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments, in any order, the query taken as it is even when it starts with "-".

    `-has:notes` or `-draft` in the query's place is the query, not an option: search
    has no short option but -h. Options may come after the query and the library.
    """
    options: list[str] = []
    positionals: list[str] = []
    words = iter(argv)
    for word in words:
        if word == "--":
            positionals.extend(words)
        elif word.startswith("--"):
            options.append(word)
            if _takes_value(word):
                options.extend(islice(words, 1))
        elif word.startswith("-") and word != "-" and (positionals or word == "-h"):
            options.append(word)
        else:
            positionals.append(word)
    return parser.parse_args([*options, "--", *positionals])


def _takes_value(option: str) -> bool:
    """Whether the next word is this option's value (--limit N, or --lim N as argparse
    takes unambiguous prefixes)."""
    name, equals, _ = option.partition("=")
    return not equals and len(name) > 2 and any(o.startswith(name) for o in _VALUE_OPTIONS)


def run(args: argparse.Namespace) -> int:
    session = notes_session(args, notes_needed=False)  # the articles are searched all the same
    try:
        result = session.search(args.query, limit=args.limit)  # the app's search, notes and all
    finally:
        session.index.close()
    if result.message:
        sys.stderr.write(f"reader: note: {visible(result.message)}\n")
    # The whole library asked for (an empty query): a listing, none in it no failure.
    listing = result.query.lists_library
    if args.json:
        payload = [
            {
                "id": visible(h.id),
                "title": visible(h.title),
                "source": visible(h.source),
                "score": float(f"{h.score:.4g}"),
                "snippet": visible(h.snippet or ""),
            }
            for h in result.hits
        ]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if result.hits or listing else 1
    if not result.hits and listing:
        tell_empty_library(session.root)
        return 0
    if not result.hits:  # as grep, status 1
        sys.stderr.write("no matches\n")
        return 1
    from rich.padding import Padding
    from rich.text import Text

    terminal = sys.stdout.isatty()
    console = output_console()
    for n, hit in enumerate(result.hits):
        if n:
            console.print()
        title, *rest = render(hit)
        console.print(title)
        for line in rest:  # indented; wrapped lines keep the indent in a terminal
            console.print(
                Padding(line, (0, 0, 0, 2), expand=False) if terminal else Text("  ") + line
            )
    if result.total > len(result.hits):
        total = f"{result.total:,}{'+' if result.more else ''}"
        sys.stderr.write(f"{len(result.hits)} of {total} matches (see --limit)\n")
    return 0


def render(hit: Hit) -> list[Text]:
    """Title; source · date · id; snippet. Matched words in bold.

    Styles only reach a terminal: rich drops them when stdout is a file or pipe.
    """
    from rich.text import Text

    title = _marked(visible(hit.title), hit.title_spans, "bold underline", base="bold")
    meta = " · ".join(p for p in (hit.source, hit.date, hit.id) if p)
    lines = [title, Text(escaped(meta), style="dim")]
    if hit.snippet:
        lines.append(_marked(visible(hit.snippet), hit.spans, "bold"))
    return lines


def _marked(text: str, spans: tuple[tuple[int, int], ...], style: str, base: str = "") -> Text:
    from rich.text import Text

    out = Text(text, style=base)
    for start, end in spans:
        out.stylize(style, start, end)
    return out
