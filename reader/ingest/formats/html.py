"""Saved web pages: the main text through trafilatura, metadata from the page; a page too
big or too deep for it read as its plain text (`reader.ingest.formats.plainpage`)."""

from __future__ import annotations

import logging
import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.core import bare_extraction, determine_returnstring
from trafilatura.settings import Extractor, set_date_params

from reader.ingest.canonical import Part, normalize
from reader.ingest.cleaning import classify
from reader.ingest.formats.htmllists import count_from_starts, item_parts
from reader.ingest.formats.metadata import normalize_date
from reader.ingest.formats.origin import HEAD, origin_url
from reader.ingest.formats.pagemeta import (
    best_title,
    clean_authors,
    first_heading,
    meta_content,
    site_name,
)
from reader.ingest.formats.pagetext import unglue, visible_lines, words_of
from reader.ingest.formats.parsed import Parsed
from reader.ingest.formats.plainpage import Shape, page_shape, plain_lines, too_big_note
from reader.ingest.formats.txt import parse_txt
from reader.ingest.formats.xmltext import text_and_marks
from reader.ingest.listnesting import tighten_items
from reader.ingest.storyspan import fold_share_prompts
from reader.ingest.tables import cell, table_part
from reader.ingest.textshape import ends_sentence, words
from reader.model import Mark
from reader.text.safe import visible

# trafilatura logs extraction misses at WARNING; a reader shows them as skips instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# A page read as text replaces the extracted story when it gives this many times the
# words, and this many more, past the end of the extracted story.
_CUT_SHORT = 1.5
_CUT_SHORT_WORDS = 200


def _parts_from(main: etree._Element) -> list[Part]:
    parts: list[Part] = []
    # An item's further paragraphs, each to follow the element it comes after (a
    # paragraph of the item, a list nested in it: that list's last item).
    after_list: dict[etree._Element, list[Part]] = {}
    for event, element in etree.iterwalk(
        main, events=("start", "end"), tag=("head", "p", "item", "quote", "code", "table", "list")
    ):
        if event == "end":
            parts += after_list.pop(element, [])
            continue
        if element.tag == "list":
            continue
        if _inside(element, ("table",)):
            continue  # read with its table
        if element.tag in ("p", "code") and _inside(element, ("quote", "item")):
            continue
        if element.tag == "table":
            table = _table(element)
            if table is not None:
                parts.append(table)
            continue
        if element.tag == "item":
            item, rests = item_parts(element)
            after_list.update(rests)
            if item.text:
                parts.append(item)
            continue
        text, marks = text_and_marks(element)
        if not text:
            continue
        if element.tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if rend[:1] == "h" and rend[1:2].isdigit() else 2
            parts.append(Part("heading", text, level=level, marks=marks))
        elif element.tag == "quote":
            parts.append(Part("quote", text, marks=marks))
        else:
            parts.append(Part("paragraph", text, marks=marks))
    tighten_items(parts)  # (an item of a tight list after a part that is none)
    return parts


def _table(table: etree._Element) -> Part | None:
    """A table as one block: a line per row (the leading rows of header cells bold)."""
    rows = [row.findall("cell") for row in table.findall("row")]
    heads = 0
    while heads < len(rows) and rows[heads] and all(c.get("role") == "head" for c in rows[heads]):
        heads += 1
    return table_part([[cell(*text_and_marks(c)) for c in row] for row in rows], heads)


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _page_tree(raw: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):
        return None


def _unglue_parts(parts: list[Part], lines: list[str]) -> None:
    """Split words the extractor glued at inline tags, where the page has a space."""
    visible = " ".join(lines)
    known = words_of(lines)
    for part in parts:
        text, inserted = unglue(part.text, visible, known)
        if not inserted:
            continue
        part.text = text
        part.marks = [
            Mark(
                m.start + sum(1 for i in inserted if i <= m.start),
                m.end + sum(1 for i in inserted if i < m.end),
                m.style,
                m.href,
            )
            for m in part.marks
        ]


