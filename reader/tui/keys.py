"""Every key of the app, declared once in `keys.toml`: each screen and widget takes its
BINDINGS from there by the name of its table.

Loading the TOML parser and parsing the file takes about 5 ms of start-up; a JSON copy of
the parsed tables, kept in the cache folder and named after the file's content, is read
in a tenth of that. The app writes the copy after its first frame when there was none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.keys import format_key

from reader.paths import cache_dir

if TYPE_CHECKING:
    from textual.app import App

_TABLE = Path(__file__).with_name("keys.toml")

Tables = dict[str, dict[str, dict[str, Any]]]


@cache
def _source() -> bytes:
    return _TABLE.read_bytes()


def _copy_path() -> Path:
    digest = hashlib.blake2b(_source(), digest_size=10).hexdigest()
    return cache_dir() / "keys" / f"{digest}.json"


@cache
def _tables() -> tuple[Tables, bool]:
    """keys.toml's tables, and whether they were read from the parsed copy."""
    with contextlib.suppress(OSError, ValueError):
        tables = json.loads(_copy_path().read_bytes())
        if isinstance(tables, dict):
            return tables, True
    import tomllib

    return tomllib.loads(_source().decode("utf-8")), False


def key_tables() -> Tables:
    """keys.toml: each table's bindings by id, with their fields (`key`, `action`, …)."""
    return _tables()[0]


def bindings(place: str) -> list[BindingType]:
    """The bindings of the table `place` of `keys.toml`, in the order declared, each
    with its id."""
    tables, _ = _tables()
    return [Binding(**fields, id=binding_id) for binding_id, fields in tables[place].items()]


@cache
def declared_order() -> dict[str, int]:
    """Each binding id's place in keys.toml, first to last."""
    ids = (binding_id for table in key_tables().values() for binding_id in table)
    return {binding_id: n for n, binding_id in enumerate(ids)}


def bound_keys(app: App[Any], binding_id: str) -> list[str]:
    """The keys `binding_id` has in the running app (the user's keymap applied), as the
    key bar shows them (`esc`, `ctrl+s`, `?`)."""
    keys = app._keymap.get(binding_id)
    if keys is None:
        keys = next(rows[binding_id]["key"] for rows in key_tables().values() if binding_id in rows)
    return [format_key(key.strip()) for key in keys.split(",") if key.strip()]


def bound_key(app: App[Any], binding_id: str) -> str:
    """The first of `bound_keys`: the one a hint names."""
    return bound_keys(app, binding_id)[0]


_NAMED = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")


def with_keys_named(app: App[Any], text: str) -> str:
    """`text` with each `{binding.id}` in it as the key the binding has, as a sentence
    names it: "Delete this note ({notes.undo} brings it back)"."""
    return _NAMED.sub(lambda found: in_sentence(bound_key(app, found[1])), text)


def in_sentence(key: str) -> str:
    """A key as shown by `bound_keys`, as a sentence names it: `Esc`, `Enter`, `Tab`
    (a character or a combination as it is)."""
    if key == format_key("enter"):  # the key bar's ⏎
        return "Enter"
    return key.capitalize() if len(key) > 1 and key.isalpha() else key


def keep_parsed_copy() -> None:
    """Write the parsed copy of keys.toml for the next start, unless it was read from one.
    A cache: a copy that cannot be written only means parsing again next time."""
    tables, from_copy = _tables()
    if from_copy:
        return
    path = _copy_path()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            temp.write_text(json.dumps(tables), encoding="utf-8")
            os.replace(temp, path)  # whole or not at all, also with two apps starting
        finally:
            temp.unlink(missing_ok=True)
