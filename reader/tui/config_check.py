"""The settings only the app reads, the theme and the keymap, checked as the app applies
them: at its start-up, and by `reader --check-config`."""

from __future__ import annotations

from collections.abc import Collection

from reader.config import Config
from reader.text.safe import shortened


def app_settings(config: Config, themes: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply, and a one-line problem for the theme when it is none of
    `themes` and for each keymap entry left out. A theme named in other letter case
    (`Nord`) is taken: `config.theme` is set to the theme's own name."""
    problems = []
    if config.theme and config.theme not in themes:
        same = [theme for theme in themes if theme.casefold() == config.theme.casefold()]
        if len(same) == 1:  # `Nord`: the theme is `nord`, taken as meant
            config.theme = same[0]
        else:
            problems.append(f"{config.where('theme')}: {_unknown_theme(config.theme, themes)}")
    if not config.keymap:  # the usual case: the keymap's checks not even imported
        return {}, problems
    from reader.tui.keymap import checked_keymap

    keymap, told = checked_keymap(config)
    return keymap, problems + told


def _unknown_theme(theme: str, themes: Collection[str]) -> str:
    """The problem of a theme none of `themes` is, naming the closest."""
    import difflib

    named = {name.casefold(): name for name in themes}
    close = difflib.get_close_matches(theme.casefold(), named, n=1)
    guess = f" (did you mean {named[close[0]]}?)" if close else ""
    return f"unknown theme {shortened(theme)!r}{guess}; using the default"


def settings_problems(config: Config) -> list[str]:
    """The problems of the theme and the keymap, outside the app (its themes are
    Textual's own)."""
    from textual.theme import BUILTIN_THEMES

    return app_settings(config, BUILTIN_THEMES)[1]
