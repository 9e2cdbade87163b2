"""Every key of the app, declared once in `keys.toml`: each screen and widget takes its
BINDINGS from there by the name of its table."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from textual.binding import Binding, BindingType

_TABLE = Path(__file__).with_name("keys.toml")


@cache
def _tables() -> dict[str, dict[str, dict[str, Any]]]:
    return tomllib.loads(_TABLE.read_text(encoding="utf-8"))


def bindings(place: str) -> list[BindingType]:
    """The bindings of the table `place` of `keys.toml`, in the order declared, each
    with its id."""
    return [Binding(**fields, id=binding_id) for binding_id, fields in _tables()[place].items()]
