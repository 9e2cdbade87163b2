"""An article under thousands of overlapping notes opens, paints and stays usable."""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.ingest.formats import load_article
from reader.notes.anchoring import make_target
from reader.notes.schema import Annotation, ArticleRef, NotesFile, to_data
from reader.notes.store import NotesStore
from reader.tui.article.colors import highlight_style
from reader.tui.article.view import ArticleView
from reader.tui.widgets.note_panel import NotePanel
from tests.conftest import AFP_ID
from tests.tui.conftest import press_in_turn, settle

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
