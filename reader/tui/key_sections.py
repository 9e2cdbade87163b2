"""The keys of every screen, grouped by where they work.

One list for the `?` help screen and for README's Keys table (a test holds the README to
it): a binding added to a screen or widget shows up in help by its place here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding


def key_sections() -> list[tuple[str, list[Binding]]]:
    """(place, its bindings) for every screen and pane, in the order help shows them.

    Imports every screen: the app calls it first in the background, once it shows.
    """
    from reader.tui.app import ReaderApp
    from reader.tui.article.view import ArticleView
    from reader.tui.screens.add_url import AddUrlScreen
    from reader.tui.screens.annotate import AnnotateScreen
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.discard import DiscardScreen
    from reader.tui.screens.export import ExportScreen
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.notes import NotesScreen
    from reader.tui.screens.related import RelatedScreen
    from reader.tui.screens.review import ReviewScreen
    from reader.tui.widgets.find_bar import FindBar
    from reader.tui.widgets.pick_list import PickList
    from reader.tui.widgets.row_list import RowList
    from reader.tui.widgets.search_bar import SearchInput
    from reader.tui.widgets.source_list import SourceList
    from reader.tui.widgets.undo_input import UndoInput

    view = _bindings(ArticleView.BINDINGS)
    article = [b for b in view if not (b.id or "").startswith("select.")]
    selecting = [b for b in view if (b.id or "").startswith("select.")]
    sections: list[tuple[str, Sequence[Binding | tuple[str, ...]]]] = [
        ("Anywhere", ReaderApp.BINDINGS),
        ("Library", MainScreen.BINDINGS),
        ("Lists", [*RowList.BINDINGS, *SourceList.BINDINGS, *PickList.BINDINGS]),
        ("Text fields", UndoInput.BINDINGS),
        ("Search bar", SearchInput.BINDINGS),
        ("Article", article),
        ("Selecting", selecting),
        ("Find bar", FindBar.BINDINGS),
        ("Note dialog", AnnotateScreen.BINDINGS),
        ("Discard question", DiscardScreen.BINDINGS),
        ("Notes screen", NotesScreen.BINDINGS),
        ("Review", ReviewScreen.BINDINGS),
        ("Export dialog", ExportScreen.BINDINGS),
        ("Add-from-URL dialog", AddUrlScreen.BINDINGS),
        ("Compare", CompareScreen.BINDINGS),
        ("Related", RelatedScreen.BINDINGS),
        ("Help", HelpScreen.BINDINGS),
    ]
    return [(place, _bindings(bindings)) for place, bindings in sections]


def _bindings(declared: Iterable[Binding | tuple[str, ...]]) -> list[Binding]:
    """The `Binding` objects of a BINDINGS list (every binding of ours is one)."""
    return [b for b in declared if isinstance(b, Binding)]
