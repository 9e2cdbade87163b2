"""Finding an imported quote in the library: the search index names candidate
articles, the notes' anchoring places the quote in each (exactly, or fuzzily with a
similarity score), and the best placement wins (of placements as good, the one whose
context is most like the export's prefix and suffix).

A quote that names the web page it was highlighted on is placed by that address: on
the article at that address only, when the library holds one; when it holds none, never
on an article of another address, and on one of none (a copy of the page, perhaps) only
where something besides a short phrase any article may say tells it is that page: a
quote of DISTINCT_QUOTE characters or more, the words around it as the export gives
them (`AGREEING` characters of them at least), or the page's title."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.importing.page_urls import page_address
from reader.ingest.textshape import words
from reader.model import Article
from reader.notes.anchoring import DISTINCT_QUOTE, MIN_FUZZY_QUOTE, Anchorer
from reader.notes.match_edges import whole_words, within_paragraphs
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
AGREEING = 8  # characters of context that tell a short quote's place (or all it gives)


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
        self._pages: dict[str, list[str]] | None = None  # page address -> article ids
        self._ids_addressed: set[str] | None = None

    def place(
        self,
        quote: str,
        prefix: str = "",
        suffix: str = "",
        at: int | None = None,
        page: str = "",
        title: str = "",
    ) -> Placement | None:
        """The best placement of `quote` among its candidate articles, or None; `at` as
        for `place_in_text`; `page` and `title`: the web address and title of the page
        it was highlighted on, if said (see the module's docstring)."""
        address = page_address(page)
        if address is not None and (held := self.pages().get(address)):
            return self._best(held, quote, prefix, suffix, at)
        telling: Callable[[Placement], bool] | None = None
        if address is not None:  # a page the library does not hold

            def telling(found: Placement) -> bool:
                return found.article.id not in self._addressed() and _tells_page(
                    found, quote, prefix, suffix, title
                )

        best: Placement | None = None
        tried: set[str] = set()
        for query in queries_for(quote):
            ids = [i for i in self.index.ranked_ids(query, CANDIDATES) if i not in tried]
            tried.update(ids)
            best = self._best(ids, quote, prefix, suffix, at, best, telling)
            if best is not None and best.exact and not (prefix or suffix):
                return best
        return best

    def _best(
        self,
        article_ids: list[str],
        quote: str,
        prefix: str,
        suffix: str,
        at: int | None,
        best: Placement | None = None,
        telling: Callable[[Placement], bool] | None = None,
    ) -> Placement | None:
        """The best of `best` and the quote's placements in these articles (those
        `telling` takes, given it): the most like it, of those the one whose context is
        most like the export's."""
        best_rank = _rank(best, prefix, suffix) if best is not None else None
        for article_id in article_ids:
            found = self.place_in(article_id, quote, prefix, suffix, at)
            if found is None or (telling is not None and not telling(found)):
                continue
            rank = _rank(found, prefix, suffix)  # (its context measured once)
            if best_rank is None or rank > best_rank:
                best, best_rank = found, rank
        return best

    def pages(self) -> dict[str, list[str]]:
        """The articles of the library by their page's web address (see `page_address`)."""
        if self._pages is None:
            self._pages = {}
            for row in self.index.articles():
                if (address := page_address(row.url or "")) is not None:
                    self._pages.setdefault(address, []).append(row.id)
        return self._pages

    def _addressed(self) -> set[str]:
        if self._ids_addressed is None:
            self._ids_addressed = {i for ids in self.pages().values() for i in ids}
        return self._ids_addressed

    def place_in(
        self,
        article_id: str,
        quote: str,
        prefix: str = "",
        suffix: str = "",
        at: int | None = None,
    ) -> Placement | None:
        """The quote's placement in one article, None when it is not there."""
        held = self._anchorer(article_id)
        if held is None:
            return None
        article, anchorer = held
        return place_in_text(article, anchorer, quote, prefix, suffix, at)

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
    article: Article,
    anchorer: Anchorer,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    at: int | None = None,
) -> Placement | None:
    """The quote in `article` (whose text `anchorer` holds): as it is (ignoring case and
    accents), else approximately for a quote long enough to tell apart. `at`: where the
    export says the quote starts in the article's text (see `_best_match`)."""
    span = _best_match(article.text, anchorer, quote, prefix, suffix, at)
    if span is not None:
        return Placement(article, span[0], span[1], 1.0)
    if not MIN_FUZZY_QUOTE <= len(quote.strip()) <= MAX_FUZZY_QUOTE:
        return None
    if prefix or suffix:
        anchor = anchorer.anchor(Target(quote, prefix, suffix, 0, 0))
        if anchor.found and anchor.end > anchor.start:
            start, end = _unfolded(article, anchor.start, anchor.end)
            score = fuzz.ratio(quote, article.text[start:end]) / 100
            return Placement(article, start, end, min(score, 0.99))
    # No context to go by (most exports keep none): the passage most like the quote.
    if len(article.text) > MAX_ALIGNED:
        return None
    found = fuzz.partial_ratio_alignment(quote, article.text, score_cutoff=FUZZY_SCORE * 100)
    if found is None or found.dest_end <= found.dest_start:
        return None
    start, end = whole_words(article.text, found.dest_start, found.dest_end)
    start, end = _unfolded(article, *within_paragraphs(article.text, start, end, quote))
    return Placement(article, start, end, min(found.score / 100, 0.99))


