"""The command palette's own commands: those of every screen (`ScreenCommands`: the
screen's own, keys help, the theme), and the library's (`ReaderCommands`: open an
article, jump to a source, the library's actions)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from reader.text.graphemes import snap_end, snap_start
from reader.text.safe import visible_line

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.main import MainScreen

MAX_ARTICLE_HITS = 30
# The cells of the palette's width an entry's lines do not have: its padding, two each
# side, and the list's scroll bar.
ENTRY_MARGINS = 6

# A command: its name, a line of help, what it does.
Command = tuple[str, str, Callable[[], object]]


def highlighted(matcher: Matcher, label: str) -> Content:
    """The label with matched letters styled, never read as markup (titles are untrusted)."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def cut_in_middle(text: str, cells: int) -> str:
    """`text` within `cells` cells: when longer, its middle given up for "…", its start
    and end kept (never half a wide character or of a cluster)."""
    if cell_len(text) <= cells:
        return text
    room = max(0, cells - 1)
    head = snap_start(text, _fitting(text, (room + 1) // 2))
    tail_room = room - cell_len(text[:head])
    tail = len(text) - _fitting(text[::-1], tail_room)
    return text[:head] + "…" + text[snap_end(text, tail) :]


def _fitting(text: str, cells: int) -> int:
    """How many of `text`'s first characters fit in `cells` cells."""
    used = 0
    for n, char in enumerate(text):
        used += cell_len(char)
        if used > cells:
            return n
    return len(text)


def article_line(source: str, article_id: str, width: int) -> str:
    """`source · id` within `width` cells: where too long, the source and the id's
    folders are shortened in the middle alike (the shorter kept whole if it fits in
    half), the file name kept whole."""
    line = f"{source} · {article_id}"
    folders, slash, name = article_id.rpartition("/")
    room = width - cell_len(f" · {slash}{name}")
    if cell_len(line) <= width or room < 4:
        return cut_in_middle(line, width)
    half = room // 2
    source_cells = min(cell_len(source), max(half, room - cell_len(folders)))
    return f"{cut_in_middle(source, source_cells)} · {cut_in_middle(folders, room - source_cells)}{slash}{name}"


# Other words people use for a command, found as its help line's are (a command by its
# name's first words: "Export notes…" is also "save", "Add from URL" also "download").
ALSO_CALLED = {
    "Add from URL": "download save fetch web page link",
    "Export notes…": "save write file markdown json csv highlights annotations",
    "Compare with another telling": "diff versions",
    "Related articles": "similar stories same story other sources",
    "Annotate the selection": "add note comment tag highlight",
    "Highlight the selection": "mark colour color",
    "Notes: review all annotations": "highlights list browse",
    "Review highlights": "flashcards spaced repetition cards",
    "Help: keys": "shortcuts bindings keymap",
    "Change theme": "colours colors dark light",
}
# Of a query this long at least, the words are looked for in a command's help line
# and the words above too (fewer letters would find nearly every command).
WORDS_FROM = 3
# A command found by those words comes after one whose name the query matches as well.
BY_WORDS = 0.5


def by_words(matcher: Matcher, query: str, name: str, help_text: str) -> float:
    """The score of a command whose help line, or whose other words (`ALSO_CALLED`),
    have every word typed as the start of a word of theirs; 0 when not."""
    if len(query.strip()) < WORDS_FROM:
        return 0
    words = re.findall(r"\w+", f"{help_text} {ALSO_CALLED.get(name, '')}".casefold())
    found = []
    for typed in query.casefold().split():
        word = next((w for w in words if w.startswith(typed)), None)
        if word is None:
            return 0
        found.append(word)
    return BY_WORDS * matcher.match(" ".join(found))


class ActionCommands(Provider):
    """Commands named by `_actions()`, offered as the palette opens and matched as typed:
    by their name, else by the words of their help line and `ALSO_CALLED`."""

    def _actions(self) -> list[Command]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for name, help_text, callback in self._actions():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._actions():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, highlighted(matcher, name), callback, help=help_text)
            elif (score := by_words(matcher, query, name, help_text)) > 0:
                yield Hit(score, Content(name), callback, help=help_text)


class ScreenCommands(ActionCommands):
    """The commands of every screen: its own (a screen's `palette_commands()`, "Back to
    the library" among them off the library), then keys help and the theme."""

    def _actions(self) -> list[Command]:
        app: ReaderApp = self.app  # type: ignore[assignment]  # (Provider knows any App)
        own: Callable[[], list[Command]] = getattr(self.screen, "palette_commands", list)
        return [
            *own(),
            ("Help: keys", "Every key and its id", app.action_help),
            ("Change theme", "Pick a colour theme", app.action_change_theme),
        ]


class ReaderCommands(ActionCommands):
    """Articles by title (from the index), sources, and the library's actions: the
    provider of the main screen (`MainScreen.COMMANDS`), which it acts on."""

    @property
    def main(self) -> MainScreen:
        return self.screen  # type: ignore[return-value]

    def _actions(self) -> list[Command]:
        main = self.main
        app = main.app
        actions: list[Command] = [
            (
                "Toggle boilerplate",
                "Show or hide the junk of the open article",
                main.toggle_boilerplate,
            ),
            (
                "Update the index",
                "Bring the search index up to date with the files",
                main.reload,
            ),
            (
                "Rebuild the index",
                "Read every file again, those skipped before too",
                main.rebuild,
            ),
            (
                "Notes: review all annotations",
                "Filter, jump back to the passage, export",
                main.action_notes,
            ),
            (
                "Add from URL",
                "Fetch a web page into the library's inbox",
                app.add_from_url,
            ),
            (
                "Review highlights",
                "Today's cards, one at a time, scheduled by spaced repetition",
                main.action_review,
            ),
            ("Search the library", "Focus the search bar", main.action_focus_search),
            ("Find in article", "Find text in the open article", main.action_find),
            (
                "Annotate the selection",
                "A note, tags and a colour on the passage selected",
                partial(main.annotate_selection, with_note=True),
            ),
            (
                "Highlight the selection",
                "Mark the passage selected, without a note",
                partial(main.annotate_selection, with_note=False),
            ),
            (
                "Related articles",
                "Other articles telling the same story as the open one",
                main.action_related,
            ),
            (
                "Compare with another telling",
                "The open article side by side with another telling of the same story",
                main.action_compare,
            ),
            (
                "Export notes…",
                "Every note to a file: Markdown, JSON, CSV and more",
                main.export_notes,
            ),
        ]
        if main.shown_notes.waiting:  # a note picked on the Notes screen to attach
            attach = "Give the note picked on the Notes screen the passage selected"
            actions.insert(0, ("Attach to a passage", attach, main.action_reattach))
        return actions

    async def _titles(self, text: str) -> list[tuple[str, str, str]]:
        """(id, title, source) of articles whose title matches what was typed."""
        words = [w for w in text.replace('"', " ").split() if w.strip()]
        if not words:  # an empty query would list the whole library
            return []
        query = " ".join(f"title:{w}*" for w in words)
        result = await asyncio.to_thread(self.main.session.index.search, query, MAX_ARTICLE_HITS)
        return [(h.id, h.title, h.source) for h in result.hits]

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        matcher = self.matcher(query)
        for source in self.main.sources.sources:
            label = f"Go to source: {visible_line(source)}"
            if (score := matcher.match(label)) > 0:
                yield Hit(
                    score, highlighted(matcher, label), partial(self.main.jump_to_source, source)
                )
        if len(query.strip()) < 2:
            return
        titles = await self._titles(query)
        width = self.app.size.width - ENTRY_MARGINS
        for article_id, title, source in titles:
            label = f"Open: {visible_line(title)}"
            help_line = article_line(visible_line(source), visible_line(article_id), width)
            score = max(matcher.match(label), 0.1)
            yield Hit(
                score,
                highlighted(matcher, label),
                partial(self.main.open_article, article_id),
                # Content, not markup: titles are untrusted. Textual takes it (from_markup
                # returns a Content as it is) though Hit.help is annotated str | None.
                help=Content(help_line),  # type: ignore[arg-type]
            )
