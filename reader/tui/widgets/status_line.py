"""The status line under the article: what the library is doing, and its totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from reader.text.counts import plural, tally
from reader.text.safe import visible_line

if TYPE_CHECKING:
    from reader.search.results import UpdateStats


def indexed_text(stats: UpdateStats, total: int) -> str:
    """What an index update did, in a line ("Indexed: 3 new, 1 changed")."""
    done = tally(((stats.added, "new"), (stats.updated, "changed"), (stats.removed, "removed")))
    text = f"Indexed: {done}" if done else f"Index up to date ({plural(total, 'article')})"
    if stats.skipped:
        text += f" · {plural(stats.skipped, 'file')} skipped (reader index lists them)"
    return text


def totals_text(total: int, unread: int, notes: int) -> str:
    """The library's totals: articles, unread, notes."""
    return f"{plural(total, 'article')} · {unread:,} unread · {plural(notes, 'note')}"


class StatusLine(Horizontal):
    """What the library is doing at the left (opening, indexing, an error), the totals at
    the right."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-progress")
        yield Static("", id="status-totals")

    _said = ""

    def say(self, text: str) -> None:
        """Show what the library is doing."""
        self._said = text
        self._show(text)

    def _show(self, text: str) -> None:
        # Plain text: messages carry file names, which may hold [brackets] or escapes.
        self.query_one("#status-progress", Static).update(Text(visible_line(text)))

    def grouping(self, percent: int) -> None:
        """Show how far the story grouping is, until `grouped()`."""
        self._show(f"Grouping stories… {percent}%")

    def grouped(self) -> None:
        """The story grouping ended: show again what was said before it."""
        self._show(self._said)

    def opening(self) -> None:
        self.say("Opening the library…")

    def updating(self) -> None:
        self.say("Updating the index…")

    def rebuilding(self) -> None:
        self.say("Rebuilding the index…")

    def indexing(self, done: int, total: int) -> None:
        self.say(f"Indexing {done:,}/{total:,}…")

    def read_only(self) -> None:
        self.say("Index read-only: searching it as it is, without updating")

    def indexed(self, stats: UpdateStats, total: int) -> None:
        self.say(indexed_text(stats, total))

    def show_totals(self, total: int, unread: int, notes: int) -> None:
        self.query_one("#status-totals", Static).update(totals_text(total, unread, notes))
