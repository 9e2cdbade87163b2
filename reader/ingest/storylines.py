"""What a line of a whole page says it is, whatever its place: a story's sign-off, a
line that is only a date, the site's pitch to its reader, an author's box, the teasers
of other stories (a headline with its byline or date and perhaps a blurb).

`reader.ingest.storyspan` asks these questions of the lines around the story it finds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.ingest.canonical import Part
from reader.ingest.textshape import Caseless, ends_sentence

# A story's last line: "Reporting by Jane Doe", "— Jane Doe", "(Editing by ...)", "Ends".
_SIGN_OFF = re.compile(
    r"^[(\[]?\s*[—–-]?\s*((additional\s+)?(reporting|writing|editing|research|compiled|"
    r"translated|text|words|photos?|mitarbeit|recherche|übersetzung|redaktion)"
    r"(\s+and\s+\w+)?\s+(by|von|par|por)\b"
    r"|[—–]\s*[A-Z]\w*(\s+[\w.\'-]+){0,4}\s*$|(ends|ende|fin|-30-)\s*$)",
    re.IGNORECASE,
)
# A blog post's closing greeting: "x Franzi", "XX, die Redaktion", "Liebe Grüße, Anna",
# "Cheers, Tom", "Love, Jane".
_GREETING = re.compile(
    r"^(?i:x{1,3}|xoxo|xo|love|cheers|liebe grüße|viele grüße|herzliche grüße|herzlichst"
    r"|alles liebe|bisous|besos|un abrazo)[,!.]?\s+(?i:die |the |eure? |deine? )?[A-ZÄÖÜ][\w.'’-]*"
    r"(\s+[A-ZÄÖÜ][\w.'’-]*){0,2}\s*[!.]?$"
)
# A sign-off may come this many lines after the story's last paragraph (a closing wish
# between them is the story's too).
_SIGN_OFF_REACH = 2
_SIGN_OFF_WORDS = 25

# A line that is only a date, a time or a reading time: "23.10.2018", "Dienstag, 4. Juni
# 2019", "Oct 9, 2019", "12.12.2022, 08:30 Uhr", "05:28 Uhr", "4 min read", "Updated:".
_DATE_LINE = re.compile(
    r"^\W*(((mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag)\w*,?\s*)?(\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}"
    r"|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d)(,?\s*(um\s*)?\d{1,2}[:.]\d\d(\s*uhr)?)?"
    r"|\d{1,2}[:.]\d\d\s*uhr|\d+\s*min(\.|utes?|uten)?\s*(read|lesezeit)"
    r"|(lesezeit|aktualisiert|updated|published|veröffentlicht)\s*:)\W*$",
    re.IGNORECASE,
)


# A paragraph that opens by pitching the site to its reader: "If you enjoyed reading this
# post ...", "Gefällt dir unser Magazin? ...", "Join the hundreds of developers who ...".
_READER_PITCH = Caseless(
    r"^(if you (enjoyed|liked|like|found value in) (reading )?(this|our) (post|article|story|blog|site)"
    r"|(did you )?(enjoy|like)(ed)? (this|our) (post|article|story)\?"
    r"|(gefällt|gefiel) (dir|ihnen|euch) (unser|unsere|dieser|diese|der|das)\b[^.?!]{0,40}\?"
    r"|hat (dir|ihnen|euch) (der|dieser|das|dieses) [\w-]+ gefallen\?|lust auf mehr\?"
    r"|join (the )?(\d[\d,.]*\+?|hundreds|thousands|millions) of\b)"
)
# An author's box under the story: "Jane Doe is a senior writer for ...", "Max Muster
# beschäftigt sich mit ...": a name, then what the person is or writes about.
_AUTHOR_BIO = re.compile(
    r"^[A-ZÀ-Ý][\w.'’-]+(\s+[A-ZÀ-Ý][\w.'’-]+){1,3},?\s+("
    r"(is|was|ist|war|est|es|è)\s+([\w&.,'’-]+\s+){0,10}?(an?\s+|the\s+|ein\w*\s+|une?\s+)?"
    r"([\w&.,'’-]+\s+){0,3}?(writer|reporter|editor|journalist|correspondent|columnist|contributor"
    r"|author|professor|founder|co-founder|expert|researcher|fellow|redakteur\w*|journalist\w*|autor\w*"
    r"|professeur|periodista)\b"
    r"|(beschäftigt sich|schreibt seit|writes about|covers|has covered|has written)\b)",
)
_BIO_WORDS = 80


def is_date_line(text: str) -> bool:
    """A line that is only a date, a time or a reading time."""
    return _DATE_LINE.match(text.strip()) is not None


def pitches_to_reader(text: str) -> bool:
    """A paragraph opening with a pitch of the site to its reader ("If you enjoyed ...")."""
    stripped = text.strip()
    # The pitches' first letters, as re's case-insensitive matching sees them.
    return stripped[:1] in "IiİıDdEeLlGgHhJj" and _READER_PITCH.match(stripped) is not None


def author_bio(text: str) -> bool:
    """A short paragraph opening with a name and what the person is: an author's box."""
    stripped = text.strip()
    return len(stripped.split()) <= _BIO_WORDS and bool(_AUTHOR_BIO.match(stripped))


