"""The settings only the app reads, the theme and the keymap, checked as the app applies
them: at its start-up, and by `reader --check-config`."""

from __future__ import annotations

from collections.abc import Collection

from reader.config import Config
from reader.text.safe import shortened


def app_settings(config: Config, themes: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply, and a one-line problem for the theme when it is none of
    `themes` and for each keymap entry left out."""
    problems = []
    if config.theme and config.theme not in themes:
        problems.append(
            f"{config.where('theme')}: unknown theme {shortened(config.theme)!r}; using the default"
        )
    if not config.keymap:  # the usual case: the keymap's checks not even imported
        return {}, problems
    from reader.tui.keymap import checked_keymap

    keymap, told = checked_keymap(config)
    return keymap, problems + told


def settings_problems(config: Config) -> list[str]:
    """The problems of the theme and the keymap, outside the app (its themes are
    Textual's own)."""
    from textual.theme import BUILTIN_THEMES

    return app_settings(config, BUILTIN_THEMES)[1]
