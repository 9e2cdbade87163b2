"""List the articles of a library: source, date, title, words."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.common import library_root
from reader.library import load_all
from reader.safetext import visible


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="folder of articles")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    root = library_root(args.library)
    articles, skipped = load_all(root)
    if args.json:
        payload = {
            "articles": [a.summary() for a in articles],
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [
        (a.source, a.date or "", a.title, str(a.words))
        for a in sorted(articles, key=lambda a: (a.source.lower(), a.date or "", a.title))
    ]
    write_table(("SOURCE", "DATE", "TITLE", "WORDS"), rows)
    for s in skipped:
        sys.stderr.write(f"skipped {visible(s.path)}: {s.reason}\n")
    return 0


def write_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Aligned columns; the last but one column (the widest text) is clipped to fit."""
    rows = [tuple(visible(" ".join(cell.split())) for cell in row) for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    widths[0] = min(widths[0], 24)
    widths[2] = min(widths[2], 80)
    out = sys.stdout
    for row in [header, *rows]:
        cells = [_fit(cell, width) for cell, width in zip(row, widths, strict=True)]
        cells[-1] = row[-1].rjust(widths[-1])
        out.write("  ".join(cells).rstrip() + "\n")


def _fit(cell: str, width: int) -> str:
    return cell.ljust(width) if len(cell) <= width else cell[: width - 1] + "…"