def signs_off(text: str) -> bool:
    """A story's last line: a reporting credit, a dash and a name, an agency, "Ends"."""
    stripped = text.strip()
    if len(stripped.split()) > _SIGN_OFF_WORDS:
        return False
    if _SIGN_OFF.match(stripped) or _GREETING.match(stripped):
        return True
    from reader.ingest.formats.metadata import agency_in  # formats imports this module

    inner = stripped.strip("()[] ")
    return len(inner.split()) <= 4 and agency_in(inner.replace("/", " / ")) is not None


def signed_off(parts: list[Part], end: int) -> int:
    """The story's last block once its sign-off lines are counted: each within a couple
    of lines of the last (what stands between them is the story's closing words)."""
    reach = end + 1 + _SIGN_OFF_REACH
    k = end + 1
    while k < min(len(parts), reach):
        if signs_off(parts[k].text):
            end, reach = k, k + 1 + _SIGN_OFF_REACH
        k += 1
    return end


_TEASER_META_WORDS = 12
_TEASER_BLURB_WORDS = 60
# This many teasers in a row are a list of other stories (two may be a story's sections).
_TEASERS = 3


# What every date (a digit) or byline ("By", "Von", "Posted by") holds: most lines do not.
_META_HINT = re.compile(
    r"\d|^\W*(lesezeit|aktualisiert|updated|published|veröffentlicht)\b"
    r"|^(by|par|por|von|written|words|story|text|reporting|reported|posted)\b",
    re.IGNORECASE,
)


_YEAR_OR_NUMBERS = re.compile(r"\d{4}|\d[/.]\d")


@lru_cache(maxsize=4096)
def _teaser_meta(text: str) -> bool:
    """A teaser's byline or date: "Von Jane Doe", "By Jane Doe", "12.05.2022", "May 4, 2022"
    (cached: a line is asked about as a teaser's last line and as the next one's first)."""
    from reader.ingest.formats.metadata import byline, parse_date  # formats imports this module

    stripped = text.strip()
    if len(stripped.split()) > _TEASER_META_WORDS or not _META_HINT.search(stripped):
        return False
    if _DATE_LINE.match(stripped) or byline(stripped):
        return True
    # A date parse_date reads holds a year or a numeric date ("4.5.22").
    return bool(_YEAR_OR_NUMBERS.search(stripped)) and parse_date(stripped) is not None


def dates_only(text: str) -> bool:
    """A line giving a date or reading time and no author: a byline under the headline
    that the header did not take as the author stays (it may name a second one)."""
    from reader.ingest.formats.metadata import byline  # formats imports this module

    return _teaser_meta(text) and not byline(text.strip())


def _teaser_end(parts: list[Part], k: int, hi: int, blurb_last: bool = True) -> int:
    """The end (exclusive) of a teaser starting at parts[k] (a headline, then a blurb and
    a byline or date, in either order), or k when none starts there.

    A blurb after the byline belongs to the teaser only when another teaser follows it:
    the story's own first lines may follow the last one.
    """
    if k >= hi:
        return k
    text = parts[k].text.strip()
    if not text or ends_sentence(text) or len(text.split()) > _TEASER_META_WORDS * 2:
        return k
    if _teaser_meta(text):
        return k
    j = k + 1
    if j < hi and _teaser_meta(parts[j].text):
        j += 1
        blurb = blurb_last and j < hi and len(parts[j].text.split()) <= _TEASER_BLURB_WORDS
        if blurb and ends_sentence(parts[j].text.strip()):
            return j + 1 if _teaser_end(parts, j + 1, hi, blurb_last=False) > j + 1 else j
        return j
    blurb = j + 1 < hi and len(parts[j].text.split()) <= _TEASER_BLURB_WORDS
    return j + 2 if blurb and _teaser_meta(parts[j + 1].text) else k


def teaser_runs(parts: list[Part], lo: int, hi: int) -> set[int]:
    """The lines of three or more teasers in a row (a headline with its blurb, byline or
    date) among parts[lo:hi]: a list of other stories, not the story's sections."""
    found: set[int] = set()
    k = lo
    while k < hi:
        run = [k]
        end = _teaser_end(parts, k, hi)
        while end > run[-1]:
            run.append(end)
            end = _teaser_end(parts, end, hi)
        if len(run) > _TEASERS:
            found.update(range(run[0], run[-1]))
            k = run[-1]
        else:
            k += 1
    return found
