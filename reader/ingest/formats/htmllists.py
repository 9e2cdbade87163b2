"""A saved page's lists, from the extractor's XML: each item as its own text (a list
nested in it is read as items of its own, a level deeper; each further paragraph in it
as a paragraph of its own, under the item's text) and its number in a numbered list,
counted from the one the page starts it at."""

from __future__ import annotations

import copy

from lxml import etree

from reader.ingest.canonical import Part
from reader.ingest.formats.xmltext import text_and_marks
from reader.model import Mark

_LISTS = ("ul", "ol")  # in the page; the extractor's XML calls a list `list`
# What cuts an item's own text into paragraphs: a list nested in it, a paragraph in it.
_BLOCKS = ("list", "p")
# A stretch of an item's own text (and its marks), with the element it follows: shown
# once the walk of the extractor's XML is past that element (None: the item's start).
_Piece = tuple[etree._Element | None, tuple[str, list[Mark]]]


def item_parts(item: etree._Element) -> tuple[Part, dict[etree._Element, list[Part]]]:
    """An `<item>` as a part, and each further paragraph of it (a `<p>` after its
    first, the text after a list nested in it) as a part of its own, to follow the
    element it comes after in the page (keyed by that element).

    Parts are `tight` (shown right under the part before them) in a tight list, as in
    Markdown: all but a list's first item, and its first too when the list is nested in
    an item of a tight list (see `tight_list`)."""
    level = sum(1 for ancestor in item.iterancestors("list"))
    number = _number(item)
    pieces = _own_pieces(item)
    text, marks = pieces.pop(_first_piece(pieces))[1]
    tight = tight_list(item.getparent())
    follows = item.getprevious() is not None or tight_list(_list_of_item_around(item))
    first = Part(
        "list_item", text, level=level, marks=marks, number=number, tight=tight and follows
    )
    after: dict[etree._Element, list[Part]] = {}
    for follows_element, (text, marks) in pieces:
        if text and follows_element is not None:
            after.setdefault(follows_element, []).append(
                Part(
                    "list_item",
                    text,
                    level=level,
                    marks=marks,
                    number=number,
                    continued=True,
                    tight=tight,
                )
            )
    return first, after


def tight_list(element: etree._Element | None) -> bool:
    """Is `element` a list whose items are not set apart by paragraphs in them?"""
    if element is None or element.tag != "list":
        return False
    return not any(child.find("p") is not None for child in element.iterchildren("item"))


def _list_of_item_around(item: etree._Element) -> etree._Element | None:
    """The list of the item the list of `item` is nested in (None at the top)."""
    around = item.getparent()
    around = around.getparent() if around is not None else None
    if around is None or around.tag != "item":
        return None
    return around.getparent()


def _first_piece(pieces: list[_Piece]) -> int:
    """Which piece is the item's text, shown after its marker: the first with text,
    unless a nested list comes before it (the item then has no text of its own)."""
    for index, (follows_element, (text, _marks)) in enumerate(pieces):
        if follows_element is not None and follows_element.tag == "list":
            break
        if text:
            return index
    return 0


def _own_pieces(item: etree._Element) -> list[_Piece]:
    """The item's own text, cut at each paragraph and list in it: the text before the
    first, each paragraph (following itself), the text after each (following it)."""
    if not any(child.tag in _BLOCKS for child in item):
        return [(None, text_and_marks(item))]
    pieces: list[_Piece] = []
    holder, after = etree.Element("item"), None
    holder.text = item.text
    for child in item:
        if child.tag in _BLOCKS:
            pieces.append((after, text_and_marks(holder)))
            if child.tag == "p":
                pieces.append((child, text_and_marks(child)))
            holder, after = etree.Element("item"), child
            holder.text = child.tail
        else:
            holder.append(copy.deepcopy(child))  # (with its tail)
    pieces.append((after, text_and_marks(holder)))
    return pieces


def _number(item: etree._Element) -> int:
    """An item's number in a numbered list (`<ol>`); 0 in any other."""
    parent = item.getparent()
    if parent is None or parent.get("rend") != "ol":
        return 0
    return 1 + sum(1 for sibling in item.itersiblings(preceding=True) if sibling.tag == "item")


def count_from_starts(parts: list[Part], root: etree._Element) -> None:
    """Numbered lists the page starts past 1 (`<ol start="3">`) count from there: the
    extractor drops `start`, so a list is known again by its first item's own text."""
    starts: dict[str, int] = {}
    for ol in root.iter("ol"):
        first = next(ol.iter("li"), None)
        start = ol.get("start", "").strip()
        if first is not None and start.isascii() and start.isdigit() and 1 < int(start) < 10**6:
            starts.setdefault("".join(_text_before_lists(first).split()), int(start))
    if not starts:
        return
    shift: dict[int, int] = {}  # for the list open at each level
    for part in parts:
        if part.kind == "list_item" and part.number:
            if part.number == 1 and not part.continued:  # a list's first item
                shift[part.level] = starts.get("".join(part.text.split()), 1) - 1
            part.number += shift.get(part.level, 0)


def _text_before_lists(element: etree._Element) -> str:
    """The text of a page's `<li>` before any list nested in it and any paragraph after
    its first (the item's text, as `item_parts` reads it)."""
    out = [element.text or ""]
    for child in element:
        if child.tag in _LISTS or (child.tag == "p" and "".join(out).strip()):
            break
        if isinstance(child.tag, str):  # not a comment
            out.append(_text_before_lists(child))
        out.append(child.tail or "")
    return "".join(out)
