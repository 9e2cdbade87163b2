"""Two articles side by side, scrolling together by aligned passages."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.related.compare import Comparison
from reader.related.naming import told_apart
from reader.related.window import article_until
from reader.text.counts import plural
from reader.text.safe import visible_line
from reader.tui.article.colors import colour_system, compare_styles
from reader.tui.article.view import ArticleView, Highlight
from reader.tui.commands import ScreenCommands
from reader.tui.key_bar_clicks import KeyBarClicks
from reader.tui.keys import bindings
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.compare_quotes import with_quotations
from reader.tui.widgets.fitted import Fitted
from reader.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from reader.model import Article
    from reader.notes.schema import NotesFile
    from reader.tui.app import ReaderApp
    from reader.tui.commands import Command


# The most rows of the panel under the two sides (a legend and five quotations), and the
# share of the window's height it takes at most: the two articles keep most of the rows.
QUOTE_ROWS = 6
QUOTE_SHARE = 4


class CompareScreen(KeyBarClicks, Screen):
    """Left: article a; right: article b. Shared passages in one colour, each side's own in another."""

    app: ReaderApp  # for the type checker: the app these screens run in

    DEFAULT_CSS = screen_css("compare")

    BINDINGS = bindings("compare")

    COMMANDS = {ScreenCommands}

    def __init__(self, comparison: Comparison, text_width: int = 80) -> None:
        super().__init__()
        self.comparison = comparison
        self.text_width = text_width
        self.sync = True
        self._follower: ArticleView | None = None

    def compose(self) -> ComposeResult:
        a, b = self.comparison.a, self.comparison.b
        # Two of one source and one title: each named by its file too, before the title.
        apart = told_apart([(a.id, a.source, a.title), (b.id, b.source, b.title)])
        with Horizontal(id="compare-body"):
            for article, file, side in ((a, apart[0], "a"), (b, apart[1], "b")):
                with Vertical(classes="compare-side"):
                    header = " · ".join(p for p in (article.source, file, article.title) if p)
                    yield Static(Text(visible_line(header)), classes="compare-title")
                    yield ArticleView(text_width=self.text_width, id=f"compare-{side}")
        yield Static(id="compare-quotes")
        yield KeyBar(keep=("toggle_sync", "swap"))  # kept before the article's keys

    @property
    def left(self) -> ArticleView:
        return self.query_one("#compare-a", ArticleView)

    @property
    def right(self) -> ArticleView:
        return self.query_one("#compare-b", ArticleView)

    def on_mount(self) -> None:
        c = self.comparison
        # A side compared only in part is shown as far as it was compared: laying out all
        # of a 19 MB article would hold the screen for seconds.
        self.left.show_article(article_until(c.a, c.compared("a")), c.a.meta_line())
        self.right.show_article(article_until(c.b, c.compared("b")), c.b.meta_line())
        self._paint()
        self._reload(self.left)
        self._reload(self.right)
        self.left.focus()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._paint())

    def _paint(self) -> None:
        self._paint_quotes()
        shared, own = self._tints()
        c = self.comparison
        self.left.set_backdrop(
            [Highlight(p.a.start, p.a.end, shared) for p in c.pairs]
            + [Highlight(s.start, s.end, own) for s in c.only_a]
        )
        self.right.set_backdrop(
            [Highlight(p.b.start, p.b.end, shared) for p in c.pairs]
            + [Highlight(s.start, s.end, own) for s in c.only_b]
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._paint_quotes)  # a shorter window has fewer rows for them

    def _paint_quotes(self) -> None:
        limit = min(QUOTE_ROWS, self.size.height // QUOTE_SHARE)
        panel = self.query_one("#compare-quotes", Static)
        panel.update(Fitted(lambda width: self._quotes_text(width, limit)))

    def _tints(self) -> tuple[Style, Style]:
        """The backdrops of passages told by both sides and of one side's own."""
        return compare_styles(self.app.current_theme.dark, colour_system(self.app))

    def _quotes_text(self, width: int, limit: int) -> Content:
        """The legend, a note when a side was not compared whole, then the quotations."""
        c = self.comparison
        text = Text()
        # The legend: each count on the tint that marks its passages.
        shared, own = self._tints()
        pairs = len(c.pairs)
        both = f" {plural(pairs, 'passage')} told by both "
        text.append(both, style=shared + Style(bold=True))
        text.append(" · ")
        names = c.side_names()
        for n, (only, name) in enumerate(zip((c.only_a, c.only_b), names, strict=True)):
            text.append(" · " if n else "")
            text.append(f" {len(only)} only in {visible_line(name)} ", style=own)
        if notice := c.notice(("the left article", "the right article")):
            text.append(f"\n{notice} The rest is not shown here.", style="bold")
        quotes = [
            (q.text, " & ".join(names[0] if s == "a" else names[1] for s in q.sides))
            for q in c.quotes
        ]
        return with_quotations(Content.from_rich_text(text), quotes, width, limit)

    # ----- scrolling together -------------------------------------------------------------

    @on(ArticleView.PositionChanged)
    def _on_scrolled(self, event: ArticleView.PositionChanged) -> None:
        mover = self.left if event.article_id == self.comparison.a.id else self.right
        # A side we just moved reports its new place: that echo must not move the other
        # side back. Every move of the side being scrolled is followed, however many.
        if not self.sync or mover is self._follower:
            return
        follower = self.right if mover is self.left else self.left
        target = self.aligned_offset(event.offset, from_a=mover is self.left)
        if target is None:
            return
        self._follower = follower
        follower.scroll_to_offset(target, top=True)
        self.call_after_refresh(self._stop_following)

    def _stop_following(self) -> None:
        self._follower = None

    def aligned_offset(self, offset: int, *, from_a: bool) -> int | None:
        """Where the other side should be when this side's top is at `offset`: the start of
        the partner of the last aligned passage at or above it."""
        pairs = [p for p in self.comparison.pairs if p.in_order]
        if not pairs:
            return None
        mine = [p.a if from_a else p.b for p in pairs]
        theirs = [p.b if from_a else p.a for p in pairs]
        i = bisect_right([s.start for s in mine], offset) - 1
        return theirs[max(0, i)].start if i >= 0 else 0

    def palette_commands(self) -> list[Command]:
        """The palette's commands for this screen (see ScreenCommands)."""
        return [
            ("Back to the library", "Close the comparison (and Related)", self.action_leave),
            ("Swap sides", "The two articles change sides", self.action_swap),
            (
                "Scroll together or apart",
                "Both sides at once, or each alone",
                self.action_toggle_sync,
            ),
        ]

    def action_toggle_sync(self) -> None:
        self.sync = not self.sync
        self.notify("Scrolling together." if self.sync else "Scrolling each side alone.", timeout=2)

    def action_swap(self) -> None:
        c = self.comparison
        swapped = Comparison(
            c.b,
            c.a,
            [type(p)(p.b, p.a, p.score, p.in_order) for p in c.pairs],
            c.only_b,
            c.only_a,
            [
                # the left side named first, as in a comparison made this way round
                type(q)(q.text, tuple(sorted("b" if s == "a" else "a" for s in q.sides)), q.b, q.a)
                for q in c.quotes
            ],
            c.compared_b,
            c.compared_a,
        )
        self.app.switch_screen(CompareScreen(swapped, self.text_width))

    # ----- annotating either side ----------------------------------------------------------

    @on(ArticleView.AnnotateRequested)
    def _on_annotate(self, event: ArticleView.AnnotateRequested) -> None:
        view = event.view
        article = view.article
        if article is None:
            return
        self.app.note_actions.annotate(
            article,
            event.start,
            event.end,
            event.with_note,
            lambda written, _note: self._show_written(view, article, written),
        )

    def _reload(self, view: ArticleView) -> None:
        if view.is_attached and view.article is not None:
            view.set_annotations(self.app.session.annotations.for_article(view.article).placed)

    @staticmethod
    def _show_written(view: ArticleView, article: Article, written: NotesFile) -> None:
        """The side's notes as just saved (not read back from the file)."""
        from reader.notes.placement import ArticleNotes

        if view.is_attached and view.article is article:
            view.set_annotations(ArticleNotes.of(article, written).placed)

    def action_close(self) -> None:
        """Esc: back to the screen under this one (Related, when opened from there)."""
        self.dismiss()

    def action_leave(self) -> None:
        """`q`: straight back to the library, past Related if it is under this one."""
        app = self.app
        while len(app.screen_stack) > 1 and app.screen is not app.main:
            app.pop_screen()