def _join_split_paragraphs(parts: list[Part], lines: list[str]) -> list[Part]:
    """Paragraphs the extractor split at an inline tag (a bold lead-in, a link) are one
    paragraph again when the page shows them on one line."""
    visible = set(lines)
    joined: list[Part] = []
    for part in parts:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.kind == part.kind == "paragraph"
            and not ends_sentence(before.text)
            and any(f"{before.text} {part.text}" in line for line in visible)
        ):
            shift = len(before.text) + 1
            before.marks += [
                Mark(m.start + shift, m.end + shift, m.style, m.href) for m in part.marks
            ]
            before.text = f"{before.text} {part.text}"
            continue
        joined.append(part)
    return joined


def _words(parts: list[Part]) -> int:
    return sum(len(words(p.text)) for p in parts if not p.boilerplate)


def _read_as_text(parsed: Parsed, lines: list[str]) -> list[Part] | None:
    """The story read from the page's visible text, when the extractor cut it short.

    The extractor sometimes keeps only the first part of a long story. Read as a
    whole-page text dump (reader mode finds the story there), the page then gives a
    story that starts like the extracted one and runs much longer: that one is used.
    """
    extracted = [p for p in parsed.parts if p.kind == "paragraph" and len(words(p.text)) >= 8]
    if not extracted or not lines:
        return None
    page = normalize("\n".join([parsed.title or lines[0], *lines]))
    have = _words(parsed.parts)
    # Read as text, the page cannot give more words than its lines hold: most pages
    # are passed over without reading them so (a third of the time of a page).
    most = sum(len(words(line)) for line in page.split("\n"))
    if most < _CUT_SHORT * have or most - have < _CUT_SHORT_WORDS:
        return None
    as_text = parse_txt(page)
    found = _words(as_text.parts)
    if found < _CUT_SHORT * have or found - have < _CUT_SHORT_WORDS:
        return None
    body = "\n".join(p.text for p in as_text.parts if not p.boilerplate)
    last = extracted[-1].text
    if extracted[0].text not in body or last not in body:
        return None
    if len(body) - body.index(last) < _CUT_SHORT_WORDS:
        return None  # the longer text does not go on past the extracted story
    return as_text.parts


def _near_title(heading: str, title: str) -> bool:
    """Does the <h1> share a word with the <title>?"""
    return bool(set(heading.casefold().split()) & set(title.casefold().split()))


def _metadata(parsed: Parsed, root: etree._Element | None) -> None:
    og_title = og_site = heading = None
    if root is not None:
        og_title = meta_content(root, "og:title", "twitter:title")
        og_site = meta_content(root, "og:site_name", "application-name")
        heading = first_heading(root)
        # Only a headline the extractor kept at the top of the story speaks for it.
        top = next((p for p in parsed.parts[:2] if p.kind == "heading"), None)
        if heading and (top is None or " ".join(top.text.split()) != heading):
            heading = None if not _near_title(heading, parsed.title) else heading
    if root is not None and not parsed.url:  # `name=` too, as reader wrote it before
        parsed.url = meta_content(root, "og:url")
    site = site_name(parsed.source, og_site)
    parsed.source = site
    parsed.title = normalize(best_title(parsed.title, og_title, heading, site)).strip()
    parsed.author = clean_authors(parsed.author, site)


def parse_html(raw: str) -> Parsed:
    """Extract the main text and metadata of a saved page. A page reader saved is at the
    web address its origin line records; another at the one its head gives."""
    parsed = _parse_page(raw)
    parsed.url = origin_url(raw[:HEAD]) or parsed.url
    return parsed


# C0 controls but the page's spacing (tab, line feed, form feed, carriage return), and
# DEL: raw, or as a character reference (`&#x1b;`, `&#27;`).
_CONTROLS = frozenset([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0e-\x1f\x7f]|&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?"
)


def _controls_shown(raw: str) -> str:
    """The page with its control characters as the symbols a .txt shows them by (`␛`):
    the extractor's XML cannot hold them, and would drop them unseen."""
    return _CONTROL.sub(_control_shown, raw)


def _control_shown(match: re.Match[str]) -> str:
    found = match.group(0)
    if not found.startswith("&"):
        return visible(found)
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    return visible(chr(code)) if code in _CONTROLS else found


