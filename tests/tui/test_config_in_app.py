"""Config in the running app: remapped keys, a broken file, the theme that persists."""

import errno
import os
import re

from textual.widgets import Static

from reader.config import Config, load_config
from reader.paths import config_file
from reader.tui.app import ReaderApp
from reader.tui.screens.annotate import AnnotateScreen
from reader.tui.widgets.search_bar import SearchInput
from tests.tui.conftest import Notified, open_first, palette_search, press_in_turn, settle


def launched(library) -> ReaderApp:
    """The app as `reader` launches it: with the user's config file, read once before."""
    config, problems = load_config()
    return ReaderApp(library, config=config, config_problems=problems)


async def test_keymap_remaps_a_binding_by_id(library):
    app = ReaderApp(library, config=Config(keymap={"main.search": "ctrl+k"}), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert not isinstance(app.focused, SearchInput)
        await press_in_turn(pilot, "ctrl+k")
        assert isinstance(app.focused, SearchInput)


async def test_broken_config_shows_one_line_and_runs_on_defaults(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: nord\ntext_width: [oops\n")
    app = launched(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(re.search(r"config.yaml:\d+: .*using defaults", m) for m in messages)
        assert app.theme == "textual-dark"
        assert app.screen.query_one("ArticleView").article is not None


async def test_chosen_theme_persists(library):
    app = launched(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert load_config()[0].theme == "textual-light"
    again = launched(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light"


async def test_palette_opens_an_article_by_title(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "meets trump")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        assert view.article.id == "Unattributed/nato-chief-meets-trump.txt"
        assert app.focused is view


async def test_palette_jumps_to_a_source_and_toggles_boilerplate(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "go to source: unattr")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        sources = app.screen.query_one("SourceList")
        assert sources.highlighted_id == "Unattributed/nato-chief-meets-trump.txt"
        await palette_search(pilot, "toggle boilerplate")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one("ArticleView").show_boilerplate


async def test_palette_rebuilds_the_index(library):
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        (library / "AFP" / "new.txt").write_text(
            "A brand new story\n\nIt has a body sentence of its own.\n"
        )
        await palette_search(pilot, "rebuild the index")
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one("SourceList").article_count == 3


def config_toasts(app) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Config"]


async def test_keymap_naming_a_binding_that_does_not_exist_is_told(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("keymap:\n  main.serch: ctrl+k\n  main.search: ctrl+j\n")
    app = launched(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [told] = config_toasts(app)
        assert told.startswith(f"{path}:2: ") and "main.serch" in told
        await press_in_turn(pilot, "ctrl+j")  # the good entry still applies
        assert isinstance(app.focused, SearchInput)


async def test_keymap_key_that_cannot_be_read_is_told_and_the_rest_applies(library):
    keymap = {"main.search": "ctrl+kk", "app.help": "f2", "main.find": "ctrl+g, ctrl+o"}
    app = ReaderApp(library, config=Config(keymap=keymap), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [told] = config_toasts(app)
        assert "'ctrl+kk'" in told and "main.search" in told
        await pilot.press("slash")  # the default stays
        assert isinstance(app.focused, SearchInput)
        await press_in_turn(pilot, "escape", "ctrl+o")  # both keys of a list, spaces or not
        await settle(pilot)
        assert app.screen.query_one("FindBar").display
        await press_in_turn(pilot, "escape", "f2")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_keymap_with_a_single_character_key_works(library):
    app = ReaderApp(library, config=Config(keymap={"main.search": "!"}), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert config_toasts(app) == []
        await press_in_turn(pilot, "exclamation_mark")
        assert isinstance(app.focused, SearchInput)


async def test_theme_that_cannot_be_saved_is_told(library, monkeypatch):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("text_width: 72\n")
    app = launched(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", full)
        app.theme = "textual-light"
        await pilot.pause()
        monkeypatch.undo()
        [told] = config_toasts(app)
        assert "theme" in told and "No space left on device" in told
        assert app.theme == "textual-light"  # used for this session all the same
    assert path.read_text() == "text_width: 72\n"
    assert os.listdir(path.parent) == ["config.yaml"]


async def test_theme_is_not_saved_into_a_config_that_does_not_parse(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    app = ReaderApp(library, config=Config(), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        path.write_text("text_width: 72\ntheme: [broken\n")  # broken by hand meanwhile
        app.theme = "textual-light"
        await pilot.pause()
        [told] = config_toasts(app)
        assert told.startswith(f"{path}:3: ") and "not saved" in told
    assert path.read_text() == "text_width: 72\ntheme: [broken\n"


async def test_an_app_built_without_a_config_runs_on_the_defaults_not_the_users_file(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: nord\ntext_width: [oops\n")
    app = ReaderApp(library)  # the command line reads the file and passes it down
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert config_toasts(app) == []
        assert app.config == Config()
        assert app.theme == "textual-dark"


async def test_keymap_giving_ctrl_q_to_a_binding_is_told_and_the_binding_keeps_its_key(library):
    """ctrl+q quits from anywhere: a keymap entry taking it is named and ignored, so the
    Notes screen keeps `A` (it lost every key before, silently)."""
    keymap = {"main.notes": "ctrl+q"}
    app = ReaderApp(library, config=Config(keymap=keymap), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        [told] = config_toasts(app)
        assert "ctrl+q" in told and "main.notes" in told
        await press_in_turn(pilot, "A")
        await settle(pilot)
        assert type(app.screen).__name__ == "NotesScreen"


async def test_keymap_clashes_are_told_once_and_the_bindings_keep_their_keys(library):
    """Esc given to quit, f given to the Notes screen (it is find's), Enter given to
    saving a note (it makes a new line there): each is named once, and ignored."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("keymap:\n  app.quit: escape\n  main.notes: f\n  annotate.save: enter\n")
    app = launched(library)
    notified = Notified()
    async with app.run_test(size=(120, 40), message_hook=notified) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "escape", "escape")
        await settle(pilot)
        assert app.is_running  # Esc does not quit
        await press_in_turn(pilot, "f")
        await settle(pilot)
        assert app.screen.query_one("FindBar").display
        await press_in_turn(pilot, "escape", "A")
        await settle(pilot)
        assert type(app.screen).__name__ == "NotesScreen"
    [toast] = [str(n.message) for n in notified if n.title == "Config"]  # once, together
    heading, *told = toast.splitlines()
    assert heading == f"3 problems in {path}:" and len(told) == 3
    assert told[0].startswith("line 2: ") and "main.back" in told[0]
    assert "main.find_alt" in told[1] and "main.notes keeps A" in told[1]
    assert "enter for annotate.save" in told[2]


async def test_a_selecting_key_remapped_leaves_the_reading_key_it_shared(library):
    """`b` is word-back while selecting and boilerplate while reading: moving word-back
    to x leaves `b` showing the boilerplate."""
    keymap = {"select.word_back": "x"}
    app = ReaderApp(library, config=Config(keymap=keymap), config_problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press_in_turn(pilot, "enter")
        await settle(pilot)
        view = app.screen.query_one("ArticleView")
        assert app.focused is view and not view.show_boilerplate
        await press_in_turn(pilot, "b")
        await settle(pilot)
        assert view.show_boilerplate


async def test_characters_for_the_note_dialog_are_refused_and_typed_into_the_note(make_app):
    app = make_app(keymap={"annotate.save": "s", "annotate.cancel": "x"})
    told = Notified()
    async with app.run_test(size=(160, 40), message_hook=told) as pilot:
        view = await open_first(pilot)
        problems = [line for m in told.messages() for line in m.splitlines() if "keymap:" in line]
        assert len(problems) == 2
        assert "s for annotate.save is needed for typing in the note dialog" in problems[0]
        assert "x for annotate.cancel is needed for typing in the note dialog" in problems[1]
        await press_in_turn(pilot, "V", "a")
        await settle(pilot)
        await press_in_turn(pilot, "s", "x", "ctrl+s")
        await settle(pilot)
        assert [p.annotation.note for p in view.annotations] == ["sx"]


async def test_the_note_dialog_names_the_keys_it_is_given(make_app):
    app = make_app(keymap={"annotate.save": "f2", "annotate.cancel": "ctrl+g"})
    told = Notified()
    async with app.run_test(size=(160, 40), message_hook=told) as pilot:
        await open_first(pilot)
        await press_in_turn(pilot, "V", "a")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        hint = str(app.screen.query_one("#annotate-keys", Static).render())
        assert hint == "f2 save · ctrl+g cancel · tab next field"
        await press_in_turn(pilot, "w", "ctrl+g")
        await settle(pilot)
        asked = str(app.screen.query_one("#annotate-keys", Static).render())
        assert asked == "Press ctrl+g again to discard what you typed, or f2 to save."


async def test_many_config_problems_are_summed_up_in_the_toast(make_app):
    app = make_app(keymap={f"no.such{i}": "x" for i in range(2000)})
    told = Notified()
    async with app.run_test(size=(120, 40), message_hook=told) as pilot:
        await settle(pilot)
        [toast] = [n.message for n in told if n.title == "Config"]
        heading, *config = toast.splitlines()
        assert heading.startswith("2,000 problems in ") and len(config) == 4
        assert all("no binding has the id" in m for m in config[:3])
        assert config[3] == "1,997 more problems: run reader --check-config"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_every_config_problem_shows_on_a_small_terminal(library, monkeypatch):
    """Four problems at 80×24: each is on the screen at once, the first one too (a
    toast each left the first above the top)."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("text_width: 5\ntheme: nope\nfoo: 1\nbar: 2\n")
    app = launched(library)
    told = app.notify  # every toast kept a minute: looked at however slow the machine
    monkeypatch.setattr(app, "notify", lambda *a, **k: told(*a, **{**k, "timeout": 60}))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        for told in ("text_width must be", "'nope'", "setting foo", "setting bar"):
            assert told in shown, shown


async def test_a_theme_named_in_other_letter_case_is_applied(library):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: Nord\n")
    app = launched(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord" and config_toasts(app) == []
    assert path.read_text() == "theme: Nord\n"  # the file left as written
