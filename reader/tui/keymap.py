"""The user's keymap (binding id → keys), checked before the app applies it.

Textual takes a keymap entry whose binding id does not exist, a key no terminal sends,
and a key that another binding of the same place already has, all without a word (the
last leaves the other binding dead). Here each entry that cannot be used is named in a
one-line problem, and its binding keeps its own keys.
"""

from __future__ import annotations

from functools import cache

from textual.keys import REPLACED_KEYS, Keys, _character_to_key, key_to_character

from reader.config import Config
from reader.text.safe import shortened
from reader.tui.article.bindings import READ_ONLY_ACTIONS, SELECT_ONLY_ACTIONS
from reader.tui.key_places import EDITING_KEYS, PLACES, place_name, places_of, tables_meeting
from reader.tui.keys import key_tables
from reader.tui.widget_keys import holds_text_field, key_taker

_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_MOST_MODIFIERS = 2
RESERVED = "ctrl+q"  # quits from anywhere: never given to another binding
_NAMED_KEYS = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
_NOT_A_KEY = "is not a key (like ctrl+k, shift+tab, f2 or a character)"


def read_key(text: str) -> tuple[str | None, str]:
    """`text` (`ctrl+k`, `A`, `?`, `f2`, `shift+tab`) as Textual names the key, or None
    and why no terminal sends it."""
    text = text.strip()
    if len(text) == 1:
        return _character_to_key(text), ""
    *modifiers, base = text.split("+")
    if (
        not base
        or any(m not in _MODIFIERS for m in modifiers)
        or len(set(modifiers)) < len(modifiers)
    ):
        return None, _NOT_A_KEY
    if len(modifiers) > _MOST_MODIFIERS:
        return None, f"has more modifiers than a terminal sends ({_MOST_MODIFIERS} at most)"
    if len(base) == 1:
        if modifiers and base.isupper():
            with_shift = "+".join(sorted({*modifiers, "shift"}))
            return None, f"is never sent (a capital letter comes as {with_shift}+{base.lower()})"
        base = _character_to_key(base)
    elif not (base in _NAMED_KEYS or base in REPLACED_KEYS or _names_a_character(base)):
        return None, _NOT_A_KEY
    character = character_of(base)
    if modifiers == ["shift"] and character and character.isprintable() and not character.isspace():
        return None, "is never sent (shift with a character comes as the character it types)"
    return "+".join([*sorted(modifiers), base]), ""  # Textual sorts the modifiers so


# Keys a terminal sends as another key: the app never sees them (unless the terminal
# speaks kitty's keyboard protocol). By Textual's name: (how many terminals, as what).
_SENT_AS = {
    "ctrl+i": ("most", "Tab"),
    "ctrl+m": ("most", "Enter"),
    "ctrl+left_square_bracket": ("most", "Esc"),
    "ctrl+h": ("many", "Backspace"),
    **{f"{mods}+enter": ("most", "Enter") for mods in ("ctrl", "shift", "ctrl+shift")},
    **{f"{mods}+tab": ("most", "Tab") for mods in ("ctrl", "ctrl+shift")},
    **{f"{mods}+backspace": ("many", "Backspace") for mods in ("ctrl", "shift", "ctrl+shift")},
    **{f"{mods}+escape": ("most", "Esc") for mods in ("ctrl", "shift", "ctrl+shift")},
}
# The characters a terminal sends with ctrl, besides the letters a-z (each a control code).
_CTRL_SIGNS = {
    "space",
    "at",
    "backslash",
    "right_square_bracket",
    "circumflex_accent",
    "underscore",
}


def never_arrives(key: str) -> str | None:
    """Why most terminals never send `key` (as Textual names it) as itself; None when
    they do."""
    if key in _SENT_AS:
        many, other = _SENT_AS[key]
        return f"{many} terminals send it as {other}"
    *modifiers, base = key.split("+")
    character = character_of(base)
    if (
        "ctrl" in modifiers
        and character
        and character.isprintable()
        and not ((character.isascii() and character.isalpha()) or base in _CTRL_SIGNS)
    ):
        return "terminals send ctrl only with a letter a-z, space, @, \\, ], ^ or _"
    return None


