"""The line under the article that shows the current annotation's note, or what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from reader.notes.tags import hashed
from reader.text.counts import plural
from reader.text.safe import visible_line
from reader.tui.cut_to_rows import fitted, within_reach
from reader.tui.key_phrases import rows, with_keys
from reader.tui.keys import bound_key
from reader.tui.widgets.fitted import Fitted, max_rows
from reader.tui.widgets.note_detail import NO_NOTE

if TYPE_CHECKING:
    from textual.app import App

    from reader.notes.placement import ArticleNotes, Placed

STATUS_WORDS = {
    "exact": "",
    "moved": "moved",
    "fuzzy": "approximate place — {confirm} to confirm",
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
        said: list[Said] = []
        if notes is not None and notes.error is not None:
            said.append(_warning("⚠ Notes are read-only: ", str(notes.error)))
        elif placed is not None:
            said.append(_note(placed, _NoteKeys.bound(self.app)))
        if notes is not None and notes.broken:  # the others are shown, and can be changed
            more = f" ({len(notes.broken)} notes)" if len(notes.broken) > 1 else ""
            lead = f"⚠ A note cannot be read{more}, fix it first: "
            said.append(_warning(lead, str(notes.broken[0])))
        if notes is not None and notes.odd:  # shown as the line says
            more = f" (and {len(notes.odd) - 1} more)" if len(notes.odd) > 1 else ""
            said.append(_warning("⚠ Check: ", f"{notes.odd[0]}{more}"))
        orphans = [p for p in notes.placed if p.orphaned] if notes is not None else []
        if orphans and not (notes is not None and notes.error is not None):
            quote = " ".join(orphans[0].annotation.quote.split())
            more = f" and {len(orphans) - 1} more" if len(orphans) > 1 else ""
            text = Text(f"⚠ {plural(len(orphans), 'note')} no longer found: ", style="bold")
            text.append(
                visible_line(f"“{quote[:60]}{'…' if len(quote) > 60 else ''}”{more}"),
                style="strike",
            )
            said.append(Said([text]))
        self.update(Fitted(lambda width: _within(said, width, self._rows)))
        self.display = bool(said)

    @property
    def _rows(self) -> int:
        """The rows the panel has (its style's max-height)."""
        return max_rows(self, ROWS)


ROWS = 3  # (when the style sets no max-height)


class Said:
    """One thing the panel says, in parts, then the keys that act on it: the first part is
    cut first where the rows run out (see `cut_to_rows.fitted`); `keys_cut`, when given,
    are said instead once it is."""

    def __init__(
        self, parts: list[Text], keys: tuple[str, ...] = (), keys_cut: tuple[str, ...] = ()
    ) -> None:
        self.parts = [Content.from_rich_text(part) for part in parts]
        self.keys, self.keys_cut = keys, keys_cut or keys

    def whole(self, width: int, limit: int) -> Content | None:
        """All of it with its keys; None when it surely takes more than `limit` rows."""
        reached = [within_reach(part, width, limit) for part in self.parts]
        if any(cut for _, cut in reached):
            return None
        return with_keys(Content("").join(part for part, _ in reached), self.keys, width)

    def height(self, width: int, limit: int) -> int:
        """The rows it takes whole, at most `limit`."""
        whole = self.whole(width, limit)
        return limit if whole is None else min(limit, rows(whole, width))

    def within(self, width: int, limit: int) -> Content:
        whole = self.whole(width, limit)
        return (
            whole
            if whole is not None and rows(whole, width) <= limit
            else fitted(self.parts, self.keys_cut, width, limit)
        )


KEYS = ("e edit", "d delete")
KEYS_WHOLE = ("e edit whole note", "d delete")  # when not all of the note shows


class _NoteKeys(NamedTuple):
    """The keys the note line names, as the user's keymap binds them."""

    edit: str = "e"
    delete: str = "d"
    confirm: str = "y"

    @classmethod
    def bound(cls, app: App[Any]) -> _NoteKeys:
        return cls(*(bound_key(app, f"article.{name}_note") for name in cls._fields))

    def named(self, whole: bool) -> tuple[str, str]:
        return (f"{self.edit} edit{' whole note' if whole else ''}", f"{self.delete} delete")


def _note(placed: Placed, keys: _NoteKeys) -> Said:
    """The note at the cursor: its first line, tags and place, then its keys; cut, or of
    several lines, its keys say that edit shows all of it."""
    annotation = placed.annotation
    lines = annotation.note_lines
    first = lines[0] if lines else ""
    text = Text("✎ ", style="bold")
    text.append(
        visible_line(first) if first else NO_NOTE,
        style="" if first else "dim",
    )
    rest = Text()
    if len(lines) > 1:  # the rest is one key away (e)
        rest.append(f" … (+{plural(len(lines) - 1, 'line')})", style="dim")
    if annotation.tags:
        rest.append("  " + hashed(annotation.tags), style="italic")
    status = STATUS_WORDS.get(str(placed.status), "").format(confirm=keys.confirm)
    if status:
        rest.append(f"  · {status}", style="dim")
    return Said([text, rest], keys.named(len(lines) > 1), keys.named(True))


def _warning(lead: str, what: str) -> Said:
    text = Text(lead, style="bold")
    text.append(visible_line(what))
    return Said([text])


def _within(said: list[Said], width: int, limit: int) -> Content:
    """What the panel says, within `limit` rows: each thing whole while they all fit;
    else the tallest cut a row at a time (the later of two as tall), each keeping a row."""
    said = said[:limit]
    heights = [s.height(width, limit) for s in said]  # (more than `limit` never shows)
    while sum(heights) > limit:
        tallest = max(heights)
        at = len(heights) - 1 - heights[::-1].index(tallest)
        heights[at] -= 1
    return Content("\n").join(s.within(width, h) for s, h in zip(said, heights, strict=True))
