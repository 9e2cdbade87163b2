"""The status line under the article: what the library is doing, and its totals.

Each message comes in forms, from the fullest to the shortest, each dropping the part
least worth its room; the last ones may leave something out (`lossy`). The line shows
the fullest form that fits beside the totals; the totals shorten before a lossy form is
shown; so a narrow terminal reads whole words. Only a message with no form that fits (an
error's reason) is cut, with "…".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from reader.text.counts import plural, tally
from reader.text.safe import visible_line

if TYPE_CHECKING:
    from reader.search.results import UpdateStats

Forms = tuple[str, ...]  # one message, from its fullest form to its shortest
REBUILDING = "Rebuilding the index…"  # said in the article pane and the search bar too
TOTALS_GAP = 1  # the cell between the message and the totals (#status-totals' padding)


def indexed_forms(stats: UpdateStats, total: int, rebuilt: bool = False) -> tuple[Forms, int]:
    """What an index update did ("Indexed: 3 new, 1 changed"; a rebuild, "Index rebuilt:
    2,000 articles"), fullest first, and how many of the last forms leave something out:
    with files skipped or read with a front matter field left out, the forms without the
    hint that `reader index` lists them, then the one without them."""
    done = tally(((stats.added, "new"), (stats.updated, "changed"), (stats.removed, "removed")))
    if rebuilt:
        heads: Forms = (f"Index rebuilt: {plural(total, 'article')}", "Index rebuilt")
    elif done:
        heads = (f"Indexed: {done}",)
    else:
        heads = (f"Index up to date ({plural(total, 'article')})", "Index up to date")
    said = []  # (long, short): what the library could not read, each way
    if stats.skipped:
        said.append((f"{plural(stats.skipped, 'file')} skipped", f"{stats.skipped:,} skipped"))
    if stats.ignored:
        files = plural(stats.ignored, "file")
        said.append(
            (f"{files} with a bad front matter field", f"{stats.ignored:,} with bad front matter")
        )
    if not said:
        return heads, 0
    whole, short = (", ".join(forms) for forms in zip(*said, strict=True))
    hinted = (
        f" · {whole} (reader index lists them)",
        f" · {whole} (see reader index)",
        f" · {short} (see reader index)",
    )
    unhinted = (f" · {whole}", f" · {short}")
    # The article count first (the totals say it too), where to see the files not read
    # whole next, the files themselves last.
    forms = (*(head + tail for tail in (*hinted, *unhinted) for head in heads), heads[-1])
    return forms, len(unhinted) * len(heads) + 1


def totals_forms(total: int, unread: int, notes: int) -> Forms:
    """The library's totals (articles, unread, notes), fullest first."""
    articles = plural(total, "article")
    return (
        f"{articles} · {unread:,} unread · {plural(notes, 'note')}",
        f"{articles} · {unread:,} unread",
        articles,
    )


def fit(message: Forms, totals: Forms, width: int, lossy: int = 0) -> tuple[str, str]:
    """The forms of the message and of the totals that fit side by side in `width` cells
    (the last `lossy` forms of the message leave something out)."""
    if width <= 0:  # not laid out yet
        return message[0], totals[0]
    whole = len(message) - lossy
    for forms in (message[:whole], message[whole:]):
        for shown_totals in totals:
            room = width - (cell_len(shown_totals) + TOTALS_GAP if shown_totals else 0)
            for text in forms:
                if cell_len(text) <= room:
                    return text, shown_totals
    shown_totals = totals[-1]
    return cut(message[-1], width - cell_len(shown_totals) - TOTALS_GAP), shown_totals


def cut(text: str, room: int) -> str:
    """`text` in `room` cells: cut after a word when one ends near the end, else inside
    the last word; "…" says so."""
    if cell_len(text) <= room:
        return text
    if room < 1:
        return ""
    head = set_cell_size(text, room - 1).rstrip()
    space = head.rfind(" ")
    if space >= (room * 2) // 3:
        head = head[:space]
    return head.rstrip(" ·,;") + "…"


class StatusLine(Horizontal):
    """What the library is doing at the left (opening, indexing, an error), the totals at
    the right."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-progress")
        yield Static("", id="status-totals")

    _said: tuple[Forms, int] = (("",), 0)  # what was said, again after the story grouping
    _shown: tuple[Forms, int] = (("",), 0)  # what is shown, and how many forms are lossy
    _totals: Forms = ("",)

    def say(self, text: str, *shorter: str, lossy: int = 0) -> None:
        """Show what the library is doing (in shorter forms too, for a narrow window: the
        last `lossy` of them leave something out)."""
        self._said = ((text, *shorter), lossy)
        self._show(text, *shorter, lossy=lossy)

    def _show(self, text: str, *shorter: str, lossy: int = 0) -> None:
        # Plain text: messages carry file names, which may hold [brackets] or escapes.
        self._shown = (tuple(visible_line(form) for form in (text, *shorter)), lossy)
        self._fit()

    def on_resize(self, _event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        forms, lossy = self._shown
        message, totals = fit(forms, self._totals, self.content_region.width, lossy)
        self.query_one("#status-progress", Static).update(Text(message))
        self.query_one("#status-totals", Static).update(totals)

    def lead(self, *note: str) -> None:
        """Put `note` (in its forms, fullest first) before what is said now: what was said
        is shortened, then dropped, before the note is."""
        forms, lossy = self._said
        whole = len(forms) - lossy
        led = [f"{n} · {f}" for n in note for f in forms[:whole] if f]
        cut = [f"{n} · {f}" for n in note for f in forms[whole:] if f]
        self.say(*led, *cut, *note, lossy=len(cut) + len(note))

    def grouping(self, percent: int) -> None:
        """Show how far the story grouping is, until `grouped()`."""
        self._show(f"Grouping stories… {percent}%", f"Grouping… {percent}%")

    def grouped(self) -> None:
        """The story grouping ended: show again what was said before it."""
        forms, lossy = self._said
        self._show(*forms, lossy=lossy)

    def opening(self) -> None:
        self.say("Opening the library…", "Opening…")

    def updating(self) -> None:
        self.say("Updating the index…", "Updating…")

    def rebuilding(self, done: int | None = None, total: int | None = None) -> None:
        """Say the index is built anew (and how far, when told)."""
        if done is None or total is None:
            self.say(REBUILDING, "Rebuilding…")
            return
        far = f"{done:,}/{total:,}"
        self.say(f"Rebuilding the index {far}…", f"Rebuilding {far}…", "Rebuilding…", lossy=1)

    def indexing(self, done: int, total: int) -> None:
        self.say(f"Indexing {done:,}/{total:,}…")

    def read_only(self) -> None:
        self.say(
            "Index read-only: searching it as it is, without updating",
            "Index read-only: not updated",
            "Index read-only",
        )

    def busy(self) -> None:
        """Another process is writing the index: searched as it is, updated later."""
        self.say(
            "Index busy with another update: searching it as it is, trying again soon",
            "Index busy: searching it as it is",
            "Index busy",
        )

    def indexed(self, stats: UpdateStats, total: int, rebuilt: bool = False) -> None:
        """Say what an index update did (`rebuilt`: the index was rebuilt)."""
        forms, lossy = indexed_forms(stats, total, rebuilt)
        self.say(*forms, lossy=lossy)

    def show_totals(self, total: int, unread: int, notes: int) -> None:
        self._totals = totals_forms(total, unread, notes)
        self._fit()
