"""Markdown nested deeper than the parser goes: read again with each line's quote and
list markers past the deepest level left out, so what is nested deeper is read at that
level and no text after it is lost. The lines of a fenced code block are kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

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
# The last list marker of a line's markers, without the blanks after it.
_LAST_MARKER = re.compile(r"(?<!\d)(?:[-+*]|\d{1,9}[.)])\Z")
# A fence opening (a backtick fence's info has no backtick) and one closing it.
_OPENING = re.compile(r"(`{3,})(?!.*`)|(~{3,})")
_CLOSING = re.compile(r" {0,3}(`{3,}|~{3,})\s*\Z")
# Blanks after a list marker that start its text; more start an indented code block.
_ITEM_BLANKS = 4


def too_deep(tokens: Sequence[Token]) -> bool:
    """Whether the parse stopped at `MAX_NESTING`, leaving out the text from there on."""
    return any(t.nesting == 1 and t.level >= MAX_NESTING - 1 for t in tokens)


def flatten(text: str) -> str:
    """`text` with the markers of each line past `_KEEP_COLUMNS` left out, but for its
    last list marker: an item nested deeper is read as one at the deepest level kept.
    The lines in a fenced code block are left as they are."""
    lines = text.split("\n")
    fences = _Fences()
    for i, line in enumerate(lines):
        if fences.holds(line) or len(line) <= _KEEP_COLUMNS // 4:  # (a tab: 4 at most)
            continue
        markers = _MARKERS.match(line)
        assert markers is not None  # (it matches the empty string)
        if _columns(markers.group()) <= _KEEP_COLUMNS:
            continue
        kept, pos = "", 0
        while (unit := _UNIT.match(line, pos)) and _columns(kept + unit.group()) <= _KEEP_COLUMNS:
            kept += unit.group()
            pos = unit.end()
        head = markers.group()
        marks = head.rstrip(" \t")
        last = _LAST_MARKER.search(marks, max(0, len(marks) - 10))
        # (the blanks after it kept too: as many, the item's text starts where it did)
        lines[i] = kept + (head[last.start() :] if last else "") + line[markers.end() :]
    return "\n".join(lines)


def _columns(text: str) -> int:
    return len(text.expandtabs(4))


@dataclass(frozen=True, slots=True)
class _Fence:
    """An open fenced code block: its container's columns (each `>` kept, every other
    column a blank) and its fence."""

    container: str
    char: str
    length: int


class _Fences:
    """The fenced code blocks of a text read line by line, as far as they can be told
    from each line's markers: a fence in a container too deep to keep is not told."""

    def __init__(self) -> None:
        self.open: _Fence | None = None
        self.item = 0  # the text column of the last list item (with no quote) seen

    def holds(self, line: str) -> bool:
        """Whether `line` is in a fenced code block or closes one (it opens one: False)."""
        if self.open is not None:
            inside = _inside(line, self.open.container)
            if inside is not None:
                closing = _CLOSING.match(inside)
                if closing and set(closing[1]) == {self.open.char}:
                    self.open = None if len(closing[1]) >= self.open.length else self.open
                return True
            self.open = None  # its container ended, and the block with it
        if not line.strip():
            return False
        markers = _MARKERS.match(line)
        assert markers is not None  # (it matches the empty string)
        head = markers.group()
        marks = head.rstrip(" \t")
        blanks = _columns(head) - _columns(marks)
        if not marks and blanks < self.item:
            self.item = 0
        elif marks and ">" not in marks and blanks <= _ITEM_BLANKS:
            self.item = _columns(head)
        if ("```" in line or "~~~" in line) and _columns(head) <= _KEEP_COLUMNS:
            self.open = _opened(line[markers.end() :], marks, blanks, self.item)
        return False


def _opened(rest: str, marks: str, blanks: int, item: int) -> _Fence | None:
    """The fence `rest` opens after the line's markers `marks` and `blanks` columns of
    blanks, if it opens one (within the item whose text is at column `item`)."""
    fence = _OPENING.match(rest)
    if fence is None:
        return None
    if marks.endswith(">"):
        # (a blank after `>` is the quote's; up to three more indent the fence)
        container, indent = marks + (" " if blanks else ""), max(0, blanks - 1)
    elif marks:  # a list item's first line: its text starts after the blanks
        container, indent = marks + " " * blanks, 0 if blanks <= _ITEM_BLANKS else blanks
    elif item and item <= blanks:  # a further line of a list item
        container, indent = " " * item, blanks - item
    else:
        container, indent = "", blanks
    if indent > 3:  # an indented code block
        return None
    run = fence[1] or fence[2]
    shape = re.sub(r"[^>]", " ", container.expandtabs(4))
    return _Fence(shape, run[0], len(run))


def _inside(line: str, container: str) -> str | None:
    """What of `line` is inside `container` (its columns: `>` or blank), or None when the
    line is not in it: a `>` missing, or text less indented than a list item's."""
    text = line.expandtabs(4)
    end = len(text.rstrip())
    pos = 0
    for i, want in enumerate(container):
        if pos >= end:  # a blank line: a list item goes on, a quote does not
            return "" if ">" not in container[i:] else None
        if want == ">":
            start = pos
            while pos < end and text[pos] == " " and pos - start < 3:
                pos += 1
            if text[pos] != ">":
                return None
            pos += 1
        elif text[pos] == " ":
            pos += 1
        elif not (i and container[i - 1] == ">"):  # (the blank after `>` may be left out)
            return None
    return text[pos:]
