"""Saved web pages: the main text through trafilatura, metadata from the page."""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import trafilatura
from lxml import etree

from reader.canonical import Part, normalize
from reader.cleaning import classify
from reader.formats.metadata import normalize_date
from reader.formats.parsed import Parsed
from reader.model import Mark

# trafilatura logs extraction misses at WARNING; a reader shows them as skips instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_STYLE_FOR_REND = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code"}


def _text_and_marks(element: etree._Element) -> tuple[str, list[Mark]]:
    out: list[str] = []
    marks: list[Mark] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            start = sum(map(len, out))
            walk(child)
            end = sum(map(len, out))
            style = _STYLE_FOR_REND.get(child.get("rend", ""))
            if child.tag == "ref":
                marks.append(Mark(start, end, "link", child.get("target")))
            elif child.tag == "code":
                marks.append(Mark(start, end, "code"))
            elif style and end > start:
                marks.append(Mark(start, end, style))  # type: ignore[arg-type]
            elif child.tag == "lb":
                out.append("\n")
            if child.tail:
                out.append(child.tail)

    walk(element)
    text = "".join(out)
    # Keep marks only when stripping does not move offsets.
    stripped = text.strip()
    if stripped != text:
        lead = len(text) - len(text.lstrip())
        marks = [
            Mark(m.start - lead, m.end - lead, m.style, m.href)
            for m in marks
            if m.start >= lead and m.end - lead <= len(stripped)
        ]
    return stripped, marks


def _parts_from(main: etree._Element) -> list[Part]:
    parts: list[Part] = []
    for element in main.iter("head", "p", "item", "quote", "code", "cell"):
        if element.tag in ("p", "code") and _inside(element, ("quote", "item", "cell")):
            continue
        text, marks = _text_and_marks(element)
        if not text:
            continue
        if element.tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if rend[:1] == "h" and rend[1:2].isdigit() else 2
            parts.append(Part("heading", text, level=level, marks=marks))
        elif element.tag == "item":
            parts.append(Part("list_item", text, level=1, marks=marks))
        elif element.tag == "quote":
            parts.append(Part("quote", text, marks=marks))
        else:
            parts.append(Part("paragraph", text, marks=marks))
    return parts


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def parse_html(raw: str) -> Parsed:
    """Extract the main text and metadata of a saved page."""
    parsed = Parsed()
    xml = trafilatura.extract(
        raw,
        output_format="xml",
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        with_metadata=True,
        favor_recall=True,
    )
    if xml:
        doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True))
        main = doc.find("main")
        parsed.parts = _parts_from(main) if main is not None else []
        parsed.title = normalize(doc.get("title") or "").strip()
        parsed.author = doc.get("author") or None
        parsed.date = normalize_date(doc.get("date"))
        parsed.url = doc.get("url") or None
        parsed.source = doc.get("sitename") or None
    if not parsed.parts:
        text = trafilatura.html2txt(raw) or _plain_text(raw)
        parsed.parts = [Part("paragraph", line) for line in text.split("\n") if line.strip()]
        meta = trafilatura.extract_metadata(raw)
        if meta is not None:
            parsed.title = parsed.title or (meta.title or "")
            parsed.author = parsed.author or meta.author
            parsed.date = parsed.date or normalize_date(meta.date)
            parsed.url = parsed.url or meta.url
            parsed.source = parsed.source or meta.sitename
    first = next((p for p in parsed.parts), None)
    if first is not None and first.kind == "heading" and first.text.strip() == parsed.title:
        parsed.parts.remove(first)
    classify([p for p in parsed.parts if p.kind == "paragraph"])
    return parsed


class _TextOnly(HTMLParser):
    """Collects a page's text, leaving out scripts and styles."""

    _SKIP = frozenset({"script", "style", "template", "noscript", "head"})
    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.pieces.append(data)


def _plain_text(raw: str) -> str:
    """The page's text by a parser with no depth limit: libxml2 drops everything nested
    deeper than 255 elements, so a page of thousands of nested `div`s reads as empty."""
    collector = _TextOnly()
    collector.feed(raw)
    collector.close()
    return "\n".join(" ".join(line.split()) for line in "".join(collector.pieces).split("\n"))
