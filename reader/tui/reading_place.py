"""Where the reader is in the library, kept across launches: the article shown when the
app was last left, opened again at start-up at the same place on screen; the reading
position in each article; articles marked read; and all of it following articles that
were renamed or moved on disk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model import outside_path
from reader.text.passage import passage_at

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.model import Article
    from reader.notes.follow import Followed
    from reader.search.listing import Listing
    from reader.state import LastOpen
    from reader.tui.article.view import ArticleView
    from reader.tui.screens.main import MainScreen

POSITION_SAVE_DELAY = 0.5
# The status line's words for an article to reopen found gone, fullest first.
GONE = (
    "The article read last is no longer in the library",
    "The article read last is gone",
    "Last article gone",
)
LAST_OPEN_SAVE_DELAY = 2.0  # seconds an article is shown before it is saved as the last one


class ReadingPlace:
    """The main screen's reading place: reopened, saved, followed."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._position_timer: Timer | None = None
        self._pending_position: tuple[str, int, str] | None = None
        self._last_open_timer: Timer | None = None
        # The article shown when the app was last left, to open again (looked up with the
        # first rows, forgotten once shown or when the reader goes elsewhere first).
        self._reopen: LastOpen | None = None
        self._reopen_asked = False
        # The article reopened, while the reader stays on it, until a second update: the
        # first may find it gone (its file removed or unreadable since the index saw it).
        self._reopened: str | None = None
        self._updated = False  # an update has ended since start-up
        self._gone_told = False  # the article to reopen was found gone, and it was said
        self._gone_again = False  # said again as the first update ends (it says over it)
        self.pane: ArticleView | None = None  # the article pane, still there on unmounting
        self._told: set[str] = set()  # what was said of notes that could not follow

    # ----- the article to reopen -------------------------------------------------------------

    def reopen_in(self, listing: Listing) -> bool:
        """At start-up, the list's cursor on the article shown when the app was last left
        (its source unfolded), for it to open; True while it may be in rows still to come.
        An article no longer in the library is forgotten, and said so: the first one
        opens."""
        if not listing.rows:
            return False
        screen = self.screen
        if not self._reopen_asked:
            self._reopen_asked = True
            self._reopen = screen.session.last_open()
            if self._reopen is None and screen.session.state.last_open() is not None:
                self.tell_gone()  # (its file is gone)
        if self._reopen is None or screen.article is not None:
            return False
        if screen.sources.highlight_article(self._reopen.article):
            return False
        if listing.partial:
            return True
        self._reopen = None
        self.tell_gone()
        return False

    def forget_reopen(self) -> None:
        """The reader went elsewhere before the article to reopen was shown (or after)."""
        self._reopen = self._reopened = None

    def reopened_gone(self, article_id: str) -> bool:
        """Whether `article_id`, found gone, is the article reopened at start-up, gone in
        the first update, the reader not yet in it: then it is said so, once."""
        screen = self.screen
        if article_id != self._reopened or screen.focused is screen.view:
            return False
        self._reopened = None
        self.tell_gone()
        return True

    def tell_gone(self) -> None:
        """The status line says, once, that the article read last is gone (again as the
        first update ends: its line would say over it)."""
        if self._gone_told:
            return
        self._gone_told = True
        self._gone_again = not self._updated
        self.screen.status.lead(*GONE)

    def updated(self) -> None:
        """An index update ended, and the status line said what it did."""
        if self._gone_again:
            self._gone_again = False
            self.screen.status.lead(*GONE)
        if self._updated:
            self._reopened = None
        self._updated = True

    def lines_above(self, article: Article | None) -> int | None:
        """The lines shown above the cursor when `article` was last left, if it is the
        one to reopen (then it is reopened: forgotten)."""
        reopen = self._reopen
        if reopen is None or article is None or article.id != reopen.article:
            return None
        self._reopen = None
        self._reopened = article.id
        return reopen.above

    def forget_last_open(self) -> None:
        """The article reopened could not be shown: the next start opens none."""
        self._reopen = None
        self.screen.session.state.forget_last_open()

    # ----- saving ------------------------------------------------------------------------------

    def cursor_moved(self, article_id: str, offset: int) -> None:
        """Save the reading position once the cursor rests (with the text there, to find
        it again in the article edited)."""
        self._pending_position = (article_id, offset, self._passage(article_id, offset))
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.screen.set_timer(POSITION_SAVE_DELAY, self.flush_position)

    def flush_position(self) -> None:
        """Save now the reading position waiting to be saved."""
        if self._pending_position is not None:
            self.screen.session.state.save_position(*self._pending_position)
            self._pending_position = None

    def _passage(self, article_id: str, offset: int) -> str:
        article = self.screen.article
        return passage_at(article.text, offset) if article and article.id == article_id else ""

    def article_shown(self) -> None:
        """An article is on show: saved as the last one open if it stays a while."""
        if self._last_open_timer is not None:
            self._last_open_timer.stop()
        # Saved again as the app is left; this one is for an app that is killed.
        self._last_open_timer = self.screen.set_timer(LAST_OPEN_SAVE_DELAY, self.save_last_open)

    def save_last_open(self) -> None:
        """Remember the article on show, and its place on screen, to open it again at the
        next start."""
        from reader.state import LastOpen

        pane, article = self.pane, self.screen.article
        # (the pane is kept: the screen's widgets are gone when it is unmounted)
        if pane is not None and article is not None and outside_path(article.id) is None:
            last = LastOpen(article.id, pane.lines_above_cursor)
            self.screen.session.state.save_last_open(last)

    def left(self) -> None:
        """The app is left: save what waits to be saved, and see it written."""
        self.flush_position()
        self.save_last_open()
        self.screen.session.state.flush()

    def mark_read(self, article_id: str) -> None:
        screen = self.screen
        sources = screen.sources
        if article_id in sources.read_ids:
            return
        screen.session.state.mark_read(article_id)
        sources.read_ids.add(article_id)
        sources.refresh_markers()
        screen.update_totals()

    # ----- renamed articles ---------------------------------------------------------------------

    def follow_renamed(self, renamed: tuple[tuple[str, str], ...]) -> bool:
        """Renamed or moved articles stay read; the open one stays open, at its place
        (True when it was one of them)."""
        if not renamed:
            return False
        screen = self.screen
        moved = dict(renamed)
        read = screen.sources.read_ids
        for old in read & moved.keys():
            read.discard(old)
            read.add(moved[old])
        screen.sources.refresh_markers()
        if screen.article is None or screen.article.id not in moved:
            return False
        new_id = moved[screen.article.id]
        self.flush_position()  # (kept under the old id: the state moved it already)
        cursor = screen.view.cursor
        screen.session.state.save_position(new_id, cursor, self._passage(screen.article.id, cursor))
        screen.load_article(new_id, screen.focused is screen.view)
        screen.sources.highlight_article(new_id)
        return True

    def tell_followed(self, followed: list[Followed]) -> None:
        """Say which notes followed their renamed article, and which could not (once)."""
        for outcome in followed:
            text = str(outcome)
            if outcome.to is None and text in self._told:
                continue  # said once is enough: each update finds it again
            self._told.add(text)
            self.screen.notify(
                text[:1].upper() + text[1:],
                severity="information" if outcome.to else "warning",
                timeout=8,
            )