def _tells_page(found: Placement, quote: str, prefix: str, suffix: str, title: str) -> bool:
    """Whether a placement on an article not at the page's address is told by more than
    a short phrase: a quote long enough, the export's context there, or the page's title."""
    if len(quote.strip()) >= DISTINCT_QUOTE:
        return True
    given = len(prefix) + len(suffix)
    agreeing = _context_likeness(found.article.text, (found.start, found.end), prefix, suffix)
    if given and agreeing >= min(AGREEING, given):
        return True
    return bool(title.strip()) and _plain(title) == _plain(found.article.title)


def _plain(title: str) -> str:
    return " ".join(words(title.casefold()))


def _rank(found: Placement, prefix: str, suffix: str) -> tuple[float, int]:
    span = (found.start, found.end)
    context = _context_likeness(found.article.text, span, prefix, suffix) if prefix or suffix else 0
    return found.score, context


def _best_match(
    text: str, anchorer: Anchorer, quote: str, prefix: str, suffix: str, at: int | None = None
) -> tuple[int, int] | None:
    """The quote as it is in the text: of several matches (a phrase highlighted twice is
    two places), the one whose context is most like the export's, of those the one at
    the export's position `at` (holding that offset), else the first. (A position
    counted in another text, a web page's, is taken only where the context agrees.)"""
    spans = anchorer.find_all(quote)
    first = next(spans, None)
    if first is None or (at is None and not (prefix or suffix)):
        return first
    found = [first, *spans]
    there = next((s for s in found if s[0] <= at < s[1]), None) if at is not None else None
    if not (prefix or suffix):
        return there or first
    likeness = {span: _context_likeness(text, span, prefix, suffix) for span in found}
    best = max(found, key=likeness.__getitem__)
    return there if there is not None and likeness[there] == likeness[best] else best


def _context_likeness(text: str, span: tuple[int, int], prefix: str, suffix: str) -> int:
    """How many characters of the context, next to the quote, the text has there."""
    before = text[max(0, span[0] - len(prefix)) : span[0]].casefold()[::-1]
    after = text[span[1] : span[1] + len(suffix)].casefold()
    return _same_start(before, prefix.casefold()[::-1]) + _same_start(after, suffix.casefold())


def _same_start(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _unfolded(article: Article, start: int, end: int) -> tuple[int, int]:
    """A match of a story's paragraphs without the folded blocks (chrome, teasers) it
    reaches into beside them; a match in folded text alone stays."""
    kept = [b for b in article.blocks if b.start < end and start < b.end and not b.boilerplate]
    if not kept:
        return start, end
    return max(start, kept[0].start), min(end, kept[-1].end)
