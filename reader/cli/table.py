"""Plain aligned columns for terminal output; untrusted cells are made visible-safe."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.cells import cell_len

from reader.text.safe import visible

ID_AT_MOST = 46  # cells of an id column: a longer id is printed whole on its own line


def write_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    limits: dict[int, int] | None = None,
    right: set[int] | None = None,
    exact: set[int] | None = None,
    whole_first: bool = False,
) -> None:
    """Write rows under a header; column i is clipped to limits[i] cells with "…".

    Runs of spaces, tabs and newlines in a cell become one space, except in the `exact`
    columns (ids, already escaped), which are printed as given. With `whole_first`, a
    first cell wider than its limit is never clipped: it is written whole on a line of
    its own, the rest of its row on the next line.
    Widths are in terminal cells: a Chinese or Japanese character takes two."""
    limits = limits or {}
    right = right or set()
    exact = exact or set()
    cleaned = [
        tuple(
            visible(str(c) if i in exact else " ".join(str(c).split())) for i, c in enumerate(row)
        )
        for row in rows
    ]
    widths = [max([cell_len(h)] + [cell_len(r[i]) for r in cleaned]) for i, h in enumerate(header)]
    widths = [min(w, limits.get(i, w)) for i, w in enumerate(widths)]
    out = sys.stdout
    for row in [tuple(header), *cleaned]:
        if whole_first and row and cell_len(row[0]) > widths[0]:
            out.write(row[0] + "\n")
            row = ("", *row[1:])
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            cell = clip(cell, width)
            pad = " " * (width - cell_len(cell))
            cells.append(pad + cell if i in right else cell + pad)
        out.write("  ".join(cells).rstrip() + "\n")


def clip(text: str, width: int) -> str:
    """text cut to at most `width` cells, ending in "…" when cut (never half a wide
    character)."""
    if cell_len(text) <= width:
        return text
    kept, cells = [], 0
    for char in text:
        cells += cell_len(char)
        if cells > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"
