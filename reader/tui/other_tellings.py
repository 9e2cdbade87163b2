"""The other tellings of the open article's story: said under its title, listed on the
Related screen (`R`), and compared with it passage by passage (`c`, or from Related)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.text.counts import plural
from reader.tui.keys import with_keys_named

if TYPE_CHECKING:
    from textual.screen import Screen

    from reader.model import Article
    from reader.related import Comparison, Related
    from reader.tui.screens.main import MainScreen


class OtherTellings:
    """The main screen's way to the other sources telling the open article's story."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def meta_for(self, article: Article) -> str:
        """The line under the article's title, saying how many others tell its story."""
        meta = article.meta_line()
        others = self.screen.sources.story_sources.get(article.id, 0) - 1
        if others > 0:
            # No-break spaces: a narrow pane wraps the line between its keys.
            keys = "{main.related}\u00a0related · {main.compare}\u00a0compare"  # as bound
            keys = with_keys_named(self.screen.app, keys)
            meta += f"\n⧉ Also told by {plural(others, 'other source')}: {keys}"
        return meta

    def stories_found(self, sources: dict[str, int]) -> None:
        """The stories are grouped: mark them in the list and under the open article
        (the line said there goes too, once no other source tells its story)."""
        screen = self.screen
        screen.sources.story_sources = sources
        screen.sources.refresh_markers()
        if screen.article is not None:
            meta = self.meta_for(screen.article)
            if meta != screen.view.meta_line:
                screen.view.meta_line = meta
                screen.view.relayout()
        self._related_again()

    def _related_again(self) -> None:
        """The Related dialog, open, lists the tellings as they are now; with none left,
        it says so and goes (unless a comparison is over it: Esc comes back to it)."""
        from reader.tui.screens.related import RelatedScreen

        app = self.screen.app
        for dialog in app.screen_stack:
            if not isinstance(dialog, RelatedScreen):
                continue
            related = self.screen.session.related.related(dialog.article.id)
            if related or dialog is not app.screen:
                dialog.show(related)
            else:
                app.notify("No other source tells this story now.", timeout=3)
                dialog.dismiss(None)

    def _related_to_open(self) -> list[Related]:
        """The other tellings of the open article's story; says so when there are none."""
        screen = self.screen
        if screen.article is None:
            return []
        related = screen.session.related.related(screen.article.id)
        if not related:
            screen.notify("No other source tells this story.", timeout=3)
        return related

    def show_related(self) -> None:
        """The Related screen: Enter there opens the article picked."""
        screen, article = self.screen, self.screen.article
        if article is None or not (related := self._related_to_open()):
            return
        from reader.tui.screens.related import RelatedScreen

        related_screen = RelatedScreen(article, related, self.compare_with)
        screen.app.push_screen(related_screen, self._on_related_chosen)

    def _on_related_chosen(self, article_id: str | None) -> None:
        if article_id is not None and self.screen.article is not None:
            self.screen.open_article(article_id)

    def compare_closest(self) -> None:
        """The open article beside the closest telling of the same story."""
        if related := self._related_to_open():
            self.compare_with(related[0].id)

    def compare_with(self, other_id: str) -> None:
        """The open article beside another, compared in a worker (a long one takes a while)."""
        screen = self.screen
        if screen.article is not None:
            screen.library.compare(screen.article, other_id, screen.app.screen)

    def show_comparison(self, comparison: Comparison, over: Screen) -> None:
        """Push the comparison over the screen it was asked from (the main screen, or
        Related, which Esc then comes back to)."""
        screen = self.screen
        # The reader may have opened another article, or a dialog, while it was worked out.
        if screen.app.screen is not over or screen.article is None:
            return
        if screen.article.id != comparison.a.id:
            return
        from reader.tui.screens.compare import CompareScreen

        screen.app.push_screen(CompareScreen(comparison, screen.text_width))
