"""Overlapping annotations painted as one styled run per stretch of text.

Giving each annotation its own span, and underlining every overlapping pair, cost
O(n²) spans when many annotations cover one passage. `highlight_runs` sweeps over the
sorted ends of the annotations once and gives each stretch between two ends the style
those spans made together:

- the styles of the annotations covering it, combined in the order of the list (a later
  annotation wins where both set a colour or an attribute);
- underlined where two or more annotations cover it, so that each stays visible.

Annotations that share a style are combined once, at the place of the last of them that
covers the stretch (combining a style again changes nothing), so each run costs the
number of distinct styles, a handful of colours, rather than the number of annotations.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.style import Style

OVERLAP = Style(underline=True)


class Styled(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def style(self) -> Style: ...


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text [start, end) and the one style it is painted in."""

    start: int
    end: int
    style: Style


def highlight_runs(highlights: Sequence[Styled]) -> list[Run]:
    """Runs in text order, not overlapping, that paint `highlights` as their stacked spans did.

    `highlights` is in painting order (the view keeps it sorted by start, then end).
    Text no highlight covers gets no run. O(n log n + runs · styles log styles).
    """
    slot_of: dict[Style, int] = {}
    slots = [slot_of.setdefault(h.style, len(slot_of)) for h in highlights]
    styles = list(slot_of)
    starts = [h.start for h in highlights]
    ends = [h.end for h in highlights]
    shown = [i for i in range(len(highlights)) if starts[i] < ends[i]]
    by_start = sorted(shown, key=starts.__getitem__)
    by_end = sorted(shown, key=ends.__getitem__)
    # Per style, a heap of the covering highlights' indices (negated), ended ones dropped
    # when they come to the top; and the last covering highlight of each style.
    covering: list[list[int]] = [[] for _ in styles]
    last: dict[int, int] = {}
    ended = bytearray(len(highlights))
    combined: dict[tuple[int, ...], Style] = {}
    runs: list[Run] = []
    n, i, j, count = len(shown), 0, 0, 0
    while j < n:
        offset = ends[by_end[j]] if i == n else min(starts[by_start[i]], ends[by_end[j]])
        while j < n and ends[by_end[j]] == offset:
            k = by_end[j]
            ended[k] = 1
            count -= 1
            heap = covering[slots[k]]
            if last[slots[k]] == k:
                while heap and ended[-heap[0]]:
                    heapq.heappop(heap)
                if heap:
                    last[slots[k]] = -heap[0]
                else:
                    del last[slots[k]]
            j += 1
        while i < n and starts[by_start[i]] == offset:
            k = by_start[i]
            heapq.heappush(covering[slots[k]], -k)
            if last.get(slots[k], -1) < k:
                last[slots[k]] = k
            count += 1
            i += 1
        if not count:
            continue
        next_offset = ends[by_end[j]] if i == n else min(starts[by_start[i]], ends[by_end[j]])
        # The styles in the order of their last covering highlight, then the overlap's.
        key = tuple(sorted(last, key=last.__getitem__))
        if count > 1:
            key += (-1,)
        style = combined.get(key)
        if style is None:
            style = combined[key] = Style.combine(styles[s] if s >= 0 else OVERLAP for s in key)
        if runs and runs[-1].end == offset and runs[-1].style is style:
            runs[-1] = Run(runs[-1].start, next_offset, style)
        else:
            runs.append(Run(offset, next_offset, style))
    return runs


def runs_within(runs: Sequence[Run], ends: Sequence[int], start: int, end: int) -> Iterator[Run]:
    """The runs that meet [start, end); `ends` is the runs' ends, for bisecting."""
    for k in range(bisect_right(ends, start), len(runs)):
        run = runs[k]
        if run.start >= end:
            return
        yield run
