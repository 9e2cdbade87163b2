"""Plain aligned columns for terminal output; untrusted cells are made visible-safe."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from reader.safetext import visible


def write_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    limits: dict[int, int] | None = None,
    right: set[int] | None = None,
) -> None:
    """Write rows under a header; column i is clipped to limits[i] cells with "…"."""
    limits = limits or {}
    right = right or set()
    cleaned = [tuple(visible(" ".join(str(c).split())) for c in row) for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cleaned]) for i, h in enumerate(header)]
    widths = [min(w, limits.get(i, w)) for i, w in enumerate(widths)]
    out = sys.stdout
    for row in [tuple(header), *cleaned]:
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            cell = cell if len(cell) <= width else cell[: width - 1] + "…"
            cells.append(cell.rjust(width) if i in right else cell.ljust(width))
        out.write("  ".join(cells).rstrip() + "\n")
