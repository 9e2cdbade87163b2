"""Turning a file's bytes into text: limits, binary detection, encoding detection."""

from __future__ import annotations

import os
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
    best = from_bytes(data[: 256 * 1024]).best()
    encoding = best.encoding if best is not None else "utf-8"
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def file_signature(path: Path) -> tuple[int, int]:
    """(size, mtime_ns): the cheap test for "has this file changed"."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns
