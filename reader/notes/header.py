"""The article a notes file records in its header, read without the notes."""

from __future__ import annotations

import os
import re

from reader.errors import ReaderError
from reader.infra.filetypes import read_regular
from reader.infra.yamlsafe import load_yaml

# Where the notes begin, as reader writes a notes file: after its header.
_NOTES_START = re.compile(r"^annotations:", re.MULTILINE)


def recorded_article_id(path: str | os.PathLike[str]) -> str | None:
    """The ``article.id`` of the notes file at `path`; None when it cannot be read. Only
    the header is parsed when the notes come after it (a file of thousands of notes takes
    seconds to parse whole), else the whole file."""
    try:
        text = read_regular(path).decode("utf-8")
    except (OSError, ReaderError, UnicodeDecodeError):
        return None
    header = _NOTES_START.split(text, maxsplit=1)[0]
    for part in dict.fromkeys((header, text)):
        try:
            data = load_yaml(part)
        except ReaderError:
            continue
        article = data.get("article") if isinstance(data, dict) else None
        found = article.get("id") if isinstance(article, dict) else None
        if isinstance(found, str):
            return found
    return None
