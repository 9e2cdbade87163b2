"""A short list to pick from (Related's articles), moved by the keys of every list."""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList

from reader.tui.keys import bindings


class PickList(OptionList):
    """An option list that takes `j`/`k` and `g`/`G` besides Textual's arrows, Home and End;
    a click picks an option and a double-click chooses it, as in the library's list."""

    BINDINGS = bindings("pick")

    async def _on_click(self, event: events.Click) -> None:
        # (Textual's chooses at the first click: the second of a double-click then fell
        # on the screen beneath.)
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()
