"""The page's headline above the story: the first line repeating the page's title
(a dump's first line is its <title>), not the site's name that the title also holds."""

from __future__ import annotations

import re

from reader.ingest.canonical import Part

# This many short lines in a row are a menu.
_MENU_RUN = 6

PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)
_TITLE_SEPARATORS = re.compile(r"\s[|\-–—:»·]{1,2}\s")


def line_key(text: str) -> str:
    """A line as compared with the title: quotes and dashes plain, blanks single, no case."""
    return " ".join(text.translate(PLAIN).split()).casefold()


def repeats_title(line: str, title: str) -> bool:
    """The page's headline: the title, or the title less the site's name (both keys)."""
    if len(line.split()) < 2:
        # One long word that opens the title ("Mandarinen-Schmand-Kuchen | Chefkoch").
        return len(line) >= 12 and title.startswith(line)
    return line in title or (title in line and len(line) < len(title) + 20)


def _site_name(line: str, title: str, weights: list[float]) -> bool:
    """Is a title-repeating line the site's name rather than the headline?

    It is when it repeats only a later piece of the title ("Story | Site") and that
    piece is not the longest one, or a menu (a run of short lines) follows it
    (`weights` are those of the lines from there to the story).
    """
    pieces = _TITLE_SEPARATORS.split(title)
    if line not in pieces[1:]:
        return False
    if len(line) < max(map(len, pieces)):
        return True
    run = 0
    for w in weights:
        run = run + 1 if w < 0 else 0
        if run >= _MENU_RUN:
            return True
    return False


def find_headline(parts: list[Part], weights: list[float], title: str, story: int) -> int:
    """The index of the page's headline above `story` (its first repeat of the title), or -1."""
    title_key = line_key(title)
    if not title_key:
        return -1
    # A line repeats the title only when it is at most 20 characters longer than the
    # title: its key is never shorter than its characters other than spaces.
    longest = len(title_key) + 20
    for k in range(story):
        text = parts[k].text
        if len(text) >= longest and len("".join(text.split())) >= longest:
            continue
        line = line_key(text)
        if repeats_title(line, title_key) and not _site_name(
            line, title_key, weights[k + 1 : story]
        ):
            return k
    return -1