def _parse_page(raw: str) -> Parsed:
    raw = _controls_shown(raw)
    shape = page_shape(raw)
    note = too_big_note(shape)
    if note is not None:
        return _parse_plain(raw, shape, note)
    parsed = Parsed()
    xml = _extract_xml(raw)
    doc = None
    if xml:
        doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True))
        main = doc.find("main")
        parsed.parts = _parts_from(main) if main is not None else []
        parsed.title = normalize(doc.get("title") or "").strip()
        parsed.author = doc.get("author") or None
        parsed.date = normalize_date(doc.get("date"))
        parsed.url = doc.get("url") or None
        parsed.source = doc.get("sitename") or None
    root = _page_tree(raw)
    lines = visible_lines(root) if root is not None else []
    if not parsed.parts:
        parsed.parts = [Part("paragraph", line) for line in lines or plain_lines(raw)]
        _page_metadata(parsed, raw)
    _metadata(parsed, root)
    if root is not None:
        count_from_starts(parsed.parts, root)
    if _glued_whole(parsed.parts, lines):
        # The extractor gave a tiny page back as one paragraph: its own blocks are read,
        # the headline the title shows left out.
        top = 1 if lines[0] == parsed.title else 0
        parsed.parts = [Part("paragraph", line) for line in lines[top:]]
    if lines:
        _unglue_parts(parsed.parts, lines)
        parsed.parts = _join_split_paragraphs(parsed.parts, lines)
        whole = _read_as_text(parsed, lines)
        if whole is not None:
            parsed.parts = whole
            return parsed
    first = next((p for p in parsed.parts), None)
    if first is not None and first.kind == "heading" and first.text.strip() == parsed.title:
        parsed.parts.remove(first)
    paragraphs = [p for p in parsed.parts if p.kind == "paragraph"]
    classify(paragraphs)
    fold_share_prompts(paragraphs)
    return parsed


def _page_metadata(parsed: Parsed, raw: str) -> None:
    """What the page's metadata says, where the extracted story did not say it."""
    try:
        meta = trafilatura.extract_metadata(raw, extensive=False)
    except ValueError:  # lxml refuses a control character its date finder put in a text
        return
    if meta is not None:
        parsed.title = parsed.title or (meta.title or "")
        parsed.author = parsed.author or meta.author
        parsed.date = parsed.date or normalize_date(meta.date)
        parsed.url = parsed.url or meta.url
        parsed.source = parsed.source or meta.sitename


def _parse_plain(raw: str, shape: Shape, note: str) -> Parsed:
    """The page as its plain text, under a line saying why; metadata from its head only
    (a tree of the whole page is what cannot be afforded)."""
    parsed = Parsed()
    head = raw[: shape.head_end]
    if head.strip():
        _page_metadata(parsed, head)
    _metadata(parsed, _page_tree(head) if head.strip() else None)
    # Said above the text, as its subtitle: not counted in its words, nor searched.
    parsed.subtitle = note
    parsed.parts = [Part("paragraph", line) for line in plain_lines(raw)]
    return parsed


def _glued_whole(parts: list[Part], lines: list[str]) -> bool:
    """Is the one paragraph extracted all of the page's lines glued together?"""
    if len(parts) != 1 or parts[0].kind != "paragraph" or len(lines) < 2:
        return False
    return " ".join(parts[0].text.split()) == " ".join(" ".join(lines).split())


# A page's date is what its metadata, <time>, JSON-LD, URL or a date line says: the
# extensive search would take any year the story mentions ("reached 2019 people") as
# the date, January 1st of it.
_DATE_PARAMS = set_date_params(extensive=False)

# The extraction options, as extract(..., favor_recall=True) asks, in XML; made once (each
# Extractor reads trafilatura's settings file), and never changed by an extraction.
_OPTIONS = Extractor(
    output_format="xml",
    formatting=True,
    links=True,
    tables=True,
    comments=False,
    with_metadata=True,
    recall=True,
    date_params=_DATE_PARAMS,
)


def _extract_xml(raw: str) -> str | None:
    """The page's main text and metadata as trafilatura's XML, as `trafilatura.extract`
    gives it, without the content fingerprint that `extract` adds to XML output: a hash
    over every word of the text, about a quarter of the time of a page, never read."""
    document = bare_extraction(raw, as_dict=False, options=_OPTIONS)
    if document is None or isinstance(document, dict):
        return None
    return determine_returnstring(document, _OPTIONS)
