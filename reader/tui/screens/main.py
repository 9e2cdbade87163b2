"""The main screen: search bar, source list (or search hits), article, status line."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future
from functools import cached_property
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.errors import ReaderError, SearchIndexDamagedError
from reader.model import Article, outside_path
from reader.notes.unplaced import is_unplaced
from reader.search.listing import Listing
from reader.session import FirstPage, Session
from reader.text.counts import plural
from reader.text.find import FoldedText
from reader.tui.article.view import ArticleView
from reader.tui.commands import ReaderCommands
from reader.tui.early_keys import EarlyKeys
from reader.tui.keys import bindings
from reader.tui.pane_layout import ListPane
from reader.tui.screens.search_and_find import SearchAndFind
from reader.tui.shown_notes import ShownNotes
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.source_list import SourceList
from reader.tui.widgets.status_line import StatusLine

# Screens, the notes stack, the background work and the widgets mounted after the first
# frame are imported when first used, so start-up does not wait for them (rapidfuzz,
# regex, YAML, the compare view, the file watcher). Messages from the background work
# are handled by name (`on_listed` for Listed).
if TYPE_CHECKING:
    from reader.notes.follow import Followed
    from reader.notes.placement import ArticleNotes
    from reader.notes.records import NoteRecord
    from reader.related import Comparison
    from reader.search.results import UpdateStats
    from reader.state import LastOpen
    from reader.tui.app import ReaderApp
    from reader.tui.library_worker import (
        ArticleLoaded,
        Compared,
        FilesChanged,
        Indexed,
        IndexUnreadable,
        LibraryFailed,
        LibraryWorker,
        Listed,
        NotesCounted,
        Progress,
        StoriesFound,
        StoriesProgress,
        StoriesUnavailable,
    )
    from reader.tui.widgets.note_panel import NotePanel

FIRST_PAGE_WAIT = 0.1  # seconds the first frame may wait for the first page
PREVIEW_DEBOUNCE = 0.06
SEARCH_AGAIN_EVERY = 2.0  # seconds between a search's reruns while files are indexed
POSITION_SAVE_DELAY = 0.5
LAST_OPEN_SAVE_DELAY = 2.0  # seconds an article is shown before it is saved as the last one
# Seconds without another change to the notes folder before the notes are read again: a
# `git checkout` or a sync writes many files in a row.
NOTES_SETTLE = 0.3


class MainScreen(SearchAndFind):
    """Where reading happens."""

    app: ReaderApp  # for the type checker: the app these screens run in

    COMMANDS = {ReaderCommands}  # the palette's commands act on this screen
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
        self._position_timer: Timer | None = None
        self._pending_position: tuple[str, int] | None = None
        self._last_open_timer: Timer | None = None
        # The article shown when the app was last left, to open again (looked up with the
        # first rows, forgotten once shown or when the reader goes elsewhere first).
        self._reopen: LastOpen | None = None
        self._reopen_asked = False
        self._pane: ArticleView | None = None  # the article pane, still there on unmounting
        self._find_origin: int | None = None  # the cursor when the find bar opened
        self._query = ""
        self._result = None
        self._total = 0
        self.shown_notes = ShownNotes(self)
        self._pending_focus: tuple[str, int | None, str | None] | None = None
        self._resumed = False
        self._unsaved_told = False
        self._told: set[str] = set()  # what was said of notes that could not follow
        self._rebuilding = False  # an index found gone or damaged is being built anew
        self._indexing = False  # files are being indexed: searches see those done so far
        self._searched_at = 0.0  # when a search was last run again as indexing went on
        self._notes_timer: Timer | None = None  # see NOTES_SETTLE
        self.list_pane = ListPane(self)
        self.early_keys = EarlyKeys(self)  # keys typed at launch, before the list shows
        self.review_round: Screen | None = None  # the Review to go back to with Esc
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

    @property
    def _article_id(self) -> str | None:
        return self.article.id if self.article is not None else None

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    # ----- start-up ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self._pane = self.view
        self.view.empty_message = "Loading the library…"
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

    def _mount_the_rest(self) -> None:
        right, footer_row = self.query_one("#right"), self.query_one("#footer-row")
        if not (right.is_attached and footer_row.is_attached):
            return  # the app is closing already
        from reader.tui.widgets.find_bar import FindBar
        from reader.tui.widgets.hit_list import HitList
        from reader.tui.widgets.key_bar import KeyBar
        from reader.tui.widgets.note_panel import NotePanel

        right.mount(NotePanel(id="note-panel"), FindBar(id="find-bar"))
        hits = HitList(id="hits")
        hits.display = False
        self.query_one("#left").mount(hits)
        footer_row.mount(KeyBar())

    def load_library(self, first_page: Future[FirstPage] | None = None) -> None:
        """List from the index at once, then bring the index up to date (in the background)."""
        self.library.load(first_page, listed=bool(self.sources.article_count))

    def count_notes(self) -> None:
        self.library.count_notes()

    def on_listed(self, message: Listed) -> None:
        self._show_rows(message.listing, message.read)

    def on_progress(self, message: Progress) -> None:
        self.status.indexing(message.done, message.total)
        if message.done == message.total:
            return  # the index is done with it: Indexed runs the search again
        self._indexing = True  # (until Indexed)
        now = time.monotonic()
        if self._in_search and now - self._searched_at > SEARCH_AGAIN_EVERY:
            self._searched_at = now
            self.run_search(self._query)  # the hits grow as the files are indexed

    def on_index_read_only(self) -> None:
        self._indexing = False
        self._keys_ready()
        self.status.read_only()

    def on_library_failed(self, message: LibraryFailed) -> None:
        self._rebuilding = self._indexing = False
        self._keys_ready()
        self.status.say(message.reason)
        self.notify(message.reason, severity="error", timeout=10)

    def on_indexed(self, message: Indexed) -> None:
        self._index_done(message.stats)
        self._tell_followed(message.followed)

    def on_notes_kept_aside(self) -> None:
        self.retry_unsaved()

    def on_stories_progress(self, message: StoriesProgress) -> None:
        self.status.grouping(message.percent)

    def on_stories_unavailable(self, message: StoriesUnavailable) -> None:
        self.status.grouped()
        self.notify(f"Related coverage unavailable: {message.reason}", severity="warning")

    def _tell_followed(self, followed: list[Followed]) -> None:
        for outcome in followed:
            text = str(outcome)
            if outcome.to is None and text in self._told:
                continue  # said once is enough: each update finds it again
            self._told.add(text)
            self.notify(
                text[:1].upper() + text[1:],
                severity="information" if outcome.to else "warning",
                timeout=8,
            )

    def index_failed(self, error: ReaderError) -> None:
        """Reading the index failed: rebuild one found gone or damaged, else say why."""
        if isinstance(error, SearchIndexDamagedError):
            self._rebuild_index()
        else:
            self.notify(str(error), severity="error", timeout=8)

    def _rebuild_index(self) -> None:
        """Build anew, in the background, an index found gone or damaged (once)."""
        if not self._rebuilding:
            self._rebuilding = True
            self.status.rebuilding()
            self.load_library()

    def on_files_changed(self, message: FilesChanged) -> None:
        """Files added, changed, renamed or removed while the app runs."""
        if message.changes.library:
            self.load_library()
        if message.changes.notes:
            if self._notes_timer is not None:
                self._notes_timer.stop()
            self._notes_timer = self.set_timer(NOTES_SETTLE, self._notes_changed)

    def _notes_changed(self) -> None:
        """The notes folder changed on disk (and has settled): show the notes anew here and
        on the Notes screen, if open."""
        self._notes_timer = None
        self.retry_unsaved()
        self.count_notes()
        if len(self.app.screen_stack) > 1:  # (the Notes screen's module loads when first used)
            from reader.tui.screens.notes import NotesScreen

            for screen in self.app.screen_stack:
                if isinstance(screen, NotesScreen):
                    screen.load()
        # Under another screen, the notes are shown again when this one is back.
        shown = self.app.screen is not self or self.shown_notes.as_saved()
        if self.article is not None and not self.view.selecting and not shown:
            self.shown_notes.reload(self.view.current_annotation)

    def retry_unsaved(self) -> None:
        """Save the notes kept aside when they could not be saved (says what is still not,
        the first time only)."""
        from reader.notes.unsaved import kept_unsaved

        if not kept_unsaved(self.session.notes_dir):
            return
        quiet, self._unsaved_told = self._unsaved_told, True
        self.app.note_actions.retry_unsaved(self._after_retry, quiet=quiet)

    def _after_retry(self) -> None:
        self.count_notes()
        if self.article is not None and not self.view.selecting:
            self.shown_notes.reload(self.view.current_annotation)

    def on_stories_found(self, message: StoriesFound) -> None:
        self.status.grouped()
        sources = message.sources
        self.sources.story_sources = sources
        self.sources.refresh_markers()
        if self.article is not None and self.article.id in sources:
            self.view.meta_line = self._meta_for(self.article)
            self.view.relayout()

    def _meta_for(self, article: Article) -> str:
        meta = article.meta_line()
        others = self.sources.story_sources.get(article.id, 0) - 1
        if others > 0:
            meta += f"\n⧉ Also told by {plural(others, 'other source')}: R related · c compare"
        return meta

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
            if self.article is not None:
                self.shown_notes.reload()
                if self._pending_focus is not None:
                    self.view.focus()
                    self.call_after_refresh(self._apply_pending_focus)

    def _keys_ready(self) -> None:
        """The list is shown, or there is none to wait for: keys typed before act now."""
        self.early_keys.listed = True
        self.early_keys.wake()

    def _show_rows(self, listing: Listing, read: set[str] | None) -> None:
        if read is not None:
            self.sources.read_ids = read
        self.sources.set_listing(listing)
        reopen_later = self._reopen_in(listing)
        if listing.rows:
            self._keys_ready()
        self._total = listing.total
        self.update_totals()
        if not listing.rows:
            self.view.empty_message = "No articles yet." if self._total == 0 else ""
            self.view.refresh()
        elif (
            self.article is None
            and self.sources.highlighted_id
            and not self._showing_hits
            and not reopen_later  # (not the first article while the one to reopen may come)
        ):
            # After the frame with the rows, which loading the article would slow down.
            self.call_after_refresh(self._preview, self.sources.highlighted_id)

    def _reopen_in(self, listing: Listing) -> bool:
        """At start-up, the list's cursor on the article shown when the app was last left
        (its source unfolded), for it to open; True while it may be in rows still to come.
        An article no longer in the library is forgotten: the first one opens."""
        if not listing.rows:
            return False
        if not self._reopen_asked:
            self._reopen_asked = True
            self._reopen = self.session.last_open()
        if self._reopen is None or self.article is not None:
            return False
        if self.sources.highlight_article(self._reopen.article):
            return False
        if listing.partial:
            return True
        self._reopen = None
        return False

    def _index_done(self, stats: UpdateStats) -> None:
        rebuilt, indexed = self._rebuilding, self._indexing
        self._rebuilding = self._indexing = False
        changed = stats.added or stats.updated or stats.removed
        if self._in_search and (rebuilt or indexed or changed):
            self.run_search(self._query)  # asked of the index meanwhile: asked again
        elif rebuilt:
            highlighted = self.sources.highlighted_id
            if highlighted and (self.article is None or self.article.id != highlighted):
                self._preview(highlighted)
        busy = self.view.selecting or self.view.text_selection is not None
        if self._follow_renamed(stats.renamed):
            pass  # the open article was renamed: shown under its new name
        elif (stats.updated or stats.removed) and self.article is not None and not busy:
            # The open article may have changed on disk: show its current text.
            self._flush_position()
            self.load_article(self.article.id, self.focused is self.view, reload=True)
        self.status.indexed(stats, self._total)
        self._keys_ready()
        if not self._total:
            self.view.empty_message = f"No articles found in {self.session.root}."
            self.view.refresh()

    def _follow_renamed(self, renamed: tuple[tuple[str, str], ...]) -> bool:
        """Renamed or moved articles stay read; the open one stays open, at its place
        (True when it was one of them)."""
        if not renamed:
            return False
        moved = dict(renamed)
        read = self.sources.read_ids
        for old in read & moved.keys():
            read.discard(old)
            read.add(moved[old])
        self.sources.refresh_markers()
        if self.article is None or self.article.id not in moved:
            return False
        new_id = moved[self.article.id]
        self._flush_position()  # (kept under the old id: the state moved it already)
        self.session.state.save_position(new_id, self.view.cursor)
        self.load_article(new_id, self.focused is self.view)
        self.sources.highlight_article(new_id)
        return True

    def on_notes_counted(self, message: NotesCounted) -> None:
        self.sources.note_counts = message.counts
        self.sources.refresh_markers()
        self.update_totals()

    def update_totals(self) -> None:
        unread = max(0, self._total - len(self.sources.read_ids))
        self.status.show_totals(self._total, unread, sum(self.sources.note_counts.values()))

    # ----- opening articles ----------------------------------------------------------------

    @on(RowList.Highlighted)
    def _on_highlighted(self, event: RowList.Highlighted) -> None:
        self._reopen = None  # the reader moved on before it opened
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
        self.load_article(article_id, focus)

    def load_article(self, article_id: str, focus: bool = False, reload: bool = False) -> None:
        """Show an article once read in the background (`reload`: only if it changed)."""
        unless = self.article.sha256 if reload and self.article is not None else None
        self.library.load_article(article_id, focus, unless)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        above, article, reopen = None, message.article, self._reopen
        if reopen is not None and article is not None and article.id == reopen.article:
            self._reopen, above = None, reopen.above  # as it was on screen when left
        self._show_article(article, message.position, message.focus, message.notes, above)

    def on_index_unreadable(self, message: IndexUnreadable) -> None:
        self.early_keys.opening = False
        self.early_keys.wake()
        self.index_failed(message.error)

    def _show_article(
        self,
        article: Article | None,
        position: int,
        focus: bool,
        notes: ArticleNotes | None = None,
        above: int | None = None,
    ) -> None:
        self._flush_position()
        if self.find_bar.is_open and (article is None or article.id != self._article_id):
            self.find_bar.action_close()  # a find is of one article: it does not follow
        self.article = article
        self._folded = None
        self._find_origin = None  # a find in another article began elsewhere
        if article is None:
            self.view.empty_message = "This article is no longer in the library."
        self.view.show_article(article, self._meta_for(article) if article else "", position, above)
        if article is not None:
            if self._last_open_timer is not None:
                self._last_open_timer.stop()
            # Saved again as the app is left; this one is for an app that is killed.
            self._last_open_timer = self.set_timer(LAST_OPEN_SAVE_DELAY, self._save_last_open)
        self.shown_notes.show(notes)
        self.shown_notes.offer_attach()
        self._apply_pending_focus()
        if self.find_bar.is_open and self.find_bar.input.value:
            self._find(self.find_bar.input.value)
        elif self._in_search:
            self._highlight_query()
        if focus:  # the article opened with Enter: keys typed meanwhile are for it
            self.view.focus()
            self.early_keys.opening = False
            self.early_keys.wake()

    @on(RowList.Selected)
    def _on_selected(self, event: RowList.Selected) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview(event.article_id, focus=True)

    def on_descendant_focus(self) -> None:
        if self.focused is self.view and self.article is not None:
            self._mark_read(self.article.id)

    @on(events.DescendantFocus)
    def _fit_panes_to_focus(self) -> None:
        self.list_pane.focus_moved(self.focused, self.view)

    def on_resize(self) -> None:
        self.list_pane.resized(self.focused, self.view)

    def action_toggle_list(self) -> None:
        """ctrl+b: hide the list pane to read with the whole width, or show it again."""
        self.list_pane.toggle(self.view)

    def _mark_read(self, article_id: str) -> None:
        if article_id in self.sources.read_ids:
            return
        self.session.state.mark_read(article_id)
        self.sources.read_ids.add(article_id)
        self.sources.refresh_markers()
        self.update_totals()

    @on(ArticleView.CursorMoved)
    def _on_position(self, event: ArticleView.CursorMoved) -> None:
        self._pending_position = (event.article_id, event.offset)
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_SAVE_DELAY, self._flush_position)

    def _flush_position(self) -> None:
        if self._pending_position is not None:
            article_id, offset = self._pending_position
            self._pending_position = None
            self.session.state.save_position(article_id, offset)

    def _save_last_open(self) -> None:
        """Remember the article on show, and its place on screen, to open it again at the
        next start."""
        from reader.state import LastOpen

        pane = self._pane  # (the screen's widgets are gone when it is unmounted)
        if pane is not None and self.article is not None and outside_path(self.article.id) is None:
            last = LastOpen(self.article.id, pane.lines_above_cursor)
            self.session.state.save_last_open(last)

    def on_unmount(self) -> None:
        if "library" in self.__dict__:  # else nothing was started
            self.library.stop()
        self._flush_position()
        self._save_last_open()

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
        if self._back_to_review():
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

    def _related_to_open(self) -> list:
        """The other tellings of the open article's story; says so when there are none."""
        if self.article is None:
            return []
        related = self.session.related.related(self.article.id)
        if not related:
            self.notify("No other source tells this story.", timeout=3)
        return related

    def action_related(self) -> None:
        article = self.article
        if article is None or not (related := self._related_to_open()):
            return
        from reader.tui.screens.related import RelatedScreen

        screen = RelatedScreen(article.title, related, self.compare_with)
        self.app.push_screen(screen, self._on_related_chosen)

    def _on_related_chosen(self, article_id: str | None) -> None:
        if article_id is not None and self.article is not None:
            self.open_article(article_id)

    def action_compare(self) -> None:
        """`c`: the open article beside the closest telling of the same story."""
        if related := self._related_to_open():
            self.compare_with(related[0].id)

    def compare_with(self, other_id: str) -> None:
        """The open article beside another, compared in a worker (a long one takes a while)."""
        if self.article is not None:
            self.library.compare(self.article, other_id, self.app.screen)

    def on_compared(self, message: Compared) -> None:
        self._show_comparison(message.comparison, message.over)

    def _show_comparison(self, comparison: Comparison, over: Screen) -> None:
        """Push the comparison over the screen it was asked from (this one, or Related,
        which Esc then comes back to)."""
        # The reader may have opened another article, or a dialog, while it was worked out.
        if self.app.screen is not over or self.article is None:
            return
        if self.article.id != comparison.a.id:
            return
        from reader.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(comparison, self.text_width))

    def action_notes(self) -> None:
        from reader.tui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(self.session, self._open_note))

    def action_review(self) -> None:
        from reader.review.deck import Deck
        from reader.tui.screens.review import ReviewScreen

        self.review_round = None
        deck = Deck(self.session.annotations.store, self.session.article, self.app.config.review)
        self.app.push_screen(ReviewScreen(deck))

    def open_review_card(self, record: NoteRecord) -> None:
        """From the Review: the card's passage in its article (Esc goes back to the card)."""
        self._open_note(record, False)

    def _back_to_review(self) -> bool:
        """Esc in an article opened from the Review: back to the same card."""
        screen = self.review_round
        if screen is None or self.focused is not self.view or self.find_bar.is_open:
            return False
        self.review_round = None
        self.app.push_screen(screen)
        return True

    def _open_note(self, record: NoteRecord, reattach: bool) -> None:
        """From the Notes screen: show the passage (or, to re-attach, the article); for an
        imported highlight kept unplaced, look for the article to attach it to."""
        if is_unplaced(record.article_id):
            self.shown_notes.ask_attach(record)
            self.refresh_bindings()
            return
        note_id = record.annotation.id
        at = None if record.status == "orphaned" else record.start
        self._pending_focus = (record.article_id, at, None if at is None else note_id)
        if reattach:
            self.shown_notes.ask_reattach(record)
        self.refresh_bindings()
        if self.article is None or self.article.id != record.article_id:
            self.open_article(record.article_id)
        # For the article on show, on_screen_resume applies the pending focus.

    def _apply_pending_focus(self) -> None:
        pending = self._pending_focus
        if pending is None or self.article is None or pending[0] != self.article.id:
            return
        self._pending_focus = None
        _, at, note_id = pending
        placed = None
        if note_id is not None:
            self.view.focus_annotation(note_id, scroll=False)
            placed = self.view.current_placed
        if placed is not None:
            self.view.show_range(placed.start, placed.end)
            self.view.flash(placed.start, placed.end)
        elif at is not None:
            self.view.show_range(at, at)

    def _leave_search(self) -> None:
        if self._query or self.search_input.value:
            self.search_input.value = ""
            self._show_sources()

    def open_article(self, article_id: str) -> None:
        """Show an article from anywhere (palette, notes): select it in the list too."""
        self._reopen = None
        self._leave_search()
        self.sources.highlight_article(article_id)
        self._preview(article_id, focus=True)

    def search_for(self, query: str) -> None:
        """Search the library for `query` as if typed in the search bar."""
        self.search_input.value = query

    def jump_to_source(self, source: str) -> None:
        self._reopen = None
        self._leave_search()
        self.sources.jump_to_source(source)
        self.sources.focus()

    def reload(self) -> None:
        """Re-run the index update (the palette's "Rebuild the index")."""
        self.status.updating()
        self.load_library()
