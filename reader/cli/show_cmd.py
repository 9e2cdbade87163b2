"""Print articles as a person reads them: title, metadata, the clean body."""

from __future__ import annotations

import argparse
import json
import sys

from rich.text import Text

from reader.cli.common import ignored_line, output_console, resolve_article
from reader.model import NO_TEXT, QUOTE_BAR, Article
from reader.text.safe import visible


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="an article id or a file path"
    )
    parser.add_argument("--library", metavar="DIR", help="library the ids refer to")
    parser.add_argument("--json", action="store_true", help="print one JSON object per line")
    parser.add_argument("--all", action="store_true", help="include boilerplate (dimmed)")


def run(args: argparse.Namespace) -> int:
    articles = [resolve_article(ref, args.library)[0] for ref in args.articles]
    for article in articles:
        sys.stderr.writelines(ignored_line(article.path, r) + "\n" for r in article.ignored)
    if args.json:
        for article in articles:
            record = article.summary()
            record["text"] = article.body_text
            record["boilerplate"] = [article.block_text(b) for b in article.boilerplate_blocks]
            sys.stdout.write(json.dumps(record, ensure_ascii=True) + "\n")
        return 0
    console = output_console()
    if console.is_terminal:
        console.width = min(console.width, 88)
    for n, article in enumerate(articles):
        if n:
            console.print()
        console.print(render(article, include_boilerplate=args.all))
    return 0


ALL_FOLDED = "All of this article is folded as boilerplate (--all shows it)."


def render(article: Article, *, include_boilerplate: bool = False) -> Text:
    """The article as styled text with every untrusted string made visible-safe."""
    out = Text()
    out.append(visible(article.title), style="bold")
    out.append("\n")
    if article.subtitle:
        out.append(visible(article.subtitle) + "\n", style="italic")
    out.append(visible(article.meta_line()) + "\n", style="dim")
    if not article.blocks:
        out.append(f"\n{NO_TEXT}\n", style="italic")
    elif not include_boilerplate and not article.body_blocks:
        out.append(f"\n{ALL_FOLDED}\n", style="italic")
    for block in article.blocks:
        if block.boilerplate and not include_boilerplate:
            continue
        text = visible(block.shown(article.text, block.start, block.end))
        style = "dim strike" if block.boilerplate else ""
        if not block.tight:
            out.append("\n")
        if block.kind == "heading":
            out.append(text, style=style or "bold")
        elif block.kind == "list_item":
            # Its further lines (code, a line break) hang under its text, as in the app.
            hang = " " * (len(block.item_prefix) + block.own_marker)
            out.append(block.item_prefix + text.replace("\n", "\n" + hang), style=style)
        elif block.kind == "quote":
            # Every line after the quote mark (a plain-text quotation's lines begin with
            # their own, shown as it).
            bar = "" if block.own_marker else QUOTE_BAR
            out.append(bar + text.replace("\n", "\n" + bar), style=style or "italic")
        else:
            out.append(text, style=style)
        out.append("\n")
    return out
