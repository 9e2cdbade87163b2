"""The main screen driven by keys, as a user would."""

from __future__ import annotations

import asyncio
import itertools

from reader.tui.article.view import ArticleView
from reader.tui.widgets.hit_list import HitList
from reader.tui.widgets.source_list import SourceList
from tests.conftest import AFP_ID, OTHER_ID
from tests.tui.conftest import press_in_turn, searched, settle, typed, wait_until


async def test_start_lists_sources_and_previews_the_first_article(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.sources == ["AFP", "Unattributed"]
        assert sources.article_count == 2
        assert sources.highlighted_id == AFP_ID
        view = app.screen.query_one(ArticleView)
        lines = view.plain_lines()
        assert lines[0] == "NATO chief discusses 'global security' with Trump"
        assert "AFP · 2024-11-23" in lines[1]
        assert all("READ MORE" not in line for line in lines)


async def test_a_warm_index_lists_a_first_page_then_the_whole_library(
    make_app, library, monkeypatch
):
    from reader import session
    from reader.search import LibraryIndex
    from reader.tui.library_worker import Listed

    with LibraryIndex(library) as index:
        index.update(workers=1)
    monkeypatch.setattr(session, "FIRST_PAGE", 1)
    app = make_app()
    shown = []  # (articles listed when a listing came, the listing's rows, partial, total)

    def listed(message):
        if isinstance(message, Listed):  # seen before the screen shows it
            rows = app.screen.query_one(SourceList).article_count
            shown.append((rows, len(message.listing.rows), message.listing.partial))

    async with app.run_test(size=(120, 40), message_hook=listed) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        # The first page (shown in the first frame, or by the first listing) comes first,
        # then the whole library.
        whole = next(i for i, (_, rows, partial) in enumerate(shown) if not partial)
        assert shown[whole] == (1, 2, False)
        assert all(rows == 1 and partial for _, rows, partial in shown[:whole])
        assert sources.sources == ["AFP", "Unattributed"]
        assert sources.highlighted_id == AFP_ID
        assert "2 articles" in str(app.screen.query_one("#status-totals").render())


async def test_moving_the_highlight_previews_and_enter_opens(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "j", "j")  # past the "Unattributed" header onto its article
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.id == OTHER_ID
        assert app.focused is app.screen.query_one(SourceList)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.focused is view
        assert OTHER_ID in app.screen.query_one(SourceList).read_ids


async def test_a_source_header_highlighted_stays_so_when_the_library_is_listed_again(make_app):
    """The list listed anew (a file changed, the index updated or built anew) while a
    source's header is highlighted: the header stays highlighted, and the next `j` goes
    to its first article (it went back to the library's first article)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "j")  # the "Unattributed" header
        app.screen.load_library()  # as when a file changes in the library
        await settle(pilot)
        await press_in_turn(pilot, "j")
        await settle(pilot)
        assert app.screen.query_one(SourceList).highlighted_id == OTHER_ID
        assert app.screen.query_one(ArticleView).article.id == OTHER_ID


async def test_groups_fold_and_unfold(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        assert sources.row_count == 4
        await press_in_turn(pilot, "h")
        assert sources.row_count == 3
        await press_in_turn(pilot, "l")
        assert sources.row_count == 4
        await press_in_turn(pilot, "z")
        assert sources.row_count == 2


async def test_b_shows_boilerplate_dimmed_and_hides_it_again(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        view = app.screen.query_one(ArticleView)
        assert not any("READ MORE" in line for line in view.plain_lines())
        await press_in_turn(pilot, "b")
        assert any("READ MORE" in line for line in view.plain_lines())
        await press_in_turn(pilot, "b")
        assert not any("READ MORE" in line for line in view.plain_lines())


async def test_scrolling_keys_move_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        view = app.screen.query_one(ArticleView)
        await press_in_turn(pilot, "j", "j", "j")
        # j and k move the reading cursor; the view moves when the cursor reaches its edge.
        assert view.scroll_y == 0
        assert view.cursor_row == view._layout.rows[3]
        await press_in_turn(pilot, "k")
        assert view.cursor_row == view._layout.rows[2]
        await press_in_turn(pilot, "G")
        assert view.scroll_y == view.max_scroll_y > 0
        await press_in_turn(pilot, "g")
        assert view.scroll_y == 0
        await press_in_turn(pilot, "space")
        assert view.scroll_y > 5


async def test_the_text_is_laid_out_for_the_width_beside_the_scrollbar(make_app):
    # The scrollbar takes or gives back a column without always sending a Resize: the
    # text must follow, or the same article wraps one way or another from run to run.
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.show_vertical_scrollbar  # the first article is longer than the pane
        assert view._layout.width == view._target_layout_width()
        view.show_vertical_scrollbar = False
        assert view._layout.width == view._target_layout_width()
        view.show_vertical_scrollbar = True
        assert view._layout.width == view._target_layout_width()


async def test_search_as_you_type_then_open_the_hit(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, *"Dakhlallah")
        await searched(pilot)
        hits = app.screen.query_one(HitList)
        assert hits.display
        assert {h.id for h in hits.hits} == {AFP_ID, OTHER_ID}
        assert all(h.spans for h in hits.hits)
        await press_in_turn(pilot, "down")
        assert app.focused is hits
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert app.focused is view
        start, end = view.matches[view.current_match]
        assert view.article.text[start:end] == "Dakhlallah"


async def test_a_search_typed_while_the_app_starts_shows_its_hits(make_app):
    # The hits' list is mounted after the first frame: keys typed before must not be lost.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"Dakhlallah")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        assert hits.display and not app.screen.query_one(SourceList).display
        assert {h.id for h in hits.hits} == {AFP_ID, OTHER_ID}


async def test_escape_and_a_cleared_search_as_the_app_starts_leave_it_running(make_app):
    # The hits' list and the find bar are mounted after the first frame: keys that
    # reach the screen before must not look for them.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "slash", "x", "backspace", "escape")
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one(SourceList).display


async def test_escape_twice_from_the_search_bar_clears_the_search(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"trump")
        await searched(pilot)
        await press_in_turn(pilot, "escape", "escape")  # to the hits, then out of the search
        assert app.screen.query_one(SourceList).display
        assert not app.screen.query_one(HitList).display
        assert app.focused is app.screen.query_one(SourceList)


async def test_malformed_query_gets_a_message_not_a_crash(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *'"rutte')
        await searched(pilot)
        hits = app.screen.query_one(HitList)
        assert hits.hits  # searched as text
        message = str(app.screen.query_one("#search-message").render())
        assert message


async def test_a_lone_minus_in_the_search_bar_gets_a_message(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "minus")
        await searched(pilot)
        message = str(app.screen.query_one("#search-message").render())
        assert "a lone -" in message


async def test_find_in_article_with_counter_and_n_N(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "ctrl+f")
        await typed(pilot, *"trump")
        view = app.screen.query_one(ArticleView)
        total = len(view.matches)
        assert total >= 5  # the title's, then the story's
        count = app.screen.query_one("#find-count")
        assert str(count.render()) == f"2/{total}"  # from the cursor on: the story's first
        await press_in_turn(pilot, "down")
        assert str(count.render()) == f"3/{total}"
        await press_in_turn(pilot, "enter")  # to the match, in the article
        assert app.focused is view
        assert str(count.render()) == f"3/{total}"
        await press_in_turn(pilot, "n")
        assert view.current_match == 3
        await press_in_turn(pilot, "N", "N")
        assert view.current_match == 1
        start, end = view.matches[1]
        assert view.article.text[start:end].lower() == "trump"
        await press_in_turn(pilot, "N")  # round to the title
        assert str(count.render()) == f"1/{total}" and view.matches[0][0] < 0


async def test_notes_screen_key_opens_notes_after_a_find_and_n_N_still_step(make_app):
    from reader.tui.screens.notes import NotesScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "ctrl+f")
        await typed(pilot, *"trump")
        await press_in_turn(pilot, "enter")  # to the match, the find open
        view = app.screen.query_one(ArticleView)
        assert app.focused is view and len(view.matches) >= 2
        await press_in_turn(pilot, "N", "N")  # the title's, then round to the last
        assert view.current_match == len(view.matches) - 1
        assert not isinstance(app.screen, NotesScreen)
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, NotesScreen)


async def test_find_matches_across_a_line_wrap(make_app):
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        view = app.screen.query_one(ArticleView)
        lines = view._layout.lines
        # Two screen lines of one paragraph: the last word of one and the first of the next.
        first, second = next(
            (a, b)
            for a, b in itertools.pairwise(lines)
            if a.is_text and b.is_text and a.block == b.block
        )
        text = view.article.text
        phrase = (
            text[first.start : first.end].split()[-1]
            + " "
            + text[second.start : second.end].split()[0]
        )
        await press_in_turn(pilot, "f")
        await typed(pilot, *phrase)
        assert len(view.matches) >= 1
        start, end = view.matches[view.current_match]
        assert view.row_of(start) != view.row_of(end - 1)


async def test_reading_position_is_restored_after_restart(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await typed(pilot, *"jjjjjjjjjjjj")
        view = app.screen.query_one(ArticleView)
        offset = view.cursor  # the reading position is the reading cursor's line
        assert offset > 0
        await pilot.pause()
        top = view.top_offset
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = again.screen.query_one(ArticleView)
        assert view.cursor == offset
        # the article read last opens as it was on screen (once it is laid out)
        assert await wait_until(pilot, lambda: view.top_offset == top), view.top_offset
        assert AFP_ID in again.screen.query_one(SourceList).read_ids


async def test_tab_moves_between_panes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one(SourceList)
        await press_in_turn(pilot, "tab")
        assert app.focused is app.screen.query_one(ArticleView)
        await press_in_turn(pilot, "shift+tab")
        assert app.focused is app.screen.query_one(SourceList)


async def test_mouse_click_selects_a_row(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sources = app.screen.query_one(SourceList)
        await pilot.click(SourceList, offset=(5, 3))
        await settle(pilot)
        assert sources.highlighted_id == OTHER_ID
        assert app.screen.query_one(ArticleView).article.id == OTHER_ID


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "q")
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running


async def test_the_search_title_says_when_only_the_best_hits_are_listed(make_app, monkeypatch):
    from reader.session import Session

    search = Session.search
    monkeypatch.setattr(
        Session, "search", lambda self, text, limit=1, **kw: search(self, text, 1, **kw)
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"nato")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        assert "Search · best 1 of 2" in str(app.screen.query_one("#left-title").render())


async def test_hits_below_the_first_screenful_get_their_excerpts_right_after(make_app, monkeypatch):
    import reader.tui.library_worker as library_worker

    monkeypatch.setattr(library_worker, "FIRST_EXCERPTS", 1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"nato")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count == 2)
        assert await wait_until(pilot, lambda: all(hit.snippet for hit in hits.hits))
        second = hits.render_line(4).text  # the second hit's excerpt line
        assert "NATO" in second or "Nato" in second or "nato" in second


async def test_hits_get_their_excerpts_as_the_list_comes_to_them(make_app, library, monkeypatch):
    import reader.tui.library_worker as library_worker

    monkeypatch.setattr(library_worker, "FIRST_EXCERPTS", 1)
    folder = library / "Rivers"
    folder.mkdir()
    for n in range(40):
        (folder / f"otters{n:02}.txt").write_text(
            f"Otters of the river, count {n}\n\nThe river keepers counted {n} otters along "
            "the bank this spring, and they say that more of them are expected next year.\n"
        )
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"otters")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count == 40)
        await settle(pilot)
        assert hits.hits[0].snippet
        assert hits.hits[-1].snippet is None  # far below: not cut until the list gets there
        hits.focus()
        await press_in_turn(pilot, "G")
        assert await wait_until(pilot, lambda: hits.hits[-1].snippet is not None)
        await pilot.pause()
        shown = [hits.render_line(y).text for y in range(hits.size.height)]
        assert "39 otters along" in "".join(shown[-3:])


async def test_quitting_as_soon_as_the_list_shows_ends_cleanly(make_app, library):
    from reader.search.index import open_index

    with open_index(library) as index:  # warm: the list is in the very first frame
        index.update(workers=1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # re-raises any error in the app
        sources = app.screen.query_one(SourceList)
        for _ in range(5000):
            if sources.row_count:
                break
            await asyncio.sleep(0.001)
        await pilot.pause(0)
        app.exit()
    assert app.return_code == 0


async def test_a_search_the_index_cannot_answer_says_so_and_the_app_goes_on(make_app, monkeypatch):
    from reader.errors import SearchIndexError
    from reader.session import Session

    def broken(self, text, **kwargs):
        raise SearchIndexError("the search index is damaged: the next update rebuilds it")

    monkeypatch.setattr(Session, "search", broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"nato")

        def message() -> str:
            return str(app.screen.query_one("#search-message").render())

        assert await wait_until(pilot, lambda: "damaged" in message())
        await press_in_turn(pilot, "escape", "j")  # still answering keys
        assert app.is_running


def test_the_launcher_collects_garbage_again_once_the_first_frame_is_drawn(library, monkeypatch):
    # `reader` stops the collector while it starts (all it makes then lives on); the
    # app must hand it back, or a long session would never free a reference cycle.
    import argparse
    import gc

    from reader.cli import app_cmd
    from reader.search import open_index
    from reader.tui.app import ReaderApp

    with open_index(library) as index:  # warm: the list is in the very first frame
        index.update(workers=1)
    seen = []

    def run_headless(app: ReaderApp) -> None:
        seen.append(("while starting", gc.isenabled()))

        async def drive() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                rows = app.screen.query_one(SourceList).row_count
                seen.append(("after the first frame", gc.isenabled(), rows))

        asyncio.run(drive())

    monkeypatch.setattr(ReaderApp, "run", run_headless)
    try:
        app_cmd.run(argparse.Namespace(library=str(library), notes_dir=None))
    finally:
        gc.enable()
        gc.unfreeze()
    assert seen == [("while starting", False), ("after the first frame", True, 4)]


async def test_a_long_article_is_laid_out_once_for_the_width_beside_its_scrollbar(
    make_app, library, monkeypatch
):
    # Laid out for the full width, then again when the scrollbar came, a 1 MB article
    # took a second 100 ms to open.
    from reader.tui.article import background_layout as article_view

    paragraphs = "\n\n".join(f"Paragraph {n} says a little more about it." for n in range(400))
    (library / "AFP" / "long.txt").write_text("A long dispatch\n\n" + paragraphs + "\n")
    widths = []
    original = article_view.layout_article

    def spy(article, meta, width, **kwargs):
        if article.title == "A long dispatch":
            widths.append(width)
        return original(article, meta, width, **kwargs)

    monkeypatch.setattr(article_view, "layout_article", spy)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.open_article("AFP/long.txt")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article.title == "A long dispatch"
        assert view.show_vertical_scrollbar
        assert widths == [view.layout_width]


async def test_a_search_made_only_of_exclusions_lists_the_rest_of_the_library(make_app, library):
    from reader.session import Session

    (library / "Gardens").mkdir()
    (library / "Gardens" / "tomatoes.txt").write_text(
        "Growing tomatoes\n\nA sunny balcony is enough to grow tomatoes, provided the pots "
        "are deep and the plants are watered every evening during the summer.\n"
    )
    session = Session(library)
    session.update_index()
    afp = session.article(AFP_ID)
    at = afp.text.index("Palm Beach")
    session.annotations.add(afp, at, at + 10, note="Mar-a-Lago is nearby")
    session.index.close()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "slash")
        await typed(pilot, *"-lago")
        hits = app.screen.query_one(HitList)
        assert await wait_until(pilot, lambda: hits.row_count > 0)
        # the article whose note holds the word is left out; the rest as the library lists it
        assert [h.id for h in hits.hits] == ["Gardens/tomatoes.txt", OTHER_ID]


async def test_ctrl_c_copies_the_keyboard_selection(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter", "V", "ctrl+c")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert app.clipboard and app.clipboard in view.article.text
        assert app.is_running
