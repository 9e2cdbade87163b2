"""Reading export files: JSON, CSV and dates, each failure one line naming where."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.importing.records import ImportFormatError
from reader.infra.filetypes import read_regular
from reader.text.counts import plural_of

MAX_EXPORT = 512 * 1024 * 1024  # an export larger than this is refused, not read into memory
# A position or a count of more digits is none (and int() refuses 4,300 digits).
MAX_DIGITS = 18


def read_bytes(path: Path) -> bytes:
    """The file's bytes; ImportFormatError when it cannot be read or is too large."""
    try:
        if path.stat().st_size > MAX_EXPORT:
            raise ImportFormatError(path, f"larger than {MAX_EXPORT // 2**20} MB")
        return read_regular(path)
    except OSError as error:
        raise ImportFormatError(path, f"cannot read: {error.strerror or error}") from None


def text_of(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(path, f"not UTF-8 text (byte {error.start})") from None


def load_json(path: Path, raw: bytes | None = None) -> Any:
    """Parsed JSON; ImportFormatError with the line of a syntax error."""
    return parse_json(path, text_of(path, read_bytes(path) if raw is None else raw))


def parse_json(path: Path, text: str, member: str = "") -> Any:
    """`text` (of the file, or of `member` of its archive) parsed as JSON;
    ImportFormatError saying the line and column of a syntax error."""
    where = f"{member} " if member else ""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            path, f"{where}line {error.lineno}: not valid JSON ({_json_problem(error)})"
        ) from None
    except ValueError:  # a number of more digits than Python reads
        raise ImportFormatError(
            path, f"{where}not valid JSON (a number too long to read)"
        ) from None
    except RecursionError:
        raise ImportFormatError(path, f"{where}JSON nested too deeply") from None


def _json_problem(error: json.JSONDecodeError) -> str:
    """The parser's words with the column they are of (its message ends in `at`, where
    it would give the place in characters)."""
    said = error.msg[:1].lower() + error.msg[1:]
    if said.endswith(" starting at"):
        return f"{said.removesuffix(' starting at')}, from column {error.colno}"
    return f"{said.removesuffix(' at')}, at column {error.colno}"


def csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV file whose header has the `required` columns
    (compared without case); keys are the header's names in lower case. Read leniently
    (`"title" ,url`: a space after a closing quote is kept in the field); a quote left
    open (which takes the rows after it into one field) is an ImportFormatError naming
    the line where the row holding it starts."""
    lines = list(io.StringIO(text_of(path, read_bytes(path)), newline=""))
    reader = csv.reader(lines)
    start = 1
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in required if c.lower() not in header]
        if missing:
            raise ImportFormatError(path, f"line 1: the header lacks {', '.join(missing)}")
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if start - line > 1 or start > len(lines):
                _quotes_closed(path, line, lines[line - 1 : start - 1])
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise ImportFormatError(
                    path, f"line {line}: {len(row)} fields, the header has {len(header)}"
                )
            yield line, dict(zip(header, row, strict=False))
    except csv.Error as error:
        raise ImportFormatError(path, f"line {start}: {error}") from None


def _quotes_closed(path: Path, line: int, lines: list[str]) -> None:
    """A row over several lines (or the last) must be one a strict reading takes as it
    is: its quoted fields closed where they end (one that is not took the lines after
    it in, or the file ended in it)."""
    try:
        for _ in csv.reader(lines, strict=True):
            pass
    except csv.Error as error:
        if len(lines) > 1 or "end of data" in str(error):
            raise ImportFormatError(
                path,
                f'line {line}: a quote (") opened in this row is not closed where its field ends',
            ) from None


def entries(path: Path, data: Any, key: str | None, what: str) -> list[dict[str, Any]]:
    """The list of mappings at `data[key]` (or `data` itself); ImportFormatError naming
    the first entry that is not a mapping."""
    items = data.get(key) if key is not None and isinstance(data, dict) else data
    if not isinstance(items, list):
        where = f"'{key}'" if key else "the file"
        raise ImportFormatError(path, f"{where} must be a list of {plural_of(what)}")
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ImportFormatError(path, f"{what} {i}: not an object")
    return items


def first_has(items: Any, *keys: str) -> bool:
    """Whether `items` is a non-empty list whose first entry is a mapping holding every
    one of `keys`: how a JSON export is told by its shape."""
    return (
        isinstance(items, list)
        and bool(items)
        and isinstance(items[0], dict)
        and all(key in items[0] for key in keys)
    )


def string(path: Path, entry: dict[str, Any], key: str, where: str) -> str:
    """entry[key] as a string ('' when absent or null); a number is taken as its digits."""
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ImportFormatError(path, f"{where}: '{key}' must be text")
    return str(value)


def whole_number(text: str, too_long: int | None = None) -> int | None:
    """Text of decimal digits as a number: of more than MAX_DIGITS, `too_long` (none
    for a place; for a size, one above its limit); None for anything else."""
    text = text.strip()
    if not text.isdecimal():
        return None
    return int(text) if len(text) <= MAX_DIGITS else too_long


def offset(value: object) -> int | None:
    """A place in a text as a count of characters: a whole number, or text of ASCII
    digits; None for anything else (a KOReader xpointer, a page range, a negative
    number or one too long to be a place)."""
    if isinstance(value, str):
        return whole_number(value) if value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**MAX_DIGITS:
        return value
    return None


def when(value: object) -> datetime | None:
    """A date from ISO 8601 text, an epoch number (seconds) or a free-form date; None
    when there is none or it cannot be read."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
            moment = datetime.fromtimestamp(float(value), UTC)
        elif isinstance(value, str):
            from dateutil import parser

            moment = parser.parse(value)
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
