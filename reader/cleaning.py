"""Reader mode: classify blocks as boilerplate from the shape of the text.

Nothing here changes a block's text; it only marks blocks. Losing article text
is far worse than keeping junk, so every rule needs the block to look unlike
prose, and runs of short lines are only dropped when something else (a label,
a menu separator, their number) says they are links rather than headings.
"""

from __future__ import annotations

import re

from reader.canonical import Part
from reader.textshape import is_prose, is_title_like, words

# Labels that introduce links to other pages: "READ MORE", "See also", "Related stories".
_LABELS = (
    r"read more|read next|read also|also read|see also|related|related (articles?|stories|posts|"
    r"news|coverage|content|links|reading)|recommended|recommended (for you|stories|reading)|"
    r"trending|trending now|further reading|more (stories|news|from [\w ]{1,30})|top stories|"
    r"most (read|popular|viewed)|latest (news|stories)|editor'?s picks|"
    r"you (may|might) also (like|enjoy|be interested in)"
)
_LABELS = _LABELS.replace(" ", r"\s+")
_LINK_LABEL = re.compile(rf"^({_LABELS})\b", re.IGNORECASE)
_LINK_LABEL_ALONE = re.compile(rf"^({_LABELS})\W*$", re.IGNORECASE)
_SOCIAL = re.compile(
    r"\b(share|follow|like|tweet|pin|email|subscribe)\b.*\b(us|socials?|facebook|twitter|"
    r"whatsapp|linkedin|instagram|telegram|pinterest|reddit|youtube|tiktok)\b"
    r"|^spread\s+the\s+love\b"
    r"|^(share|tweet|email|print|save)(\s+this(\s+(article|story|post|page))?)?\W*$"
    r"|^(whatsapp|facebook|twitter|linkedin|comments?)\W*$",
    re.IGNORECASE,
)
# Banners are sentences, so they may be prose: cookie notices, newsletter pitches.
_BANNER = re.compile(
    r"\b(we|this (web)?site) uses? cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings)\b"
    r"|\b(sign up|subscribe)\b.{0,40}\b(newsletter|updates|inbox)\b",
    re.IGNORECASE,
)
# Footer and navigation lines are short.
_FOOTER = re.compile(
    r"^(©|\(c\)|copyright\b)|\ball rights reserved\b"
    r"|^(privacy policy|terms (of|and) (use|service|conditions)|contact us|about us|"
    r"advertisement|sponsored( content)?|skip to (main )?content|back to top|log ?in|sign in|"
    r"menu|search|home)\W*$",
    re.IGNORECASE,
)
_MENU_SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s{3,}")


def _is_menu(text: str) -> bool:
    """A row of three or more short items: "Home | World | Sport | Business"."""
    items = [i for i in _MENU_SEPARATORS.split(text) if i.strip()]
    return len(items) >= 3 and all(len(words(i)) <= 3 for i in items)


def _is_label(text: str) -> bool:
    """A line that is junk by its vocabulary: share prompts, banners, footers, menus."""
    n = len(words(text))
    if _BANNER.search(text):
        return n <= 40
    if _FOOTER.search(text):
        return n <= 15
    if _SOCIAL.search(text):
        return n <= 8
    return _is_menu(text)


def is_junk_line(text: str) -> bool:
    """A line that is junk on its own, whatever surrounds it."""
    return _is_label(text) or _starts_link_list(text) or _is_inline_crosslink(text)


def _starts_link_list(text: str) -> bool:
    return bool(_LINK_LABEL_ALONE.match(text.strip()))


def _is_inline_crosslink(text: str) -> bool:
    """ "See also Some Other Headline" on one line."""
    stripped = text.strip()
    return bool(_LINK_LABEL.match(stripped)) and is_title_like(stripped)


def _headline(text: str) -> bool:
    """A title-like line of a few words starting with a capital: a linked headline."""
    tokens = words(text)
    return is_title_like(text) and len(tokens) >= 3 and text.strip()[:1].isupper()


def classify(parts: list[Part]) -> None:
    """Mark each part's `boilerplate` flag in place."""
    n = len(parts)
    junk = [False] * n
    prose = [p.kind != "heading" and is_prose(p.text) for p in parts]
    listy = [p.kind == "list_item" for p in parts]

    for i, part in enumerate(parts):
        text = part.text
        if is_junk_line(text):
            junk[i] = True

    # A link label owns the title-like lines that follow it, up to the next prose.
    i = 0
    while i < n:
        if junk[i] and _starts_link_list(parts[i].text):
            j = i + 1
            while j < n and not prose[j] and is_title_like(parts[j].text):
                junk[j] = True
                j += 1
            i = j
        else:
            i += 1

    # Three or more headlines in a row, none followed by its own prose, are a link list.
    i = 0
    while i < n:
        j = i
        while j < n and not listy[j] and parts[j].kind != "heading" and _headline(parts[j].text):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                junk[k] = True
        i = max(j, i + 1)

    # Short label-like lines after the last prose block are a page's tail.
    last_prose = max((i for i in range(n) if prose[i]), default=-1)
    if last_prose >= 0:
        for k in range(last_prose + 1, n):
            if not prose[k] and len(words(parts[k].text)) <= 5 and is_title_like(parts[k].text):
                junk[k] = True

    # A short non-prose line between two junk lines is junk too.
    for k in range(1, n - 1):
        if junk[k - 1] and junk[k + 1] and not prose[k] and len(words(parts[k].text)) <= 12:
            junk[k] = True

    for part, flag in zip(parts, junk, strict=True):
        part.boilerplate = flag
