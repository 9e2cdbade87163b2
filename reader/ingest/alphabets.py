"""The letters beyond ASCII of the languages written in legacy code pages.

Each language lists its letters in lower case, the common ones first, then after a `|`
those it uses only now and then (loan words, a few names); its capitals go with them."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from types import MappingProxyType

# Signs any language's text holds.
SIGNS = frozenset("“”‘’‚„…–—«»‹›¿¡•·€£¥¢°§©®™×±²½ªº№´\u00a0\u00ad")


class _Ranges:
    """Letters given as ranges of code points, ends included."""

    def __init__(self, *ranges: tuple[int, int]) -> None:
        self._ranges = ranges

    def __contains__(self, letter: object) -> bool:
        if not isinstance(letter, str) or len(letter) != 1:
            return False
        code = ord(letter)
        return any(low <= code <= high for low, high in self._ranges)


# Chinese, Japanese and Korean (GBK, Big5, Shift-JIS, EUC-JP, EUC-KR): their letters, and
# the punctuation and signs their texts are set with.
_CJK = _Ranges(
    (0x2010, 0x2BFF),
    (0x3000, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0xFFA0, 0xFFEF),
    (0x20000, 0x3134F),
)
# Half-width katakana: in a Japanese text now and then, or all its letters (an old one).
_HALF_WIDTH = _Ranges((0xFF61, 0xFF9F))
_HAN = _Ranges((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_HANGUL = _Ranges((0xAC00, 0xD7AF))
# Hangul letters standing alone, not in a syllable (ㅋㅋ, ㅠㅠ): Korean writes syllables.
_JAMO = _Ranges((0x3131, 0x318E))


@lru_cache(maxsize=1 << 14)
def _rare_cjk(letter: str) -> bool:
    """Whether letter is a Chinese character none of the national standards counts among
    its frequent ones (GB 2312 level 1, JIS X 0208 level 1, Big5's frequently used), a
    Korean syllable beyond the 2,350 of KS X 1001, or a Hangul letter standing alone."""
    if letter in _JAMO:
        return True
    if letter in _HANGUL:
        return not _encodes(letter, "euc_kr")
    if letter not in _HAN:
        return False
    gb, jis, big5 = (_encoded(letter, name) for name in ("gb2312", "shift_jis", "big5"))
    return not (
        b"\xb0\xa1" <= gb <= b"\xd7\xfe"
        or b"\x88\x9f" <= jis <= b"\x98\x72"
        or b"\xa4\x40" <= big5 <= b"\xc6\x7e"
    )


def _encoded(letter: str, encoding: str) -> bytes:
    return letter.encode(encoding, errors="ignore")


def _encodes(letter: str, encoding: str) -> bool:
    return bool(_encoded(letter, encoding))


class _CJKLetters:
    """The letters of Chinese, Japanese and Korean: the frequent ones, or the rare ones
    (half-width katakana among them)."""

    def __init__(self, *, rare: bool) -> None:
        self._rare = rare

    def __contains__(self, letter: object) -> bool:
        if not isinstance(letter, str) or len(letter) != 1:
            return False
        if letter in _HALF_WIDTH:
            return self._rare
        return letter in _CJK and _rare_cjk(letter) == self._rare


_LETTERS = {
    # Western Europe (Windows-1252, Latin-1)
    "fr": "éèàçêô|âëîïûùüÿœæ",
    "de": "äöüß|é",
    "es": "áéíóúñ|ü",
    "pt": "áâãàçéêíóôõú|ü",
    "it": "àèéìòù|íîóú",
    "ca": "àçèéíïòóúü|",
    "nl": "ëéï|áàäèíóöúü",
    "sv": "åäö|é",
    "da": "æøå|é",
    "no": "æøå|éèêóòô",
    "fi": "äö|åšž",
    "is": "áðéíóúýþæö|",
    "ga": "áéíóú|",
    "sq": "çë|",
    # Central Europe (Windows-1250, ISO 8859-2)
    "pl": "ąćęłńóśźż|",
    "cs": "áčďéěíňóřšťúůýž|",
    "sk": "áäčďéíĺľňóôŕšťúýž|",
    "sl": "čšž|",
    "hr": "čćđšž|",
    "hu": "áéíóöőúüű|",
    "ro": "ăâîșțşţ|",
    # Turkish (Windows-1254); the dotted capital I has no lower case of its own
    "tr": "çğıöşüİ|âîû",
    # the Baltic (Windows-1257)
    "lt": "ąčęėįšųūž|",
    "lv": "āčēģīķļņšūž|",
    "et": "äõöü|šž",
    # Vietnamese (Windows-1258): a few letters and the tone marks that combine with them
    "vi": "ăâđêôơư\u0300\u0301\u0303\u0309\u0323àáãèéìíòóõùúý|",
    # Cyrillic (Windows-1251, KOI8-R)
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя|",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя|",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя|",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя|",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш|",
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш|",
    # Greek (Windows-1253, ISO 8859-7)
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ|ϊϋΐΰ",
    # Hebrew (Windows-1255): letters, points and its marks
    "he": "".join(map(chr, range(0x05B0, 0x05F5))) + "|",
    # Arabic and Persian (Windows-1256)
    "ar": "".join(map(chr, range(0x060C, 0x0670))) + "پچژکگی\u200c\u200d|",
    # Thai (Windows-874)
    "th": "".join(map(chr, range(0x0E01, 0x0E5C))) + "|",
}


def _with_capitals(letters: str) -> frozenset[str]:
    return frozenset(letters) | {c.upper() for c in letters if len(c.upper()) == 1}


def _alphabet(letters: str) -> tuple[frozenset[str], frozenset[str]]:
    common, _, rare = letters.partition("|")
    return _with_capitals(common), _with_capitals(rare)


# A language's common letters, then its rare ones.
ALPHABETS: MappingProxyType[str, tuple[Container[str], Container[str]]] = MappingProxyType(
    {name: _alphabet(letters) for name, letters in _LETTERS.items()}
    | {
        "cjk": (_CJKLetters(rare=False), _CJKLetters(rare=True)),
        "ja-half-width": (_HALF_WIDTH, frozenset()),
    }
)
