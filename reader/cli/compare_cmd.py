"""Two articles side by side: the passages they share (with a similarity score), each one's own
passages, and who carries which quotation."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.text import Text

from reader.cli.common import output_console, resolve_article
from reader.errors import ReaderError
from reader.model import Article
from reader.text.safe import escaped, visible

SHARED = "green"
OWN_A = "cyan"
OWN_B = "magenta"


if TYPE_CHECKING:
    from reader.related import Comparison, Span


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="an article id or a file path")
    parser.add_argument("b", metavar="B", help="another article id or file path")
    parser.add_argument("--library", metavar="DIR", help="library the ids refer to")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from reader.related import compare  # not needed before a command runs

    a = resolve_article(args.a, args.library)[0]
    b = resolve_article(args.b, args.library)[0]
    if a.id == b.id:  # named twice, maybe once by id and once by path
        raise ReaderError("compare needs two different articles")
    result = compare(a, b)
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    terminal = sys.stdout.isatty()
    console = output_console()
    if terminal:
        console.width = min(console.width, 100)
    for block in render(result):
        if isinstance(block, tuple):
            indent, line = block
            console.print(
                Padding(line, (0, 0, 0, indent), expand=False)
                if terminal
                else Text(" " * indent) + line
            )
        else:
            console.print(block)
    return 0


def render(result: Comparison) -> list[Text | tuple[int, Text]]:
    """Lines to print: a heading per section, indented passages (visible-safe)."""
    out: list[Text | tuple[int, Text]] = [_side("A", result.a, OWN_A), _side("B", result.b, OWN_B)]
    if notice := result.notice():
        out.append(Text(notice, style="bold"))
    out += [Text(), Text(f"Shared passages ({len(result.pairs)})", style="bold")]
    for pair in result.pairs:
        out.append((2, Text(f"{pair.score:.2f} ", style="bold") + _passage("A", pair.a, SHARED)))
        out.append((7, _passage("B", pair.b, SHARED)))
    for label, spans, style in (("A", result.only_a, OWN_A), ("B", result.only_b, OWN_B)):
        out += [Text(), Text(f"Only in {label} ({len(spans)})", style="bold")]
        out += [(2, _passage(label, span, style)) for span in spans]
    out += [Text(), Text(f"Quotations ({len(result.quotes)})", style="bold")]
    for quote in result.quotes:
        sides = " ".join(s.upper() if s in quote.sides else " " for s in ("a", "b"))
        out.append(
            (2, Text(sides + "  ", style="bold") + Text(visible(f"“{_oneline(quote.text)}”")))
        )
    return out


def _side(label: str, article: Article, style: str) -> Text:
    meta = " · ".join(p for p in (article.source, article.date, article.id) if p)
    return (
        Text(f"{label}  ", style=f"bold {style}")
        + Text(visible(article.title), style="bold")
        + Text(f"  {escaped(meta)}", style="dim")
    )


def _passage(label: str, span: Span, style: str) -> Text:
    return Text(f"{label} ", style=f"bold {style}") + Text(
        visible(_oneline(span.text)), style=style
    )


def _oneline(text: str) -> str:
    return " ".join(text.split())
