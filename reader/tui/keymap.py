"""The user's keymap (binding id → keys), checked before the app applies it.

Textual ignores a keymap entry whose binding id does not exist and a key it cannot
read, so a typo would simply do nothing. Here each such entry is named in a one-line
problem instead.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from textual.binding import Binding
from textual.keys import REPLACED_KEYS, Keys, _character_to_key, key_to_character

from reader.config import Config

_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
RESERVED = "ctrl+q"  # quits from anywhere: never given to another binding
_NAMED_KEYS = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}


def textual_key(text: str) -> str | None:
    """`text` (`ctrl+k`, `A`, `?`, `f2`, `shift+tab`) as Textual names the key, or None
    when it names no key."""
    text = text.strip()
    if len(text) == 1:
        return _character_to_key(text)
    *modifiers, base = text.split("+")
    if any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers):
        return None
    if len(base) == 1:
        base = _character_to_key(base)
    elif not (base in _NAMED_KEYS or base in REPLACED_KEYS or key_to_character(base)):
        return None
    return "+".join([*modifiers, base])


def checked_keymap(config: Config) -> tuple[dict[str, str], list[str]]:
    """The keymap entries whose keys all name a key, and a one-line problem for each
    other entry."""
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in config.keymap.items():
        parts = [part for part in keys.split(",") if part.strip()]
        named = [textual_key(part) for part in parts]
        bad = [part.strip() for part, key in zip(parts, named, strict=True) if key is None]
        if bad or not parts:
            shown = ", ".join(repr(part) for part in bad) or repr(keys)
            problems.append(
                f"{config.where(f'keymap.{binding_id}')}: keymap: {shown} for {binding_id}"
                " is not a key (like ctrl+k, shift+tab, f2 or a character); ignored"
            )
            continue
        if RESERVED in named:
            problems.append(
                f"{config.where(f'keymap.{binding_id}')}: keymap: {RESERVED} quits from anywhere"
                f" and cannot be given to {binding_id}; ignored"
            )
            continue
        keymap[binding_id] = keys
    return keymap, problems


def unknown_binding_problems(config: Config) -> list[str]:
    """A one-line problem for each keymap entry that names no binding of the app.

    Imports every screen to learn their bindings: call it after start-up.
    """
    known = {binding.id for binding in _all_bindings()}
    return [
        f"{config.where(f'keymap.{binding_id}')}: keymap: no binding has the id {binding_id!r}"
        " (? lists them); ignored"
        for binding_id in config.keymap
        if binding_id not in known
    ]


def _all_bindings() -> Iterator[Binding]:
    """Every binding of the app, its screens and its widgets."""
    from reader.tui import app, screens, widgets

    modules = [app]
    for package in (screens, widgets):
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            modules.append(importlib.import_module(info.name))
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type):
                yield from (b for b in getattr(value, "BINDINGS", ()) if isinstance(b, Binding))
