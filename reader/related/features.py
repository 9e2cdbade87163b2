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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate

import regex

from reader.model import Article
from reader.related.minhash import signature
from reader.related.text import (
    FOLDED,
    NAME_JOINERS,
    ROLE_WORDS,
    STOP_WORDS,
    WEEKDAYS_MONTHS,
    WORD,
    WordCache,
    content_words,
    fold,
    sentence_starts,
)
from reader.related.window import body_in_window

MAX_TERMS = 400
MIN_QUOTE_WORDS = 4
QUOTE_WINDOW = 4
MIN_QUOTE_CHARS = 16
_QUOTES = (re.compile(r"“([^“”]+)”"), re.compile(r'"([^"\n]+)"'))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_QUOTE_OPENS = re.compile(r"[“\"‘(:]\s*(?=[^\W\d_])")


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
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def quote_keys(self) -> list[str]:
        """The quotations as folded words (see `quote_key`), computed once."""
        if "keys" not in self._cache:
            self._cache["keys"] = [quote_key(q) for q in self.quotes]
        return self._cache["keys"]

    def quote_windows(self) -> dict[str, set[int]]:
        """Every run of QUOTE_WINDOW words of the quotations -> the quotations holding it."""
        if "windows" not in self._cache:
            windows: dict[str, set[int]] = {}
            for i, key in enumerate(self.quote_keys()):
                for window in quote_windows(key):
                    windows.setdefault(window, set()).add(i)
            self._cache["windows"] = windows
            self._cache["window_set"] = frozenset(windows)
        return self._cache["windows"]

    def quote_window_set(self) -> frozenset[str]:
        if "window_set" not in self._cache:
            self.quote_windows()
        return self._cache["window_set"]

    @property
    def day(self) -> int | None:
        """The date as a day number, or None when unknown (computed once)."""
        if "day" not in self._cache:
            self._cache["day"] = _day_number(self.date)
        return self._cache["day"]

    def to_blobs(self) -> tuple[bytes, bytes]:
        """The stored forms: the full features, and the light ones, what a first check of a
        pair needs (names, quotations, MinHash: a few KB). The parts both hold are encoded
        once (a JSON list is its items' JSON, ", " between them)."""
        terms, entities, names, quotes, minhash = map(
            _json, (self.terms, self.entities, self.names, self.quotes, self.minhash)
        )
        full = f"[{terms}, {entities}, {names}, {quotes}, {minhash}]"
        light = f"[{entities}, {quotes}, {minhash}]"
        return zlib.compress(full.encode(), 1), zlib.compress(light.encode(), 1)

    @classmethod
    def from_light_blob(cls, row: tuple[str, str, str, str, str | None], blob: bytes) -> Features:
        """Features without their words (terms and names as written left empty)."""
        id_, sha256, title, source, date = row
        entities, quotes, minhash = json.loads(zlib.decompress(blob))
        return cls(id_, sha256, title, source, date, {}, entities, {}, quotes, minhash)

    @classmethod
    def from_blob(cls, row: tuple[str, str, str, str, str | None], blob: bytes) -> Features:
        """From a stored (id, sha256, title, source, date) row and its blob."""
        id_, sha256, title, source, date = row
        terms, entities, names, quotes, minhash = json.loads(zlib.decompress(blob))
        return cls(id_, sha256, title, source, date, terms, entities, names, quotes, minhash)


_json = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(x, ensure_ascii=False)


def extract(article: Article) -> Features:
    """The features of an article, from its body blocks only (within the first
    `window.LIMIT` characters: a story is told at the top, and a 19 MB one took 9 s).

    Each pass reads the blocks joined by newlines, which no word, name or sentence
    crosses: one pass for the words, one for the names and sentence starts of the prose
    (the blocks that are neither headings nor lines in Title Case)."""
    blocks = body_in_window(article)
    stems = content_words("\n".join(text for _, text in blocks))
    prose = [
        text
        for block, text in blocks
        if block.kind != "heading" and not (len(text) <= 160 and _title_case(text))
    ]
    names: list[str] = []
    if prose:
        joined = "\n".join(prose)
        runs = _capital_runs(joined)
        starts = _sentence_starts(joined, _block_starts(prose))
        names = _names(runs, starts, _mid_caps(runs, starts))
    keys = list(map(FOLDED.__getitem__, names))
    entities = Counter(keys)
    surface: dict[str, dict[str, int]] = {}  # folded name -> how often each way it is written
    for (key, name), count in Counter(zip(keys, names, strict=True)).items():
        surface.setdefault(key, {})[name] = count
    quotes = [q.text for text in prose if '"' in text or "“" in text for q in quotations(text)]
    _merge_surnames(entities, surface)
    return Features(
        id=article.id,
        sha256=article.sha256,
        title=article.title,
        source=article.source,
        date=feature_date(article.date),
        terms=_top_terms(Counter(stems)),
        entities=dict(entities),
        names={k: _most_common(c) for k, c in surface.items()},
        quotes=list(dict.fromkeys(quotes)),
        minhash=signature(stems),
    )


