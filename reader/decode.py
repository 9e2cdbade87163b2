"""Turning a file's bytes into text: limits, binary detection, encoding detection."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from reader.errors import ArticleError

MAX_BYTES = 20 * 1024 * 1024
_SNIFF = 8192


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Read a file as text, or raise ArticleError with a one-line reason.

    UTF-8 (with or without BOM) is tried first; otherwise the encoding is
    detected and undecodable bytes become U+FFFD so damage stays visible.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(path, "file no longer exists") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise ArticleError(
            path, f"too large ({size / 1048576:.1f} MB, limit {max_bytes // 1048576} MB)"
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ArticleError(path, "file no longer exists") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a directory") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise ArticleError(path, "empty file")
    if looks_binary(data):
        raise ArticleError(path, "binary file, not text")
    return decode_bytes(data)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first few KB mean binary."""
    head = data[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with BOM carries NULs legitimately
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.1


def decode_bytes(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _detect(data[: 256 * 1024])
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _detect(sample: bytes) -> str:
    """The detected encoding; among equally good guesses, windows-1252, the web's
    most common legacy encoding (and what "latin-1" means in practice)."""
    results = list(from_bytes(sample))
    if not results:
        return "utf-8"
    best = results[0]
    for match in results:
        if (match.chaos, match.coherence) != (best.chaos, best.coherence):
            break
        if match.encoding == "cp1252":
            return "cp1252"
    return best.encoding
