"""The Notes screen: every annotation in the library, filtered, sorted, and one key from its passage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.errors import ReaderError
from reader.notes.review import NoteRecord, NotesProblem, collect, matches
from reader.safetext import visible
from reader.session import Session
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.key_bar import KeyBar

SORTS: dict[str, Callable[[NoteRecord], object]] = {
    "date": lambda r: r.annotation.modified.timestamp() * -1,
    "article": lambda r: (r.title.lower(), r.start),
    "source": lambda r: (r.source.lower(), r.title.lower(), r.start),
}
STATUSES = ("exact", "moved", "fuzzy", "orphaned")


def _line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class NotesScreen(Screen):
    """Review annotations: filter as you type, facets by tag and status, jump back."""

    DEFAULT_CSS = screen_css("notes")

    BINDINGS = [
        Binding("escape", "close", "Back", id="notes.close"),
        Binding("slash", "focus_filter", "Filter", id="notes.filter"),
        Binding("enter", "open", "Open passage", id="notes.open"),
        Binding("e", "edit", "Edit", id="notes.edit"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("u", "undo", "Undo delete", id="notes.undo"),
        Binding("s", "cycle_sort", "Sort", id="notes.sort"),
        Binding("r", "reattach", "Re-attach", id="notes.reattach"),
        Binding("x", "export", "Export", id="notes.export"),
    ]

    def __init__(self, session: Session, on_open: Callable[[NoteRecord, bool], None]) -> None:
        super().__init__()
        self.session = session
        self.on_open = on_open
        self.records: list[NoteRecord] = []
        self.problems: list[NotesProblem] = []
        self.shown: list[NoteRecord] = []
        self.sort = "date"
        self.tag_filter: str | None = None
        self.status_filter: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="notes-bar"):
            yield Input(
                placeholder="Filter notes: words in the quote, note, tags or title",
                id="notes-filter",
            )
            yield Label("", id="notes-count")
        with Horizontal(id="notes-body"):
            with Vertical(id="notes-facets"):
                yield Label("Tags", classes="facet-title")
                yield OptionList(id="tag-facets")
                yield Label("Status", classes="facet-title")
                yield OptionList(id="status-facets")
            yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        yield Label("", id="notes-problems")
        yield KeyBar()

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        self.table.add_columns("Modified", "Article", "Source", "Quote", "Note", "Tags", "Status")
        self.table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="notes")
    def load(self) -> None:
        try:
            records, problems = collect(self.session.annotations.store, self.session.article)
        except ReaderError as error:  # the search index is gone or damaged
            self.app.call_from_thread(self.app.main.index_failed, error)
            return
        self.app.call_from_thread(self._loaded, records, problems)

    def _loaded(self, records: list[NoteRecord], problems: list[NotesProblem]) -> None:
        keep = self.current.annotation.id if self.current else None
        self.records = records
        self.problems = problems
        self._fill_facets()
        self.refill(keep)
        problem_label = self.query_one("#notes-problems", Label)
        if problems:
            first = problems[0].error
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            problem_label.update(Text(f"⚠ Not shown, fix first: {visible(str(first))}{more}"))
        problem_label.display = bool(problems)

    # ----- filtering and sorting ---------------------------------------------------------

    def _fill_facets(self) -> None:
        tags = Counter(t for r in self.records for t in r.annotation.tags)
        tag_list = self.query_one("#tag-facets", OptionList)
        tag_list.clear_options()
        tag_list.add_option(Option(Text(f"All ({len(self.records)})"), id="*"))
        for tag, count in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0].lower())):
            tag_list.add_option(Option(Text(f"#{visible(tag)} ({count})"), id=f"tag:{tag}"))
        statuses = Counter(str(r.status) for r in self.records)
        status_list = self.query_one("#status-facets", OptionList)
        status_list.clear_options()
        status_list.add_option(Option(Text(f"Any ({len(self.records)})"), id="*"))
        for status in STATUSES:
            if statuses[status]:
                status_list.add_option(
                    Option(Text(f"{status} ({statuses[status]})"), id=f"status:{status}")
                )

    def refill(self, keep_id: str | None = None) -> None:
        words = self.query_one("#notes-filter", Input).value
        tags = (self.tag_filter,) if self.tag_filter else ()
        shown = [
            r for r in self.records if matches(r, tags=tags, status=self.status_filter, text=words)
        ]
        shown.sort(key=SORTS[self.sort])
        self.shown = shown
        table = self.table
        table.clear()
        for record in shown:
            table.add_row(*self._cells(record), key=record.annotation.id)
        if keep_id is not None:
            index = next((i for i, r in enumerate(shown) if r.annotation.id == keep_id), 0)
            table.move_cursor(row=index)
        filters = [f"#{self.tag_filter}" if self.tag_filter else "", self.status_filter or ""]
        active = " ".join(f for f in filters if f)
        self.query_one("#notes-count", Label).update(
            f"{len(shown):,} of {len(self.records):,} · sorted by {self.sort}"
            + (f" · {active}" if active else "")
        )

    def _cells(self, record: NoteRecord) -> list[Text]:
        a = record.annotation
        orphaned = record.status == "orphaned"
        quote = Text(visible(_line(a.quote, 40)), style="strike" if orphaned else "")
        note = (a.note.strip().splitlines() or [""])[0]
        status = Text(
            str(record.status),
            style="bold red" if orphaned else ("yellow" if record.status == "fuzzy" else "dim"),
        )
        return [
            Text(a.modified.strftime("%Y-%m-%d %H:%M")),
            Text(visible(_line(record.title, 32))),
            Text(visible(_line(record.source, 14))),
            quote,
            Text(visible(_line(note, 36))),
            Text(visible(_line(" ".join(f"#{t}" for t in a.tags), 20)), style="italic"),
            status,
        ]

    @on(Input.Changed, "#notes-filter")
    def _on_filter(self) -> None:
        self.refill()

    @on(Input.Submitted, "#notes-filter")
    def _on_filter_done(self) -> None:
        self.table.focus()

    @on(OptionList.OptionSelected)
    def _on_facet(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "*"
        if event.option_list.id == "tag-facets":
            self.tag_filter = None if option_id == "*" else option_id.removeprefix("tag:")
        else:
            self.status_filter = None if option_id == "*" else option_id.removeprefix("status:")
        self.refill()

    def action_cycle_sort(self) -> None:
        order = list(SORTS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self.refill(self.current.annotation.id if self.current else None)

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    # ----- actions on the current note ------------------------------------------------------

    @property
    def current(self) -> NoteRecord | None:
        table = self.table
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "edit", "delete"):
            return self.current is not None
        if action == "reattach":
            return self.current is not None and self.current.status == "orphaned"
        if action == "undo":
            return self.app.can_undo_delete
        return True

    @on(DataTable.RowHighlighted)
    def _on_row(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _on_row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if (record := self.current) is not None:
            self.dismiss()
            self.on_open(record, False)

    def action_reattach(self) -> None:
        if (record := self.current) is not None and record.status == "orphaned":
            self.dismiss()
            self.on_open(record, True)

    def action_edit(self) -> None:
        if (record := self.current) is not None:
            self.app.note_actions.edit(record.article_id, record.annotation, self.load)

    def action_delete(self) -> None:
        if (record := self.current) is not None:
            self.app.note_actions.delete(record.article_id, record.annotation.id, self._changed)

    def action_undo(self) -> None:
        self.app.note_actions.undo(lambda _restored: self._changed())

    def _changed(self) -> None:
        if self.is_attached:
            self.refresh_bindings()
            self.load()

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.shown))

    def action_close(self) -> None:
        if (
            self.focused is self.query_one("#notes-filter", Input)
            and self.query_one("#notes-filter", Input).value
        ):
            self.query_one("#notes-filter", Input).value = ""
            self.table.focus()
            return
        self.dismiss()
