"""Finding an imported quote in the library: the search index names candidate
articles, the notes' anchoring places the quote in each (exactly, or fuzzily with a
similarity score), and the best placement wins."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.ingest.textshape import words
from reader.model import Article
from reader.notes.anchoring import MIN_FUZZY_QUOTE, Anchorer
from reader.notes.schema import Target
from reader.search.cjk import has_cjk
from reader.search.index import LibraryIndex

CANDIDATES = 5  # articles tried per quote
FUZZY_SCORE = 0.85  # the least similarity of a passage to a quote placed on it
MAX_FUZZY_QUOTE = 2_000  # a longer quote is placed only as it is (alignment costs len²)
MAX_ALIGNED = 2_000_000  # longer texts are not searched for an approximate passage
_PHRASE_WORDS = 8
_ANY_WORDS = 6
_CACHED = 16  # articles kept folded between quotes (a book's highlights come together)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a quote sits: text[start:end] of `article`; score 1.0 when exact."""

    article: Article
    start: int
    end: int
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 1.0


def queries_for(quote: str) -> list[str]:
    """Searches for the articles likely to hold a quote, surest first: its opening words
    as a phrase, then any of its longer words."""
    said = list(words(quote))
    queries = []
    if said:
        queries.append('"' + _opening(quote, said[:_PHRASE_WORDS]) + '"')
    longest = sorted({w.lower() for w in said if len(w) > 3}, key=len, reverse=True)
    if longest:
        queries.append(" OR ".join(f'"{w}"' for w in longest[:_ANY_WORDS]))
    return queries


def _opening(quote: str, said: list[str]) -> str:
    """The phrase of these first words of a quote: the words apart, or, when the quote
    holds Chinese, Japanese or Korean, its text as far as they go (each ideograph counts
    as a word, and the index finds them only as they stand together)."""
    if not has_cjk(quote):
        return " ".join(said)
    end = 0
    for word in said:
        at = quote.find(word, end)
        if at < 0:
            break
        end = at + len(word)
    return quote[:end].replace('"', " ")


class Finder:
    """Places quotes in the articles of one indexed library."""

    def __init__(self, index: LibraryIndex) -> None:
        self.index = index
        self._anchorers: OrderedDict[str, tuple[Article, Anchorer]] = OrderedDict()

    def place(self, quote: str, prefix: str = "", suffix: str = "") -> Placement | None:
        """The best placement of `quote` among its candidate articles, or None."""
        best: Placement | None = None
        tried: set[str] = set()
        for query in queries_for(quote):
            for article_id in self.index.ranked_ids(query, CANDIDATES):
                if article_id in tried:
                    continue
                tried.add(article_id)
                found = self.place_in(article_id, quote, prefix, suffix)
                if found is not None and (best is None or found.score > best.score):
                    best = found
                    if best.exact:
                        return best
        return best

    def place_in(
        self, article_id: str, quote: str, prefix: str = "", suffix: str = ""
    ) -> Placement | None:
        """The quote's placement in one article, None when it is not there."""
        held = self._anchorer(article_id)
        if held is None:
            return None
        article, anchorer = held
        return place_in_text(article, anchorer, quote, prefix, suffix)

    def _anchorer(self, article_id: str) -> tuple[Article, Anchorer] | None:
        if article_id in self._anchorers:
            self._anchorers.move_to_end(article_id)
            return self._anchorers[article_id]
        article = self.index.article(article_id)
        if article is None:
            return None
        held = self._anchorers[article_id] = (article, Anchorer(article.text))
        if len(self._anchorers) > _CACHED:
            self._anchorers.popitem(last=False)
        return held


def place_in_text(
    article: Article, anchorer: Anchorer, quote: str, prefix: str = "", suffix: str = ""
) -> Placement | None:
    """The quote in `article` (whose text `anchorer` holds): as it is (ignoring case and
    accents), else approximately for a quote long enough to tell apart."""
    span = anchorer.find(quote)
    if span is not None:
        return Placement(article, span[0], span[1], 1.0)
    if not MIN_FUZZY_QUOTE <= len(quote.strip()) <= MAX_FUZZY_QUOTE:
        return None
    if prefix or suffix:
        anchor = anchorer.anchor(Target(quote, prefix, suffix, 0, 0))
        if anchor.found and anchor.end > anchor.start:
            score = fuzz.ratio(quote, article.text[anchor.start : anchor.end]) / 100
            return Placement(article, anchor.start, anchor.end, min(score, 0.99))
    # No context to go by (most exports keep none): the passage most like the quote.
    if len(article.text) > MAX_ALIGNED:
        return None
    found = fuzz.partial_ratio_alignment(quote, article.text, score_cutoff=FUZZY_SCORE * 100)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = _whole_words(article.text, found.dest_start, found.dest_end)
    return Placement(article, start, end, min(found.score / 100, 0.99))


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the ends of the words it cuts, and trimmed of spaces."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
