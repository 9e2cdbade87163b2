"""Pages too big or too deep for reader mode, measured and read as plain text in linear time.

The extractor takes minutes on a page of hundreds of thousands of elements, and libxml2
(under it and under lxml) drops whatever is nested more than 255 elements deep. Such a
page is measured first by a tag scan (no tree is built), and read as its visible text:
script, style and other hidden contents left out, a block element a paragraph break,
the cells of a table row on one line, entities decoded. One regular expression finds
the tags, and it never backtracks: the time grows with the page's length alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.ingest.formats.pagetext import BLOCKS, HIDDEN
from reader.text.counts import grouped

# Above either bound a page is read as plain text. Measured (BENCHMARKS.md, "Huge saved
# pages"): the extractor takes about 0.15 ms of CPU an element, 3.5 s at 24,000, over a
# minute at 500,000. 200 levels stays clear of libxml2's 255, which counts a little
# differently (the <html> and <body> a page may leave out, for one).
MAX_ELEMENTS = 25_000
MAX_DEPTH = 200

# Elements whose contents are text, never tags; those not in _SHOWN are hidden.
_RAW_TEXT = "script|style|title|textarea|xmp|iframe|noembed|noframes|noscript"
_SHOWN = frozenset(["textarea", "xmp"])
# A tag's attributes, a ">" inside a quoted value skipped.
_ATTRIBUTES = r"""(?:[^>"'=/]++|/(?!>)|=\s*+"[^"]*+"|=\s*+'[^']*+'|[="'])*+"""
# A comment; a raw-text element whole; a tag; a doctype, a processing instruction or a
# bogus end tag. Nothing can fail once started and every repeat is possessive, so the
# engine never backtracks over the page: what is never closed runs to the page's end.
_TOKEN = re.compile(
    rf"""<(?:
        !--.*?(?:-->|\Z)
      | (?P<raw>{_RAW_TEXT})(?=[\s/>]|\Z){_ATTRIBUTES}/?>?
        (?P<text>.*?)(?:</(?P=raw)(?=[\s/>]|\Z)[^>]*+>?|\Z)
      | (?P<end>/?)(?P<name>[a-z][^\s/>]*+){_ATTRIBUTES}(?P<self>/?)>?
      | [!?/][^>]*+>?
    )""",
    re.DOTALL | re.VERBOSE | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")
# Hidden elements whose contents are tags. The head's only text is its title, raw text
# hidden as scripts are: hiding the head would hide a page whose head is never closed.
_HIDDEN = HIDDEN - {"head"} - set(_RAW_TEXT.split("|"))
_VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# A start tag of one of these closes an open one of the same name near the top (an
# `<li>` the next `<li>`, a `<td>` the next `<td>` or `<tr>`), as parsers do.
_OPTIONAL_END = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "rt",
        "rp",
    ]
)
_NEAR_TOP = 3
_HEAD = frozenset(
    ["html", "head", "title", "meta", "link", "base", "script", "style", "noscript", "template"]
)
_CELLS = frozenset(["td", "th"])
# Markers in the text read, never in it: noncharacters, replaced in the page beforehand.
_BREAK = "\uffff"
_CELL = "\ufffe"


@dataclass(frozen=True, slots=True)
class Shape:
    """A page's element count, deepest nesting, and where its head ends (an offset)."""

    elements: int
    depth: int
    head_end: int


def page_shape(raw: str) -> Shape:
    """Count the page's elements and its deepest nesting, as a tree of it would have them."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    elements = depth = 0
    head_end = -1

    def close_to(index: int) -> None:
        for name in stack[index:]:
            open_count[name] -= 1
        del stack[index:]

    for token in _TOKEN.finditer(raw):
        raw_text, _, slash, name, self_closing = token.groups()
        if raw_text:
            elements += 1
            depth = max(depth, len(stack) + 1)
            if head_end < 0 and raw_text.lower() not in _HEAD:
                head_end = token.start()
            continue
        if name is None:  # a comment or a doctype
            continue
        name = name.lower()
        if slash:
            if stack and stack[-1] == name:
                stack.pop()
                open_count[name] -= 1
            elif open_count.get(name):
                index = len(stack) - 1
                while stack[index] != name:
                    index -= 1
                close_to(index)
            continue
        elements += 1
        if head_end < 0 and name not in _HEAD:
            head_end = token.start()
        if self_closing or name in _VOID:
            continue
        if name in _OPTIONAL_END and open_count.get(name):
            for index in range(len(stack) - 1, max(-1, len(stack) - 1 - _NEAR_TOP), -1):
                if stack[index] == name:
                    close_to(index)
                    break
        if stack and stack[-1] == "p" and name in BLOCKS:
            close_to(len(stack) - 1)
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        depth = max(depth, len(stack))
    return Shape(elements, depth, head_end if head_end >= 0 else len(raw))


def too_big_note(shape: Shape) -> str | None:
    """Why the page is read as plain text, in one line; None when reader mode can read it."""
    if shape.depth > MAX_DEPTH:
        return (
            f"Too deeply nested for reader mode ({grouped(shape.depth)} levels): "
            "read as its plain text."
        )
    if shape.elements > MAX_ELEMENTS:
        return (
            f"Too big for reader mode ({grouped(shape.elements)} elements): read as its plain text."
        )
    return None


def plain_lines(raw: str) -> list[str]:
    """The page's visible text, a line per block, a table row's cells on one line."""
    if _BREAK in raw or _CELL in raw:
        raw = raw.replace(_BREAK, "\ufffd").replace(_CELL, "\ufffd")
    pieces: list[str] = []
    hidden_name = ""
    hidden = 0  # elements of that name open, the outermost hiding the text
    last = 0
    for token in _TOKEN.finditer(raw):
        start, end = token.span()
        if not hidden and start > last:
            _add_text(pieces, raw[last:start])
        last = end
        raw_text, text, slash, name, self_closing = token.groups()
        if hidden:
            if name and name.lower() == hidden_name and not self_closing:
                hidden += -1 if slash else 1
        elif raw_text:
            if raw_text.lower() in _SHOWN:
                pieces.append(_BREAK)
                _add_text(pieces, text)
                pieces.append(_BREAK)
        elif name:
            name = name.lower()
            if name in _HIDDEN and not slash and not self_closing:
                hidden_name, hidden = name, 1
            elif name in _CELLS:
                if not slash:
                    pieces.append(_CELL)
            elif name in BLOCKS:
                pieces.append(_BREAK)
    if not hidden and last < len(raw):
        _add_text(pieces, raw[last:])
    lines = (_line(block) for block in "".join(pieces).split(_BREAK))
    return [line for line in lines if line]


def _add_text(pieces: list[str], text: str) -> None:
    pieces.append(html.unescape(text) if "&" in text else text)


def _line(block: str) -> str:
    cells = (_SPACE.sub(" ", cell).strip() for cell in block.split(_CELL))
    return " | ".join(cell for cell in cells if cell)
