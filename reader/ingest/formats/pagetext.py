"""A saved page's visible text, block by block, as a browser's "save as text" gives it.

The HTML path checks the extractor against it: words the extractor glued together at
inline tags are split again where the page has a space between them, and a page whose
story the extractor cut short is read as text instead (see `reader.ingest.formats.html`).
"""

from __future__ import annotations

import re

from lxml import etree

# Elements that start a new line of text; everything else flows inline.
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HIDDEN = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"])
_SPACE = re.compile(r"\s+")


def _name(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def visible_lines(root: etree._Element) -> list[str]:
    """The page's visible text, one line per block, whitespace collapsed."""
    chunks: list[str] = []
    hidden = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        name = _name(element)
        if event == "start":
            if name in HIDDEN or not name:
                hidden += 1
            elif not hidden:
                if name in BLOCKS:
                    chunks.append("\n")
                if element.text:
                    chunks.append(element.text)
            continue
        if name in HIDDEN or not name:
            hidden -= 1
        elif not hidden and name in BLOCKS:
            chunks.append("\n")
        if not hidden and element.tail:
            chunks.append(element.tail)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(chunks).split("\n"))
    return [line for line in lines if line]


def words_of(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split(" ")}


def unglue(text: str, visible: str, known: set[str]) -> tuple[str, list[int]]:
    """Split the words of `text` that the page shows as two words ("sackedlast").

    `visible` is the page's visible text with whitespace collapsed and `known` its
    words. A word is split only where both halves are words of the page and the page
    has them side by side with a space between. Returns the text and the offsets (in
    the text given) where a space went in.
    """
    pieces = text.split(" ")
    # Most words are the page's own: only the others (few, looked at once each) may split.
    cuts: dict[str, int] = {}
    for word in set(pieces).difference(known):
        if len(word) >= 4:
            cut = _glued_at(word, visible, known)
            if cut:
                cuts[word] = cut
    inserted: list[int] = []
    if not cuts:
        return text, inserted
    pos = 0
    for word in pieces:
        if word in cuts:
            inserted.append(pos + cuts[word])
        pos += len(word) + 1
    for offset in reversed(inserted):
        text = f"{text[:offset]} {text[offset:]}"
    return text, inserted


def _glued_at(word: str, visible: str, known: set[str]) -> int:
    """Where the page shows `word` as two of its words side by side (0: nowhere)."""
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if left in known and right in known and f"{left} {right}" in visible:
            return cut
    return 0
