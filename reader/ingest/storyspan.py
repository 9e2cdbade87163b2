"""Where the story is on a whole page saved as text, and what around it to fold.

A page dump is a header (menus, breadcrumbs, log-in forms), the story, and a tail
(related headlines, author boxes, comments, footers). The story is a run of long,
sentence-like paragraphs dense with the language's function words; chrome is short
lines, link lists and section labels ("Related posts", "3 Comments", "Share this").

Each block gets a weight: prose gains its length in characters, a short line costs a
little, a section label costs a lot. Clusters are the spans of greatest total weight
(Kadane's algorithm, applied again on each side of the best span). The story runs to
the last cluster weighing a fair share of the heaviest one that is reached without
crossing a comments, author-box or tags label, plus its sign-off lines ("Reporting
by ..."); once a fair amount of prose has come, it never runs past a comments label.

Losing a sentence of the story is far worse than showing some chrome, so folding
needs evidence:

- the header (everything up to the headline) is folded when the page repeats its
  title above the story (a dump's first line is the page's <title>); else only its
  short lines well above the story's first paragraph;
- the tail is folded from the story's end when chrome follows it within a few lines,
  else from the first comments, author-box or tags label, or a dozen blocks on, and
  from right after the last line before it that may be the story's own (a sentence, a
  prose-like line, a list, a footnote): the menus and teasers right under it go;
- inside the story, short lines boxed between two section labels with no paragraph
  between them are folded (jusText's context rule, labels as its "bad" blocks), and so
  are lines that are only a date or a reading time, unless they head a section, and
  three or more teasers of other stories in a row (a headline, a byline or date, perhaps
  a blurb);
- section labels, a blog's "Posted in" lines and paragraphs pitching the site to its
  reader ("If you enjoyed this article ...") are folded wherever they are, and so is an
  author's box ("Jane Doe is a senior writer for ...") among the story's last paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from reader.ingest.canonical import Part
from reader.ingest.cleaning import HEADLINES
from reader.ingest.sections import is_post_meta, section_label
from reader.ingest.stopwords import guess_language, stop_words
from reader.ingest.textshape import Caseless, ends_sentence, words

# jusText's thresholds: a paragraph of this many characters or more, with this share
# of stop words, is prose.
_LONG = 70
_STOP_DENSITY = 0.30
_COST = 25  # what a short line costs the span, in characters of prose
# A cluster is part of the story when it weighs this share of the heaviest one.
_SHARE = 0.25
# What a section label costs: link boxes and share rows also sit inside stories, so
# the story may run on past them; comments, author boxes and tags come after it.
_BARRIERS = {
    "related": 200,
    "share": 200,
    "navigation": 200,
    "footer": 200,
    "comments": 1000,
    "author": 1000,
    "tags": 1000,
    "end": 1000,
}
_HARD = frozenset({"comments", "author", "tags", "end"})
# Prose before a comments label that makes the label the story's end.
_MIN_STORY = 300
_SHARE_BEFORE_COMMENTS = 0.1
# The story visibly ended when chrome follows its last block within this many lines
# (more when the page's headline was found, so the story is surely the right one).
_SIGNAL = 2
_SIGNAL_HEADLINED = 8
# Without such chrome, the tail starts this many blocks after the story's last one:
# closing lists and contact lines come first, teasers and sidebars further down.
_TAIL_GAP = 12
# This many short lines in a row are a menu.
_MENU_RUN = 6
# Without the headline, the header's short lines are folded from this many blocks above
# the story's first paragraph.
_HEADER_MARGIN = 8
# A short line of this many words, dense with stop words, reads as prose (jusText's
# "near-good" paragraph).
_NEAR_GOOD_WORDS = 4
# A paragraph long enough to be the story's for sure (jusText's "good" length).
_PARAGRAPH = 200
_BULLETS = tuple("-–—•*·▪►")
_FOOTNOTE = "↩"


BEFORE = "before the story"
DATE_LINE = "date or reading time"
HEADLINE = "the headline, shown as the title"
AFTER = "after the story"
READER_PITCH = "the site's pitch to its reader"
TEASERS = "teasers of other stories"
REPEATED = "repeated from the page's chrome"
_LABEL_REASONS = {
    "related": "related links",
    "comments": "comments",
    "author": "author box",
    "share": "share prompt",
    "tags": "tags",
    "navigation": "navigation",
    "footer": "footer link",
    "end": "end of the release",
}


@dataclass(slots=True)
class Shape:
    chars: int
    words: int
    density: float
    sentence: bool


def shapes(parts: list[Part], stops: frozenset[str]) -> list[Shape]:
    out = []
    for part in parts:
        text = part.text.strip()
        tokens = words(text)
        n = len(tokens)
        density = 0.0
        if n and stops and len(text) >= _LONG:  # only long blocks are weighed by it
            # One lower() of the words joined is the words' own lower case, each quicker.
            density = sum(map(stops.__contains__, " ".join(tokens).lower().split())) / n
        out.append(Shape(len(text), n, density, ends_sentence(text)))
    return out


def weight(shape: Shape, junk: bool, has_stops: bool, label: str | None = None) -> float:
    """What a block adds to the story span: prose gains, anything else costs."""
    if label:
        return -_BARRIERS[label]
    if junk:
        return -2 * _COST
    if shape.chars >= _LONG and (not has_stops or shape.density >= _STOP_DENSITY):
        return shape.chars
    if shape.sentence and shape.words >= 5:
        return shape.chars / 2
    return -_COST


def best_span(weights: list[float]) -> tuple[int, int] | None:
    """The span [start, end] with the greatest positive total weight (Kadane)."""
    best, found = 0.0, None
    total, start = 0.0, 0
    for k, w in enumerate(weights):
        if total <= 0:
            total, start = w, k
        else:
            total += w
        if total > best:
            best, found = total, (start, k)
    return found


def _clusters(weights: list[float], lo: int, hi: int, out: list[tuple[int, int, float]]) -> None:
    """Every span of greatest positive total in weights[lo:hi], then on each side of it."""
    if lo >= hi:
        return
    span = best_span(weights[lo:hi])
    if span is None:
        return
    start, end = span[0] + lo, span[1] + lo
    out.append((start, end, sum(weights[start : end + 1])))
    _clusters(weights, lo, start, out)
    _clusters(weights, end + 1, hi, out)


_PLAIN = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-"}
)
_TITLE_SEPARATORS = re.compile(r"\s[|\-–—:»·]{1,2}\s")


def _key(text: str) -> str:
    return " ".join(text.translate(_PLAIN).split()).casefold()


def _repeats_title(line: str, title: str) -> bool:
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


def _headline(parts: list[Part], weights: list[float], title: str, story: int) -> int:
    """The index of the page's headline above `story` (its first repeat of the title), or -1."""
    key = _key(title)
    if not key:
        return -1
    # A line repeats the title only when it is at most 20 characters longer than the
    # title: its key is never shorter than its characters other than spaces.
    longest = len(key) + 20
    for k in range(story):
        text = parts[k].text
        if len(text) >= longest and len("".join(text.split())) >= longest:
            continue
        line = _key(text)
        if _repeats_title(line, key) and not _site_name(line, key, weights[k + 1 : story]):
            return k
    return -1