def _most_common(counts: Mapping[str, int]) -> str:
    """`counts.most_common(1)[0][0]` (the first of equals), without its heap."""
    return max(counts, key=counts.__getitem__)


def _block_starts(texts: list[str]) -> list[int]:
    """Where each text begins once they are joined by newlines."""
    return list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))


def _top_terms(terms: Counter[str]) -> dict[str, int]:
    """The MAX_TERMS most frequent terms, ties in alphabetical order."""
    ranked = sorted(terms)  # strings alone sort quicker than (term, count) pairs
    ranked.sort(key=terms.__getitem__, reverse=True)  # stable: ties stay alphabetical
    return {term: terms[term] for term in ranked[:MAX_TERMS]}


def _day_number(date: str | None) -> int | None:
    if not date or not _ISO_DATE.match(date):
        return None
    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None


def feature_date(date: str | None) -> str | None:
    """The day of an article's date as features keep it (None unless it is ISO)."""
    return date[:10] if date and _ISO_DATE.match(date) else None


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
    return " ".join(map(FOLDED.__getitem__, WORD.findall(text)))


def quote_windows(key: str, limit: int = 60) -> list[str]:
    """The first `limit` runs of QUOTE_WINDOW words of a quote key (the whole key if shorter)."""
    words = key.split()
    count = max(1, len(words) - QUOTE_WINDOW + 1)
    return [" ".join(words[i : i + QUOTE_WINDOW]) for i in range(min(limit, count))]


# -- names -------------------------------------------------------------------


Token = tuple[str, int]  # a word and its offset in the text
Run = tuple[str, int]  # capitalised words in a row (single spaces apart) and their offset

_CAPITAL = r"\p{Lu}(?:[\w'’-]*\w)?"
_JOINER = "|".join(sorted(NAME_JOINERS))
# Capitalised words in a row, single spaces apart, with up to two joiners between them.
_RUN = regex.compile(rf"(?<![\w'’-]){_CAPITAL}(?: (?:(?:{_JOINER}) ){{0,2}}{_CAPITAL})*")


def _capital_runs(text: str) -> list[Run]:
    """The runs of capitalised words in text, joiners included, with their offsets."""
    return [(run.group(), run.start()) for run in _RUN.finditer(text)]


def _tokens(run: Run) -> list[Token]:
    """A run's words with their offsets."""
    words, at = run
    tokens = []
    for word in words.split(" "):
        tokens.append((word, at))
        at += len(word) + 1
    return tokens


def _mid_caps(runs: list[Run], starts: set[int]) -> set[str]:
    """The capitalised words (folded, without 's) the text writes other than at the
    start of a sentence."""
    mid = {_MID_CAP[word] for word, at in runs if at not in starts and " " not in word}
    for run in runs:
        if " " in run[0]:
            mid.update(_MID_CAP[word] for word, at in _tokens(run) if at not in starts)
    return mid


def _mid_cap(word: str) -> str:
    folded = fold(word)
    return folded[:-2] if folded.endswith("'s") else folded


_MID_CAP = WordCache(_mid_cap)


def _title_case(text: str) -> bool:
    """A line in Title Case (a heading that lost its markup): its capitals are not names."""
    if len(text) > 160:
        return False
    long = [w for w in WORD.findall(text) if len(w) > 3]
    if len(long) < 3:
        return False
    return sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _sentence_starts(text: str, blocks: Iterable[int] = (0,)) -> set[int]:
    """Offsets of the first word of each sentence (after any opening quote or bracket);
    blocks: where the text's blocks begin (a block begins a sentence)."""
    starts = sentence_starts(text, blocks)
    # A quotation opens a new sentence too: "What we see ..." after a colon or a quote mark.
    starts.update(match.end() for match in _QUOTE_OPENS.finditer(text))
    return starts


