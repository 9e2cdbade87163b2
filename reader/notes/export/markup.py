"""Plain text made inert in Markdown (reader's, Obsidian's, Logseq's): shown as typed.

Notes and article text are plain text in reader. In a Markdown note app, ``*``, ``[[``,
``#tag``, ``$math$``, ``%%comments%%``, ``==marks==``, ``key:: value`` or a line that
starts with ``-`` or ``#`` would act; a backslash before such a character shows it
instead (CommonMark's escapes, which both apps honour). Where the text is read as
CommonMark (reader's Markdown, Obsidian), an ``&`` and a line's indentation are kept too
(`commonmark_inert`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reader.notes.tags import distinct
from reader.text.safe import controls_visible

# Characters that act wherever they stand (links, emphasis, tags, math, HTML, tables,
# block ids, Logseq's block refs and macros).
_ANYWHERE = re.compile(r"([\\`*_\[\]{}()<>#|$^!])")
# Characters that act only doubled: Obsidian comments and marks, strike-through,
# Logseq properties.
_DOUBLED = re.compile(r"(%%|==|~~|::)")
# What a Markdown app takes into a tag: letters, digits, `_`, `-` and `/`.
_NOT_IN_TAG = re.compile(r"[^\w/-]")
# What starts a list, a heading, a quote or a rule at the head of a line.
_LINE_START = re.compile(r"^(\s*)([-+=])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def inert(line: str) -> str:
    """One line of plain text escaped so that Markdown shows it as typed (control
    characters as symbols, see `controls_visible`)."""
    line = _ANYWHERE.sub(r"\\\1", controls_visible(line))
    line = _DOUBLED.sub(lambda m: "\\" + m.group(1)[0] + "\\" + m.group(1)[1], line)
    line = _LINE_START.sub(r"\1\\\2", line)
    return _NUMBERED.sub(r"\1\\\2", line)


# The blank that starts an indented line, as a character reference.
_INDENT = {" ": "&#32;", "\t": "&#9;"}


def commonmark_inert(line: str) -> str:
    """`inert`, and kept from what CommonMark acts on besides: an ``&`` (``&amp;`` would
    show ``&``) and a line's indentation (four spaces or a tab make a code block, fewer
    are dropped), its first blank written as a character reference, which shows as typed."""
    line = inert(line).replace("&", "\\&")
    if line.strip() and line[0] in _INDENT:
        line = _INDENT[line[0]] + line[1:]
    return line


def inert_lines(text: str, inert_line: Callable[[str], str] = inert) -> list[str]:
    """Plain text as lines escaped by `inert_line`, the trailing blank lines dropped."""
    return [inert_line(line) for line in controls_visible(text).rstrip().splitlines()] or [""]


def hard_broken(lines: list[str]) -> list[str]:
    """Markdown lines, each one that another line of its paragraph follows ended with a
    hard line break (CommonMark's `\\`): a renderer would otherwise join them into one."""
    return [
        f"{line}\\" if line.strip() and following.strip() else line
        for line, following in zip(lines, [*lines[1:], ""], strict=True)
    ]


def markdown_tag(tag: str) -> str:
    """A tag as one `#tag` word of a Markdown app (Obsidian's rule): letters, digits, `_`,
    `-` and `/`, anything else a `-`, no leading `#`; not only digits. Without the `#`."""
    word = _NOT_IN_TAG.sub("-", "-".join(tag.split()).lstrip("#"))
    return f"_{word}" if word.isdigit() else word


def markdown_tags(tags: Iterable[str]) -> list[str]:
    """Tags as `markdown_tag` words (without the `#`), each once (see `tags.distinct`)."""
    words: dict[str, str] = {}
    for tag in distinct(tags):
        if word := markdown_tag(tag):
            words.setdefault(word.casefold(), word)
    return list(words.values())


def code_span(text: str) -> str:
    """Text on one line as a code span, shown as typed: between more backticks than any
    run of them in it."""
    text = controls_visible(text).replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