def story_region(
    parts: list[Part], weights: list[float], labels: list[str | None], title: str
) -> tuple[int, int, bool] | None:
    """The story's first and last block, and whether it starts under the headline."""
    found: list[tuple[int, int, float]] = []
    _clusters(weights, 0, len(weights), found)
    if not found:
        return None
    found.sort()
    main = max(found, key=lambda c: c[2])
    top = main[2]
    headline = _headline(parts, weights, title, main[0])
    # Comments and a release's "###" follow the story: once a fair amount of prose has
    # come, nothing after them is the story.
    for k in range(headline + 1, len(parts)):
        if labels[k] not in ("comments", "end"):
            continue
        before = [c[2] for c in found if headline < c[0] and c[1] < k]
        if before and max(before) >= max(_MIN_STORY, _SHARE_BEFORE_COMMENTS * top):
            found = [c for c in found if c[1] < k]
            top = max(c[2] for c in found)
            break
    chosen = [c for c in found if c[2] >= _SHARE * top and c[0] > headline]
    if not chosen:
        return None
    start = headline + 1 if headline >= 0 else chosen[0][0]
    end = chosen[0][1]
    for s, e, _ in chosen[1:]:
        if any(labels[k] in _HARD for k in range(end + 1, s)):
            break
        end = e
    return start, end, headline >= 0


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
# An author's box is among the story's last this many paragraphs.
_BIO_FROM_END = 2


def pitches_to_reader(text: str) -> bool:
    """A paragraph opening with a pitch of the site to its reader ("If you enjoyed ...")."""
    stripped = text.strip()
    # The pitches' first letters, as re's case-insensitive matching sees them.
    return stripped[:1] in "IiİıDdEeLlGgHhJj" and _READER_PITCH.match(stripped) is not None


def _bio_from(weights: list[float], start: int, end: int) -> int:
    """Where an author's box may start: the story's last few paragraphs (it ends at `end`)."""
    prose = [m for m in range(start, end + 1) if weights[m] > 0]
    return prose[-_BIO_FROM_END - 1] if len(prose) > _BIO_FROM_END else start


