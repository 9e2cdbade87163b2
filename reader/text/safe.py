"""Making untrusted text safe to show: escapes and controls become visible, never act."""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates can reorder what a terminal shows (spoof text).
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# The marks (LRM, RLM, ALM) only lean a neutral character one way: common in Hebrew and
# Arabic pages and harmless, they are shown as nothing (a zero-width space stands in).
BIDI_MARKS = "\u200e\u200f\u061c"
_BIDI = BIDI_MARKS + _BIDI_CONTROLS
_TABLE = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
_TABLE[127] = "\u2421"
_TABLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})
_TABLE.update({ord(c): "\ufffd" for c in _BIDI_CONTROLS})
_TABLE.update({ord(c): "\u200b" for c in BIDI_MARKS})
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]")


def visible(text: str) -> str:
    """Replace control and bidi characters one for one with visible stand-ins.

    ESC becomes "␛", so an ANSI or OSC sequence shows as text, a bidi override "�";
    a bidi mark shows as nothing. The length is unchanged, so offsets into the original
    still hold.
    """
    if not _UNSAFE.search(text):
        return text
    return text.translate(_TABLE)


def shortened(text: str, limit: int = 60) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut: a value quoted
    in a message (a config's value may be a megabyte long)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_LINE_TABLE = {**_TABLE, 9: " ", 10: " "}
_DROP_TABLE = dict.fromkeys(_TABLE)


def without_controls(text: str) -> str:
    """Text to hand to another program (the clipboard): control and bidi characters
    removed, tabs and newlines kept."""
    if not _UNSAFE.search(text):
        return text
    return text.translate(_DROP_TABLE)


def visible_line(text: str) -> str:
    """`visible` for one screen line: tabs and newlines become single spaces too."""
    return text.translate(_LINE_TABLE)


# Control characters but tab and newline: C0, DEL, C1 (bidi controls are not).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_TABLE = {c: shown for c, shown in _TABLE.items() if c < 0xA0}


def controls_visible(text: str) -> str:
    """Text for a file meant to be read (Markdown, CSV): a carriage return made a line
    break, every other control character but tab shown as `visible` shows it (ESC as
    "␛"), so that a note holding an escape sequence cannot act where the file is shown."""
    if not _CONTROLS.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROLS_TABLE)


# What `json.dumps(..., ensure_ascii=False)` leaves raw that a terminal could act on.
_JSON_RAW = re.compile("[\x7f-\x9f" + _BIDI + "\u2028\u2029]")


def json_escaped(dumped: str) -> str:
    """JSON text with DEL, C1 and bidi controls and the line separators written as
    `\\uXXXX` escapes (JSON escapes the other controls itself): the same values read
    back, nothing in it acts on a terminal. Such characters stand only inside strings."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped)


_SYMBOL_TABLE = {**_TABLE, 9: "\u2409", 10: "\u240a"}


def visible_symbols(text: str) -> str:
    """`visible`, tabs and newlines shown as symbols too (␉, ␊): for text of one line by
    rule (a tag), where a line break is there by mistake and should show."""
    return text.translate(_SYMBOL_TABLE)


_IN_PLACE_TABLE = {**_TABLE, 0x2028: "\u2424", 0x2029: "\u2424"}


def visible_in_place(text: str) -> str:
    """`visible`, the line and paragraph separators shown as "␤" too: for text edited
    where it is shown, whose lines are only those its newlines make."""
    return text.translate(_IN_PLACE_TABLE)


# Escapes for one line of a report: what `visible` replaces, tabs, newlines and the
# Unicode line and paragraph separators (which split lines too).
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), *range(0x7F, 0xA0)]}
_ESCAPES.update({9: "\\t", 10: "\\n", 13: "\\r"})
_ESCAPES.update({ord(c): f"\\u{ord(c):04x}" for c in _BIDI + "\u2028\u2029"})
_TO_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "\u2028\u2029]")


def escaped(text: str) -> str:
    """Text for one line of a report, such as a file name: control, bidi and line
    separator characters become escapes (a newline `\\n`, ESC `\\x1b`, U+202E
    `\\u202e`), so a name can neither act on the terminal nor forge lines."""
    if not _TO_ESCAPE.search(text):
        return text
    return text.translate(_ESCAPES)


def name_escaped(name: str) -> str:
    """`escaped`, and in a name not in Unicode's composed form (NFC) the characters that
    make it so escaped too: `Cafe\\u0301.txt` is told apart from `Café.txt`, which
    looks the same, and is taken back as `unescaped` takes any escape."""
    if unicodedata.is_normalized("NFC", name):
        return escaped(name)
    return "".join(f"\\u{ord(c):04x}" if _not_composed(c) else escaped(c) for c in name)


def shown_title(title: str) -> str:
    """An article's title, its accents escaped when not in composed form: `Cafe\\u0301`
    is not taken for `Café`, a file of another name (see `name_escaped`)."""
    return title if unicodedata.is_normalized("NFC", title) else name_escaped(title)


def _not_composed(char: str) -> bool:
    """A combining mark, a Hangul vowel or final consonant written apart, or a
    character NFC replaces by another."""
    return (
        unicodedata.combining(char) > 0
        or "\u1161" <= char <= "\u11c2"
        or not unicodedata.is_normalized("NFC", char)
    )


_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|([ntr]))")
_LETTERS = {"n": "\n", "t": "\t", "r": "\r"}


def unescaped(text: str) -> str:
    """What `escaped` made `text` from: `\\n`, `\\t`, `\\r`,
    `\\xNN` and `\\uNNNN` back to their characters, so a name printed by a command can
    be given back to one."""

    def one(m: re.Match[str]) -> str:
        if m[3]:
            return _LETTERS[m[3]]
        return chr(int(m[1] or m[2], 16))

    return _ESCAPE.sub(one, text)


def bytes_escaped(path: str) -> str:
    """A path whose undecodable bytes (lone surrogates, as the OS hands them over) are
    written as escapes, `bad\\xffname.txt`."""
    return re.sub("[\udc80-\udcff]", lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}", path)
