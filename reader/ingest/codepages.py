"""Which encoding a text that is not UTF-8 is in: the one whose reading fits a language best.

A text read in the wrong code page has letters of several languages mixed (`Garēon`,
`naļve`), signs inside words (`pada³`), capitals after small letters (`ideeŽn`) and
letters of two scripts in one word (`maоtre`). A detector's statistics need more words
than a short text has to see that; a language's alphabet sees it in a few words."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

from charset_normalizer.utils import is_multi_byte_encoding

from reader.ingest.alphabets import ALPHABETS, SIGNS
from reader.ingest.frequentletters import weighed
from reader.text.scripts import CJK, compiled

# The legacy code pages most text was saved in, Windows-1252 first: the web's most common
# one, and what "Latin-1" means in practice.
_COMMON = (
    "cp1252",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "cp874",
)

# Enough text to tell the code pages apart; reading more only costs time.
_SCORED = 16 * 1024

# The signs any language's text holds that may stand inside a word.
_JOINERS = "’‘·–—´\u00a0\u00ad"

_LETTER = r"[^\W\d_]"
_CASED = [chr(code) for code in range(0x80, 0x530)]
_SMALL = "a-z" + re.escape("".join(c for c in _CASED if c.islower()))
_CAPITAL = re.escape("".join(c for c in _CASED if c.isupper()))
# Each pattern starts with the character it counts, which keeps the search fast.
_CAPITAL_AFTER_SMALL = re.compile(f"[{_CAPITAL}](?<=[{_SMALL}].)")
_GLUED = "".join(sorted(SIGNS.difference(_JOINERS)))
_SIGN_IN_WORD = re.compile(f"[{re.escape(_GLUED)}](?<={_LETTER}.)(?={_LETTER})")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters of Greek, Cyrillic, Hebrew, Arabic, Thai, Chinese, Japanese (half-width katakana
# too) or Korean touching Latin ones: one word in two scripts. So too a Latin letter in
# parentheses or a circle (`⒲`, a Korean code page's sign): it stands alone, as a mark.
_OTHER_SCRIPT = (
    "\u249c-\u24e9\u0370-\u052f\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)
_SCRIPTS_MIXED = re.compile(f"[{_OTHER_SCRIPT}](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
# A Chinese character right after a Hangul syllable: Korean puts a word's Hangul endings
# after its Chinese characters, never a Chinese character after Hangul.
_HANGUL = frozenset(map(chr, range(0xAC00, 0xD7B0)))
_HAN_AFTER_HANGUL = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f](?<=[\uac00-\ud7af].)"
)
# Thai: a vowel written after its consonant (sara a, sara aa, sara am, lakkhangyao) with no
# Thai letter before it, or one written before its consonant (sara e, ae, o, ai maimuan, ai
# maimalai) with no consonant after it.
_THAI = frozenset(map(chr, range(0x0E01, 0x0E5C)))
_THAI_VOWELS_ASTRAY = (
    re.compile("[\u0e30\u0e32\u0e33\u0e45](?<![\u0e01-\u0e4e].)"),
    re.compile("[\u0e40-\u0e44](?![\u0e01-\u0e2e])"),
)
# A katakana standing alone, no letter of Chinese, Japanese or Korean beside it, in a text
# of Latin words: katakana spells words of several letters, and a word or two of Japanese
# among Latin ones are its particles (hiragana) or words in kanji (`Python と Ruby`).
_KATAKANA = frozenset(map(chr, [*range(0x30A1, 0x30FB), *range(0xFF66, 0xFF9E)]))
_LONE_KATAKANA = f"[\u30a1-\u30fa\uff66-\uff9d](?<![{CJK}].)(?![{CJK}])"  # compiled on first use
_ASCII_LETTER = re.compile("[A-Za-z]")
# Turkish vowel harmony: a dotless ı follows a back unrounded vowel (a, ı) in its word,
# never a front one or a rounded one (`Dobrı`, which Turkish would write `Dobru`). A
# foreign name's suffix stands after an apostrophe (`Twitter'ı`), a word of its own here.
# Searched for in the text reversed, so that the search starts at the rare ı.
_NOT_VOWEL = "b-df-hj-np-tv-zçğşB-DF-HJ-NP-TV-ZÇĞŞ"
_DISHARMONY_REVERSED = re.compile(f"ı[{_NOT_VOWEL}]*[eiouöüEOUÖÜİ]")
_WORD = re.compile(f"{_LETTER}+")
_TWICE_ACCENTED = re.compile(r"[^\W\d_\x00-\x7f][^\W\d_]*[^\W\d_\x00-\x7f]")
_NOT_LATIN = re.compile("[^\\x00-\\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
# Marks that combine with the letter before them (accents, Hebrew points, Arabic vowels,
# Thai vowels and tones) with no letter before them: at the start of a word.
_MARKS = frozenset(c for c in map(chr, range(0x300, 0xE80)) if unicodedata.category(c) == "Mn")
_MARKS_CLASS = re.escape("".join(sorted(_MARKS)))
_MARK_ON_NOTHING = re.compile(f"[{_MARKS_CLASS}](?<!{_LETTER}.)(?<![{_MARKS_CLASS}].)")

# A letter no language of the text has costs two, a rare letter of its language one.
_FOREIGN = 2
_RARE = 1

# Among readings of as few misfits, another takes the place of the one preferred only when
# its evidence is this much more: the few letters of a short text are weak evidence.
_CLEARLY = 0.5


def best_encoding(sample: bytes, proposed: Sequence[str] = ()) -> str:
    """The encoding in which sample reads with the fewest misfits.

    Among equals the first is preferred of: the detector's best guess if it is a
    multi-byte one (Chinese, Japanese, Korean), the common code pages (Windows-1252
    first), the other multi-byte encodings it proposed, the single-byte ones it proposed
    (best first). Windows-1252 counts among them too when it costs only a rare letter more
    and its reading is Latin words with one accented letter each (see _accented_once). A
    common code page or a multi-byte encoding takes its place when its reading is clearly
    more made of a language's frequent letters (see weighed), or at all more when the
    preferred reading looks like a language that lacks one of its letters and its own
    does not. The detector's multi-byte guess gives way only to another multi-byte encoding whose
    reading holds more than twice as much evidence, or, when its own reading has none of
    its language's frequent letters, also to a common code page that reads the text as
    Latin words: Chinese, Japanese and Korean have thousands of letters, and a short text
    few of their most frequent."""
    head = sample[:_SCORED]
    # A character of a multi-byte encoding cut at the end of head is no misfit.
    cut = "\ufffd" if len(sample) > _SCORED else ""
    multi = [name for name in proposed if is_multi_byte_encoding(name)]
    first = [proposed[0]] if proposed and is_multi_byte_encoding(proposed[0]) else []
    single = [name for name in proposed if _ascii_single_byte(name)]
    readings: dict[str, str] = {}  # the first encoding of each: many read a text alike
    for name in dict.fromkeys((*first, *_COMMON, *multi, *single)):
        readings.setdefault(head.decode(name, errors="replace").removesuffix(cut), name)
    costs = {text: misfits(text) for text in readings}
    least = min(costs.values())
    tied = [
        text
        for text, cost in costs.items()
        if cost == least
        or (cost == least + _RARE and readings[text] == _COMMON[0] and _accented_once(text))
    ]
    preferred = tied[0]
    usual = (*_COMMON, *multi)
    if len(tied) == 1 or readings[preferred] not in usual:
        return readings[preferred]
    own = weighed(preferred, readings[preferred])
    margin = _CLEARLY
    if readings[preferred] not in first:
        rivals = [text for text in tied[1:] if readings[text] in usual]
    elif own.weight > 0:
        rivals = [text for text in tied[1:] if readings[text] in multi]
        margin += own.weight
    else:
        rivals = [
            text
            for text in tied[1:]
            if readings[text] in multi or (readings[text] in _COMMON and _latin_words(text))
        ]
    weights = {text: weighed(text, readings[text]) for text in rivals}
    best = max(weights, key=lambda text: weights[text].weight, default=preferred)
    if best == preferred:
        return readings[preferred]
    if readings[preferred] not in first and not own.whole and weights[best].whole:
        # Its letters look like a language that lacks one of them, the rival's do not.
        margin = 0.0
    return readings[best if weights[best].weight >= own.weight + margin else preferred]


def _accented_once(text: str) -> bool:
    """Whether text is Latin words with at most one letter beyond ASCII in each, as most
    words of Western European languages are: one of them rare in its language (`Noël`) is
    as likely as a Baltic or Central European code page's reading of them all common."""
    return _latin_words(text) and not _TWICE_ACCENTED.search(text)


