"""What an article says, reduced for story matching: names, quotations, content words, date.

Everything comes from the clean body (boilerplate blocks are left out), so a "READ MORE"
list of other headlines never makes two articles look alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

from reader.model import Article
from reader.related.minhash import signature
from reader.related.text import (
    NAME_JOINERS,
    ROLE_WORDS,
    STOP_WORDS,
    WEEKDAYS_MONTHS,
    WORD,
    content_words,
    fold,
    sentences,
)

MAX_TERMS = 400
MIN_QUOTE_WORDS = 4
MIN_QUOTE_CHARS = 16
_QUOTES = (re.compile(r"“([^“”]+)”"), re.compile(r'"([^"\n]+)"'))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its text and where it sits in the article's canonical text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Features:
    """The story-matching features of one article."""

    id: str
    sha256: str
    title: str
    source: str
    date: str | None
    terms: dict[str, int]  # content-word stem -> count
    entities: dict[str, int]  # folded name -> count
    names: dict[str, str]  # folded name -> how the article writes it
    quotes: list[str]
    minhash: list[int] = field(default_factory=list)

    @property
    def day(self) -> int | None:
        """The date as a day number, or None when unknown."""
        if not self.date or not _ISO_DATE.match(self.date):
            return None
        try:
            return dt.date.fromisoformat(self.date[:10]).toordinal()
        except ValueError:
            return None

    def to_blob(self) -> bytes:
        data = [self.terms, self.entities, self.names, self.quotes, self.minhash]
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6)

    @classmethod
    def from_blob(cls, row: tuple, blob: bytes) -> Features:
        """From a stored (id, sha256, title, source, date) row and its blob."""
        terms, entities, names, quotes, minhash = json.loads(zlib.decompress(blob))
        return cls(*row, terms, entities, names, quotes, minhash)


def extract(article: Article) -> Features:
    """The features of an article, from its body blocks only."""
    entities: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    terms: Counter[str] = Counter()
    quotes: list[str] = []
    stems: list[str] = []
    body = article.body_blocks
    mid_caps = _mid_sentence_capitals(article, body)
    for block in body:
        text = article.block_text(block)
        words = content_words(text)
        terms.update(words)
        stems.extend(words)
        if block.kind == "heading" or _title_case(text):
            continue
        for name in names_in(text, mid_caps):
            key = fold(name)
            entities[key] += 1
            surface.setdefault(key, Counter())[name] += 1
        quotes.extend(q.text for q in quotations(text))
    _merge_surnames(entities, surface)
    top = dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    date = article.date[:10] if article.date and _ISO_DATE.match(article.date) else None
    return Features(
        id=article.id,
        sha256=article.sha256,
        title=article.title,
        source=article.source,
        date=date,
        terms=top,
        entities=dict(entities),
        names={k: c.most_common(1)[0][0] for k, c in surface.items()},
        quotes=list(dict.fromkeys(quotes)),
        minhash=signature(stems),
    )


def quotations(text: str, offset: int = 0) -> list[Quote]:
    """Quoted passages ("…" or “…”) of at least a few words, with offsets shifted by offset."""
    found: list[Quote] = []
    for pattern in _QUOTES:
        for match in pattern.finditer(text):
            inner = match.group(1).strip(" ,.;:")
            if len(inner) < MIN_QUOTE_CHARS or len(WORD.findall(inner)) < MIN_QUOTE_WORDS:
                continue
            start = match.start(1) + match.group(1).find(inner)
            found.append(Quote(inner, offset + start, offset + start + len(inner)))
    found.sort(key=lambda q: q.start)
    return found


def quote_key(text: str) -> str:
    """A quotation reduced to its folded words, for exact matching."""
    return " ".join(fold(w) for w in WORD.findall(text))


# -- names -------------------------------------------------------------------


def _title_case(text: str) -> bool:
    """A line in Title Case (a heading that lost its markup): its capitals are not names."""
    words = [w for w in WORD.findall(text) if len(w) > 3]
    if len(words) < 3 or len(text) > 160:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _sentence_starts(text: str) -> set[int]:
    """Offsets of the first word of each sentence (after any opening quote or bracket)."""
    starts = set()
    for start, _ in sentences(text):
        match = WORD.search(text, start)
        if match:
            starts.add(match.start())
    # A quotation opens a new sentence too: "What we see ..." after a colon or a quote mark.
    for match in re.finditer(r"[“\"‘(:]\s*(?=[^\W\d_])", text):
        starts.add(match.end())
    return starts


def _mid_sentence_capitals(article: Article, blocks) -> set[str]:
    """Folded capitalised words seen away from a sentence start: names, not sentence openers."""
    seen: set[str] = set()
    for block in blocks:
        text = article.block_text(block)
        if block.kind == "heading" or _title_case(text):
            continue
        starts = _sentence_starts(text)
        for match in WORD.finditer(text):
            word = match.group()
            if word[0].isupper() and match.start() not in starts:
                seen.add(_bare(fold(word)))
    return seen


def _bare(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def names_in(text: str, mid_caps: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Proper names in running text: runs of capitalised words ("Farah Dakhlallah", "NATO").

    A run is split at role words ("NATO chief Mark Rutte" -> NATO, Mark Rutte) and ends at
    a possessive; a capitalised sentence opener is dropped unless the text also capitalises
    it mid-sentence (mid_caps). Weekdays and months are not names.
    """
    starts = _sentence_starts(text)
    runs: list[list[tuple[str, bool]]] = []
    run: list[tuple[str, bool]] = []
    pending: list[str] = []  # lower-case joiners waiting for a capitalised word
    last_end = -1
    for match in WORD.finditer(text):
        word = match.group()
        gap = text[last_end : match.start()] if last_end >= 0 else ""
        last_end = match.end()
        contiguous = gap == " "
        if not ((word[0].isupper() and any(c.islower() for c in word[1:])) or _acronym(word)):
            if run and contiguous and word in NAME_JOINERS and not pending:
                pending.append(word)
                continue
            _close(runs, run)
            run, pending = [], []
            continue
        if run and not contiguous:
            _close(runs, run)
            run, pending = [], []
        elif pending:
            run.extend((p, False) for p in pending)
            pending = []
        possessive = word.endswith(("'s", "’s"))
        bare = word[:-2] if possessive else word
        run.append((bare, match.start() in starts))
        if possessive:
            _close(runs, run)
            run = []
    _close(runs, run)
    names = []
    for tokens in runs:
        names.extend(_split_run(tokens, mid_caps))
    return names


