"""Plain text made inert in the Markdown of Obsidian and Logseq: shown as typed.

Notes and article text are plain text in reader. In a Markdown note app, ``*``, ``[[``,
``#tag``, ``$math$``, ``%%comments%%``, ``==marks==``, ``key:: value`` or a line that
starts with ``-`` or ``#`` would act; a backslash before such a character shows it
instead (CommonMark's escapes, which both apps honour).
"""

from __future__ import annotations

import re

# Characters that act wherever they stand (links, emphasis, tags, math, HTML, tables,
# block ids, Logseq's block refs and macros).
_ANYWHERE = re.compile(r"([\\`*_\[\]{}()<>#|$^!])")
# Characters that act only doubled: Obsidian comments and marks, strike-through,
# Logseq properties.
_DOUBLED = re.compile(r"(%%|==|~~|::)")
# What starts a list, a heading, a quote or a rule at the head of a line.
_LINE_START = re.compile(r"^(\s*)([-+=])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def inert(line: str) -> str:
    """One line of plain text escaped so that Markdown shows it as typed."""
    line = _ANYWHERE.sub(r"\\\1", line)
    line = _DOUBLED.sub(lambda m: "\\" + m.group(1)[0] + "\\" + m.group(1)[1], line)
    line = _LINE_START.sub(r"\1\\\2", line)
    return _NUMBERED.sub(r"\1\\\2", line)


def inert_lines(text: str) -> list[str]:
    """Plain text as escaped lines, the trailing blank lines dropped."""
    return [inert(line) for line in text.rstrip().splitlines()] or [""]
