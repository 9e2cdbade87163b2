"""Markdown nested deeper than the parser goes: read again with each line's quote and
list markers past the deepest level left out, so what is nested deeper is read at that
level and no text after it is lost."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

# markdown-it's levels (a list takes two, a quote one): past them it drops the rest of
# the file. Its parser recurses once or twice per level, so the stack stays short.
MAX_NESTING = 120
# The markers of a line kept, in columns: a list level takes two at least, a quote one,
# so a line with no more nests less deep than MAX_NESTING, whatever they are.
_KEEP_COLUMNS = 100
_MARKER = r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)"
_UNIT = re.compile(rf"[ \t>]|{_MARKER}")
_MARKERS = re.compile(rf"(?:[ \t>]|{_MARKER})*")
_LAST_MARKER = re.compile(rf"(?<!\d){_MARKER}\Z")


def too_deep(tokens: Sequence[Token]) -> bool:
    """Whether the parse stopped at `MAX_NESTING`, leaving out the text from there on."""
    return any(t.nesting == 1 and t.level >= MAX_NESTING - 1 for t in tokens)


def flatten(text: str) -> str:
    """`text` with the markers of each line past `_KEEP_COLUMNS` left out, but for its
    last list marker: an item nested deeper is read as one at the deepest level kept."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) <= _KEEP_COLUMNS // 4:  # (a tab is four columns at most)
            continue
        markers = _MARKERS.match(line)
        assert markers is not None  # (it matches the empty string)
        if len(markers.group().expandtabs(4)) <= _KEEP_COLUMNS:
            continue
        kept, pos = "", 0
        while (unit := _UNIT.match(line, pos)) and len(
            (kept + unit.group()).expandtabs(4)
        ) <= _KEEP_COLUMNS:
            kept += unit.group()
            pos = unit.end()
        last = _LAST_MARKER.search(markers.group(), max(0, markers.end() - 12))
        lines[i] = kept + (last.group() if last else "") + line[markers.end() :]
    return "\n".join(lines)
