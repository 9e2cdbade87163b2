"""Turning a file's bytes into text: limits, binary detection, encoding detection."""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path

from charset_normalizer import from_bytes

from reader.errors import ArticleError, NotRegularFileError
from reader.infra.filetypes import not_regular, read_regular
from reader.ingest.codepages import best_encoding, misfits

MAX_BYTES = 20 * 1024 * 1024
_SNIFF = 8192


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as text, or raise ArticleError with a one-line reason.

    UTF-8 (with or without BOM) is tried first; otherwise the encoding is
    detected and undecodable bytes become U+FFFD so damage stays visible.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ArticleError(path, "file no longer exists", lasting=False) from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})", lasting=False) from None
    _check_regular(path, st.st_mode)
    size = st.st_size
    if size > max_bytes:
        # Rounded up: a file just over the limit does not read as the limit.
        megabytes = math.ceil(size * 10 / 1048576) / 10
        raise ArticleError(path, f"too large ({megabytes:.1f} MB, limit {max_bytes // 1048576} MB)")
    try:
        # The file may have been swapped for a FIFO since: opened without waiting for a
        # writer, and looked at again once open.
        data = read_regular(path, max_bytes + 1)
    except NotRegularFileError as exc:
        raise ArticleError(path, exc.reason) from None
    except FileNotFoundError:
        raise ArticleError(path, "file no longer exists", lasting=False) from None
    except IsADirectoryError:
        raise ArticleError(path, "is a directory") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})", lasting=False) from None
    if not data.strip():
        raise ArticleError(path, "empty file")
    if looks_binary(data):
        raise ArticleError(path, "binary file, not text")
    return decode_bytes(data)


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ArticleError(path, "is a directory")
    if reason := not_regular(mode):
        raise ArticleError(path, reason)


# Bytes that text does not hold (C0 controls but tab, newline, form feed, carriage return
# and ESC, which scraped text carries): more than one in ten in the first 8 KB is binary.
# A stray NUL is not: it is shown as a symbol like any other control.
_NOT_TEXT = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_NOT_TEXT_CHARS = frozenset(_NOT_TEXT.decode("ascii"))
_BINARY_SHARE = 0.1

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def looks_binary(data: bytes, share: float = _BINARY_SHARE) -> bool:
    """Whether more than `share` (one in ten) of the first 8 KB's bytes are controls no
    text holds.

    UTF-16 and UTF-32 text (see wide_encoding) is judged on its characters instead."""
    head = data[:_SNIFF]
    wide = wide_encoding(head)
    if wide is not None:
        text = head.decode(wide, errors="replace")
        return sum(c in _NOT_TEXT_CHARS for c in text) > len(text) * share
    return len(head) - len(head.translate(None, _NOT_TEXT)) > len(head) * share


def wide_encoding(head: bytes) -> str | None:
    """ "utf-16-le", "utf-16-be", "utf-32-le" or "utf-32-be" when head is such text: by
    its byte-order mark or, for UTF-16 without one, by its pattern: in the text of one
    alphabet, every other byte (the high one) takes one or two values, NUL among them
    (spaces, digits and Latin letters), while the other bytes vary and are never NUL."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : pairs * 2 : 2], head[1 : pairs * 2 : 2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if low.count(0) <= pairs * 0.01 and high.count(0) >= pairs * 0.1:
            values = sorted((high.count(b) for b in set(high)), reverse=True)
            if sum(values[:2]) >= pairs * 0.9:
                return encoding
    return None


def decode_bytes(data: bytes) -> str:
    """Text from bytes: UTF-16 or UTF-32 when they are (see wide_encoding), else UTF-8
    (with or without BOM) when the text mostly is (see mostly_utf8), else the detected
    encoding; undecodable bytes become U+FFFD."""
    wide = wide_encoding(data[:_SNIFF])
    if wide is not None:
        return data.decode(wide, errors="replace").removeprefix("\ufeff")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if mostly_utf8(data, text):
        return text
    encoding = _detect(data[: 256 * 1024])
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return text


# Text in a legacy encoding forms a valid UTF-8 sequence now and then by chance (Shift-JIS,
# EUC-JP, GBK: at most about one for every two invalid ones, and always inside their runs
# of bytes beyond ASCII, among invalid ones; single-byte code pages: none).
_VALID_PER_INVALID = 2
_STRAY = "\udc80-\udcff"  # a byte that is not UTF-8, decoded with surrogateescape
_SCORED_UTF8 = 64 * 1024  # characters: enough to tell letters from chance
_STRAYS = re.compile(f"[{_STRAY}]")
# A run of characters beyond ASCII that holds a stray byte (tried at the start of runs only).
_RUN_WITH_STRAYS = re.compile(f"(?<![^\x00-\x7f])[^\x00-\x7f{_STRAY}]*+[{_STRAY}][^\x00-\x7f]*+")


def mostly_utf8(data: bytes, text: str) -> bool:
    """Whether data (decoded as UTF-8 with replacement into text) is UTF-8 text with some
    stray bytes: it holds valid multi-byte sequences, at least two for each invalid one, or
    at least as many bytes in sequences clear of the invalid bytes as invalid bytes (a few
    lines in another encoding), and those sequences read as a language's letters (those a
    text in another encoding forms by chance are of several scripts). A sequence in a run
    of bytes beyond ASCII that holds an invalid one is not clear of them: a text in another
    encoding forms sequences only there."""
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid <= 0:
        return False
    if valid >= invalid * _VALID_PER_INVALID:
        return True
    escaped = data.decode("utf-8", errors="surrogateescape")
    clear = _RUN_WITH_STRAYS.sub("", escaped)
    clear_bytes = len(clear.encode()) - len(clear.encode("ascii", "ignore"))
    return clear_bytes >= len(_STRAYS.findall(escaped)) and _reads_as_letters(clear)


def _reads_as_letters(text: str) -> bool:
    """Whether the characters beyond ASCII of text mostly fit one language (a misfit costs
    one or two per character)."""
    head = text[:_SCORED_UTF8]
    return misfits(head) <= len(head) - len(head.encode("ascii", "ignore"))


def _detect(sample: bytes) -> str:
    """The encoding in which sample reads best, of those a detector proposes and the common
    ones (see best_encoding)."""
    # UTF-8 and UTF-16 were ruled out before; the detector names them for a few bytes.
    proposed = [match.encoding for match in from_bytes(sample)]
    return best_encoding(sample, [name for name in proposed if not name.startswith("utf")])
