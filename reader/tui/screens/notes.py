"""The Notes screen: every annotation in the library, filtered, sorted, and one key from its passage."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.infra.collector import collector_held
from reader.notes.filtering import NoteFilter, searched_text
from reader.notes.records import NoteRecord, NotesProblem, collect
from reader.notes.shared_ids import SharedId, shared_ids
from reader.notes.tags import hashed, tally
from reader.review import clock as review_clock
from reader.review.card import due_label
from reader.review.deck import shown_today
from reader.session import Session
from reader.text.safe import escaped, shortened, shown_title, visible, visible_line
from reader.tui.commands import ScreenCommands
from reader.tui.cut_to_rows import fitted
from reader.tui.fix_first import reason_kept, shared_line
from reader.tui.keys import bindings, bound_key, in_sentence
from reader.tui.notes_chosen import SORTS, Choice, note_key
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.search_and_find import SEARCH_DEBOUNCE
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.facet_list import FacetList
from reader.tui.widgets.fitted import Fitted
from reader.tui.widgets.handing_input import HandingInput
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.note_detail import NoteDetail
from reader.tui.widgets.notes_table import LazyCell, NotesTable

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.tui.app import ReaderApp
    from reader.tui.commands import Command

STATUSES = ("exact", "moved", "fuzzy", "orphaned", "unplaced")
STATUS_STYLES = {"orphaned": "bold red", "fuzzy": "yellow", "unplaced": "bold magenta"}

COLUMNS = ("Modified", "Article", "Source", "Quote", "Note", "Tags", "Status", "Due")
# Narrower than this, the tag and status lists go above the table, not beside it.
SIDE_FACETS_WIDTH = 140
FACETS_WIDTH = 25  # the facets pane and its border, as styles/notes.tcss has it
# Lower than this, the lists above the table (6 rows) would leave it no row: they go.
FACETS_ABOVE_HEIGHT = 18
# As high as this or higher, the pane with the whole note shows under the table unless
# hidden (`i`); lower, the table keeps the rows unless the pane is asked for. The pane
# takes half the table's room at most (styles/notes.tcss).
DETAIL_HEIGHT = 30
FILTER_SAID = 40  # the most of the filter's words the line saying none match quotes
GAP = 1  # the blank cell after each column (the table's own padding is two, each side)
SCROLLBAR = 2
# The columns that share the room left by the date and the status: the fewest cells each
# is given, and its share of the rest.
FLEXIBLE = {
    "Article": (8, 3),
    "Source": (7, 1.5),
    "Quote": (10, 4),
    "Note": (10, 4),
    "Tags": (7, 2),
}
FILTER_TAG_CELLS = 30  # the most of a tag chosen that the count line shows
ROWS_AT_ONCE = 200  # rows shown as the table is filled (more than a tall screen holds)
# Rows added after each frame, until every note has its row: a row costs its place only
# (its text is made when drawn), so a slice takes a tenth of a second at most.
ROWS_PER_SLICE = 2_500
STATUS_WIDTH = len("orphaned")
DUE_WIDTH = len("Dec 31")  # when the note is next due in the Review
DUE_NOW = ("new", "today")  # shown in bold: due by the end of the day
DATE_FORMATS = {16: "%Y-%m-%d %H:%M", 10: "%Y-%m-%d"}


# The columns given up, in this order, when the others would not fit at their fewest cells.
DROPPED_FIRST = ("Tags", "Due", "Source", "Modified")
DATE_WIDTH = 10  # the date without its time


def column_widths(table_width: int) -> dict[str, int]:
    """The width of each column shown so that all of them fit in `table_width` cells:
    the date loses its time first, then every other column shares what is left by its
    weight; where even their fewest cells do not fit, the columns of DROPPED_FIRST are
    given up in turn."""
    shown = list(COLUMNS)
    for name in DROPPED_FIRST:
        if _room(table_width, shown) >= _least(shown):
            break
        shown.remove(name)
    room = _room(table_width, shown)
    flexible = {name: FLEXIBLE[name] for name in shown if name in FLEXIBLE}
    least = sum(minimum for minimum, _weight in flexible.values())
    widths = {"Status": STATUS_WIDTH, "Due": DUE_WIDTH}
    if "Modified" in shown:  # as wide as before Due
        widths["Modified"] = 16 if room - 16 - least >= 40 - DUE_WIDTH - GAP else DATE_WIDTH
    spare = max(0, room - widths.get("Modified", 0) - least)
    weights = sum(weight for _minimum, weight in flexible.values())
    for name, (minimum, weight) in flexible.items():
        widths[name] = minimum + int(spare * weight / weights)
    # What rounding left over goes to the note and the quote, the columns that most want it.
    left = max(0, room - widths.get("Modified", 0) - sum(widths[name] for name in flexible))
    widths["Note"] += left - left // 2
    widths["Quote"] += left // 2
    return {name: widths[name] for name in shown}


def _room(table_width: int, shown: list[str]) -> int:
    """The cells left for the date and the flexible columns among `shown`."""
    fixed = (STATUS_WIDTH if "Status" in shown else 0) + (DUE_WIDTH if "Due" in shown else 0)
    return max(0, table_width - SCROLLBAR - GAP * (len(shown) + 1) - fixed)


def _least(shown: list[str]) -> int:
    """The fewest cells the date and the flexible columns among `shown` take."""
    date = DATE_WIDTH if "Modified" in shown else 0
    return date + sum(FLEXIBLE[name][0] for name in shown if name in FLEXIBLE)


def problem_line(problems: list[NotesProblem], width: int, notes_dir: Path) -> str:
    """The one line saying which notes are not shown (first) or are shown as said: the
    file at fault (from the notes folder on), its line and what is wrong with it, within
    `width` cells as `reason_kept` fits them."""
    first = next((p for p in problems if not p.shown), problems[0])
    error = first.error
    files = f" ({len(problems)} problems)" if len(problems) > 1 else ""
    lead = f"⚠ {'Check' if first.shown else 'Not shown, fix first'}{files}: "
    name = escaped(error.path)
    at = f":{error.line}" if error.line else ""
    text = str(error)
    reason = text[len(name + at) :] if text.startswith(name + at) else f": {text}"
    with contextlib.suppress(ValueError):
        name = escaped(str(Path(error.path).relative_to(notes_dir)))
    return reason_kept(lead, name, at, reason, width)


def _cell(text: str, width: int, style: str = "") -> Text:
    """One line of `text`, cut to `width` cells with an ellipsis."""
    cell = Text(visible(" ".join(text.split())), style=style, no_wrap=True)
    cell.truncate(width, overflow="ellipsis")
    return cell


def _same(these: list[NoteRecord], those: list[NoteRecord]) -> bool:
    """Whether two lists hold the very same notes in the same order."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def _highlighted_id(option_list: OptionList) -> str | None:
    option = option_list.highlighted_option
    return option.id if option is not None else None


