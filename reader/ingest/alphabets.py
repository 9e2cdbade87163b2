"""The letters beyond ASCII of the languages written in legacy code pages.

Each language lists its letters in lower case, the common ones first, then after a `|`
those it uses only now and then (loan words, a few names); its capitals go with them."""

from __future__ import annotations

from collections.abc import Container
from types import MappingProxyType


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
    | {"cjk": (_CJK, _HALF_WIDTH), "ja-half-width": (_HALF_WIDTH, frozenset())}
)
