"""The library screen's search bar and find in the article: what is typed, the hits
shown in the left pane instead of the sources, and the matches highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.text.counts import plural
from reader.text.find import FoldedText, find_terms
from reader.tui.article.view import ArticleView
from reader.tui.keys import bound_key
from reader.tui.widgets.row_list import RowList
from reader.tui.widgets.search_bar import SearchBar, SearchInput
from reader.tui.widgets.source_list import SourceList
from reader.tui.widgets.status_line import REBUILDING

if TYPE_CHECKING:
    from reader.model import Article
    from reader.search.results import SearchResult
    from reader.session import Session
    from reader.tui.library_worker import ExcerptsCut, HitsFound, LibraryWorker
    from reader.tui.widgets.find_bar import FindBar
    from reader.tui.widgets.hit_list import HitList

SEARCH_DEBOUNCE = 0.15
# Find in an article stops here: every match of a common word in a 20 MB text is reachable,
# while a single letter's millions are not all kept (the count then says "+").
FIND_LIMIT = 1_000_000


class SearchAndFind(Screen):
    """The main screen's searching and finding (a base of `MainScreen`, which composes
    the widgets found below and keeps the state named here)."""

    session: Session
    article: Article | None
    _query: str
    _result: SearchResult | None  # the hits listed
    _find_origin: int | None
    _found_for: str | None  # the words the matches shown are of
    _find_capped: bool = False  # the find stopped at FIND_LIMIT matches
    _search_timer: Timer | None
    _search_pending: str | None  # typed, its search waiting for the typing to pause
    _searched_early: str | None  # run at Enter before its Changed was heard
    _preview_timer: Timer | None
    _folded: FoldedText | None
    _rebuilding: bool
    _indexing: bool

    if TYPE_CHECKING:

        @property
        def library(self) -> LibraryWorker: ...

        def _preview(self, article_id: str, *, focus: bool = False) -> None: ...

        def article_needed(self) -> bool: ...

    @property
    def sources(self) -> SourceList:
        return self.query_one(SourceList)

    @property
    def hits(self) -> HitList:
        return self.query_one("#hits")  # type: ignore[return-value]

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def find_bar(self) -> FindBar:
        return self.query_one("#find-bar")  # type: ignore[return-value]  # (loaded late)

    # ----- library search -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.set_focus(self.search_input)  # at once: the next key may be queued already

    @on(Input.Changed, "#search")
    def _on_search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        if value != self.search_input.value:
            return  # typed on since: its own Changed follows
        self._search_pending = None
        if value == self._searched_early:  # Enter has run it already
            self._searched_early = None
            return
        self._searched_early = None
        if not value.strip():
            self._show_sources()
            return
        self._search_pending = value
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.run_search(value))

    def run_search(self, text: str) -> None:
        self._search_pending = None
        self.library.search(text)

    def on_hits_found(self, message: HitsFound) -> None:
        if message.run != self.library.search_run:
            return  # a search run again since (the index grew): its hits are newer
        self._show_hits(message.text, message.result, message.completed)

    def on_hit_list_excerpts_wanted(self, message: HitList.ExcerptsWanted) -> None:
        result = self._result
        if result is None or self._query != self.search_input.value:
            return  # typed on since: new hits are on their way
        wanted = set(message.ids)
        hits = [hit for hit in result.hits if hit.id in wanted]
        self.library.excerpts(self._query, result.query, hits, self.library.search_run)

    def on_excerpts_cut(self, message: ExcerptsCut) -> None:
        if message.text == self._query and message.run == self.library.search_run:
            self.hits.add_excerpts(message.hits)

    def _show_hits(self, text: str, result, completed: bool = False) -> None:
        if text != self.search_input.value or (completed and text != self._query):
            return  # typed on since
        self._result = result
        # The same query run again (the index has changed) while the reader is on its
        # hits or reading one: the cursor stays on the same article, and the article
        # shown stays, among the hits or not. While typing, hits start anew.
        again = not completed and self._in_search and text == self._query
        reading = again and not self.search_input.has_focus
        kept = self.hits.highlighted_id if reading else None
        awaited = self.hits.awaiting_hits
        if completed:
            self.hits.fill_hits(result.hits)
        else:
            self._query = text
            self.hits.set_hits(result.hits, keep=kept)
            self._show_list(self.hits)
            if awaited and not result.hits and self.hits.has_focus:
                self._back_to_query()
        count = len(result.hits)
        if not count:
            title = "Search · no hits"
        elif result.total > count:  # the best `count` of more
            more = "+" if result.more else ""
            title = f"Search · best {count:,} of {result.total:,}{more}"
        else:
            title = f"Search · {plural(count, 'hit')}"
        self.query_one("#left-title", Static).update(title)
        if completed:
            return
        self.query_one(SearchBar).set_message(result.message or self._index_busy_message())
        if result.hits and not reading and self.hits.highlighted_id is not None:
            self._preview(self.hits.highlighted_id)

    def _index_busy_message(self) -> str:
        """What the hits may lack while the index is being built."""
        if self._rebuilding:
            return REBUILDING
        if self._indexing:
            return "Still indexing: the hits so far"
        return ""

    @property
    def _showing_hits(self) -> bool:
        return not self.sources.display

    def _show_list(self, shown: RowList) -> None:
        """Show the source list or the hits' list in the left pane, keeping the focus in it."""
        if shown.display:
            return  # (and the hits' list may not be mounted yet)
        hidden = self.hits if shown is self.sources else self.sources
        had_focus = self.focused is hidden  # (given just now: its Focus event may not be read yet)
        shown.display, hidden.display = True, False
        if had_focus:
            self.set_focus(shown)

    @property
    def _in_search(self) -> bool:
        return bool(self._query) and self._showing_hits

    def _show_sources(self) -> None:
        self._query = ""
        if self._showing_hits:
            self._show_list(self.sources)
            self._highlight_article_on_show()
        self.query_one("#left-title", Static).update("Library")
        self.query_one(SearchBar).set_message("")
        finding = self.query("#find-bar")  # mounted after the first frame
        if not (finding and self.find_bar.input.value):
            self.view.set_matches([])

    def _highlight_article_on_show(self) -> None:
        """The library list, back from the hits, highlights the article the hits did (or
        the one on show), and the article pane shows the one it highlights."""
        if self._preview_timer is not None:
            self._preview_timer.stop()  # a preview on its way would show another one
        hits = self.hits.hits if self.hits.row_count else []
        on_show = self.article.id if self.article is not None else None
        wanted = hits[self.hits.cursor].id if hits else on_show
        if wanted is None or not self.sources.highlight_article(wanted):
            wanted = self.sources.highlighted_id
        if wanted is not None:
            self._preview(wanted)

    def action_search_results(self) -> None:
        """Down or Enter in the search bar, read in turn after the keys typed before it:
        to the hits, at once (the keys typed next are theirs). A search still waiting
        for the typing to pause is run now, and the moves made meanwhile are made in its
        hits when they come."""
        self.hits.hold_moves()
        if not self._showing_hits:
            self.hits.set_hits([])
            self.hits.hold_moves()
            self._show_list(self.hits)
        self.set_focus(self.hits)
        self._search_results_typed()

    def _search_results_typed(self) -> None:
        value = self.search_input.value
        if not value.strip():  # nothing to search: to the library's list
            moved = self.hits.release_moves()
            self._show_list(self.sources)
            self.sources._move(moved)
            return
        if self._search_pending is not None or value != self._query:
            if self._search_timer is not None:
                self._search_timer.stop()
            self._searched_early = value
            self.run_search(value)  # its hits take the moves held
            return
        if not self.hits.row_count:
            self.hits.release_moves()
            self._back_to_query()
            return
        if not self.hits.release_moves() and self.hits.cursor == 0:
            self.hits.on_cursor_moved(0)  # the article shown is the hit's

    def _back_to_query(self) -> None:
        """No hits to go to: the keys back in the query, to mend it (not selected, so a
        key typed next adds to it)."""
        field = self.search_input
        field.select_on_focus = False
        self.set_focus(field)
        field.call_later(setattr, field, "select_on_focus", True)  # after its Focus

    def action_search_leave(self) -> None:
        """Esc in the search bar: back to the list, the query and its hits kept."""
        self.set_focus(self.hits if self._showing_hits else self.sources)

    def _highlight_query(self) -> None:
        if self.article is None:
            return
        terms = self.session.highlight_terms(self._query)
        matches = find_terms(self._folded_text(), terms) if terms else []
        # The first match is gone to, unless the reader was brought to a passage (a quote
        # found to attach a highlight to).
        first = 0 if matches and not self.view.at_shown_range else -1
        self.view.set_matches(matches, first)

    def _folded_text(self) -> FoldedText:
        assert self.article is not None
        if self._folded is None:
            self._folded = FoldedText(self.article.text)
        return self._folded

    # ----- find in article --------------------------------------------------------------------

    def action_find(self) -> None:
        if not self.article_needed():
            return
        self._find_origin = self.view.cursor
        self.find_bar.open(return_to=self.view, accept=self._accept_find)

    # The find bar's messages are handled by name (`_on_find_bar_changed` for
    # FindBar.Changed): its module loads after the first frame.
    def _on_find_bar_changed(self, event: FindBar.Changed) -> None:
        if event.value != self.find_bar.input.value or event.value == self._found_for:
            return  # typed on since, or found already (at Enter, before this came)
        self._find(event.value)

    def _accept_find(self, value: str) -> None:
        """Enter in the find bar: to the match, the keys to the article, at once."""
        if value != self._found_for:
            self._find(value)
        self._on_find_bar_accepted()

    def _find(self, value: str) -> None:
        self._found_for = value
        if self.article is None:
            return
        if not value.strip():
            self.view.set_matches([])
            return
        # Every line shown: the header's (title, subtitle, meta line), then the text's.
        found = self._folded_text().find_all(value, limit=FIND_LIMIT)
        self._find_capped = len(found) >= FIND_LIMIT
        matches = self.view.header_matches(value) + found
        # The first match at or after the cursor as it was when the find began, as vim's `/`.
        at = self.view.cursor if self._find_origin is None else self._find_origin
        current = next((i for i, (s, _) in enumerate(matches) if s >= at), 0) if matches else -1
        self.view.set_matches(matches, current)

    def _on_find_bar_step(self, event: FindBar.Step) -> None:
        self.view.action_step_match(event.delta)

    def _on_find_bar_accepted(self) -> None:
        self._find_origin = None
        self.set_focus(self.view)

    def _on_find_bar_closed(self) -> None:
        """The find is over: its highlights go (the search's words stay highlighted, with
        no current one over a note); the bar has given the keys back itself."""
        self._find_origin = None
        self._found_for = None
        if self._in_search and self.article is not None:
            terms = self.session.highlight_terms(self._query)
            self.view.set_matches(find_terms(self._folded_text(), terms) if terms else [])
        else:
            self.view.set_matches([])

    @on(ArticleView.MatchMoved)
    def _on_match_moved(self, event: ArticleView.MatchMoved) -> None:
        if not self.find_bar.is_open:
            self.find_bar.set_count("")  # the search's words, not a find
        elif event.total or event.folded or self.find_bar.input.value:
            capped = self._find_capped and self._found_for is not None
            fold_key = bound_key(self.app, "article.boilerplate")
            self.find_bar.set_count(
                find_count(event.current, event.total, event.folded, fold_key, capped=capped)
            )
        else:
            self.find_bar.set_count("")


def find_count(
    current: int, total: int, folded: int, fold_key: str = "b", *, capped: bool = False
) -> str:
    """The find bar's count: the current match of those shown, and those in folded text
    (hidden until `fold_key` shows them); `capped`: the find stopped at FIND_LIMIT matches."""
    more_found = "+" if capped else ""
    if not total:
        shown = "no matches" if not folded else "no match shown"
    else:
        shown = (
            f"{current + 1:,}/{total:,}{more_found}"
            if current >= 0
            else f"{total:,}{more_found} found"
        )
    if not folded:
        return shown
    more = "" if not total else " more"
    return f"{shown} · {folded}{more} in folded text ({fold_key} shows them)"
