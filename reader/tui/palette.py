"""The command palette, its entries made again when a resize changes its width: the
line under an article's entry is fitted to the width (`commands.article_line`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import Command, CommandInput, CommandList, CommandPalette

if TYPE_CHECKING:
    from textual import events


class ReaderPalette(CommandPalette):
    """Textual's palette; a resize to another width gathers its entries again for what
    is typed, the one highlighted kept highlighted."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._width = 0  # the width the entries were made for (0: not yet shown)
        self._kept: tuple[str, str] | None = None  # (what was typed, the entry highlighted)

    def on_resize(self, event: events.Resize) -> None:
        width, self._width = self._width, event.size.width
        if width in (0, self._width):
            return
        typed = self.query_one(CommandInput).value.strip()
        entries = self.query_one(CommandList)
        at = entries.highlighted
        option = None if at is None else entries.get_option_at_index(at)
        if isinstance(option, Command) and option.hit.text is not None:
            self._kept = (typed, option.hit.text)
        # (Textual's own search, as typing starts it: the palette has no public refresh)
        self._cancel_gather_commands()
        self._gather_commands(typed)

    def _refresh_command_list(
        self, command_list: CommandList, commands: list[Command], clear_current: bool
    ) -> None:
        super()._refresh_command_list(command_list, commands, clear_current)
        if self._kept is None:
            return
        typed, text = self._kept
        if typed != self.query_one(CommandInput).value.strip():
            self._kept = None  # typed since: the best match comes first again
            return
        for n in range(command_list.option_count):
            option = command_list.get_option_at_index(n)
            if isinstance(option, Command) and option.hit.text == text:
                command_list.highlighted = n
                return