def textual_key(text: str) -> str | None:
    """`text` as Textual names the key, or None when no terminal sends it."""
    return read_key(text)[0]


def _names_a_character(name: str) -> bool:
    """Whether `name` is Textual's own name of a character (`question_mark`, not `esc`)."""
    character = key_to_character(name)
    return character is not None and _character_to_key(character) == name


def shown(keys: list[str]) -> str:
    """Keys as a user writes them in the config: `?` rather than `question_mark`."""
    return ", ".join(_shown(key) for key in keys)


def character_of(key: str) -> str | None:
    """The character a key types (`/` for `slash`, which Textual's own lookup misses)."""
    return key_to_character(REPLACED_KEYS.get(key, key))


def _shown(key: str) -> str:
    character = character_of(key)
    return character if character and character.isprintable() and character != " " else key


def checked_keymap(config: Config) -> tuple[dict[str, str], list[str]]:
    """The keymap the app applies, and a one-line problem for each entry left out.

    Left out (its binding keeps its own keys): an id no binding has, a key no terminal
    sends, ctrl+q, a key a text field needs where the binding works in one, a key a
    widget there takes first (the notes table's Enter), a key another binding has where
    the two meet (the later entry is left out).
    """
    tables = key_tables()
    table_of = {binding_id: table for table, rows in tables.items() for binding_id in rows}
    defaults = {
        binding_id: _split(row["key"])
        for rows in tables.values()
        for binding_id, row in rows.items()
    }
    problems: dict[str, str] = {}
    wanted: dict[str, list[str]] = {}
    for binding_id, text in config.keymap.items():
        if binding_id not in table_of:
            continue  # told below, naming the help key as bound
        keys, problem = _entry_keys(binding_id, text, table_of[binding_id], defaults)
        if problem:
            problems[binding_id] = f"{problem}; {binding_id} keeps {shown(defaults[binding_id])}"
        else:
            wanted[binding_id] = keys
    for binding_id, problem in _clashes(wanted, table_of, defaults).items():
        del wanted[binding_id]
        problems[binding_id] = f"{problem}; {binding_id} keeps {shown(defaults[binding_id])}"
    help_key = _shown(wanted.get("app.help", defaults["app.help"])[0])
    for binding_id in config.keymap.keys() - table_of.keys():
        problems[binding_id] = (
            f"no binding has the id {shortened(binding_id)!r} ({help_key} lists them); ignored"
        )
    told = [
        f"{config.where(f'keymap.{binding_id}')}: keymap: {problems[binding_id]}"
        for binding_id in config.keymap
        if binding_id in problems
    ]
    return _for_textual(wanted, table_of, defaults), told


