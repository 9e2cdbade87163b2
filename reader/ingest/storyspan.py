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
needs evidence (a text of a few blocks with no chrome in it keeps them all):

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
- a short line between two lines folded for what they are is folded too;
- section labels, a blog's "Posted in" lines and paragraphs pitching the site to its
  reader ("If you enjoyed this article ...") are folded wherever they are, and so is an
  author's box ("Jane Doe is a senior writer for ...") among the story's last paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from reader.ingest.canonical import Part
from reader.ingest.cleaning import HEADLINES
from reader.ingest.sections import is_post_meta, section_label
from reader.ingest.stopwords import guess_language, stop_words
from reader.ingest.storycontext import BULLETS, LONG, fold_repeats, fold_sandwiched
from reader.ingest.storyheadline import find_headline
from reader.ingest.storylines import (
    author_bio,
    dates_only,
    is_date_line,
    pitches_to_reader,
    signed_off,
    teaser_runs,
)
from reader.ingest.textshape import ends_sentence, words

# jusText's thresholds: a paragraph of this many characters or more, with this share
# of stop words, is prose.
_LONG = LONG
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
# Without the headline, the header's short lines are folded from this many blocks above
# the story's first paragraph.
_HEADER_MARGIN = 8
# A short line of this many words, dense with stop words, reads as prose (jusText's
# "near-good" paragraph).
_NEAR_GOOD_WORDS = 4
# A paragraph long enough to be the story's for sure (jusText's "good" length).
_PARAGRAPH = 200
_FOOTNOTE = "↩"
# A text of this many blocks or fewer, none of them chrome, is too short to hold any:
# it is all story.
_TINY = 6


BEFORE = "before the story"
DATE_LINE = "date or reading time"
HEADLINE = "the headline, shown as the title"
AFTER = "after the story"
READER_PITCH = "the site's pitch to its reader"
TEASERS = "teasers of other stories"
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
    headline = find_headline(parts, weights, title, main[0])
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


# An author's box is among the story's last this many paragraphs.
_BIO_FROM_END = 2


def _bio_from(weights: list[float], start: int, end: int) -> int:
    """Where an author's box may start: the story's last few paragraphs (it ends at `end`)."""
    prose = [m for m in range(start, end + 1) if weights[m] > 0]
    return prose[-_BIO_FROM_END - 1] if len(prose) > _BIO_FROM_END else start


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
        or text[:1] in BULLETS
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


def _tiny_without_chrome(
    parts: list[Part], weights: list[float], labels: list[str | None], title: str
) -> bool:
    """Is the text a few blocks with nothing of a page's chrome in it: no section label,
    no junk line, and no repeat of the title under it (a saved page's headline)?"""
    return (
        len(parts) <= _TINY
        and not any(labels)
        and not any(p.boilerplate for p in parts)
        and find_headline(parts, weights, title, len(parts)) < 0
    )


def fold_share_prompts(parts: list[Part]) -> None:
    """Fold the share prompts ("Share this article on Facebook") among parts wherever
    they stand, by the rule a page saved as text gets."""
    for part in parts:
        if not part.boilerplate and section_label(part.text) == "share":
            part.fold(_LABEL_REASONS["share"])


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
    if _tiny_without_chrome(parts, weights, labels, title):
        return -1
    region = story_region(parts, weights, labels, title)
    if region is None:
        return -1
    start, end, headlined = region
    end = signed_off(parts, end)
    header_end = -1
    if not headlined:
        # Without a headline, the header is too uncertain to fold whole: only its short
        # lines well above the story go (the title, standfirst and byline sit near it).
        header_end = start - _HEADER_MARGIN
        start = 0
    tail = _tail_start(parts, labels, end, headlined)
    tail = _story_edge(parts, weights, stops, end, tail)
    boxed = _between_labels(parts, weights, labels, start if headlined else region[0], end + 1)
    teasers = teaser_runs(parts, region[0] + 1, tail)
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
            and is_date_line(part.text)
            and not _dates_a_section(k, region[0], weights)
        ) or (first <= k < opening and weights[k] < 0 and dates_only(part.text)):
            part.fold(DATE_LINE)
        elif is_post_meta(part.text):
            part.fold(_LABEL_REASONS["tags"])
        elif pitches_to_reader(part.text):
            part.fold(READER_PITCH)
        elif bio_from <= k <= end and k > region[0] and weights[k] > 0 and author_bio(part.text):
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
    # The headline only repeats the title; the header's lines are folded for their
    # place, yet its menu's entries standing alone in the story are links.
    fold_repeats(parts, weights, title, place_only={HEADLINE})
    fold_sandwiched(parts, weights, placed={BEFORE, AFTER, HEADLINE, DATE_LINE})
    return start - 1 if headlined else -1
