"""A screen's own stylesheet, kept in `styles/` beside reader.tcss."""

from __future__ import annotations

from reader.paths import styles_dir


def screen_css(name: str) -> str:
    """The rules of `styles/<name>.tcss`, for a screen's DEFAULT_CSS.

    As DEFAULT_CSS they are parsed when the screen is first shown, not with the main
    screen's at start-up, and they apply within that screen only.
    """
    return (styles_dir() / f"{name}.tcss").read_text(encoding="utf-8")