def _split(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def _entry_keys(
    binding_id: str, text: str, table: str, defaults: dict[str, list[str]]
) -> tuple[list[str], str]:
    """The keys of one keymap entry, or why it cannot be used."""
    parts = _split(text)
    if not parts:
        return [], f"no key given for {binding_id}"
    if len(parts) < len(text.split(",")):
        return [], f"{shortened(text)!r} for {binding_id} has an empty key between its commas"
    keys: list[str] = []
    for part in parts:
        key, why = read_key(part)
        if key is None:
            return [], f"{shortened(part)!r} for {binding_id} {why}"
        if key in keys:
            return [], f"{_shown(key)} for {binding_id} is given twice"
        if key not in defaults[binding_id] and (sent := never_arrives(key)):
            return [], f"{shortened(part)} for {binding_id} never arrives: {sent}"
        keys.append(key)
    if RESERVED in keys:
        return [], f"{RESERVED} quits from anywhere and cannot be given to {binding_id}"
    first = not key_tables()[table][binding_id].get("priority")  # not: before the widget
    for key in (key for key in keys if key not in defaults[binding_id]):
        place = _typing_place(table, key)
        taker = key_taker(table, key, typing=bool(place)) if first else None
        if place and taker:
            return (
                [],
                f"{_shown(key)} for {binding_id} is needed for typing in {place}, and {taker}",
            )
        if place:
            return [], f"{_shown(key)} for {binding_id} is needed for typing in {place}"
        if taker:
            return [], f"{_shown(key)} for {binding_id} never reaches it: {taker}"
    return keys, ""


def _typing_place(table: str, key: str) -> str | None:
    """The name of a place with a text field that needs `key`, where a binding of
    `table` is looked at; None when the key is free for it. A field needs the keys that
    edit in it, and the characters where the focus is in one (`_typed_into`)."""
    for own in places_of(table):
        place = PLACES[own]
        if (_is_character(key) and _typed_into(own)) or (place.text_field and key in EDITING_KEYS):
            return place.name
    return None


@cache
def _typed_into(place: str) -> bool:
    """Whether a character pressed in `place` is typed into a text field: one can have
    the focus there, and none of the place's own keys is a character (the search bar,
    the find bar, the dialogs; the Notes screen's keys are letters, its filter is left
    with Esc before they act)."""
    return holds_text_field(place) and not any(
        _is_character(key)
        for table in PLACES[place].tables
        for row in key_tables()[table].values()
        for key in _split(row["key"])
    )


def _is_character(key: str) -> bool:
    character = character_of(key)
    return character is not None and character.isprintable()


def _clashes(
    wanted: dict[str, list[str]], table_of: dict[str, str], defaults: dict[str, list[str]]
) -> dict[str, str]:
    """The entries to leave out, each with why: a key new to its binding that a binding
    it meets has too. Of two entries, the later one is left out; one left out may bring
    back a default that another entry then meets, so this goes on until none is met."""
    ids_of: dict[str, list[str]] = {}
    for binding_id, table in table_of.items():
        ids_of.setdefault(table, []).append(binding_id)
    refused: dict[str, str] = {}
    while True:
        keys = {
            binding_id: wanted[binding_id]
            if binding_id in wanted and binding_id not in refused
            else default
            for binding_id, default in defaults.items()
        }
        clash = next(
            (
                (binding_id, key, other)
                for binding_id in reversed(wanted)
                if binding_id not in refused
                for key in wanted[binding_id]
                if key not in defaults[binding_id]
                for table in tables_meeting(table_of[binding_id])
                for other in ids_of[table]
                if other != binding_id
                and key in keys[other]
                and not _apart(binding_id, other, table_of)
            ),
            None,
        )
        if clash is None:
            return refused
        binding_id, key, other = clash
        refused[binding_id] = (
            f"{_shown(key)} for {binding_id} is already {other}'s key"
            f" in {place_name(table_of[other], table_of[binding_id])}"
        )


def _apart(binding_id: str, other: str, table_of: dict[str, str]) -> bool:
    """Whether the two bindings never work at once: one only while reading an article,
    the other only while selecting in it."""
    modes = {_mode(binding_id, table_of[binding_id]), _mode(other, table_of[other])}
    return modes == {"reading", "selecting"}


def _mode(binding_id: str, table: str) -> str | None:
    """ "reading" or "selecting" for a key of the article that works only then."""
    if table not in ("article", "select"):
        return None
    action = key_tables()[table][binding_id]["action"].split("(")[0]
    if action in READ_ONLY_ACTIONS:
        return "reading"
    return "selecting" if action in SELECT_ONLY_ACTIONS else None


def _for_textual(
    keymap: dict[str, list[str]], table_of: dict[str, str], defaults: dict[str, list[str]]
) -> dict[str, str]:
    """The keymap as Textual takes it. Textual drops every binding of a key in a widget
    when one of them is given other keys (`b` of the article goes with `select.word_back`),
    so the bindings sharing a key with a remapped one (its old keys or its new ones, in
    the article where reading and selecting share keys) are named with their own keys."""
    given = {binding_id: ",".join(keys) for binding_id, keys in keymap.items()}
    for binding_id, keys in keymap.items():
        sharing = {
            other
            for place in places_of(table_of[binding_id])
            for other, table in table_of.items()
            if table in PLACES[place].tables
        }
        for other in sharing - given.keys():
            if set(defaults[other]) & {*defaults[binding_id], *keys}:
                given[other] = ",".join(defaults[other])
    return given
