"""Two articles side by side: which passages they share, which each tells alone, who quotes what.

Passages are the sentences of each clean body (a heading is one passage). Two passages
match by the idf-weighted overlap of their content words (idf over the passages of both
articles, so a rare name weighs more than "security"); pairs are taken best first, one
to one, above a threshold. Offsets index each article's canonical text, for highlighting.
A long article is compared over its first `window.LIMIT` characters only (see
`reader.related.window`), and the comparison says so.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from reader.model import Article
from reader.related.features import quotations, quote_key
from reader.related.score import keys_match
from reader.related.text import WORD, content_words, fold, sentences
from reader.related.window import LIMIT, body_in_window, window_end
from reader.text.safe import shortened

PAIR_THRESHOLD = 0.2
_MAX_SPAN = 3  # a pair's side spans at most this many passages
_EXTEND_THRESHOLD = 0.15
_COMMON_SHARE = 0.5  # a word in more than half the passages does not suggest pairs
_MIN_STRONG_WORDS = 2


SIDE_NAME_CHARS = 28  # a side's name in the legend of a comparison


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's canonical text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Pair:
    """A passage of a and one of b that say the same; in_order when the pair keeps both
    articles' order (the pairs to scroll the two sides together by)."""

    a: Span
    b: Span
    score: float
    in_order: bool = True

    def to_json(self) -> dict:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "score": self.score}


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """A quotation and the sides that carry it ("a", "b" or both), with where it sits."""

    text: str
    sides: tuple[str, ...]
    a: tuple[Span, ...] = ()
    b: tuple[Span, ...] = ()

    def to_json(self) -> dict:
        return {"text": self.text, "in": list(self.sides)}


@dataclass(slots=True)
class Comparison:
    """The result of `compare`: aligned pairs (in a's order), each side's own passages, quotes."""

    a: Article
    b: Article
    pairs: list[Pair]
    only_a: list[Span]
    only_b: list[Span]
    quotes: list[QuoteMatch]
    compared_a: int = -1  # characters of a's canonical text compared (-1: all of it)
    compared_b: int = -1

    def compared(self, side: str) -> int:
        """How many characters of side "a" or "b" were compared."""
        article, compared = (self.a, self.compared_a) if side == "a" else (self.b, self.compared_b)
        return len(article.text) if compared < 0 else compared

    def side_names(self, width: int = SIDE_NAME_CHARS) -> tuple[str, str]:
        """What tells the two sides apart, each in at most `width` characters: their
        sources; their titles, shortened, when the sources are the same; else "left"
        and "right"."""
        for name in (lambda article: article.source, lambda article: article.title):
            a, b = (" ".join(name(article).split()) for article in (self.a, self.b))
            a, b = shortened(a, width), shortened(b, width)
            if a and b and a.casefold() != b.casefold():
                return a, b
        return "left", "right"

    def notice(self, labels: tuple[str, str] = ("A", "B")) -> str | None:
        """One line saying which side was too long to compare whole (None when neither)."""
        cut = [
            (label, self.compared(side), len(article.text))
            for label, side, article in zip(labels, "ab", (self.a, self.b), strict=True)
            if self.compared(side) < len(article.text)
        ]
        if not cut:
            return None
        parts = [
            f"the first {done:,} of {label}'s {total:,} characters" for label, done, total in cut
        ]
        return f"Too long to compare whole: compared {' and '.join(parts)}."

    def to_json(self) -> dict:
        def side(article: Article) -> dict:
            return {"id": article.id, "title": article.title, "source": article.source}

        return {
            "a": side(self.a),
            "b": side(self.b),
            "pairs": [p.to_json() for p in self.pairs],
            "only_a": [s.to_json() for s in self.only_a],
            "only_b": [s.to_json() for s in self.only_b],
            "quotes": [q.to_json() for q in self.quotes],
            "compared_chars": {"a": self.compared("a"), "b": self.compared("b")},
            "total_chars": {"a": len(self.a.text), "b": len(self.b.text)},
            "notice": self.notice(),
        }


def _passages(article: Article, limit: int) -> list[tuple[Span, bool]]:
    """The sentences of the article's body blocks (a heading whole), in order, within the
    first `limit` characters, with whether they may be aligned (headings are not: they only title)."""
    out = []
    for block, text in body_in_window(article, limit):
        if block.kind == "heading":
            if text.strip():
                out.append((Span(block.start, block.start + len(text), text), False))
            continue
        out.extend((Span(s, e, article.text[s:e]), True) for s, e in sentences(text, block.start))
    return out