def _author_bio(text: str) -> bool:
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


def _signed_off(parts: list[Part], end: int) -> int:
    """The story's last block once its sign-off lines are counted: each within a couple
    of lines of the last (what stands between them is the story's closing words)."""
    reach = end + 1 + _SIGN_OFF_REACH
    k = end + 1
    while k < min(len(parts), reach):
        if signs_off(parts[k].text):
            end, reach = k, k + 1 + _SIGN_OFF_REACH
        k += 1
    return end


def page_language_stops(texts: list[str]) -> frozenset[str]:
    """The stop words of the page's language, empty when it cannot be told."""
    language = guess_language(list(chain.from_iterable(map(words, texts))))
    return stop_words(language) if language else frozenset()


def _tail_start(parts: list[Part], labels: list[str | None], end: int, headlined: bool) -> int:
    """Where the page's tail begins, after the story's last block `end`.

    Right after it when chrome (a label, a junk line) follows within a few lines: the
    story visibly ended there. Otherwise from the first comments, author or tags label,
    or a dozen blocks after the story, whichever comes first: what lies between may be
    the story's own closing lines and lists.
    """
    near = _SIGNAL_HEADLINED if headlined else _SIGNAL
    following = range(end + 1, min(len(parts), end + 1 + near))
    if any(labels[k] or parts[k].boilerplate for k in following):
        return end + 1
    hard = next((k for k in range(end + 1, len(parts)) if labels[k] in _HARD), len(parts))
    # Far from the story's last paragraph, what never weighed as prose is the page's.
    return min(hard, end + 1 + _TAIL_GAP)


def _near_good(text: str, stops: frozenset[str]) -> bool:
    """A line that reads as prose though short: four words or more, dense with stop words."""
    tokens = words(text)
    if len(tokens) < _NEAR_GOOD_WORDS or not stops:
        return False
    return sum(1 for t in tokens if t.lower() in stops) / len(tokens) >= _STOP_DENSITY


def _story_line(parts: list[Part], k: int, weight: float, stops: frozenset[str]) -> bool:
    """May parts[k], below the story's last paragraph, still be the story's?

    Prose, a sentence, a line reading as prose, a list item, a line under one ending
    with a colon (a list the story introduces) and a footnote may; menus, labels and
    teaser headlines may not.
    """
    text = parts[k].text.strip()
    return (
        weight > 0
        or ends_sentence(text)
        or parts[k].kind == "list_item"
        or text[:1] in _BULLETS
        or text.endswith(_FOOTNOTE)
        or (k > 0 and parts[k - 1].text.rstrip().endswith(":"))
        or _near_good(text, stops)
    )


def _story_edge(
    parts: list[Part], weights: list[float], stops: frozenset[str], end: int, tail: int
) -> int:
    """Where the tail begins once the story's edge is tightened: after the last line
    between the story's end and the tail that may still be the story's.

    As in jusText's context rule, short lines between the story and chrome are chrome:
    the menus, labels and teasers right under a story's last paragraph go with the tail.
    """
    edge = end + 1
    for k in range(end + 1, tail):
        if _story_line(parts, k, weights[k], stops):
            edge = k + 1
    return edge


def _between_labels(
    parts: list[Part], weights: list[float], labels: list[str | None], lo: int, hi: int
) -> dict[int, str]:
    """The short lines among parts[lo:hi] that stand between two section labels with
    no paragraph of the story between them (a link box or share row inside the story),
    each with the kind of label that opened the box.

    jusText's context rule, with section labels as its "bad" blocks: a short line
    whose neighbours are bad on both sides is bad. Junk lines and sentence-like lines
    are passed over when looking for those neighbours; only paragraphs stop the run.
    A run of headlines there is a teaser list, not the story's key points.
    """
    found: dict[int, str] = {}
    run: list[int] = []
    opened: str | None = None
    for k in range(lo, hi):
        label = labels[k]
        if label:
            if opened:
                found.update(dict.fromkeys(run, opened))
            opened, run = label, []
        elif weights[k] > 0 and len(parts[k].text.strip()) >= _PARAGRAPH:
            opened, run = None, []
        elif weights[k] < 0 and (not parts[k].boilerplate or parts[k].reason == HEADLINES):
            run.append(k)
    return found


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


def _dates_only(text: str) -> bool:
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


def _teaser_runs(parts: list[Part], lo: int, hi: int) -> set[int]:
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


def _dates_a_section(k: int, first: int, weights: list[float]) -> bool:
    """Does the date line parts[k] head a section of the story (a diary's day, a
    timeline's entry)? It does when a paragraph follows it below the story's first one."""
    return first < k < len(weights) - 1 and weights[k + 1] >= _LONG