def _latin_words(text: str) -> bool:
    """Whether text is Latin words: each of its characters beyond ASCII a Latin letter, and
    each word of two letters or more that has one having ASCII letters too. A text of
    Chinese, Japanese or Korean read in a code page has signs among its letters, or words
    of letters beyond ASCII only."""
    if _NOT_LATIN.search(text):
        return False
    return all(
        word.isascii() or len(word) == 1 or _ASCII_LETTER.search(word)
        for word in _WORD.findall(text)
    )


def misfits(text: str) -> int:
    """How badly text reads: its letters beyond ASCII that are not in the alphabet of the
    language they fit best, signs no text has, signs inside words, capitals after small
    letters, letters of two scripts in one word, marks on no letter, Chinese characters
    after Hangul, a Turkish dotless ı against vowel harmony, Thai vowels on the wrong side
    of their consonant, a katakana standing alone among Latin words."""
    counts = Counter(_NOT_ASCII.findall(text))
    for sign in SIGNS.intersection(counts):
        del counts[sign]
    # Each character costs _FOREIGN, less what the languages that have it save on it.
    saved = [0] * len(ALPHABETS)
    for char, n in counts.items():
        for language, saving in _savings(char):
            saved[language] += n * saving
    language = _FOREIGN * sum(counts.values()) - max(saved)
    patterns = [_SIGN_IN_WORD, _CAPITAL_AFTER_SMALL, _SCRIPTS_MIXED]
    # Those two searched for only when the text has their characters: most have none.
    if not _MARKS.isdisjoint(counts):
        patterns.append(_MARK_ON_NOTHING)
    if not _HANGUL.isdisjoint(counts):
        patterns.append(_HAN_AFTER_HANGUL)
    if not _THAI.isdisjoint(counts):
        patterns.extend(_THAI_VOWELS_ASTRAY)
    if not _KATAKANA.isdisjoint(counts) and _ASCII_LETTER.search(text):
        patterns.append(compiled(_LONE_KATAKANA))
    shape = sum(len(pattern.findall(text)) for pattern in patterns)
    if "ı" in counts:
        shape += len(_DISHARMONY_REVERSED.findall(text[::-1]))
    return language + shape * _FOREIGN


@lru_cache(maxsize=1 << 16)
def _savings(letter: str) -> tuple[tuple[int, int], ...]:
    """The languages (by their place in ALPHABETS) that have letter, and what it costs less
    in each than in the others."""
    return tuple(
        (language, _FOREIGN if letter in common else _FOREIGN - _RARE)
        for language, (common, rare) in enumerate(ALPHABETS.values())
        if letter in common or letter in rare
    )


@cache
def _ascii_single_byte(name: str) -> bool:
    """Whether name is a single-byte code page that reads ASCII as ASCII."""
    if is_multi_byte_encoding(name):
        return False
    ascii_bytes = bytes(range(0x80))
    try:
        return ascii_bytes.decode(name) == ascii_bytes.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False
