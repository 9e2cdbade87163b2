"""Highlight markers from FTS5 snippet()/highlight() turned into plain text plus spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reader.textfind import fold_query

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


_WORD = re.compile(r"\w+")


def excerpt(
    text: str, words: Iterable[tuple[str, bool]], length: int = 160
) -> tuple[str, tuple[Span, ...]]:
    """A one-line excerpt around the first of `words` (word, is-prefix) in text, with
    every such word in it as a span; the opening of the text when none is found.

    For hits whose words are everywhere (FTS5's snippet() costs the square of a
    document's matches), this finds the first match and stops. Case and accents are
    ignored, as in the index.
    """
    wanted = [(fold_query(w), prefix) for w, prefix in words if w.strip()]
    if not wanted:
        return lead(text, length), ()
    alternatives = "|".join(re.escape(w) + (r"\w*" if p else "") for w, p in wanted)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def hit(word: str) -> bool:  # the slower test, for words with accents
        folded = fold_query(word)
        return any(folded.startswith(w) if p else folded == w for w, p in wanted)

    def matches(part: str) -> Iterator[tuple[int, int]]:
        return (m.span() for m in pattern.finditer(part))

    found = next(matches(text), None)
    if found is None and not text.isascii():  # the word may be written with accents

        def matches(part: str) -> Iterator[tuple[int, int]]:
            # ASCII words were tried by the pattern: fold only the others.
            for m in _WORD.finditer(part):
                word = m.group()
                if (not word.isascii() and hit(word)) or pattern.fullmatch(word):
                    yield m.span()

        found = next(matches(text), None)
    if found is None:
        return lead(text, length), ()
    # Only the neighbourhood of the first match is tidied up, not the whole text.
    lo, hi = max(0, found[0] - length), found[1] + 2 * length
    while 0 < lo < found[0] and not text[lo - 1].isspace():
        lo += 1  # never start inside a word: its tail could pass for a match
    plain = " ".join(text[lo:hi].split())
    first = next(matches(plain), (0, 0))  # found, the first match of the text
    start = plain.rfind(" ", 0, max(0, first[0] - length // 4)) + 1
    if first[1] - start > length:  # one long token (a URL) before the match: cut into it
        start = max(0, first[0] - length // 4)
    end = start + length
    if end < len(plain):
        cut = plain.rfind(" ", first[1], end)
        end = cut if cut > first[1] else end
    body = plain[start:end].rstrip()
    prefix = ELLIPSIS if start or lo else ""
    suffix = ELLIPSIS if start + len(body) < len(plain) or hi < len(text) else ""
    shift = len(prefix)
    return prefix + body + suffix, tuple((a + shift, b + shift) for a, b in matches(body))
