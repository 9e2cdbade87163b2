"""Medians, percentiles, and the one table the runner prints (Markdown, so it pastes as is)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100), linearly interpolated."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def secs(seconds: float) -> str:
    return f"{seconds:,.2f} s"


def mb(kib: float) -> str:
    return f"{kib / 1024:,.0f} MB"


@dataclass(slots=True)
class Row:
    """One line of the table. `ok` is None when no target applies to this row."""

    measure: str
    size: str
    value: str
    runs: int = 1
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("pass" if self.ok else "**MISS**")


@dataclass(slots=True)
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def table(self) -> str:
        head = ("Measure", "Library", "Result", "Runs", "Baseline", "Ratio", "Target", "")
        lines = [head] + [
            (r.measure, r.size, r.value, str(r.runs), r.baseline, r.ratio, r.target, r.verdict)
            for r in self.rows
        ]
        widths = [max(len(line[i]) for line in lines) for i in range(len(head))]

        def fmt(cells: tuple[str, ...]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        return "\n".join([fmt(lines[0]), rule, *(fmt(line) for line in lines[1:])])

    @property
    def misses(self) -> list[Row]:
        return [r for r in self.rows if r.ok is False]
