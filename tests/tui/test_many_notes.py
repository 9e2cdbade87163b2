"""An article under thousands of overlapping notes opens, paints and stays usable."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from textual.widgets import Label

from reader.ingest.formats import load_article
from reader.notes.anchoring import make_target
from reader.notes.placement import Annotations
from reader.notes.schema import COLORS as COLOURS_ALL
from reader.notes.schema import Annotation, ArticleRef, NotesFile, to_data
from reader.notes.store import NotesStore
from reader.notes.yamlio import dump_notes
from reader.tui.article.colors import highlight_style
from reader.tui.article.view import ArticleView
from reader.tui.screens.notes import NotesScreen
from reader.tui.widgets.note_panel import NotePanel
from tests.conftest import AFP_ID
from tests.notes.notes_builders import many_notes
from tests.test_hostile import screen_text
from tests.tui.conftest import press_in_turn, settle, wait_until

COLOURS = ("yellow", "green", "blue")
NOTES = 2_000  # each character under dozens of them (benchmarks/ measures 10,000)
SPAN = 12


def write_overlapping_notes(library: Path) -> tuple[int, int]:
    """NOTES notes over the first paragraph of the AFP article, each SPAN characters long
    and starting one character after the one before (wrapping round): every character
    lies under dozens of them. Returns the paragraph's (start, end)."""
    article = load_article(library / AFP_ID, library)
    first = article.blocks[0]
    starts = first.end - SPAN - first.start
    notes = [
        Annotation.new(
            make_target(article.text, first.start + i % starts, first.start + i % starts + SPAN),
            note=f"note {i}",
            color=COLOURS[i % len(COLOURS)],
        )
        for i in range(NOTES)
    ]
    path = NotesStore(Path(os.environ["READER_NOTES_DIR"])).path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    # JSON is YAML, and far quicker to write than the YAML dumper for thousands of notes.
    path.write_text(json.dumps(to_data(NotesFile(ArticleRef.from_article(article), notes))))
    return first.start, first.end


async def test_article_with_thousands_of_overlapping_notes_opens_and_shows_them(make_app, library):
    start, end = write_overlapping_notes(library)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == AFP_ID
        assert len(view.annotations) == NOTES

        row = view.row_of(start)
        strip = view.render_line(row - round(view.scroll_y))
        text = view.article.text
        # The text's own cells (not the gutter, where the cursor marker is).
        cells = [
            (char, segment.style)
            for segment in strip
            for char in segment.text
            if segment.style and (segment.style.meta.get("offset") or (-1, 0))[0] >= 0
        ]
        painted = "".join(char for char, _ in cells).strip()
        assert text[start:end].startswith(painted)
        backgrounds = {highlight_style(c, app.current_theme.dark).bgcolor for c in COLOURS}
        under_notes = [
            style for char, style in cells if char.strip() and style.bgcolor in backgrounds
        ]
        # Every word of the paragraph's first line is highlighted, and underlined as an
        # overlap of several notes.
        assert len(under_notes) == len(painted.replace(" ", ""))
        assert all(style.underline for style in under_notes)

        # The next-note key moves through them, and the panel shows the current one.
        await press_in_turn(pilot, "right_square_bracket")
        await settle(pilot)
        assert view.current_placed is not None
        assert view.current_placed.start == start
        panel = app.screen.query_one(NotePanel)
        assert panel.display
        assert "note " in str(panel.render())


def write_yaml_notes(count: int) -> list[str]:
    """A notes file of `count` notes on the AFP article, as reader writes it (YAML);
    their ids."""
    notes = many_notes(count)
    path = NotesStore(Path(os.environ["READER_NOTES_DIR"])).path_for(AFP_ID)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_notes(notes), encoding="utf-8")
    return [a.id for a in notes.annotations]


async def test_the_article_shows_while_its_notes_are_still_being_read(
    make_app, library, monkeypatch
):
    ids = write_yaml_notes(20)
    held = threading.Event()
    read = Annotations.for_article

    def slow_to_read(self, article):
        held.wait(30)  # a notes file of thousands of notes takes a while
        return read(self, article)

    monkeypatch.setattr(Annotations, "for_article", slow_to_read)
    app = make_app(library)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            view = app.screen.query_one(ArticleView)
            for _ in range(100):  # (settle would wait for the reading held)
                if view.article is not None:
                    break
                await pilot.pause(0.05)
            assert view.article is not None and view.article.id == AFP_ID
            assert view.annotations == []
            held.set()
            await settle(pilot)
            assert sorted(p.id for p in view.annotations) == sorted(ids)
    finally:
        held.set()


async def test_two_thousand_notes_written_as_yaml_show_highlighted_listed_and_kept(
    make_app, library
):
    ids = write_yaml_notes(2_000)
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert sorted(p.id for p in view.annotations) == sorted(ids)
        # Highlighted: the first note's passage is painted in a note colour.
        first = view.annotations[0]
        view.show_range(first.start, first.end)
        await settle(pilot)
        strip = view.render_line(view.row_of(first.start) - round(view.scroll_y))
        colours = {highlight_style(c, app.current_theme.dark).bgcolor for c in COLOURS_ALL}
        assert any(segment.style and segment.style.bgcolor in colours for segment in strip)

        await pilot.press("A")
        assert await wait_until(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.table.row_count == 2_000)
        assert "2,000 of 2,000" in str(screen.query_one("#notes-count", Label).render())
        await press_in_turn(pilot, "escape")
        await settle(pilot)

        # One note more, highlighted in the app: the 2,000 are kept with it.
        view.focus()
        await pilot.press("V", "H")
        await settle(pilot)
        on_disk = NotesStore(Path(os.environ["READER_NOTES_DIR"])).load(AFP_ID).live
        assert len(on_disk) == 2_001
        assert [a.id for a in on_disk][:2_000] == ids
        assert len(view.annotations) == 2_001


async def test_the_notes_screen_lists_every_one_of_two_thousand_notes_down_to_the_last(
    make_app, library
):
    write_yaml_notes(2_000)
    app = make_app(library)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "A")
        assert await wait_until(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert await wait_until(pilot, lambda: screen.table.row_count == 2_000)
        assert "2,000 of 2,000" in str(screen.query_one("#notes-count", Label).render())
        screen.table.action_scroll_bottom()  # Ctrl+End: the last row
        await settle(pilot)
        last = screen.shown[-1]
        assert screen.current is last
        words = " ".join(last.quote.split())[:8]
        assert any(words in line for line in screen_text(app)), words
