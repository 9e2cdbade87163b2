"""Words, stems and sentences of clean text, shared by the story features and the compare view."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TypeVar

# Function words and news filler: never content words, never the start of a name.
STOP_WORDS = frozenset(
    """
a about above across after afterwards again against ago all almost alone along already also
although always am among an and another any anyone anything anywhere are around as at away back
be became because become becomes been before beforehand behind being below beside besides
between beyond both but by can cannot could did do does doing done down during each either else
elsewhere enough even ever every everyone everything everywhere except few first for former
formerly from further get gets got had has have having he her here hers herself him himself his
how however i if in indeed into is it its itself just last least less like made make many may me
meanwhile might more moreover most mostly much must my myself neither never nevertheless next no
nobody none nor not nothing now nowhere of off often on once one only onto or other others
otherwise our ours ourselves out over own per perhaps put rather re same say said says saying
see seem seemed seems several she should since so some somehow someone something sometime
sometimes somewhere still such than that the their theirs them themselves then thence there
thereafter thereby therefore these they this those though through throughout thru thus to
together too toward towards under until up upon us very via was we well were what whatever when
whence whenever where whereas whether which while who whoever whole whom whose why will with
within without would yet you your yours yourself yourselves told tells according added adds
including new year years week weeks day days time mr mrs ms dr also amid despite
""".split()  # noqa: SIM905
)

# Words that name a role, not a person: they split "NATO chief Mark Rutte" into names.
ROLE_WORDS = frozenset(
    """
president president-elect vice-president secretary secretary-general general minister prime
chancellor spokesperson spokeswoman spokesman chief king queen prince princess pope senator sen
governor gov mayor sir lord lady judge justice ceo chairman chairwoman chair director
commissioner ambassador envoy premier leader deputy foreign defence defense interior finance
state secretary-of-state representative rep congressman congresswoman mp head
""".split()  # noqa: SIM905
)

WEEKDAYS_MONTHS = frozenset(
    """
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""".split()  # noqa: SIM905
)

# Lower-case words that may sit inside a name: "Bank of England", "Ursula von der Leyen".
NAME_JOINERS = frozenset(
    """
of de da del della der den di du la le van von al bin ibn y
""".split()  # noqa: SIM905
)

V = TypeVar("V")

_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license"}

# A letter, then letters, digits, apostrophes and hyphens up to the last letter or digit
# (written so that the engine never backs up: the same words as [^\W\d_](?:[\w'’-]*\w)?).
WORD = re.compile(r"[^\W\d_]\w*(?:['’-]+\w+)*")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Zelenskyy’s' -> "zelenskyy's"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


class WordCache(dict[str, V]):
    """word -> compute(word), computed on first sight: a library's words are few and much
    repeated, so nearly every look-up is one dict hit. Bounded (emptied when full)."""

    LIMIT = 200_000

    def __init__(self, compute: Callable[[str], V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> V:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[word] = self._compute(word)
        return value


FOLDED = WordCache(fold)  # FOLDED[word] == fold(word)


def stem(word: str) -> str:
    """A light English stem of a folded word: plurals, -ing, -ed, British spellings."""
    if word.endswith("'s"):
        word = word[:-2]
    word = _SPELLING.get(word, word)
    size = len(word)
    if size > 4 and word[-1] == "s":
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("sses"):
            return word[:-2]
        if not word.endswith(("ss", "us", "is")):
            return word[:-1]
    if size > 6 and word.endswith("ing"):
        return word[:-3]
    if size > 5 and word.endswith("ed"):
        return word[:-2]
    return word


def _content_stem(word: str) -> str:
    folded = fold(word)
    if len(folded) < 3 or folded in STOP_WORDS:
        return ""
    return stem(folded)


_STEMS = WordCache(_content_stem)


def content_stem(word: str) -> str:
    """The stem of a word that carries meaning, or "" for a stop word or a short word."""
    return _STEMS[word]


def content_stems(words: Iterable[str]) -> list[str]:
    """`content_stem` of each word, the empty ones left out."""
    return list(filter(None, map(_STEMS.__getitem__, words)))


def content_words(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order (stop words and short words left out).

    Read by the pieces of text between spaces (no word holds a space), each piece's stems
    looked up once seen: pieces repeat ("said,", "the") as words do."""
    return list(chain.from_iterable(map(_PIECE_STEMS.__getitem__, text.split())))


def _piece_stems(piece: str) -> tuple[str, ...]:
    return tuple(content_stems(WORD.findall(piece)))


_PIECE_STEMS = WordCache(_piece_stems)


# A sentence's closing marks (the whole run of them), followed by a space and a capital or
# a digit, unless the run begins with the full stop of an abbreviation ("Mr.", "U.S.",
# "J."): one pattern, so no check per match in Python. It begins with a mark (the engine
# skips to the next one at C speed), then looks behind it.
_SENTENCE_END = re.compile(
    r"[.!?…](?<![.!?…][.!?…])"  # the first mark of its run
    r"(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|vs)\.)"
    r"(?<!\b(?:Mrs|Gen|Gov|Sen|Rep|U\.S|U\.K|U\.N)\.)"
    r"""[.!?…]*["'”’)\]]*(?=\s+["“‘(\[]?(?:([A-Z])|[0-9]))"""
)


def sentence_ends(text: str) -> list[int]:
    """The offset just past each sentence's closing mark (abbreviations left out)."""
    return [match.end() for match in _SENTENCE_END.finditer(text)]


def sentence_starts(text: str, blocks: Iterable[int] = (0,)) -> set[int]:
    """Offsets of the first word of each sentence; blocks: where the text's blocks begin
    (a block begins a sentence)."""
    ends = list(_SENTENCE_END.finditer(text))
    starts = {match.start(1) for match in ends}  # the capital the next sentence opens with
    starts.discard(-1)
    search = WORD.search
    for end in (*blocks, *(m.end() for m in ends if m.start(1) < 0)):  # or its first word
        word = search(text, end)
        if word:
            starts.add(word.start())
    return starts


def sentences(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of text, offsets shifted by start, spaces trimmed."""
    pos = 0
    for end in sentence_ends(text):
        yield from _trimmed(text, pos, end, start)
        pos = end
    yield from _trimmed(text, pos, len(text), start)


def _trimmed(text: str, a: int, b: int, shift: int) -> Iterator[tuple[int, int]]:
    piece = text[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield shift + a + lead, shift + a + lead + len(stripped)
