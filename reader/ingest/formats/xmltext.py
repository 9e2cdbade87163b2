"""The text of an element of the extractor's XML, its inline styles (bold, italic, code,
links) as marks over it."""

from __future__ import annotations

from lxml import etree

from reader.model import Mark

_STYLE_FOR_REND = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code"}


def text_and_marks(element: etree._Element) -> tuple[str, list[Mark]]:
    """The element's text, stripped, and the marks of its inline styles over it."""
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