def _opening(weights: list[float], first: int, end: int) -> int:
    """The story's first long paragraph (else its first paragraph of prose): the lines
    above it, from `first`, are its header's."""
    span = range(first, end + 1)
    found = next((k for k in span if weights[k] >= _PARAGRAPH), None)
    return found if found is not None else next((k for k in span if weights[k] >= _LONG), first)


def fold_outside_story(parts: list[Part], title: str = "") -> int:
    """Fold every part before the headline or in the page's tail, and section labels;
    return the headline's index (-1 when the page does not repeat its title).

    Headline-like lines inside the story that the cleaner took for a list of links
    (runs of three or more) are its key points, and are unfolded.
    """
    if not parts:
        return -1
    stops = page_language_stops([p.text for p in parts])
    labels = [section_label(p.text) for p in parts]
    weights = [
        weight(shape, part.boilerplate, bool(stops), label)
        for shape, part, label in zip(shapes(parts, stops), parts, labels, strict=True)
    ]
    region = story_region(parts, weights, labels, title)
    if region is None:
        return -1
    start, end, headlined = region
    end = _signed_off(parts, end)
    header_end = -1
    if not headlined:
        # Without a headline, the header is too uncertain to fold whole: only its short
        # lines well above the story go (the title, standfirst and byline sit near it).
        header_end = start - _HEADER_MARGIN
        start = 0
    tail = _tail_start(parts, labels, end, headlined)
    tail = _story_edge(parts, weights, stops, end, tail)
    boxed = _between_labels(parts, weights, labels, start if headlined else region[0], end + 1)
    teasers = _teaser_runs(parts, region[0] + 1, tail)
    bio_from = _bio_from(weights, region[0], end)
    first = start if headlined else region[0]
    opening = _opening(weights, first, end)
    for k, part in enumerate(parts):
        label = labels[k]
        if label:
            # The label says what the line is; a run it stands in only guessed.
            part.reason = None
            part.fold(_LABEL_REASONS[label])
        elif k == start - 1:
            part.fold(HEADLINE)
        elif k < start:
            part.fold(BEFORE)
        elif k >= tail:
            part.fold(AFTER)
        elif k < header_end and weights[k] < 0 and part.reason != HEADLINES:
            part.fold(BEFORE)
        elif (
            (headlined or k >= region[0])
            and _DATE_LINE.match(part.text.strip())
            and not _dates_a_section(k, region[0], weights)
        ) or (first <= k < opening and weights[k] < 0 and _dates_only(part.text)):
            part.fold(DATE_LINE)
        elif is_post_meta(part.text):
            part.fold(_LABEL_REASONS["tags"])
        elif pitches_to_reader(part.text):
            part.fold(READER_PITCH)
        elif bio_from <= k <= end and k > region[0] and weights[k] > 0 and _author_bio(part.text):
            part.fold(_LABEL_REASONS["author"])
        elif k in boxed:
            part.fold(_LABEL_REASONS[boxed[k]])
        elif k in teasers:
            if part.reason == HEADLINES:  # only guessed from the run's shape
                part.reason = None
            part.fold(TEASERS)
        elif part.reason == HEADLINES:
            part.boilerplate = False
            part.reason = None
    _fold_repeats(parts, weights, title)
    return start - 1 if headlined else -1


# Folds that say nothing of a line's own shape: the header's lines and the headline.
_PLACE_ONLY = frozenset({BEFORE, HEADLINE})


def _fold_repeats(parts: list[Part], weights: list[float], title: str) -> None:
    """Fold the short lines kept that the page repeats in its folded chrome (a related
    list, a menu, the tail): a teaser or link standing alone inside the story. Lines
    folded only for their place (the header) do not count, nor does the headline, nor a
    line a paragraph follows (a heading a contents list repeats)."""
    last = len(parts) - 1
    candidates = [
        k
        for k, w in enumerate(weights)
        if w < 0
        and not parts[k].boilerplate
        and not (k < last and weights[k + 1] >= _LONG)
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
        _key(p.text)
        for p in parts
        if p.boilerplate
        and (p.text[:1].isspace() or p.text[:1].translate(_PLAIN).casefold()[:1] in letters)
        and p.reason not in _PLACE_ONLY
        and not p.text.isspace()
        and _first_word(p.text) in firsts
    }
    if not chrome:
        return
    title_key = _key(title)
    for k in candidates:
        line = _key(parts[k].text)
        if line in chrome and not (title_key and _repeats_title(line, title_key)):
            parts[k].fold(REPEATED)


def _first_word(text: str) -> str:
    """The first word of `_key(text)` (for text holding more than blanks)."""
    return text.split(None, 1)[0].translate(_PLAIN).casefold()
