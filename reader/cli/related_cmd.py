"""Other articles that tell the same story as ARTICLE, with the names and quotations they share."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from reader.cli.common import (
    add_places,
    notes_dir,
    output_console,
    resolve_article,
    update_following_notes,
)
from reader.model import outside_path
from reader.search import open_index
from reader.text.counts import plural
from reader.text.safe import escaped, visible

SHOWN_NAMES = 8


if TYPE_CHECKING:
    from reader.related import Related


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="an article id or a file path")
    add_places(parser, library="library the id refers to")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from reader.related import open_related  # not needed before a command runs

    article, root = resolve_article(args.article, args.library)
    key = article.id
    if (outside := outside_path(article.id)) is not None:
        # A file outside the library is set beside the other files of its folder.
        root, key = outside.parent, outside.name
    with open_index(root) as index:
        update_following_notes(index, notes_dir(args.notes_dir, root))
        with open_related(root) as stories:
            if stories.temporary and not index.temporary:  # (else said with the index's)
                sys.stderr.write(f"reader: {escaped(stories.temporary)}\n")
            stories.update(index)
            found = stories.related(key)
    if args.json:
        json.dump([r.to_json() for r in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0 if found else 1
    if not found:  # as grep, status 1: nothing answers the question asked
        sys.stderr.write("no other article tells this story\n")
        return 1
    terminal = sys.stdout.isatty()
    console = output_console()
    sources = len({article.source, *(r.source for r in found)})
    console.print(
        Text(
            f"{len(found) + 1} articles, {plural(sources, 'source')}: ",
            style="dim",
        )
        + Text(visible(article.title), style="bold")
    )
    for item in found:
        console.print()
        title, *rest = render(item)
        console.print(title)
        for line in rest:
            console.print(
                Padding(line, (0, 0, 0, 7), expand=False) if terminal else Text(" " * 7) + line
            )
    return 0


def render(item: Related) -> list[Text]:
    """score  title; source · date · id; names; quotations (visible-safe)."""
    title = Text(f"{item.score:5.2f}  ", style="bold") + Text(visible(item.title), style="bold")
    meta = " · ".join(p for p in (item.source, item.date, item.id) if p)
    lines = [title, Text(escaped(meta), style="dim")]
    if item.shared_entities:
        names = list(item.shared_entities[:SHOWN_NAMES])
        more = len(item.shared_entities) - len(names)
        text = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        lines.append(Text("names: ", style="dim") + Text(visible(text)))
    for quote in item.shared_quotes:
        lines.append(Text("quote: ", style="dim") + Text(visible(f"“{_oneline(quote)}”")))
    return lines


def _oneline(text: str) -> str:
    return " ".join(text.split())
