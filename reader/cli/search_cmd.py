"""Search a library: ranked matches with the matched words highlighted."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from reader.cli.common import follow_renamed_notes, library_root, notes_dir, update_index
from reader.safetext import escaped, visible
from reader.search import Hit, open_index
from reader.state import ReadingState


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        metavar="QUERY",
        help='words, "phrases", prefix*, -word, OR, source: author: title: before: after: '
        "is:unread (write -- before a query that starts with -)",
    )
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="folder of articles")
    parser.add_argument("--json", action="store_true", help="print a JSON array of hits")
    parser.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    with open_index(root) as index:
        update_index(index)
        follow_renamed_notes(index, notes_dir(None, root))
        read = ReadingState(root).read_ids() if "is:" in args.query else None
        result = index.search(args.query, limit=args.limit, read_ids=read)
    if result.message:
        sys.stderr.write(f"reader: note: {visible(result.message)}\n")
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
        return 0
    if not result.hits:
        sys.stderr.write("no matches\n")
        return 0
    terminal = sys.stdout.isatty()
    console = Console(highlight=False, soft_wrap=not terminal)
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
    title = _marked(visible(hit.title), hit.title_spans, "bold underline", base="bold")
    meta = " · ".join(p for p in (hit.source, hit.date, hit.id) if p)
    lines = [title, Text(escaped(meta), style="dim")]
    if hit.snippet:
        lines.append(_marked(visible(hit.snippet), hit.spans, "bold"))
    return lines


def _marked(text: str, spans: tuple[tuple[int, int], ...], style: str, base: str = "") -> Text:
    out = Text(text, style=base)
    for start, end in spans:
        out.stylize(style, start, end)
    return out
