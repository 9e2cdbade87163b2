"""The front matter fields an article takes (title, author, source, url, date, tags): a
value that cannot be used is named in the front matter's `ignored`, never dropped in
silence. A field left blank (`author:`, `tags: []`, as note templates write them) is
taken as not given."""

from __future__ import annotations

import datetime as dt

from reader.ingest.formats.frontmatter import FrontMatter, ignored_field
from reader.ingest.formats.metadata import meta_text, normalize_date

_TEXT = "text"
_DATE = "a date like 2024-05-17"
_TAGS = "text or a list"
# What a value is, as a person would say it: the first type it is an instance of.
_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true or false"),
    ((int, float), "a number"),
    (dt.date, "a date"),
    ((list, tuple), "a list"),
    (dict, "a mapping"),
    (bytes, "binary data"),
    ((set, frozenset), "a set"),
)


def front_title(front: FrontMatter) -> str | None:
    """The title the front matter gives, or None."""
    if "title" not in front.fields:
        return None
    value = front.fields["title"]
    if isinstance(value, str) and value.strip():
        return value.strip()
    _refused(front, "title", _TEXT)
    return None


def front_text(front: FrontMatter, key: str) -> str | None:
    """A field read as text (`author`, `source`, `url`; see `meta_text`), or None."""
    if key not in front.fields:
        return None
    text = meta_text(front.fields[key])
    if text is None:
        _refused(front, key, _TEXT, within=True)
    return text


def front_date(front: FrontMatter) -> str | None:
    """The front matter's date as an ISO 8601 date, or None."""
    if "date" not in front.fields:
        return None
    date = normalize_date(front.fields["date"])
    if date is None:
        _refused(front, "date", _DATE)
    return date


def front_tags(front: FrontMatter) -> list[str]:
    """The tags: a list, or text with commas between them."""
    if "tags" not in front.fields:
        return []
    value = front.fields["tags"]
    items = value.split(",") if isinstance(value, str) else value
    tags = [t for t in map(meta_text, items) if t] if isinstance(items, list) else []
    if not tags:
        _refused(front, "tags", _TAGS, within=True)
    return tags


def _refused(front: FrontMatter, key: str, wanted: str, *, within: bool = False) -> None:
    """Names the field `key` as left out, saying why its value is not the `wanted` kind;
    `within`: a list or mapping is taken when something in it is."""
    value = front.fields[key]
    if blank(value):
        return
    why = _why(value, wanted, within)
    front.ignored.append(ignored_field(key, front.lines.get(key), why))


def blank(value: object) -> bool:
    """Whether a value says nothing: no value, blank text, or a list or mapping of those."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, dict):
        return all(map(blank, value.values()))
    if isinstance(value, list | tuple):
        return all(map(blank, value))
    return False


def _why(value: object, wanted: str, within: bool) -> str:
    if isinstance(value, str):
        return f"not {wanted}"
    kind = next((name for types, name in _KINDS if isinstance(value, types)), "a value")
    if within and isinstance(value, list | dict):
        return f"{kind} with no {_TEXT} in it"
    scalar = isinstance(value, bool | int | float | dt.date)
    quote = ": write it in quotes" if scalar and _TEXT in wanted else ""
    return f"{kind}, not {wanted}{quote}"
