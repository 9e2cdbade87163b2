"""The main screen: search bar, source list (or search hits), article, status line."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import NoBinding
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.errors import ReaderError, SearchIndexDamagedError, SearchIndexRebuildingError
from reader.infra.filetypes import how_to_fill
from reader.model import Article
from reader.search.listing import Listing
from reader.session import FirstPage, Session
from reader.text.find import FoldedText
from reader.text.safe import escaped
from reader.tui.article.view import ArticleView
from reader.tui.commands import ReaderCommands, ScreenCommands
from reader.tui.early_keys import EarlyKeys
from reader.tui.key_bar_clicks import KeyBarClicks
from reader.tui.keys import bindings
from reader.tui.pane_layout import ListPane
from reader.tui.reading_place import ReadingPlace
from reader.tui.screens.search_and_find import SearchAndFind
from reader.tui.shown_notes import ShownNotes
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.source_list import SourceList
from reader.tui.widgets.status_line import REBUILDING, StatusLine

# Screens, the notes stack, the background work, and the parts of this screen and the
# widgets the first frame does without are imported when first used, so start-up does
# not wait for them (rapidfuzz, regex, YAML, the compare view, the file watcher).
# Messages from the background work are handled by name (`on_listed` for Listed).
if TYPE_CHECKING:
    from reader.notes.records import NoteRecord
    from reader.search.results import UpdateStats
    from reader.tui.app import ReaderApp
    from reader.tui.library_worker import (
        ArticleLoaded,
        Compared,
        FilesChanged,
        IndexBusy,
        Indexed,
        IndexTemporary,
        IndexUnreadable,
        LibraryFailed,
        LibraryWorker,
        Listed,
        NotesCounted,
        NotesFollowed,
        NotesRead,
        Progress,
        StoriesFound,
        StoriesProgress,
        StoriesUnavailable,
    )
    from reader.tui.note_opening import NoteOpening
    from reader.tui.notes_on_disk import NotesOnDisk
    from reader.tui.other_tellings import OtherTellings
    from reader.tui.widgets.note_panel import NotePanel

FIRST_PAGE_WAIT = 0.1  # seconds the first frame may wait for the first page
PREVIEW_DEBOUNCE = 0.06
SEARCH_AGAIN_EVERY = 2.0  # seconds between a search's reruns while files are indexed
BUSY_RETRY = 15.0  # seconds before an update kept from the index by another writer is retried
FROM_THE_APP = "use Add from URL in the palette, or `reader import FILE`"
LOADING = "Loading the library…"  # the article pane, until an article is read


class MainScreen(KeyBarClicks, SearchAndFind):
    """Where reading happens."""

    app: ReaderApp  # for the type checker: the app these screens run in

    COMMANDS = {ReaderCommands, ScreenCommands}  # the palette's commands act on this screen
    AUTO_FOCUS = "#sources"  # keys typed at launch go to the list, not the search bar

    BINDINGS = bindings("main")

    def __init__(self, session: Session, text_width: int = 80) -> None:
        super().__init__()
        self.session = session
        self.text_width = text_width
        self.article: Article | None = None
        self._folded: FoldedText | None = None
        self._search_timer: Timer | None = None
        self._search_pending: str | None = None
        self._found_for: str | None = None
        self._searched_early: str | None = None
        self._preview_timer: Timer | None = None
        self._busy_retry: Timer | None = None  # an update kept out by another writer, again
        self._focus_on_read: str | None = None  # the article opened, until it is shown
        self._reading: str | None = None  # the article asked for, until it is shown
        self.reading_place = ReadingPlace(self)
        self._find_origin: int | None = None  # the cursor when the find bar opened
        self._query = ""
        self._result = None
        self._total = 0
        self._read_gone: set[str] = set()  # articles read, no longer in the library
        self.shown_notes = ShownNotes(self)
        self._resumed = False
        self._gone_shown = False  # the open article went from the library, and it says so
        self._gone_id: str | None = None  # that article, shown again if it comes back
        self._unreadable: str | None = None  # why its file, still there, cannot be read
        self._unshowable: set[tuple[str, str]] = set()  # said once each, not again per try
        self._rebuilding = False  # an index found gone or damaged is being built anew
        # The palette's "Rebuild the index" reads every file again: until an update
        # completes, even one that took its place (a file changed meanwhile).
        self._rereading = False
        self._indexing = False  # files are being indexed: searches see those done so far
        self._searched_at = 0.0  # when a search was last run again as indexing went on
        self.list_pane = ListPane(self)
        self.early_keys = EarlyKeys(self)  # keys typed at launch, before the list shows
        # Read already when the app is launched from the command line; otherwise read in
        # a thread while this screen is composed and styled. on_mount waits for it.
        self._first_page = session.first_page()

    def compose(self) -> ComposeResult:
        # Few containers: Textual draws every line of each, even where its children
        # cover it all. The screen lays #left and #right out side by side.
        yield SearchBar(id="search-bar")
        with Vertical(id="left"):
            yield Static("Library", id="left-title")
            yield SourceList(id="sources")
            # The search hits' list comes after the first frame, hidden.
        with Vertical(id="right"):
            yield ArticleView(text_width=self.text_width, id="article")
            # The note panel and the find bar (both hidden) come after the first frame.
        with Vertical(id="bottom"):
            yield StatusLine(id="status")
            # So does the key bar (a widget per key), into a row kept for it so that
            # nothing moves when it comes.
            yield Container(id="footer-row")

    # ----- widgets -----------------------------------------------------------------------

    @property
    def note_panel(self) -> NotePanel:
        return self.query_one("#note-panel")  # type: ignore[return-value]

    @cached_property
    def library(self) -> LibraryWorker:
        """The background work: listing, indexing, searching, reading (its module loads
        after the first frame, when the library is first loaded)."""
        from reader.tui.library_worker import LibraryWorker

        return LibraryWorker(self, self.session)

    @cached_property
    def note_opening(self) -> NoteOpening:
        """The way from a note on the Notes screen or the Review to its passage."""
        from reader.tui.note_opening import NoteOpening

        return NoteOpening(self)

    @cached_property
    def notes_on_disk(self) -> NotesOnDisk:
        """The notes folder followed as other programs change it."""
        from reader.tui.notes_on_disk import NotesOnDisk

        return NotesOnDisk(self)

    @cached_property
    def other_tellings(self) -> OtherTellings:
        """The way to the other sources telling the open article's story."""
        from reader.tui.other_tellings import OtherTellings

        return OtherTellings(self)

    @property
    def _article_id(self) -> str | None:
        return self.article.id if self.article is not None else None

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    # ----- start-up ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.reading_place.pane = self.view
        self.view.empty_message = LOADING
        self.sources.focus()
        self.status.opening()
        # A warm index gives the first page in a few ms (the command line reads it before
        # the interface loads): waiting for it here puts the list in the first frame,
        # rather than an empty list drawn and redrawn. A cold index is not waited for.
        with contextlib.suppress(TimeoutError, ReaderError):
            self._show_rows(*self._first_page.result(FIRST_PAGE_WAIT))
        # The rest would only slow the first frame down: the whole list, the index update,
        # and the widgets not shown in it, each styled on mounting and again on resuming.
        self.call_after_refresh(self.load_library, self._first_page)
        self.call_after_refresh(self._mount_the_rest)

    async def _mount_the_rest(self) -> None:
        right, footer_row = self.query_one("#right"), self.query_one("#footer-row")
        if not (right.is_attached and footer_row.is_attached):
            return  # the app is closing already
        from reader.tui.widgets.find_bar import FindBar
        from reader.tui.widgets.hit_list import HitList
        from reader.tui.widgets.key_bar import KeyBar
        from reader.tui.widgets.note_panel import NotePanel

        hits = HitList(id="hits")
        hits.display = False
        mounted = [
            right.mount(NotePanel(id="note-panel"), FindBar(id="find-bar")),
            self.query_one("#left").mount(hits),
            footer_row.mount(KeyBar(last=("app.quit",))),  # Quit gives way first
        ]
        for mounting in mounted:
            await mounting
        # Keys typed before (`/ Down` at launch) act now: the widgets they reach are there.
        self.early_keys.furnished = True
        self.early_keys.wake()

    def load_library(
        self, first_page: Future[FirstPage] | None = None, *, rebuild: bool = False
    ) -> None:
        """List from the index at once, then bring the index up to date (in the background;
        `rebuild`: reading every file again)."""
        self.library.load(first_page, listed=bool(self.sources.article_count), rebuild=rebuild)

    def count_notes(self) -> None:
        self.library.count_notes()

    def on_listed(self, message: Listed) -> None:
        if message.read_gone is not None:
            self._read_gone = message.read_gone
        self._show_rows(message.listing, message.read)

    def on_progress(self, message: Progress) -> None:
        if message.rebuilding:  # the list shown stays until it is built (see Listed)
            self._say_rebuilding(message.done, message.total)  # (until Indexed)
        elif self._rereading:
            self.status.rebuilding(message.done, message.total)
        else:
            self.status.indexing(message.done, message.total)
        if message.done == message.total:
            return  # the index is done with it: Indexed runs the search again
        self._indexing = True  # (until Indexed)
        now = time.monotonic()
        if self._in_search and now - self._searched_at > SEARCH_AGAIN_EVERY:
            self._searched_at = now
            self.run_search(self._query)  # the hits grow as the files are indexed

    def on_index_read_only(self) -> None:
        self._indexing = self._rereading = False
        self._keys_ready()
        self.status.read_only()

    def on_index_busy(self, message: IndexBusy) -> None:
        self._indexing = self._rereading = False
        self._keys_ready()
        self.status.busy()
        if self._busy_retry is not None:
            self._busy_retry.stop()
        self._busy_retry = self.set_timer(
            BUSY_RETRY, lambda: self.load_library(rebuild=message.rebuild)
        )

    def on_index_temporary(self, message: IndexTemporary) -> None:
        self.notify(message.reason, severity="warning", timeout=10)

    def on_library_failed(self, message: LibraryFailed) -> None:
        self._rebuilding = self._indexing = self._rereading = False
        self._keys_ready()
        self.status.say(message.reason)
        self.notify(message.reason, severity="error", timeout=10)

    def on_indexed(self, message: Indexed) -> None:
        self._index_done(message.stats)
        self.reading_place.tell_followed(message.followed)

    def on_notes_followed(self, message: NotesFollowed) -> None:
        self.reading_place.tell_followed(message.followed)

    def on_notes_kept_aside(self) -> None:
        self.notes_on_disk.retry_unsaved()

    def on_stories_progress(self, message: StoriesProgress) -> None:
        self.status.grouping(message.percent)

    def on_stories_unavailable(self, message: StoriesUnavailable) -> None:
        self.status.grouped()
        self.notify(f"Related coverage unavailable: {message.reason}", severity="warning")

    def index_failed(self, error: ReaderError) -> None:
        """Reading the index failed: rebuild one found gone or damaged, else say why."""
        if isinstance(error, SearchIndexRebuildingError):
            self._after_rebuild()
        elif isinstance(error, SearchIndexDamagedError):
            self._rebuild_index()
        else:
            self.notify(str(error), severity="error", timeout=8)

    def _rebuild_index(self) -> None:
        """Build anew, in the background, an index found gone or damaged (once)."""
        if not self._rebuilding:
            self._say_rebuilding()
            self.load_library()

    def _after_rebuild(self) -> None:
        """An article was asked of an index being built anew (whoever started it): shown
        once the index is built (see _index_done), or now if it is built already."""
        if self.session.index.rebuilding:
            self._say_rebuilding()
        elif (highlighted := self.sources.highlighted_id) and highlighted != self._article_id:
            self._preview(highlighted)

    def _say_rebuilding(self, done: int | None = None, total: int | None = None) -> None:
        """The index is being built anew: the status line says so (how far, when told),
        and so does the article pane while it waits for an article to be read."""
        self._rebuilding = True
        self.status.rebuilding(done, total)
        if self.article is None and self.view.empty_message == LOADING:
            self.view.say(REBUILDING)

    def on_files_changed(self, message: FilesChanged) -> None:
        """Files added, changed, renamed or removed while the app runs."""
        if message.changes.library:
            self.load_library()
        if message.changes.notes:
            self.notes_on_disk.changed()

    def on_stories_found(self, message: StoriesFound) -> None:
        self.status.grouped()
        self.other_tellings.stories_found(message.sources)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:  # shown for the first time: notes are counted after the update
            self._resumed = True
            # As the app's default screen: each widget was styled as it was mounted,
            # moments ago, and restyling them all again (Textual's handler runs after
            # this one) would only delay the first frame.
            event.refresh_styles = False
            return
        # Back from the Notes screen or a dialog: notes may have changed.
        if self.is_mounted and self._total:
            self.count_notes()
            if self.article is None:
                return
            if self.note_opening.pending is not None:
                # A note opened from the Notes screen: read from the parse it just made,
                # so the passage is shown in one jump.
                self.shown_notes.reload()
                self.view.focus()
                self.call_after_refresh(self.note_opening.apply_pending_focus)
            elif not self.shown_notes.as_saved():
                self.shown_notes.read_again()  # in the background: the window answers

    def _keys_ready(self) -> None:
        """The list is shown, or there is none to wait for: keys typed before act now."""
        self.early_keys.listed = True
        self.early_keys.wake()

    def _show_rows(self, listing: Listing, read: set[str] | None) -> None:
        if read is not None:
            self.sources.read_ids = read
        self.sources.set_listing(listing)
        reopen_later = self.reading_place.reopen_in(listing)
        if listing.rows:
            self._keys_ready()
        self._total = listing.total
        self.update_totals()
        if not listing.rows:
            self.view.say(self._no_articles() if self._total == 0 else "")
        elif (
            self.article is None
            and self.sources.highlighted_id
            and not self._showing_hits
            and not reopen_later  # (not the first article while the one to reopen may come)
            and not self._gone_shown  # the reader is told the open one went: it stays told
        ):
            # After the frame with the rows, which loading the article would slow down.
            self.call_after_refresh(self._preview, self.sources.highlighted_id)

    def _index_done(self, stats: UpdateStats) -> None:
        built_anew, indexed, reread = self._rebuilding, self._indexing, self._rereading
        self._rebuilding = self._indexing = self._rereading = False
        if self.view.empty_message == REBUILDING:
            self.view.say(LOADING)  # (the article is read now)
        changed = stats.added or stats.updated or stats.removed
        if changed or stats.renamed:
            self.notes_on_disk.notes_screen_again()  # its notes placed on the new texts
        if self._in_search and (built_anew or indexed or changed):
            self.run_search(self._query)  # asked of the index meanwhile: asked again
        elif built_anew:
            highlighted = self.sources.highlighted_id
            if highlighted and (self.article is None or self.article.id != highlighted):
                self._preview(highlighted)
        busy = self.view.selecting or self.view.text_selection is not None
        if self.reading_place.follow_renamed(stats.renamed):
            pass  # the open article was renamed: shown under its new name
        elif (stats.updated or stats.removed) and self.article is not None:
            # The open article may have changed on disk: show its current text (under a
            # selection, only whether it is gone: a new text would move what is selected).
            self.reading_place.flush_position()
            focus = self.focused is self.view
            self.load_article(self.article.id, focus, reload=True, only_gone=busy)
        elif (stats.added or stats.updated) and self._gone_shown and self._gone_id:
            # The article that went may be back (its file put back a while later).
            self.load_article(self._gone_id, self.focused is self.view, reload=True)
        self.status.indexed(stats, self._total, rebuilt=built_anew or reread)
        self.reading_place.updated()
        self._keys_ready()
        if not self._total:
            self.view.say(self._no_articles())

    def on_notes_counted(self, message: NotesCounted) -> None:
        self.sources.note_counts = message.counts
        self.sources.refresh_markers()
        self.update_totals()

    def _no_articles(self) -> str:
        """What the article pane says of an empty library: how to fill it."""
        hint = how_to_fill(FROM_THE_APP)
        return f"No articles in {escaped(str(self.session.root))}.\n{hint[0].upper()}{hint[1:]}."

    def update_totals(self) -> None:
        read_ids = self.sources.read_ids
        unread = max(0, self._total - len(read_ids) + len(self._read_gone & read_ids))
        self.status.show_totals(self._total, unread, sum(self.sources.note_counts.values()))

    # ----- opening articles ----------------------------------------------------------------

    @on(RowList.Highlighted)
    def _on_highlighted(self, event: RowList.Highlighted) -> None:
        self.reading_place.forget_reopen()  # the reader moved on before it opened
        if self._preview_timer is not None:
            self._preview_timer.stop()
        article_id = event.article_id
        self._preview_timer = self.set_timer(PREVIEW_DEBOUNCE, lambda: self._preview(article_id))

    def _preview(self, article_id: str, *, focus: bool = False) -> None:
        if self.article is not None and self.article.id == article_id:
            if self._in_search:
                self._highlight_query()
            if focus:
                self.view.focus()
            return
        if focus:  # keys typed meanwhile are for the article (see EarlyKeys)
            self.early_keys.opening = True
        elif self._reading == article_id:
            return  # on its way already (the start's reopening, on a busy machine)
        self.load_article(article_id, focus)

    def load_article(
        self, article_id: str, focus: bool = False, reload: bool = False, only_gone: bool = False
    ) -> None:
        """Show an article once read in the background (`reload`: only if it changed;
        `only_gone`: only if it is gone)."""
        unless = self.article.sha256 if reload and self.article is not None else None
        if reload and self._reading not in (None, article_id):
            return  # another article is on its way (this read would replace it)
        if not reload:
            self._reading = article_id
        # A newer read replaces the one on its way: an article opened (Enter) and asked
        # again before it shows (a preview, the hits run again) is still for reading.
        if focus:
            self._focus_on_read = article_id
        elif article_id == self._focus_on_read and not reload:
            focus = True
        else:
            self._focus_on_read = None
        self.library.load_article(article_id, focus, unless, only_gone)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        article = message.article
        if article is None or article.id == self._focus_on_read:
            self._focus_on_read = None
        if article is None or article.id == self._reading:
            self._reading = None
        first = self.sources.highlighted_id
        if (
            article is None
            and first not in (None, message.asked)
            and self.reading_place.reopened_gone(message.asked)
        ):
            self._preview(first, focus=message.focus)  # (said on the status line)
            return
        above = self.reading_place.lines_above(article)  # as it was on screen when left
        self._unreadable = message.unreadable
        self._show_article(article, message.position, message.focus, above)
        self._gone_id = message.asked if article is None and self._gone_shown else None

    def on_notes_read(self, message: NotesRead) -> None:
        self.shown_notes.read(message)

    def on_index_unreadable(self, message: IndexUnreadable) -> None:
        self._reading = self._focus_on_read = None  # that read ended here
        self.early_keys.opening = False
        self.early_keys.wake()
        self.index_failed(message.error)

    def _show_article(
        self,
        article: Article | None,
        position: int,
        focus: bool,
        above: int | None = None,
    ) -> None:
        self.reading_place.flush_position()
        if self.find_bar.is_open and (article is None or article.id != self._article_id):
            self.find_bar.action_close()  # a find is of one article: it does not follow
        self.article = article
        self._folded = None
        self._find_origin = None  # a find in another article began elsewhere
        self._gone_shown = article is None
        if article is None:
            self.view.empty_message = f"This article {self._gone_words}."
        meta = self.other_tellings.meta_for(article) if article else ""
        try:
            self.view.show_article(article, meta, position, above)
        except Exception:  # a bug in showing one article must not end the app (nor every start)
            if article is None:
                raise
            self._not_shown(article)
            article = None
        if article is not None:
            self.reading_place.article_shown()
        self.shown_notes.load()
        self.shown_notes.offer_attach()
        self.note_opening.apply_pending_focus()
        if self.find_bar.is_open and self.find_bar.input.value:
            self._find(self.find_bar.input.value)
        elif self._in_search:
            self._highlight_query()
        if focus:  # the article opened with Enter: keys typed meanwhile are for it
            self.view.focus()
            self.early_keys.opening = False
            self.early_keys.wake()

    def _not_shown(self, article: Article) -> None:
        """`article` could not be shown: an empty pane and a line saying so, and it is not
        the article to open at the next start."""
        self.article = None
        self._gone_shown = True  # not opened again by itself: the pane says why it is empty
        self.reading_place.forget_last_open()
        self.view.show_article(None)
        self.view.empty_message = "This article could not be shown."
        if (article.id, article.sha256) not in self._unshowable:
            self._unshowable.add((article.id, article.sha256))
            self.notify(f"Could not show “{article.title}”.", severity="error")

    @on(RowList.Selected)
    def _on_selected(self, event: RowList.Selected) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview(event.article_id, focus=True)

    def on_descendant_focus(self) -> None:
        if self.focused is self.view and self.article is not None:
            self.reading_place.mark_read(self.article.id)

    @on(events.DescendantFocus)
    def _fit_panes_to_focus(self) -> None:
        self.list_pane.focus_moved(self.focused, self.view)

    def on_resize(self) -> None:
        self.list_pane.resized(self.focused, self.view)

    def action_toggle_list(self) -> None:
        """ctrl+b: hide the list pane to read with the whole width, or show it again."""
        self.list_pane.toggle(self.view)

    @on(ArticleView.CursorMoved)
    def _on_position(self, event: ArticleView.CursorMoved) -> None:
        self.reading_place.cursor_moved(event.article_id, event.offset)

    def on_unmount(self) -> None:
        if "library" in self.__dict__:  # else nothing was started
            self.library.stop()
        self.reading_place.left()

    # ----- notes ---------------------------------------------------------------------------

    @on(ArticleView.AnnotationFocused)
    def _on_annotation_focused(self, event: ArticleView.AnnotationFocused) -> None:
        self.shown_notes.focused(event)

    @on(ArticleView.AnnotateRequested)
    def _on_annotate(self, event: ArticleView.AnnotateRequested) -> None:
        self.shown_notes.annotate(event)

    @on(ArticleView.AnnotationAction)
    def _on_annotation_action(self, event: ArticleView.AnnotationAction) -> None:
        self.shown_notes.act(event)

    def action_undo_delete(self) -> None:
        self.shown_notes.undo()

    def action_reattach(self) -> None:
        """Give the note picked on the Notes screen (orphaned, or imported and unplaced)
        the passage now selected."""
        self.shown_notes.reattach()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_search", "find"):
            return not isinstance(self.focused, Input)
        if action == "undo_delete":
            return self.app.can_undo_delete
        if action == "reattach":
            return self.shown_notes.waiting
        return True

    # ----- navigation -----------------------------------------------------------------------

    def action_back(self) -> None:
        """Esc, one level out: from the article with a find open to the article; from the
        article to the list; from the search hits to the whole library. Never into an input (the selection and the inputs see to their own
        Esc)."""
        if self.note_opening.back_to_review():
            return
        if self.focused is self.view and self.find_bar.is_open:
            self.find_bar.action_close()
        elif self.focused is self.view:
            self.set_focus(self.hits if self._showing_hits else self.sources)
        elif self._showing_hits and self.focused is self.hits:
            self._leave_search()
            self.set_focus(self.sources)

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab goes round the panes: an input has the keys only once opened (`/`, `f`)."""
        return [w for w in super().focus_chain if not isinstance(w, Input) or w.has_focus]

    def action_related(self) -> None:
        if self.article_needed():
            self.other_tellings.show_related()

    def action_compare(self) -> None:
        """`c`: the open article beside the closest telling of the same story."""
        if self.article_needed():
            self.other_tellings.compare_closest()

    def toggle_boilerplate(self) -> None:
        """The palette's "Toggle boilerplate": as `b` in the article, or says why not."""
        if self.article_needed():
            self.view.action_toggle_boilerplate()

    def annotate_selection(self, *, with_note: bool) -> None:
        """The palette's "Annotate the selection" (and "Highlight"): as `a` (`h`) in the
        article, or says why not."""
        if self.article_needed():
            if with_note:
                self.view.action_annotate()
            else:
                self.view.action_highlight()

    def export_notes(self) -> None:
        """The palette's "Export notes…": the Notes screen, its export dialog opened on
        every note once they are read."""
        self.note_opening.show_notes(export=True)

    @property
    def _gone_words(self) -> str:
        """What became of the article that went ("This article …")."""
        why = self._unreadable
        return f"can no longer be read: {why}" if why else "is no longer in the library"

    def article_needed(self) -> bool:
        """Whether an article is open for a key that acts on it; if not, one line says why."""
        if self.article is not None:
            return True
        if self._gone_shown:
            self.notify(f"This article {self._gone_words}: open another.", timeout=3)
        else:
            self.notify("Open an article first.", timeout=2)
        return False

    def on_key(self, event: events.Key) -> None:
        """A key of the article pane while its article has gone from the library: it says
        why nothing happens. (Not its priority keys: those were looked at already, and
        declined; Esc, dropping no selection, goes back as from any article.)"""
        if self.article is None and self._gone_shown and self.focused is self.view:
            with contextlib.suppress(NoBinding):
                bound = self.view._bindings.get_bindings_for_key(event.key)
                if all(binding.priority for binding in bound):
                    return
                event.stop()
                self.article_needed()

    def compare_with(self, other_id: str) -> None:
        """The open article beside another, compared in a worker (a long one takes a while)."""
        self.other_tellings.compare_with(other_id)

    def on_compared(self, message: Compared) -> None:
        self.other_tellings.show_comparison(message.comparison, message.over)

    def action_notes(self) -> None:
        self.note_opening.show_notes()

    def action_review(self) -> None:
        self.note_opening.start_review()

    def open_review_card(self, record: NoteRecord, round_: Screen) -> None:
        """From the Review: the card's passage in its article (Esc goes back to the card)."""
        self.note_opening.open_review_card(record, round_)

    def _leave_search(self) -> None:
        if self._query or self.search_input.value:
            self.search_input.value = ""
            self._show_sources()

    def open_article(self, article_id: str) -> None:
        """Show an article from anywhere (palette, notes): select it in the list too."""
        self.reading_place.forget_reopen()
        self._leave_search()
        self.sources.highlight_article(article_id)
        self._preview(article_id, focus=True)

    def search_for(self, query: str) -> None:
        """Search the library for `query` as if typed in the search bar."""
        self.search_input.value = query

    def jump_to_source(self, source: str) -> None:
        self.reading_place.forget_reopen()
        self._leave_search()
        self.sources.jump_to_source(source)
        self.sources.focus()

    def reload(self) -> None:
        """Re-run the index update (the palette's "Update the index")."""
        self.status.updating()
        self.load_library()

    def rebuild(self) -> None:
        """Read every file again, those skipped too (the palette's "Rebuild the index")."""
        self._rereading = True
        self.status.rebuilding()
        self.load_library(rebuild=True)
