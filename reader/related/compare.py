"""Two articles side by side: which passages they share, which each tells alone, who quotes what.

Passages are the sentences of each clean body (a heading is one passage). Two passages
match by the idf-weighted overlap of their content words (idf over the passages of both
articles, so a rare name weighs more than "security"); pairs are taken best first, one
to one, above a threshold. Offsets index each article's canonical text, for highlighting.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from reader.model import Article
from reader.related.features import quotations
from reader.related.score import quotes_match
from reader.related.text import WORD, content_words, fold, sentences

PAIR_THRESHOLD = 0.3
_COMMON_SHARE = 0.5  # a word in more than half the passages does not suggest pairs
_MIN_STRONG_WORDS = 2


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
        }


def passages(article: Article) -> list[Span]:
    """The sentences of the article's body blocks (a heading whole), in order."""
    out = []
    for block in article.body_blocks:
        text = article.block_text(block)
        if block.kind == "heading":
            spans = [(block.start, block.end)] if text.strip() else []
        else:
            spans = list(sentences(text, block.start))
        out.extend(Span(s, e, article.text[s:e]) for s, e in spans)
    return out


def compare(a: Article, b: Article, threshold: float = PAIR_THRESHOLD) -> Comparison:
    """Align the passages of two articles and sort out their quotations."""
    pa, pb = passages(a), passages(b)
    wa = [set(content_words(p.text)) for p in pa]
    wb = [set(content_words(p.text)) for p in pb]
    df = Counter(w for words in (*wa, *wb) for w in words)
    total = len(pa) + len(pb)
    weight = {w: math.log((total + 1) / (n + 1)) + 1 for w, n in df.items()}
    scores = _similarities(wa, wb, weight, max(2, int(total * _COMMON_SHARE)))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[tuple[int, int, float]] = []
    for score, i, j in sorted(((s, i, j) for (i, j), s in scores.items()), reverse=True):
        if score < threshold:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((i, j, score))
    chosen.sort()
    keep = _in_order(chosen)
    pairs = [Pair(pa[i], pb[j], round(score, 3), (i, j) in keep) for i, j, score in chosen]
    return Comparison(
        a,
        b,
        pairs,
        [p for i, p in enumerate(pa) if i not in used_a],
        [p for j, p in enumerate(pb) if j not in used_b],
        _quotes(a, b),
    )


def _similarities(
    wa: list[set[str]], wb: list[set[str]], weight: dict[str, float], common: int
) -> dict[tuple[int, int], float]:
    """Cosine of idf-weighted word sets, for passage pairs sharing a word that is not common."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, words in enumerate(wb):
        for w in words:
            index[w].append(j)
    norm_a = [math.sqrt(sum(weight[w] ** 2 for w in ws)) for ws in wa]
    norm_b = [math.sqrt(sum(weight[w] ** 2 for w in ws)) for ws in wb]
    scores: dict[tuple[int, int], float] = {}
    for i, words in enumerate(wa):
        dots: Counter[int] = Counter()
        strong: Counter[int] = Counter()
        for w in words:
            hits = index.get(w, ())
            if not hits:
                continue
            rare = len(hits) + sum(1 for ws in wa if w in ws) <= common
            for j in hits:
                dots[j] += weight[w] ** 2
                strong[j] += rare
        for j, dot in dots.items():
            if strong[j] >= _MIN_STRONG_WORDS and norm_a[i] and norm_b[j]:
                scores[(i, j)] = dot / (norm_a[i] * norm_b[j])
    return scores


def _in_order(chosen: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
    """The heaviest chain of pairs increasing on both sides (chosen is sorted by a)."""
    if not chosen:
        return set()
    best = [c[2] for c in chosen]
    back = [-1] * len(chosen)
    for k, (_, j, score) in enumerate(chosen):
        for m in range(k):
            if chosen[m][1] < j and best[m] + score > best[k]:
                best[k], back[k] = best[m] + score, m
    k = max(range(len(chosen)), key=best.__getitem__)
    keep = set()
    while k >= 0:
        keep.add(chosen[k][:2])
        k = back[k]
    return keep


# -- quotations -----------------------------------------------------------------------


def _quotes(a: Article, b: Article) -> list[QuoteMatch]:
    """Each side's quotations, merged when fuzzy-equal; a quote whose words the other side
    carries unquoted counts as carried by both."""
    qa, qb = _article_quotes(a), _article_quotes(b)
    words_a, words_b = _word_stream(a), _word_stream(b)
    out: list[QuoteMatch] = []
    matched_b: set[int] = set()
    for qa_span in qa:
        twins = [k for k, q in enumerate(qb) if quotes_match(qa_span.text, q.text)]
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


def _article_quotes(article: Article) -> list[Span]:
    found = []
    for block in article.body_blocks:
        for q in quotations(article.block_text(block), block.start):
            found.append(Span(q.start, q.end, q.text))
    return found


def _word_stream(article: Article) -> list[tuple[str, int, int]]:
    """(folded word, start, end) of every word of the body, in order."""
    out = []
    for block in article.body_blocks:
        text = article.block_text(block)
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
