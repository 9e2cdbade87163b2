"""The Notes screen's pane under the table: the whole of the note under the cursor."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.notes.records import NoteRecord
from reader.notes.tags import hashed
from reader.text.safe import shown_title, visible, visible_line

NO_NOTE = "(highlight, no note)"  # a note of white space only, or none (see `has_note`)

DATE_FORMAT = "%Y-%m-%d %H:%M"
MOST_SHOWN = 20_000  # characters of a quote or note shown: the rest is a key away (e)


def note_text(record: NoteRecord, due: str, edit_key: str) -> Text:
    """The note as the pane shows it: its quote, its text, its tags, its article and
    source, when it was made and changed, where it stands and when the Review shows it.
    Every text from the notes as it is written, controls shown as symbols, never markup."""
    a = record.annotation
    status = record.shown_status
    text = Text()
    text.append("“")
    rest = f"{edit_key} shows them"
    text.append_text(cut_note(a.quote, rest, "strike" if status == "orphaned" else "italic"))
    text.append("”\n")
    shown = cut_note(a.note.strip(), rest) if a.has_note else Text(NO_NOTE, "dim")
    text.append_text(shown)
    if a.tags:
        text.append("\n" + hashed(a.tags), style="italic")
    text.append("\n" + visible_line(shown_title(record.title)), style="bold")
    if record.source:
        text.append(" · " + visible_line(record.source), style="dim")
    when = f"created {a.created.strftime(DATE_FORMAT)}"
    if a.modified != a.created:
        when += f" · changed {a.modified.strftime(DATE_FORMAT)}"
    text.append(f"\n{when} · {status} · review: {due}", style="dim")
    return text


def cut_note(text: str, rest: str, style: str = "") -> Text:
    """`text` shown safe (in `style`), cut after MOST_SHOWN characters with a word of
    where the rest is (`rest`: "e shows them"): a note or a quote of a megabyte takes
    seconds to lay out."""
    shown = Text()
    shown.append(visible(text[:MOST_SHOWN]), style=style)
    if is_cut(text):
        shown.append(f" … ({len(text) - MOST_SHOWN:,} more characters: {rest})")
    return shown


def is_cut(text: str) -> bool:
    """Whether `cut_note` cuts `text`."""
    return len(text) > MOST_SHOWN


class NoteDetail(VerticalScroll, can_focus=False):
    """The whole note under the table's cursor, scrolled by the wheel when it is long.
    Shown anew only as the cursor moves to another note: nothing is done per row."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.record: NoteRecord | None = None  # the note shown

    def compose(self) -> ComposeResult:
        yield Static("", id="note-detail-text")

    def show(self, record: NoteRecord, due: Callable[[NoteRecord], str], edit_key: str) -> None:
        """Show `record`, unless it is shown already (a note read again is another)."""
        if record is self.record:
            return
        self.record = record
        self.query_one(Static).update(note_text(record, due(record), edit_key))
        self.scroll_home(animate=False)
