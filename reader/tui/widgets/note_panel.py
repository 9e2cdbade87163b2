"""The line under the article that shows the current annotation's note, or what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from reader.notes.tags import hashed
from reader.text.counts import plural
from reader.text.safe import visible_line

if TYPE_CHECKING:
    from reader.notes.placement import ArticleNotes, Placed

STATUS_WORDS = {
    "exact": "",
    "moved": "moved",
    "fuzzy": "approximate place — y to confirm",
}


class NotePanel(Static):
    """Hidden when there is nothing to say; its text starts where the article's does."""

    def on_resize(self) -> None:
        self._align()

    def _align(self) -> None:
        """Indent as the article view above indents its text (centred in a wide pane)."""
        view = getattr(self.screen, "view", None)
        pad = getattr(view, "left_pad", 1)
        if self.styles.padding.left != pad:
            self.styles.padding = (0, 1, 0, pad)

    def show_state(self, placed: Placed | None, notes: ArticleNotes | None) -> None:
        self._align()
        text = Text()
        if notes is not None and notes.error is not None:
            text.append("⚠ Notes are read-only: ", style="bold")
            text.append(visible_line(str(notes.error)))
        elif placed is not None:
            annotation = placed.annotation
            lines = annotation.note_lines
            first = lines[0] if lines else ""
            text.append("✎ ", style="bold")
            text.append(
                visible_line(first) if first else "(highlight, no note)",
                style="" if first else "dim",
            )
            if len(lines) > 1:  # the rest is one key away (e)
                rest = len(lines) - 1
                text.append(f" … (+{plural(rest, 'line')})", style="dim")
            if annotation.tags:
                text.append("  " + hashed(annotation.tags), style="italic")
            status = STATUS_WORDS.get(str(placed.status), "")
            if status:
                text.append(f"  · {status}", style="dim")
            text.append("   e edit · d delete", style="dim")
        if notes is not None and notes.broken:  # the others are shown, and can be changed
            if text:
                text.append("\n")
            more = f" ({len(notes.broken)} notes)" if len(notes.broken) > 1 else ""
            text.append(f"⚠ A note cannot be read{more}, fix it first: ", style="bold")
            text.append(visible_line(str(notes.broken[0])))
        if notes is not None and notes.odd:  # shown as the line says
            if text:
                text.append("\n")
            more = f" (and {len(notes.odd) - 1} more)" if len(notes.odd) > 1 else ""
            text.append("⚠ Check: ", style="bold")
            text.append(visible_line(f"{notes.odd[0]}{more}"))
        orphans = [p for p in notes.placed if p.orphaned] if notes is not None else []
        if orphans and not (notes is not None and notes.error is not None):
            if text:
                text.append("\n")
            quote = " ".join(orphans[0].annotation.quote.split())
            more = f" and {len(orphans) - 1} more" if len(orphans) > 1 else ""
            text.append(
                f"⚠ {plural(len(orphans), 'note')} no longer found: ",
                style="bold",
            )
            text.append(
                visible_line(f"“{quote[:60]}{'…' if len(quote) > 60 else ''}”{more}"),
                style="strike",
            )
        self.update(text)
        self.display = bool(text)
