"""The annotation dialog: a note, tags (completed from existing ones) and a colour."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from reader.notes.schema import COLORS
from reader.safetext import visible
from reader.tui.highlight_colors import highlight_style
from reader.tui.screens.styles import screen_css


@dataclass(frozen=True, slots=True)
class Draft:
    """What the dialog returns: the note, its tags and its colour."""

    note: str
    tags: tuple[str, ...]
    color: str


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties or repeats, in typed order."""
    seen: dict[str, None] = {}
    for tag in text.split(","):
        tag = " ".join(tag.split())
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from known tags."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = sorted(set(tags), key=str.lower)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, current = value.rpartition(",")
        current = current.lstrip()
        if not current:
            return None
        for tag in self.tags:
            if tag.lower().startswith(current.lower()) and tag.lower() != current.lower():
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


class AnnotateScreen(ModalScreen[Draft | None]):
    """Write or edit the note on a passage. ctrl+s saves, Esc cancels."""

    DEFAULT_CSS = screen_css("annotate")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="annotate.save"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel"),
    ]

    def __init__(
        self,
        quote: str,
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
        color: str = COLORS[0],
        known_tags: list[str] | None = None,
        title: str = "Annotate",
    ) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.color = color if color in COLORS else COLORS[0]
        self.known_tags = known_tags or []
        self.heading = title
        self._confirm_discard = False

    def compose(self) -> ComposeResult:
        quote = " ".join(self.quote.split())
        if len(quote) > 240:
            quote = quote[:237] + "…"
        with Vertical(id="annotate"):
            yield Label(self.heading, id="annotate-title")
            yield Static(visible(f"“{quote}”"), id="annotate-quote", markup=False)
            yield Label("Note")
            yield TextArea(self.note, id="annotate-note", soft_wrap=True, tab_behavior="focus")
            yield Label("Tags (comma separated)")
            yield Input(
                ", ".join(self.tags),
                placeholder="e.g. nato, quote",
                id="annotate-tags",
                suggester=TagSuggester(self.known_tags),
            )
            yield Label("Colour")
            with RadioSet(id="annotate-color"):
                for color in COLORS:
                    label = Text(
                        f" {color} ", style=highlight_style(color, self.app.current_theme.dark)
                    )
                    yield RadioButton(label, value=color == self.color, name=color)
            yield Static("ctrl+s save · esc cancel · tab next field", id="annotate-keys")

    def on_mount(self) -> None:
        note = self.query_one(TextArea)
        note.move_cursor(note.document.end)
        note.focus()

    def action_save(self) -> None:
        note = self.query_one(TextArea).text
        tags = parse_tags(self.query_one("#annotate-tags", Input).value)
        pressed = self.query_one(RadioSet).pressed_button
        color = pressed.name if pressed is not None and pressed.name else self.color
        self.dismiss(Draft(note, tags, color))

    def _changed(self) -> bool:
        note = self.query_one(TextArea).text
        tags = parse_tags(self.query_one("#annotate-tags", Input).value)
        return note != self.note or tags != tuple(self.tags)

    def action_cancel(self) -> None:
        """Esc: leave; when something was typed, only on the second Esc."""
        if self._changed() and not self._confirm_discard:
            self._confirm_discard = True
            self.notify("Press Esc again to discard what you typed, or ctrl+s to save.", timeout=4)
            return
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