def _highlight_id(option_list: OptionList, option_id: str | None) -> None:
    """Highlight the option `option_id` again, when the list still has it."""
    if option_id is None:
        return
    with contextlib.suppress(OptionDoesNotExist):
        option_list.highlighted = option_list.get_option_index(option_id)


class NotesScreen(Screen):
    """Review annotations: filter as you type, facets by tag and status, jump back."""

    app: ReaderApp  # for the type checker: the app these screens run in

    DEFAULT_CSS = screen_css("notes")

    BINDINGS = bindings("notes")

    COMMANDS = {ScreenCommands}

    def __init__(
        self,
        session: Session,
        on_open: Callable[[NoteRecord, bool], None],
        *,
        export: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.on_open = on_open
        self.export_when_read = export  # the export dialog opened once the notes are read
        self.records: list[NoteRecord] = []
        self.searched: list[str] = []  # each record's words as the filter reads them
        self.problems: list[NotesProblem] = []
        self.shared: list[SharedId] = []  # note ids in more than one notes file
        self.shown: list[NoteRecord] = []
        self.sort = "date"
        self.tag_filter: str | None = None
        self.status_filter: str | None = None
        self.due_only = False  # the "due today" facet: only notes the Review shows today
        self.today: set[tuple[str, str]] = set()  # those notes: (article id, note id)
        self.widths: dict[str, int] = {}
        self._filling = 0  # how many times the table was filled: a slice of an older is dropped
        self._filter_timer: Timer | None = None  # the filter waiting for the typing to pause
        self._choosing = 0  # how many times the notes were chosen: an older choice is dropped
        self._shown_for = ""  # the filter's words the notes shown are chosen by
        self.read = False  # the notes have been read once: an empty table means none
        self.detail_wanted: bool | None = None  # the pane shown or hidden by `i`; None: by height

    def compose(self) -> ComposeResult:
        with Horizontal(id="notes-bar"):
            yield HandingInput(
                placeholder="Filter notes: words in the quote, note, tags or title",
                id="notes-filter",
                on_enter=self._on_filter_done,
                on_leave=self.action_close,
            )
            yield Label("", id="notes-count")
        with Horizontal(id="notes-body"):
            with Container(id="notes-facets"):
                with Vertical(id="tag-group"):
                    yield Label("Tags", classes="facet-title")
                    yield FacetList(id="tag-facets")
                with Vertical(id="status-group"):
                    yield Label("Status", classes="facet-title")
                    yield FacetList(id="status-facets")
            with Vertical(id="notes-main"):
                yield NotesTable(
                    id="notes-table", cursor_type="row", zebra_stripes=True, cell_padding=0
                )
                yield Label("", id="notes-empty")
                yield NoteDetail(id="note-detail")
        yield Label("", id="notes-problems")
        # Attach, where the note can be attached, before the others; Enter on a row, which
        # a click does too, where there is room to spare. Sort and Details only with a
        # note shown (the keys work all the same).
        yield KeyBar(
            keep=("reattach",),
            last=("open",),
            only_when={
                "reattach": self.attachable,
                "cycle_sort": self.has_note,
                "toggle_detail": self.has_note,
            },
        )

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab goes between the table and the tag and status lists: only `/` opens the
        filter, so a letter typed after Tab is a key, never text in the filter."""
        return [w for w in super().focus_chain if not isinstance(w, Input) or w.has_focus]

    @property
    def table(self) -> NotesTable:
        return self.query_one(NotesTable)

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.table.focus()
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Lay the screen out for `width` columns: every column of the table visible;
        in a terminal too low for the tag and status lists above the table, none (the
        focus, if on them, goes to the table)."""
        side = width >= SIDE_FACETS_WIDTH
        self.set_class(not side, "-facets-above")
        hidden = not side and height < FACETS_ABOVE_HEIGHT
        self.set_class(hidden, "-no-facets")
        facets = self.query_one("#notes-facets")
        if hidden and self.focused is not None and facets in self.focused.ancestors:
            self.set_focus(self.table)  # left on a hidden list, keys would go nowhere
        widths = column_widths(width - FACETS_WIDTH if side else width)
        self._show_problems()
        self._show_detail()
        if widths == self.widths:
            return
        self.widths = widths
        keep = self.current.annotation.id if self.current else None
        self.table.clear(columns=True)
        self.shown = []  # (its rows made again, to the new widths)
        for n, (name, cells) in enumerate(widths.items()):
            lead = " " * GAP if n == 0 else ""
            self.table.add_column(lead + name, width=len(lead) + cells + GAP, key=name)
        if self.records:
            self.refill(keep)

    def load(self) -> None:
        """Read every note again (in the background), keeping the filter, the facets, the
        sort and the cursor's note."""
        # (the app taken here: the screen may be closed while the notes are read, and a
        # screen taken off the app no longer finds it from the reading's thread)
        self._read(self.app)

    @work(thread=True, exclusive=True, group="notes")
    def _read(self, app: ReaderApp) -> None:
        store = self.session.annotations.store
        try:
            records, problems = collect(store, self.session.article)
        except ReaderError as error:  # the search index is gone or damaged
            self._tell(app, app.main.index_failed, error)
            return
        shared = shared_ids(records, store)
        today = shown_today(records, review_clock.now(), app.config.review)
        searched = [searched_text(r) for r in records]
        if not get_current_worker().is_cancelled:  # a later reading replaced this one
            self._tell(app, self._loaded, records, searched, problems, shared, today)

    @staticmethod
    def _tell(app: ReaderApp, callback: Callable[..., None], *args: object) -> None:
        """Run callback(*args) on the interface's thread, unless the app has ended."""
        with contextlib.suppress(RuntimeError):  # (its event loop closed meanwhile)
            app.call_from_thread(callback, *args)

    def _loaded(
        self,
        records: list[NoteRecord],
        searched: list[str],
        problems: list[NotesProblem],
        shared: list[SharedId],
        today: set[tuple[str, str]],
    ) -> None:
        # Not laid out yet: on_mount reads the notes once it is.
        if not self.is_attached or not self.widths:
            return
        try:
            keep = self.current.annotation.id if self.current else None
            row = self.table.cursor_row
            self.records, self.searched = records, searched
            self.problems, self.shared, self.today = problems, shared, today
            self.read = True
            self._fill_facets()
            self.refill(keep, near=row)
            self._show_problems()
        except NoMatches:  # closing: its widgets are removed one after another
            return
        if self.export_when_read:
            self.export_when_read = False
            self.action_export()

    def _show_problems(self) -> None:
        """The line naming the notes files not shown, fitted to the screen's width; else
        the one naming a note id that two notes files hold."""
        label = self.query_one("#notes-problems", Label)
        if self.problems:
            # (the label's padding: a cell each side)
            line = problem_line(self.problems, self.app.size.width - 2, self.session.notes_dir)
            label.update(Text(line))
        elif self.shared:
            line = shared_line(self.shared, self.app.size.width - 2, self.session.notes_dir)
            label.update(Text(line))
        label.display = bool(self.problems or self.shared)

    # ----- filtering and sorting ---------------------------------------------------------

    def _fill_facets(self) -> None:
        tags = tally(r.annotation.tags for r in self.records)
        tag_list = self.query_one("#tag-facets", OptionList)
        status_list = self.query_one("#status-facets", OptionList)
        picked = [_highlighted_id(tag_list), _highlighted_id(status_list)]
        tag_list.clear_options()
        tag_list.add_option(Option(Text(f"All ({len(self.records)})"), id="*"))
        for tag, count in tags:
            tag_list.add_option(Option(Text(f"{hashed([tag])} ({count})"), id=f"tag:{tag}"))
        statuses = Counter(r.shown_status for r in self.records)
        status_list.clear_options()
        status_list.add_option(Option(Text(f"Any ({len(self.records)})"), id="*"))
        for status in STATUSES:
            if statuses[status]:
                status_list.add_option(
                    Option(Text(f"{status} ({statuses[status]})"), id=f"status:{status}")
                )
        due = sum(1 for r in self.records if note_key(r) in self.today)
        status_list.add_option(Option(Text(f"due today ({due})"), id="review:due"))
        for option_list, option_id in zip((tag_list, status_list), picked, strict=True):
            _highlight_id(option_list, option_id)

    def _choice(self) -> Choice:
        """What picks the notes shown, as it stands now."""
        return Choice(
            self.records,
            self.searched,
            self.query_one("#notes-filter", Input).value,
            self.tag_filter,
            self.status_filter,
            self.due_only,
            self.today,
            self.sort,
        )

    def refill(self, keep_id: str | None = None, *, near: int = 0) -> None:
        """Show the notes the filter and the facets leave, sorted, at once (a filter
        still waiting for the typing to pause, or being applied, is dropped: this one is
        newer); the cursor on the note `keep_id`, else on row `near`."""
        self._stop_choosing()
        choice = self._choice()
        self._show(choice.words, choice.chosen(), keep_id, near=near)

    def _stop_choosing(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        self._choosing += 1

    def _choose_later(self) -> None:
        """The filter applied once the typing pauses, away from the interface's thread:
        a burst of keys chooses the notes once, and fills the table once."""
        self._stop_choosing()
        self._filter_timer = self.set_timer(SEARCH_DEBOUNCE, self._choose_now)

    def _choose_now(self) -> None:
        self._filter_timer = None
        self._choose(self.app, self._choosing, self._choice())

    # (described: by default a worker is named by its arguments written out, thousands
    # of notes here, which would take longer than choosing among them)
    @work(thread=True, exclusive=True, group="notes-filter", description="choosing notes")
    def _choose(self, app: ReaderApp, choosing: int, choice: Choice) -> None:
        shown = choice.chosen()
        if not get_current_worker().is_cancelled:
            self._tell(app, self._chosen, choosing, choice.words, shown)

    def _chosen(self, choosing: int, words: str, shown: list[NoteRecord]) -> None:
        if choosing != self._choosing or not self.is_attached:
            return  # chosen again since (typed on, sorted, read again)
        with contextlib.suppress(NoMatches):  # (closing: its widgets go one by one)
            self._show(words, shown, self.current.annotation.id if self.current else None)

    def _show(
        self, words: str, shown: list[NoteRecord], keep_id: str | None, *, near: int = 0
    ) -> None:
        """Fill the table with `shown`, the notes the filter's `words` and the facets
        leave; the cursor on the note `keep_id`, else on row `near`. The same notes in
        the same order keep their rows."""
        self._shown_for = words
        index = 0
        if keep_id is not None:
            index = next((i for i, r in enumerate(shown) if r.annotation.id == keep_id), near)
            index = max(0, min(index, len(shown) - 1))
        if not _same(shown, self.shown):
            self.shown = shown
            self.table.clear()
            self._filling += 1
            # The rows up to the cursor's and a screenful more at once, the others after
            # each frame: thousands of rows would hold the screen (and the keys) a while.
            self._add_rows(index + ROWS_AT_ONCE)
            self._fill_later(self._filling)
        else:
            self._add_rows(index + ROWS_AT_ONCE)
        if keep_id is not None:
            self.table.move_cursor(row=index)
        self._say_if_empty(words)
        self.refresh_bindings()  # the keys that act on a note, shown only with one
        self._show_detail()
        # A tag chosen is cut short here: the tag list's tooltip shows it whole.
        active = [_cell(hashed([self.tag_filter]), FILTER_TAG_CELLS)] if self.tag_filter else []
        active += [Text(w) for w in (self.status_filter, "due today" if self.due_only else "") if w]
        count = Text(f"{len(shown):,} of {len(self.records):,} · sorted by {self.sort}")
        if active:
            count.append(" · ").append_text(Text(" ").join(active))
        said = NoteFilter.parse(words)
        if said.unused:
            count.append(f" · {', '.join(said.unused)} not used on notes", style="dim")
        if said.message:
            count.append(f" · {visible_line(said.message)}", style="dim")
        # The line takes half the bar at most, the filter the rest: what does not fit is
        # cut with "…", and the tooltip says it whole.
        line = Content.from_rich_text(count)
        label = self.query_one("#notes-count", Label)
        label.update(Fitted(lambda width: fitted([line], (), width, 1)))
        label.tooltip = count.plain if said.unused or said.message or active else None

    def _say_if_empty(self, words: str) -> None:
        """No notes, or none the filter leaves: said under the column headings, with
        how to see them all again, rather than a blank table."""
        nothing = self.read and not self.shown
        label = self.query_one("#notes-empty", Label)
        label.display = nothing
        self.query_one("#notes-main").set_class(nothing, "-nothing")
        if not nothing:
            return
        picked = [hashed([self.tag_filter])] if self.tag_filter else []
        picked += [w for w in (self.status_filter, "due today" if self.due_only else "") if w]
        if not self.records:
            label.update("No notes.")
        elif words.strip():
            # From the filter, the first Esc goes to the table, the filter kept, as from
            # the search bar; the next one clears it.
            close = in_sentence(bound_key(self.app, "notes.close"))
            if isinstance(self.focused, Input):
                close += " twice"
            said = shortened(" ".join(words.split()), FILTER_SAID)
            also = f" ({', '.join(picked)})" if picked else ""
            label.update(
                Text(f"No notes match “{visible_line(said)}”{also}. {close} clears the filter.")
            )
        else:
            label.update(
                Text(
                    f"No notes match {visible_line(shortened(', '.join(picked), FILTER_SAID))}."
                    " All and Any in the tag and status lists show every note."
                )
            )

    def _show_detail(self) -> None:
        """The pane under the table: the whole note under the cursor, where the screen
        is high enough or the pane was asked for (`i`)."""
        detail = self.query_one(NoteDetail)
        record = self.current
        detail.display = self._detail_on() and record is not None
        if record is not None and detail.display:
            detail.show(record, self._due, bound_key(self.app, "notes.edit"))

    def _detail_on(self) -> bool:
        if self.detail_wanted is not None:
            return self.detail_wanted
        return self.app.size.height >= DETAIL_HEIGHT

    def action_toggle_detail(self) -> None:
        """`i`: show or hide the pane with the whole note, whatever the screen's height."""
        self.detail_wanted = not self._detail_on()
        self._show_detail()

    def _add_rows(self, up_to: int) -> None:
        """Add the rows of `shown` not in the table yet, up to row `up_to` (the
        collector held off: each row's few objects would set it walking every object of
        the app again and again, most of the time taken)."""
        table = self.table
        with collector_held():
            # Keyed by article too: for a moment (a move half done) one note is in two
            # files.
            table.add_keyed_rows(
                (f"{record.article_id}\n{record.annotation.id}", self._cells(record))
                for record in self.shown[table.row_count : up_to]
            )

    def _fill_later(self, filling: int) -> None:
        """Add the rows still missing, a slice after each frame, unless the table is
        filled anew meanwhile (`filling` is then stale) or the screen has closed."""

        def more() -> None:
            if filling != self._filling or not self.is_attached or not self.query(DataTable):
                return
            self._add_rows(self.table.row_count + ROWS_PER_SLICE)
            self._fill_later(filling)

        if self.table.row_count < len(self.shown):
            self.call_after_refresh(more)

    def _cells(self, record: NoteRecord) -> list[LazyCell]:
        """The row of a note: a cell for each column shown, each made into text when
        it is first drawn."""
        a = record.annotation
        width = self.widths

        def due() -> Text:
            when = self._due(record)
            return _cell(when, width["Due"], "bold" if when in DUE_NOW else "dim")

        def status() -> Text:
            shown = record.shown_status
            return Text(shown, style=STATUS_STYLES.get(shown, "dim"))

        def quote() -> Text:
            orphaned = record.shown_status == "orphaned"
            return _cell(a.quote, width["Quote"], "strike" if orphaned else "")

        cells: dict[str, Callable[[], Text]] = {
            "Modified": lambda: Text(a.modified.strftime(DATE_FORMATS[width["Modified"]])),
            "Article": lambda: _cell(shown_title(record.title), width["Article"]),
            "Source": lambda: _cell(record.source, width["Source"]),
            "Quote": quote,
            "Note": lambda: _cell(a.note_first_line, width["Note"]),
            "Tags": lambda: _cell(hashed(a.tags), width["Tags"], "italic"),
            "Status": status,
            "Due": due,
        }
        makers = [cells[name] for name in width]
        first = makers[0]
        makers[0] = lambda: Text.assemble(" " * GAP, first())  # (the first column's lead)
        return [LazyCell(make) for make in makers]

    def _due(self, record: NoteRecord) -> str:
        """When the note is next due in the Review (see `due_label`)."""
        return due_label(record.annotation.extra, review_clock.now())

    @on(Input.Changed, "#notes-filter")
    def _on_filter(self, event: Input.Changed) -> None:
        if event.value == self._shown_for:
            self._stop_choosing()  # typed back to the words shown (or shown at Enter)
        else:
            self._choose_later()

    def _on_filter_done(self) -> None:
        """Enter in the filter: the rows it leaves, and the keys to them, at once."""
        self.refill(self.current.annotation.id if self.current else None)
        self.set_focus(self.table)

    @on(OptionList.OptionSelected)
    def _on_facet(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "*"
        if event.option_list.id == "tag-facets":
            self.tag_filter = None if option_id == "*" else option_id.removeprefix("tag:")
        elif option_id == "review:due":
            self.status_filter, self.due_only = None, True
        else:
            self.status_filter = None if option_id == "*" else option_id.removeprefix("status:")
            self.due_only = False
        self.refill()

    def action_cycle_sort(self) -> None:
        order = list(SORTS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self.refill(self.current.annotation.id if self.current else None)

    def action_cursor(self, delta: int) -> None:
        """Move in the table, or in the tag or status list that has the focus."""
        target = self.focused if isinstance(self.focused, OptionList) else self.table
        if delta > 0:
            target.action_cursor_down()
        else:
            target.action_cursor_up()

    def action_cursor_end(self, end: int) -> None:
        """To the first (`end` < 0) or last row of the table, or of the list with the focus."""
        if isinstance(self.focused, OptionList):
            (self.focused.action_first if end < 0 else self.focused.action_last)()
            return
        if end > 0:
            self._add_rows(len(self.shown))  # the rows not added yet, the last one with them
        self.table.move_cursor(row=0 if end < 0 else self.table.row_count - 1)

    def action_focus_filter(self) -> None:
        # At once, not after the keys already queued: words typed fast land whole.
        self.set_focus(self.query_one("#notes-filter", Input))

    # ----- actions on the current note ------------------------------------------------------

    @property
    def current(self) -> NoteRecord | None:
        """The note under the table's cursor (None while the screen closes: no table)."""
        tables = self.query(DataTable)
        if not tables:
            return None
        table = tables.first()
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def has_note(self) -> bool:
        """Whether a note is under the table's cursor."""
        return self.current is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":  # a "/" typed in the filter is a "/"
            return not isinstance(self.focused, Input)
        if action in ("open", "edit", "delete"):
            return self.has_note()
        if action == "reattach":
            return True  # with no orphan picked, it says what it needs
        if action == "undo":
            return self.app.can_undo_delete
        return True

    @on(events.DescendantFocus)
    def _on_focus_moved(self) -> None:
        """The line saying no note matches tells how many Esc clear the filter from
        where the keys are now."""
        with contextlib.suppress(NoMatches):  # (closing: its widgets go one by one)
            self._say_if_empty(self._shown_for)

    @on(DataTable.RowHighlighted)
    def _on_row(self) -> None:
        self.refresh_bindings()
        self._show_detail()

    @on(DataTable.RowSelected)
    def _on_row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if (record := self.current) is not None:
            self.dismiss()
            self.on_open(record, False)

    def attachable(self) -> bool:
        """Whether the note under the cursor can be attached to a passage: an orphaned
        note, or an imported highlight not placed (its anchoring says orphaned too)."""
        record = self.current
        return record is not None and record.status == "orphaned"

    def action_reattach(self) -> None:
        if (record := self.current) is not None and self.attachable():
            self.dismiss()
            self.on_open(record, True)
            return
        down, up = bound_key(self.app, "notes.down"), bound_key(self.app, "notes.up")
        self.notify(
            f"Pick an orphaned note or unplaced highlight ({down}/{up}) to attach it to a passage.",
            timeout=4,
        )

    def action_edit(self) -> None:
        if (record := self.current) is not None:
            self.app.note_actions.edit(record.article_id, record.annotation, self._changed)

    def action_delete(self) -> None:
        if (record := self.current) is not None:
            self.app.note_actions.delete(
                record.article_id, record.annotation.id, self._changed, undo="notes.undo"
            )

    def action_undo(self) -> None:
        self.app.note_actions.undo(lambda _restored, _written: self._changed())

    def _changed(self, _written: object = None) -> None:
        if self.is_attached:
            self.refresh_bindings()
            self.load()

    def palette_commands(self) -> list[Command]:
        """The palette's commands for this screen (see ScreenCommands)."""
        return [
            ("Back to the library", "Close the Notes screen", self.action_leave),
            ("Export the notes shown", "Write them to a file", self.action_export),
            ("Filter notes", "Show only the notes with these words", self.action_focus_filter),
            ("Sort notes", "By date, article or source, in turn", self.action_cycle_sort),
            (
                "Show or hide the note's details",
                "The whole note under the table",
                self.action_toggle_detail,
            ),
        ]

    def action_export(self) -> None:
        """The export dialog for the notes shown; none shown is said, not written out as
        an empty document."""
        if not self.shown:
            if not self.read:
                said = "The notes are still being read."
            elif self.records:
                said = "No notes shown to export: the filter leaves none."
            else:
                said = "No notes to export."
            self.notify(said, timeout=4)
            return
        self.app.push_screen(ExportScreen(self.shown))

    def action_close(self) -> None:
        """Esc, one level out: from the filter to the table (the filter kept); a filtered
        table to the whole list; then back to the library."""
        words = self.query_one("#notes-filter", Input)
        if self.focused is words:
            self.set_focus(self.table)
        elif words.value:
            words.value = ""
            self.refill(self.current.annotation.id if self.current else None)
        else:
            self.dismiss()

    def action_leave(self) -> None:
        """`q`: straight back to the library, whatever the filter holds."""
        self.dismiss()
