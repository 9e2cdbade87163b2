"""A huge article (megabytes, under the 20 MB limit) opens at once: its first screen is laid
out and shown, the rest after, while keys work; far places still land right."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.model import Article, Block
from reader.notes.anchoring import AnchorStatus, make_target
from reader.notes.placement import Placed
from reader.notes.schema import Annotation
from reader.tui.article import layout as layout_module
from reader.tui.article.view import ArticleView
from reader.tui.library_worker import ArticleLoaded
from tests.tui.conftest import settle, wait_until

SENTENCE = "Delegates at session {n} of the harbour board debated item {k} until late. "


def huge_article(chars: int) -> Article:
    """An article of about `chars` characters: numbered paragraphs of about 1,900."""
    parts, blocks, at, n = [], [], 0, 0
    while at < chars:
        paragraph = "".join(SENTENCE.format(n=n, k=k) for k in range(25)).rstrip()
        if parts:
            at += 2
        blocks.append(Block("paragraph", at, at + len(paragraph)))
        parts.append(paragraph)
        at += len(paragraph)
        n += 1
    text = "\n\n".join(parts)
    return Article(
        "Big/huge.txt", "Big/huge.txt", "A huge dispatch", "Big", "txt", text, blocks, "0" * 64, 0
    )


class ViewApp(App):
    def compose(self) -> ComposeResult:
        yield ArticleView()


def note_at(article: Article, start: int, length: int = 40) -> Placed:
    """A note placed exactly on `length` characters of `article` from `start`."""
    end = start + length
    annotation = Annotation.new(make_target(article.text, start, end), color="yellow")
    return Placed(annotation, start, end, AnchorStatus.EXACT)


def screen_text(view: ArticleView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_quitting_right_after_opening_a_huge_article_does_not_wait_for_its_layout(
    make_app, monkeypatch
):
    article = huge_article(10_000_000)
    happened: list[str] = []
    wrap = layout_module.wrap_offsets

    def wrapping(text: str, width: int) -> list[tuple[int, int]]:
        happened.append("wrap")
        return wrap(text, width)

    monkeypatch.setattr(layout_module, "wrap_offsets", wrapping)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quit_app = app.action_quit

        async def quitting() -> None:
            happened.append("quit")
            await quit_app()

        monkeypatch.setattr(app, "action_quit", quitting)
        happened.clear()
        app.screen.post_message(ArticleLoaded(article, 0, False))
        await pilot.press("q")
    assert "quit" in happened
    wrapped_before_quit = happened[: happened.index("quit")].count("wrap")
    assert wrapped_before_quit < len(article.blocks)


async def test_a_huge_article_shows_its_first_screen_before_the_rest_is_laid_out(monkeypatch):
    article = huge_article(1_000_000)  # ~540 paragraphs; the first screen takes a handful
    wrapped = counting_wraps(monkeypatch)
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "Big · 0 words")
        shown = screen_text(view)
        assert "A huge dispatch" in shown
        assert "Delegates at session 0 of the harbour board" in shown
        assert len(wrapped) < len(article.blocks) / 10
        # The rest follows in the background, to the same lines as laid out at once.
        assert await wait_until(pilot, lambda: view._layout.complete)
        assert view.virtual_size.height == view._layout.row_count
        whole = layout_module.layout_article(article, "Big · 0 words", view.layout_width)
        assert view.plain_lines()[-3:] == [
            article.text[line.start : line.end] if line.is_text else line.label
            for line in whole.lines[-3:]
        ]


async def test_end_right_after_opening_a_huge_article_goes_to_its_last_line():
    article = huge_article(2_000_000)
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "")
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        last = article.blocks[-1]
        assert last.start <= view.cursor <= last.end
        assert "Delegates at session" in screen_text(view)
        assert view.cursor_row is not None
        top = round(view.scroll_y)
        assert top <= view.cursor_row < top + view.size.height


async def test_a_huge_article_reopens_deep_at_the_place_it_was_read():
    article = huge_article(2_000_000)
    place = article.blocks[900]
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "", place.start)
        await pilot.pause()
        await pilot.pause()
        assert view.top_offset == place.start
        assert "Delegates at session 900 of" in screen_text(view).split("\n")[0]


async def test_a_note_deep_in_a_huge_article_is_jumped_to():
    article = huge_article(2_000_000)
    note = note_at(article, article.blocks[1000].start + 200)
    start = note.start
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "")
        view.set_annotations([note])
        view.focus_annotation(note.annotation.id)
        await pilot.pause()
        await pilot.pause()
        row = view.row_of(start)
        top = round(view.scroll_y)
        assert top <= row < top + view.size.height
        assert article.text[start : start + 10] in screen_text(view)


async def test_resizing_while_a_huge_article_is_laid_out_keeps_the_place():
    article = huge_article(2_000_000)
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "")
        view.focus()
        for _ in range(40):
            await pilot.press("pagedown")
        at = view.cursor
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert view._layout.width == view.layout_width
        row = view.row_of(at)
        top = round(view.scroll_y)
        assert top <= row < top + view.size.height


async def test_an_article_pane_too_narrow_to_read_says_so_instead_of_one_word_lines():
    article = huge_article(20_000)
    async with ViewApp().run_test(size=(14, 20)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "", article.blocks[5].start)
        await pilot.pause()
        shown = " ".join(screen_text(view).split())
        assert "Too narrow to read: widen the pane to 20 cells or more." in shown
        assert "Delegates" not in shown
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        # Widened, it shows the place it was opened at.
        assert "Too narrow" not in screen_text(view)
        assert "Delegates at session 5 of" in screen_text(view).split("\n")[0]


def counting_wraps(monkeypatch) -> list[int]:
    """Every block the layout wraps, from now on, as the width it wraps it at."""
    wrapped: list[int] = []
    wrap = layout_module.wrap_offsets

    def wrapping(text: str, width: int) -> list[tuple[int, int]]:
        wrapped.append(width)
        return wrap(text, width)

    monkeypatch.setattr(layout_module, "wrap_offsets", wrapping)
    return wrapped


async def test_end_right_after_opening_a_huge_article_answers_without_wrapping_the_rest(
    monkeypatch,
):
    # `End` before the background layout got there wrapped every paragraph before the
    # last one on the spot: 0.4 s without an answer to keys for 19 MB.
    article = huge_article(2_000_000)
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "")
        view.focus()
        wrapped = counting_wraps(monkeypatch)
        await pilot.press("end")
        await pilot.pause()
        assert len(wrapped) < 10
        shown = screen_text(view)
        last = article.blocks[-1]
        assert last.start <= view.cursor <= last.end
        assert article.text[last.end - 30 : last.end].split()[-1] in shown
        # The lines are those of the article laid out whole, to the very last.
        whole = layout_module.layout_article(article, "", view.layout_width)
        top = round(view.scroll_y)
        expected = [
            article.text[line.start : line.end] if line.is_text else line.label
            for line in whole.lines[top : top + view.size.height]
        ]
        assert [line.strip(" ▌") for line in shown.split("\n")] == expected  # (the cursor)


async def test_a_note_deep_in_a_huge_article_is_jumped_to_without_wrapping_what_comes_before(
    monkeypatch,
):
    article = huge_article(2_000_000)
    note = note_at(article, article.blocks[900].start + 500)
    start = note.start
    async with ViewApp().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(ArticleView)
        view.show_article(article, "")
        wrapped = counting_wraps(monkeypatch)
        view.set_annotations([note])
        view.focus_annotation(note.annotation.id)
        await pilot.pause()
        await pilot.pause()
        assert len(wrapped) < 10
        whole = layout_module.layout_article(article, "", view.layout_width)
        assert view.row_of(start) == whole.row_for_offset(start)
        top = round(view.scroll_y)
        assert top <= view.row_of(start) < top + view.size.height
        assert article.text[start : start + 10] in screen_text(view)
