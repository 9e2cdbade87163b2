"""Related coverage: the other articles telling the same story, one key from the article."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.related import Related
from reader.related.naming import told_apart
from reader.text.safe import visible_line
from reader.tui.commands import Command, ScreenCommands
from reader.tui.key_phrases import key_line
from reader.tui.keys import bindings, bound_key
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.pick_list import PickList

if TYPE_CHECKING:
    from reader.model import Article


class RelatedScreen(ModalScreen[str | None]):
    """Pick a related article: Enter opens it (the id it is dismissed with), c compares it
    with the current one over this list, which Esc in the comparison comes back to."""

    DEFAULT_CSS = screen_css("related")

    BINDINGS = bindings("related")

    COMMANDS = {ScreenCommands}

    def __init__(
        self, article: Article, related: list[Related], compare: Callable[[str], None]
    ) -> None:
        super().__init__()
        self.article = article
        self.title_text = article.title
        self.related = related
        self.compare = compare

    def compose(self) -> ComposeResult:
        with Vertical(id="related"):
            yield Label(
                Text(visible_line(f"Related coverage · {self.title_text}")), id="related-title"
            )
            yield PickList(*self._options(), id="related-list")
            compare, close = (
                bound_key(self.app, f"related.{name}") for name in ("compare", "close")
            )
            keys = key_line("⏎ open", f"{compare} compare side by side", f"{close} close")
            yield Static(keys, id="related-keys")
        yield KeyBar()  # this dialog's keys, over the ones of the screen beneath

    def _options(self) -> list[Option]:
        options = []
        # One reading as another (or as the open article) is named by its file too.
        named = [(r.id, r.source, r.title) for r in self.related]
        apart = told_apart([(self.article.id, self.article.source, self.title_text), *named])
        for item, file in zip(self.related, apart[1:], strict=True):
            prompt = Text()
            prompt.append(visible_line(item.source), style="bold")
            if item.date:
                prompt.append(f"  {item.date}", style="dim")
            if file:
                prompt.append(f"  {visible_line(file)}", style="italic")
            prompt.append(f"  {visible_line(item.title)}\n")
            shared = ", ".join(item.shared_entities[:6])
            prompt.append(f"  score {item.score:.2f}", style="dim")
            if shared:
                prompt.append(f" · shared: {visible_line(shared)}", style="dim italic")
            options.append(Option(prompt, id=item.id))
        return options

    def show(self, related: list[Related]) -> None:
        """List the tellings as the stories now stand (those gone from the library
        dropped), the pick kept on its article while it is listed."""
        if related == self.related:
            return
        picks = self.query_one(PickList)
        at = picks.highlighted
        kept = picks.get_option_at_index(at).id if at is not None else None
        self.related = related
        picks.clear_options()
        picks.add_options(self._options())
        ids = [item.id for item in related]
        picks.highlighted = ids.index(kept) if kept in ids else (0 if ids else None)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id or "")

    def action_compare(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            option = option_list.get_option_at_index(option_list.highlighted)
            self.compare(option.id or "")

    def palette_commands(self) -> list[Command]:
        """The palette's commands for this screen (see ScreenCommands)."""
        return [
            ("Back to the library", "Close the related articles", self.action_cancel),
            ("Compare side by side", "The picked article beside the open one", self.action_compare),
        ]

    def action_cancel(self) -> None:
        self.dismiss(None)
