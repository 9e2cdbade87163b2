"""A short list to pick from (Related's articles), moved by the keys of every list."""

from __future__ import annotations

from textual.widgets import OptionList

from reader.tui.keys import bindings


class PickList(OptionList):
    """An option list that takes `j`/`k` and `g`/`G` besides Textual's arrows, Home and End."""

    BINDINGS = bindings("pick")
