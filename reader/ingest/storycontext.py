"""Folds read off a line's neighbours and copies rather than its own shape: a short
line the page repeats in its folded chrome, a short line between two lines of chrome."""

from __future__ import annotations

from reader.ingest.canonical import Part
from reader.ingest.storyheadline import PLAIN, line_key, repeats_title
from reader.ingest.textshape import ends_sentence

REPEATED = "repeated from the page's chrome"
SANDWICHED = "between two lines of chrome"
# jusText's length of a paragraph of prose, in characters (storyspan weighs lines by it).
LONG = 70
BULLETS = tuple("-–—•*·▪►")


def fold_repeats(parts: list[Part], weights: list[float], title: str, place_only: set[str]) -> None:
    """Fold the short lines kept that the page repeats in its folded chrome (a related
    list, the header's menu, the tail): a teaser or link standing alone inside the story.
    Lines folded for a reason in `place_only` (that says nothing of their shape) do not
    count, nor does a line a paragraph follows (a heading a contents list repeats)."""
    last = len(parts) - 1
    candidates = [
        k
        for k, w in enumerate(weights)
        if w < 0
        and not parts[k].boilerplate
        and not (k < last and weights[k + 1] >= LONG)
        and not parts[k].text.isspace()
        and parts[k].text
    ]
    if not candidates:
        return
    # A key's first word is the line's first word in the key's form, and so opens with
    # its first character in that form: only the folded lines opening like a candidate
    # need their whole key.
    firsts = {_first_word(parts[k].text) for k in candidates}
    letters = {word[:1] for word in firsts}
    chrome = {
        line_key(p.text)
        for p in parts
        if p.boilerplate
        and (p.text[:1].isspace() or p.text[:1].translate(PLAIN).casefold()[:1] in letters)
        and p.reason not in place_only
        and not p.text.isspace()
        and _first_word(p.text) in firsts
    }
    if not chrome:
        return
    title_key = line_key(title)
    for k in candidates:
        line = line_key(parts[k].text)
        if line in chrome and not (title_key and repeats_title(line, title_key)):
            parts[k].fold(REPEATED)


def fold_sandwiched(parts: list[Part], weights: list[float], placed: set[str]) -> None:
    """Fold a short line kept between two lines folded for what they are (a share row
    and a newsletter prompt, two repeated menu entries): jusText's context rule, with
    the folded lines as its "bad" blocks. A sentence, a list item, a line introducing
    what follows (ending in a colon) stay, and so does a line next to one folded for a
    reason in `placed` (its place, or a date beside which a byline may stand)."""
    for k in range(1, len(parts) - 1):
        part, before, after = parts[k], parts[k - 1], parts[k + 1]
        if part.boilerplate or weights[k] >= 0 or not (before.boilerplate and after.boilerplate):
            continue
        if before.reason in placed or after.reason in placed:
            continue
        text = part.text.strip()
        if not text or ends_sentence(text) or text.endswith(":") or text[:1] in BULLETS:
            continue
        if part.kind != "list_item":
            part.fold(SANDWICHED)


def _first_word(text: str) -> str:
    """The first word of `line_key(text)` (for text holding more than blanks)."""
    return text.split(None, 1)[0].translate(PLAIN).casefold()