def names_in(text: str, mid_caps: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Proper names in running text: runs of capitalised words ("Farah Dakhlallah", "NATO").

    A run is split at role words ("NATO chief Mark Rutte" -> NATO, Mark Rutte) and ends at
    a possessive; a capitalised sentence opener is dropped unless the text also capitalises
    it mid-sentence (mid_caps). Weekdays and months are not names.
    """
    return _names(_capital_runs(text), _sentence_starts(text), mid_caps)


def _names(runs: list[Run], starts: set[int], mid_caps: set[str] | frozenset[str]) -> list[str]:
    names: list[str] = []
    for run in runs:
        word, at = run
        if " " not in word:  # most runs are one word: what it gives is known once seen
            one = _ONE_WORD[word]
            if one is not None and not (one[1] and at in starts and one[2] not in mid_caps):
                names.append(one[0])
            continue
        tokens = _tokens(run)
        pieces: list[list[tuple[str, bool]]] = []
        piece: list[tuple[str, bool]] = []
        caps = [w.isupper() and len(w) > 1 for w, _ in tokens]
        for i, (word, start) in enumerate(tokens):
            shouting = caps[i] and ((i > 0 and caps[i - 1]) or (i + 1 < len(caps) and caps[i + 1]))
            if word[0].islower():  # a joiner: "Bank of England", not "Mark Rutte of NATO"
                if len(piece) == 1 or (piece and piece[-1][0][0].islower()):
                    piece.append((word, False))
                else:
                    _close(pieces, piece)
                    piece = []
                continue
            if shouting or (word.isupper() and not _acronym(word)):  # "READ MORE", "A"
                _close(pieces, piece)
                piece = []
                continue
            possessive = word.endswith(("'s", "’s"))
            piece.append((word[:-2] if possessive else word, start in starts))
            if possessive:
                _close(pieces, piece)
                piece = []
        _close(pieces, piece)
        for piece in pieces:
            names.extend(_split_run(piece, mid_caps))
    return names


def _one_word_name(word: str) -> tuple[str, bool, str] | None:
    """What a run of one word gives as a name (`_split_run` of it, made short): None when
    it is shouted, a role, a date, a joiner, a stop word or too short; else the name,
    whether it is dropped at a sentence start (unless written mid-sentence too), its key."""
    if word.isupper() and not _acronym(word):
        return None
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    key = FOLDED[word]
    if key in ROLE_WORDS or key in WEEKDAYS_MONTHS or key in NAME_JOINERS:
        return None
    if _acronym(word):
        return word, False, key
    if len(word) < 3 or key in STOP_WORDS:
        return None
    return word, True, key


_ONE_WORD = WordCache(_one_word_name)


def _acronym(word: str) -> bool:
    core = word[:-2] if word.endswith(("'s", "’s")) else word
    return 2 <= len(core) <= 6 and core.isupper() and core.isalpha()


def _close(runs: list, run: list) -> None:
    if run:
        runs.append(list(run))


def _split_run(tokens: list[tuple[str, bool]], mid_caps: set[str] | frozenset[str]) -> list[str]:
    """A run of capitalised words as names: split at roles, openers and dates dropped."""
    pieces: list[list[str]] = [[]]
    for i, (word, at_start) in enumerate(tokens):
        key = FOLDED[word]
        if key in ROLE_WORDS or key in WEEKDAYS_MONTHS:
            pieces.append([])
            continue
        # A capitalised sentence opener ("Officials", "Asked") is no name, unless the text
        # capitalises it elsewhere too or a name goes on after it ("Amara Okafor opened").
        opener = (
            at_start
            and i == 0
            and not _acronym(word)
            and key not in mid_caps
            and not (i + 1 < len(tokens) and _name_goes_on(tokens[i + 1][0]))
        )
        if (opener or (key in STOP_WORDS and not _acronym(word))) and not pieces[-1]:
            continue
        pieces[-1].append(word)
    names = []
    for piece in pieces:
        while piece and FOLDED[piece[-1]] in NAME_JOINERS:
            piece.pop()
        if not piece:
            continue
        lone = piece[0] if len(piece) == 1 else None
        if lone and not _acronym(lone) and (len(lone) < 3 or FOLDED[lone] in STOP_WORDS):
            continue
        names.append(" ".join(piece))
    return names


def _name_goes_on(word: str) -> bool:
    """Whether word continues a name (runs hold joiners only before a capitalised word)."""
    key = FOLDED[word]
    if word in NAME_JOINERS:
        return True
    return word[0].isupper() and key not in ROLE_WORDS and key not in WEEKDAYS_MONTHS


def _merge_surnames(entities: Counter[str], surface: dict[str, dict[str, int]]) -> None:
    """Count "Rutte" as "Mark Rutte" when the article also writes the full name."""
    full: dict[str, str] = {}
    for key in entities:
        parts = key.split()
        if len(parts) >= 2 and not _most_common(surface[key]).isupper():
            full.setdefault(parts[-1], key)
    for short, key in full.items():
        if short in entities and short != key:
            entities[key] += entities.pop(short)
            surface.pop(short, None)