def _acronym(word: str) -> bool:
    core = word[:-2] if word.endswith(("'s", "’s")) else word
    return 2 <= len(core) <= 6 and core.isupper() and core.isalpha()


def _close(runs: list, run: list) -> None:
    if run:
        runs.append(list(run))


def _split_run(tokens: list[tuple[str, bool]], mid_caps) -> list[str]:
    """A run of capitalised words as names: split at roles, openers and dates dropped."""
    pieces: list[list[str]] = [[]]
    for i, (word, at_start) in enumerate(tokens):
        key = fold(word)
        if key in ROLE_WORDS or key in WEEKDAYS_MONTHS:
            pieces.append([])
            continue
        opener = at_start and i == 0 and not _acronym(word) and key not in mid_caps
        if (opener or key in STOP_WORDS) and not pieces[-1]:
            continue
        pieces[-1].append(word)
    names = []
    for piece in pieces:
        while piece and fold(piece[-1]) in NAME_JOINERS:
            piece.pop()
        if not piece:
            continue
        lone = piece[0] if len(piece) == 1 else None
        if lone and not _acronym(lone) and (len(lone) < 3 or fold(lone) in STOP_WORDS):
            continue
        names.append(" ".join(piece))
    return names


def _merge_surnames(entities: Counter[str], surface: dict[str, Counter[str]]) -> None:
    """Count "Rutte" as "Mark Rutte" when the article also writes the full name."""
    full: dict[str, str] = {}
    for key in entities:
        parts = key.split()
        if len(parts) >= 2 and not surface[key].most_common(1)[0][0].isupper():
            full.setdefault(parts[-1], key)
    for short, key in full.items():
        if short in entities and short != key:
            entities[key] += entities.pop(short)
            surface.pop(short, None)
