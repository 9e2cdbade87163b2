"""How much a text looks like one language: its letters weighed by how frequent each is in
that language (charset_normalizer's tables: each language's most frequent letters, most
frequent first), its characters beyond ASCII that the language does not have against it.

Two readings of a short text can both fit a language's alphabet (`Да, нет.` in Windows-1251
is `Äŕ, íĺň.` in Windows-1250: Slovak letters all); only one of them is made of the letters
its language uses most."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Container
from functools import cache, lru_cache
from typing import NamedTuple

from charset_normalizer.constant import FREQUENCIES

from reader.ingest.alphabets import ALPHABETS, SIGNS

# charset_normalizer's languages and their alphabets in ALPHABETS; the others (English,
# Indonesian, Hindi, ...) have no letters beyond ASCII but their frequent ones.
_ALPHABETS_OF = {
    "German": ("de",),
    "French": ("fr",),
    "Dutch": ("nl",),
    "Italian": ("it",),
    "Polish": ("pl",),
    "Spanish": ("es",),
    "Russian": ("ru",),
    "Japanese": ("cjk", "ja-half-width"),
    "Portuguese": ("pt",),
    "Swedish": ("sv",),
    "Chinese": ("cjk",),
    "Ukrainian": ("uk",),
    "Norwegian": ("no",),
    "Finnish": ("fi",),
    "Vietnamese": ("vi",),
    "Czech": ("cs",),
    "Hungarian": ("hu",),
    "Korean": ("cjk",),
    "Turkish": ("tr",),
    "Romanian": ("ro",),
    "Farsi": ("ar",),
    "Arabic": ("ar",),
    "Danish": ("da",),
    "Serbian": ("sr",),
    "Lithuanian": ("lt",),
    "Slovene": ("sl",),
    "Slovak": ("sk",),
    "Hebrew": ("he",),
    "Bulgarian": ("bg",),
    "Croatian": ("hr",),
    "Estonian": ("et",),
    "Thai": ("th",),
    "Greek": ("el",),
}
# Of thousands of letters, the few most frequent: another says little against a text.
_MANY_LETTERS = frozenset({"Chinese", "Japanese", "Korean"})

# A letter's weight falls evenly with its rank (as the logarithm of letter frequencies
# about does), by 1/n for each of a language's n frequent letters, to _OTHER for its other
# letters, rarer than the last of them; a character the language does not have weighs
# _FOREIGN.
_OTHER = -0.1
_FOREIGN = -1.0

# Characters weighed: enough to tell languages apart; more only costs time.
_WEIGHED = 4096


class _Language(NamedTuple):
    frequent: dict[str, float]  # its frequent letters, in both cases, and their weights
    alphabets: tuple[Container[str], ...]
    other: float  # the weight of its other letters


@cache
def _languages() -> tuple[_Language, ...]:
    """charset_normalizer's languages, their letters weighed (read on first use)."""
    frequent: dict[str, dict[str, float]] = {}
    for name, letters in FREQUENCIES.items():
        # "Japanese", "Japanese—", "Japanese——" (kanji, katakana, hiragana) are one.
        weights = frequent.setdefault(name.rstrip("—"), {})
        for rank, letter in enumerate(letters):
            weight = (len(letters) - rank) / len(letters) + _OTHER
            for form in {letter, letter.lower(), letter.upper()}:
                if len(form) == 1:
                    weights[form] = max(weights.get(form, weight), weight)
    # Turkish writes the capital of i with a dot, İ, whose lower case is two characters.
    turkish = frequent.get("Turkish", {})
    if "i" in turkish:
        turkish["İ"] = turkish["i"]
    return tuple(
        _Language(
            weights,
            tuple(letters for code in _ALPHABETS_OF.get(name, ()) for letters in ALPHABETS[code]),
            0.0 if name in _MANY_LETTERS else _OTHER,
        )
        for name, weights in frequent.items()
    )


class Evidence(NamedTuple):
    """How much a text looks like the language it looks most like (see weighed), and
    whether that language has all its letters."""

    weight: float
    whole: bool


def weighed(text: str, encoding: str | None = None) -> Evidence:
    """How much text's letters look like those of the language they look most like: the
    sum of their weights in it. A character counts once for each byte it takes in the
    encoding text was read in, when given (a letter of a multi-byte encoding is as much
    evidence as the two or three letters the same bytes are in a code page); marks and
    the signs any text holds count for nothing. Only a long text's head is weighed.

    And whether that language has all its letters (those of languages the tables leave
    out aside): a text read in the wrong code page may fit some language's alphabet by a
    letter or two while its other letters, the frequent ones, are those of another."""
    totals = [0.0] * len(_languages())
    lacking = [0] * len(_languages())
    for char, n in Counter(text[:_WEIGHED]).items():
        if char.isascii():
            if not char.isalpha():
                continue
        elif char in SIGNS or unicodedata.category(char) == "Mn":
            continue
        elif encoding:
            n *= _width(char, encoding)
        weights = _weights(char)
        totals = [total + n * weight for total, weight in zip(totals, weights, strict=True)]
        if _FOREIGN in weights and not _untabled(char):
            lacking = [k + (weight == _FOREIGN) for k, weight in zip(lacking, weights, strict=True)]
    best = max(range(len(totals)), key=totals.__getitem__)
    return Evidence(totals[best], not lacking[best])


@lru_cache(maxsize=1 << 14)
def _untabled(char: str) -> bool:
    """Whether char is a letter of a language the tables leave out (Icelandic þ): a text
    of it looks like another language that lacks it."""
    tabled = {code for codes in _ALPHABETS_OF.values() for code in codes}
    return any(
        char in common or char in rare
        for code, (common, rare) in ALPHABETS.items()
        if code not in tabled
    )


@lru_cache(maxsize=1 << 14)
def _width(char: str, encoding: str) -> int:
    """How many bytes char takes in encoding (one if it has none there)."""
    return len(char.encode(encoding, errors="ignore")) or 1


@lru_cache(maxsize=1 << 16)
def _weights(char: str) -> tuple[float, ...]:
    """The weight of char in each language."""
    return tuple(_weight(language, char) for language in _languages())


def _weight(language: _Language, char: str) -> float:
    weight = language.frequent.get(char)
    if weight is not None:
        return weight
    if char.isascii() or any(char in letters for letters in language.alphabets):
        return language.other
    return _FOREIGN
