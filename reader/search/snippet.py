"""Highlight markers from FTS5 snippet()/highlight() turned into plain text plus spans."""

from __future__ import annotations

START = "\x02"
END = "\x03"
ELLIPSIS = "…"

Span = tuple[int, int]


def scrub(text: str) -> str:
    """Text safe to index: the marker characters become spaces, so they only ever mark."""
    if START in text or END in text:
        return text.replace(START, " ").replace(END, " ")
    return text


def unmark(marked: str) -> tuple[str, tuple[Span, ...]]:
    """(plain text, highlight spans) from marked text, whitespace runs folded to one space."""
    out: list[str] = []
    spans: list[Span] = []
    opened: int | None = None
    space = True  # drop leading whitespace
    for ch in marked:
        if ch == START:
            opened = len(out)
        elif ch == END:
            if opened is not None and len(out) > opened:
                spans.append((opened, len(out)))
            opened = None
        elif ch.isspace():
            if not space:
                out.append(" ")
                space = True
        else:
            out.append(ch)
            space = False
    while out and out[-1] == " ":
        out.pop()
    size = len(out)
    clipped = tuple((s, min(e, size)) for s, e in spans if s < size)
    return "".join(out), clipped


def lead(text: str, length: int = 160) -> str:
    """The start of a text as a one-line excerpt, cut at a word with an ellipsis."""
    plain = " ".join(text.split())
    if len(plain) <= length:
        return plain
    cut = plain.rfind(" ", 0, length)
    return plain[: cut if cut > length // 2 else length].rstrip() + ELLIPSIS
