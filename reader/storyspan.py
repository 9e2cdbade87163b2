"""Where the story is on a whole page saved as text.

A page dump is a header (menus, breadcrumbs, log-in forms), the story, and a tail
(related headlines, author boxes, comments, footers). The story is a run of long,
sentence-like paragraphs dense with the language's function words; chrome is short
lines, link lists, dates, names and section labels ("Related posts", "3 Comments").

Each block gets a weight: prose gains its length in characters, a short line costs a
little, a section label costs a lot. Clusters are the spans of greatest total weight
(Kadane's algorithm, applied again on each side of the best span). The story is:

- from the page's headline, when the page repeats its title above the story (the
  first line of a dump is the page's <title>), else from the first cluster weighing
  a fair share of the heaviest one;
- to the last such cluster reached without crossing a label of comments, an author
  box or tags, plus the sign-off lines right after it ("Reporting by ...");
- never past a comments label once a fair amount of prose came before it.

Everything before or after the story is folded, and so is every section label inside
it. A story within a few plain lines of the top keeps those lines (a heading or two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.canonical import Part
from reader.sections import section_label
from reader.stopwords import guess_language, stop_words
from reader.textshape import ends_sentence, words

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
    "comments": 1000,
    "author": 1000,
    "tags": 1000,
}
_HARD = frozenset({"comments", "author", "tags"})
# Prose before a comments label that makes the label the story's end.
_MIN_STORY = 300
_SHARE_BEFORE_COMMENTS = 0.1
# A story this close to the top keeps the few plain lines above it.
_LEAD_IN = 3
# This many short lines in a row are a menu.
_MENU_RUN = 6


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
        density = sum(1 for t in tokens if t.casefold() in stops) / n if n and stops else 0.0
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
    """The index of the page's headline above `story`, or -1."""
    key = _key(title)
    if not key:
        return -1
    for k in range(story - 1, -1, -1):
        line = _key(parts[k].text)
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
    # Comments follow the story: once a fair amount of prose has come, nothing after
    # a comments label is the story.
    for k in range(headline + 1, len(parts)):
        if labels[k] != "comments":
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
_SIGN_OFF_WORDS = 25


def signs_off(text: str) -> bool:
    """A story's last line: a reporting credit, a dash and a name, an agency, "Ends"."""
    stripped = text.strip()
    if len(stripped.split()) > _SIGN_OFF_WORDS:
        return False
    if _SIGN_OFF.match(stripped):
        return True
    from reader.formats.metadata import agency_in  # reader.formats imports this module

    inner = stripped.strip("()[] ")
    return len(inner.split()) <= 4 and agency_in(inner.replace("/", " / ")) is not None


def page_language_stops(texts: list[str]) -> frozenset[str]:
    """The stop words of the page's language, empty when it cannot be told."""
    tokens = [t for text in texts for t in words(text)]
    language = guess_language(tokens)
    return stop_words(language) if language else frozenset()


def _folded(parts: list[Part], labels: list[str | None], indices: range) -> list[bool]:
    return [parts[k].boilerplate or labels[k] is not None for k in indices]


def fold_outside_story(parts: list[Part], title: str = "") -> None:
    """Mark as boilerplate every part before or after the story, and its section labels."""
    if not parts:
        return
    stops = page_language_stops([p.text for p in parts])
    labels = [section_label(p.text) for p in parts]
    weights = [
        weight(shape, part.boilerplate, bool(stops), label)
        for shape, part, label in zip(shapes(parts, stops), parts, labels, strict=True)
    ]
    region = story_region(parts, weights, labels, title)
    if region is None:
        return
    start, end, headlined = region
    while end + 1 < len(parts) and signs_off(parts[end + 1].text):
        end += 1
    if not headlined and start <= _LEAD_IN and not any(_folded(parts, labels, range(start))):
        start = 0
    for k, part in enumerate(parts):
        if k < start or k > end or labels[k]:
            part.boilerplate = True