def compare(
    a: Article, b: Article, threshold: float = PAIR_THRESHOLD, limit: int = LIMIT
) -> Comparison:
    """Align the passages of two articles and sort out their quotations.

    Each article is compared over its first `limit` characters (`Comparison.notice` says
    when that left some out): the work grows faster than the text."""
    pa, pb = _passages(a, limit), _passages(b, limit)
    wa = [set(content_words(p.text)) if ok else set() for p, ok in pa]
    wb = [set(content_words(p.text)) if ok else set() for p, ok in pb]
    df = Counter(w for words in (*wa, *wb) for w in words)
    total = len(pa) + len(pb)
    weight = {w: math.log((total + 1) / (n + 1)) + 1 for w, n in df.items()}
    scores = _similarities(wa, wb, weight, max(2, int(total * _COMMON_SHARE)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    groups: list[list] = []  # [first a, last a, first b, last b, score]
    for score, i, j in sorted(((s, i, j) for (i, j), s in scores.items()), reverse=True):
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        groups.append([i, i, j, j, score])
    _extend(groups, _joinable(a, pa), _joinable(b, pb), wa, wb, weight, (used_a, used_b))
    groups.sort()
    keep = _in_order([(g[0], g[2], g[4]) for g in groups])
    pairs = [
        Pair(
            _joined(a, pa[i0][0], pa[i1][0]),
            _joined(b, pb[j0][0], pb[j1][0]),
            round(score, 3),
            (i0, j0) in keep,
        )
        for i0, i1, j0, j1, score in groups
    ]
    return Comparison(
        a,
        b,
        pairs,
        [p for i, (p, _) in enumerate(pa) if i not in used_a],
        [p for j, (p, _) in enumerate(pb) if j not in used_b],
        _quotes(a, b, limit),
        window_end(a, limit),
        window_end(b, limit),
    )


def _joined(article: Article, first: Span, last: Span) -> Span:
    return Span(first.start, last.end, article.text[first.start : last.end])


def _extend(
    groups: list[list],
    ja: list[bool],
    jb: list[bool],
    wa: list[set[str]],
    wb: list[set[str]],
    weight: dict[str, float],
    used: tuple[set[int], set[int]],
) -> None:
    """Grow pairs by a neighbouring unpaired passage that relates to the other side (or
    raises the pair's similarity): a fact one side tells in one sentence the other may
    spread over two. Only passages next to each other in the text are joined."""

    def words(ws: list[set[str]], lo: int, hi: int) -> set[str]:
        return set().union(*ws[lo : hi + 1])

    sides = ((ja, wa, used[0]), (jb, wb, used[1]))
    grown = True
    while grown:
        grown = False
        for g in groups:
            for side in (0, 1):
                joinable, ws, taken = sides[side]
                lo, hi = g[2 * side], g[2 * side + 1]
                other = sides[1 - side][1]
                partner = words(other, g[2 - 2 * side], g[3 - 2 * side])
                if hi - lo + 1 >= _MAX_SPAN:
                    continue
                for k in (lo - 1, hi + 1):
                    if not 0 <= k < len(ws) or k in taken or not ws[k]:
                        continue
                    if not joinable[min(k, lo)]:
                        continue
                    mine = words(ws, min(lo, k), max(hi, k))
                    new = _cosine(mine, partner, weight)
                    if new > g[4] or _cosine(ws[k], partner, weight) >= _EXTEND_THRESHOLD:
                        g[2 * side], g[2 * side + 1] = min(lo, k), max(hi, k)
                        g[4] = max(new, 0.0)
                        taken.add(k)
                        grown = True
                        break


def _joinable(article: Article, spans: list[tuple[Span, bool]]) -> list[bool]:
    """For each passage, whether only white space parts it from the next one."""
    return [
        not article.text[spans[k][0].end : spans[k + 1][0].start].strip()
        for k in range(len(spans) - 1)
    ] + [False]


def _cosine(x: set[str], y: set[str], weight: dict[str, float]) -> float:
    dot = sum(weight[w] ** 2 for w in x & y)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(weight[w] ** 2 for w in x) * sum(weight[w] ** 2 for w in y))


def _similarities(
    wa: list[set[str]], wb: list[set[str]], weight: dict[str, float], common: int
) -> dict[tuple[int, int], float]:
    """Cosine of idf-weighted word sets, for the passage pairs that share at least two
    words that are not common (in at most `common` passages of the two articles)."""
    df = Counter(w for ws in (*wa, *wb) for w in ws)
    index: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(wb):
        for w in words:
            if df[w] <= common:
                index[w].append(j)
    scores: dict[tuple[int, int], float] = {}
    for i, words in enumerate(wa):
        strong: Counter[int] = Counter()
        for w in words:
            strong.update(index.get(w, ()))
        for j, n in strong.items():
            if n >= _MIN_STRONG_WORDS:
                scores[(i, j)] = _cosine(words, wb[j], weight)
    return scores


def _in_order(chosen: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
    """The heaviest chain of pairs increasing on both sides (chosen is sorted by a):
    a heaviest increasing subsequence, with a Fenwick tree of prefix maxima over b."""
    if not chosen:
        return set()
    size = max(j for _, j, _ in chosen) + 2
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    best: list[float] = []
    back: list[int] = []
    for k, (_, j, score) in enumerate(chosen):
        top, prev = 0.0, -1
        pos = j  # prefix maximum over b indexes < j (tree positions 1..j)
        while pos > 0:
            if tree[pos][0] > top:
                top, prev = tree[pos]
            pos -= pos & -pos
        best.append(top + score)
        back.append(prev)
        pos = j + 1
        while pos <= size:
            if best[k] > tree[pos][0]:
                tree[pos] = (best[k], k)
            pos += pos & -pos
    k = max(range(len(chosen)), key=best.__getitem__)
    keep = set()
    while k >= 0:
        keep.add(chosen[k][:2])
        k = back[k]
    return keep


# -- quotations -----------------------------------------------------------------------


def _quotes(a: Article, b: Article, limit: int) -> list[QuoteMatch]:
    """Each side's quotations, merged when fuzzy-equal; a quote whose words the other side
    carries unquoted counts as carried by both."""
    qa, qb = _article_quotes(a, limit), _article_quotes(b, limit)
    words_a, words_b = _word_stream(a, limit), _word_stream(b, limit)
    keys_b = [quote_key(q.text) for q in qb]
    out: list[QuoteMatch] = []
    matched_b: set[int] = set()
    for qa_span in qa:
        key = quote_key(qa_span.text)
        twins = [k for k, kb in enumerate(keys_b) if keys_match(key, kb)]
        matched_b.update(twins)
        b_spans = tuple(qb[k] for k in twins) or _find(qa_span.text, words_b, b)
        sides = ("a", "b") if b_spans else ("a",)
        out.append(QuoteMatch(qa_span.text, sides, (qa_span,), b_spans))
    for k, q in enumerate(qb):
        if k in matched_b:
            continue
        a_spans = _find(q.text, words_a, a)
        out.append(QuoteMatch(q.text, ("a", "b") if a_spans else ("b",), a_spans, (q,)))
    return _merge_duplicates(out)


def _article_quotes(article: Article, limit: int) -> list[Span]:
    found = []
    for block, text in body_in_window(article, limit):
        for q in quotations(text, block.start):
            found.append(Span(q.start, q.end, q.text))
    return found


def _word_stream(article: Article, limit: int) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of every word of the body, in order."""
    out: list[tuple[str, int, int]] = []
    for block, text in body_in_window(article, limit):
        out.extend(
            (fold(m.group()), block.start + m.start(), block.start + m.end())
            for m in WORD.finditer(text)
        )
    return out


def _find(quote: str, stream: list[tuple[str, int, int]], article: Article) -> tuple[Span, ...]:
    """Where an article has the quotation's words in a row (quoted or not)."""
    words = [fold(m.group()) for m in WORD.finditer(quote)]
    if len(words) < 4:
        return ()
    n = len(words)
    for i in range(len(stream) - n + 1):
        if stream[i][0] == words[0] and [w for w, _, _ in stream[i : i + n]] == words:
            start, end = stream[i][1], stream[i + n - 1][2]
            return (Span(start, end, article.text[start:end]),)
    return ()


def _merge_duplicates(quotes: list[QuoteMatch]) -> list[QuoteMatch]:
    """One entry per quotation text: the same words quoted twice on a side are one quote."""
    seen: dict[str, int] = {}
    out: list[QuoteMatch] = []
    for q in quotes:
        key = fold(q.text)
        if key in seen:
            old = out[seen[key]]
            sides = tuple(s for s in ("a", "b") if s in old.sides or s in q.sides)
            out[seen[key]] = QuoteMatch(old.text, sides, old.a + q.a, old.b + q.b)
        else:
            seen[key] = len(out)
            out.append(q)
    return out
