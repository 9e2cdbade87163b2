"""The help's text: every place's keys, what each does and its id, drawn as one widget.

Rich tables in one widget rather than a Markdown document: a widget for each table cell
(some 350 of them) made the help take seconds to open on a slow machine.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.keys import format_key
from textual.widget import Widget

from reader.text.safe import visible_line

Sections = list[tuple[str, list[Binding]]]
COLUMNS = ("Keys", "Action", "Id")
GAP = 2  # cells between two columns


def row(binding: Binding, keymap: Mapping[str, str]) -> tuple[str, str, str]:
    """A binding's keys as a user types them ("?, f1"), the keymap's when it gives them,
    what it does, and its id."""
    keys = keymap.get(binding.id or "", binding.key)
    keys = ", ".join(format_key(key.strip()) for key in keys.split(","))
    return keys, binding.description or binding.action, binding.id or ""


class KeyTables(Widget):
    """A title, how to remap a key, then a table of keys for each place."""

    COMPONENT_CLASSES = {
        "key-tables--title",
        "key-tables--heading",
        "key-tables--header",
        "key-tables--code",
    }

    DEFAULT_CSS = """
    KeyTables {
        height: auto;
    }
    """

    def __init__(
        self,
        sections: Sections,
        config_path: str,
        keymap: Mapping[str, str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.rows = [(title, [row(b, keymap) for b in listed]) for title, listed in sections]
        self.config_path = visible_line(config_path)
        # Every table's columns as wide as the widest of any table, so they line up.
        every = [r for _title, rows in self.rows for r in rows]
        self.widths = [max(len(c), *(len(r[i]) for r in every)) for i, c in enumerate(COLUMNS)]

    def render(self) -> RenderableType:
        style = self.get_component_rich_style
        parts: list[RenderableType] = [
            Text("reader — keys", style=style("key-tables--title"), justify="center"),
            Text(),
            self.intro(style("key-tables--code")),
        ]
        for title, rows in self.rows:
            parts += [Text(), Text(title, style=style("key-tables--heading")), Text()]
            parts.append(self.table(rows, style("key-tables--header")))
        return Padding(Group(*parts), (1, 1))

    def intro(self, code: Style) -> Text:
        return Text.assemble(
            "Move with the keyboard (the mouse works too: click to focus and pick, wheel to "
            "scroll). Remap any key in the config file under ",
            ("keymap:", code),
            ", by the id in the last column, for example ",
            ('keymap: {main.search: "ctrl+k"}', code),
            ". An entry that cannot be used (a key another binding has there, a key typing "
            "needs, a key a list, table or field there takes first) is named and ignored; ",
            ("reader --check-config", code),
            " lists them. Config file: ",
            (self.config_path, code),
        )

    def table(self, rows: list[tuple[str, str, str]], header: Style) -> Table:
        """One place's keys, a row under the other: no rules, no blank lines."""
        table = Table(box=None, padding=(0, GAP, 0, 0), pad_edge=False, header_style=header)
        for name, width in zip(COLUMNS, self.widths, strict=True):
            # At a width too narrow for all, a cell wraps and a long id folds: none is cut.
            table.add_column(name, width=width, overflow="fold")
        for cells in rows:
            table.add_row(*(Text(cell) for cell in cells))  # "[" is a key, not markup
        return table
