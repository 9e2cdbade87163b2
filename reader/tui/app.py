"""The Textual app: wires the session, the config and the screens together."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.keys import format_key
from textual.screen import Screen

from reader.config import Config, in_file_order, save_theme, told_together
from reader.errors import ConfigError
from reader.paths import config_file, styles_dir
from reader.session import Session
from reader.text.safe import visible
from reader.tui.escape_keys import apart, keep_escapes
from reader.tui.key_sections import key_sections
from reader.tui.keys import bindings, bound_key, in_sentence, keep_parsed_copy
from reader.tui.keys_in_turn import KeyActed, KeysInTurn
from reader.tui.palette import ReaderPalette
from reader.tui.pane_layout import NARROW_BELOW, SHORT_BELOW
from reader.tui.screens.main import MainScreen
from reader.tui.screenshots import screenshot_dir
from reader.tui.theme_text import text_variables

if TYPE_CHECKING:
    from reader.importing.stopping import FetchStop
    from reader.notes.schema import NotesFile
    from reader.tui.note_actions import NoteActions


class ReaderApp(App[None]):
    """reader: a keyboard-first terminal reader for articles kept on disk."""

    TITLE = "reader"
    CSS_PATH = str(styles_dir() / "reader.tcss")
    ENABLE_COMMAND_PALETTE = True
    # Screens get a class by the terminal's size, for the compact layouts in styles/.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    BINDINGS = bindings("app")

    def __init__(
        self,
        root: Path,
        *,
        config: Config | None = None,
        config_problems: list[str] | None = None,
        notes_dir: Path | None = None,
        session: Session | None = None,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._draw_without_colours()
        self._on_started = on_started  # called after the first frame
        # Read once, by the command line that launches the app (see cli/app_cmd.py);
        # without one, the defaults.
        if config is None:
            config = Config()
        self.config = config
        self.config_problems = config_problems or []
        self.session = session or Session(root, notes_dir=notes_dir)
        self._saved_theme = config.theme
        self.keys_in_turn = KeysInTurn(self)
        keep_escapes()

    def _draw_without_colours(self) -> None:
        """With NO_COLOR set, or on a terminal of no colours (TERM=dumb), no colour at
        all is written: Textual draws NO_COLOR in greys, written as 24-bit colours, and
        TERM=dumb in the theme's colours, 24-bit too. What colours tell is told by
        attributes then (see article/colors.py and the `-no-colour` rules in styles/)."""
        if not (self.no_color or os.environ.get("TERM") == "dumb"):
            return
        from textual.filter import Monochrome, NoColor

        self.no_color = True
        self._filters = [f for f in self._filters if not isinstance(f, Monochrome)]
        self._filters.append(NoColor())
        self.add_class("-no-colour")

    @property
    def can_undo_delete(self) -> bool:
        """Whether a deleted note can be brought back (without loading the notes stack)."""
        return "note_actions" in self.__dict__ and bool(self.note_actions.deleted)

    @cached_property
    def note_actions(self) -> NoteActions:
        """Adding, editing and deleting notes with their dialogs (loaded on first use)."""
        from reader.tui.note_actions import NoteActions

        return NoteActions(self, self.session.annotations)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout=None,
        markup: bool = True,
    ) -> None:
        """Toasts show file names, quotes and errors: never read them as markup."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def on_mount(self) -> None:
        if self._on_started is not None:
            self.call_after_refresh(self._on_started)
        self.call_after_refresh(keep_parsed_copy)  # the keys, read faster next time
        self.call_after_refresh(self._load_every_screen)
        from reader.tui.config_check import app_settings

        keymap, problems = app_settings(self.config, self.available_themes)
        if self.config.theme in self.available_themes:
            self._saved_theme = self.config.theme  # (as the themes name it: `Nord` is nord)
            self.theme = self.config.theme
        path = self.config.path or config_file()
        self.config_problems = in_file_order(self.config_problems + problems, path)
        if keymap:
            self.set_keymap(keymap)
        self.theme_changed_signal.subscribe(self, self._on_theme_changed)
        if self.config_problems:  # one toast: a toast each would push the first out of sight
            self._tell_config_problem(told_together(self.config_problems, path))
        self.session.state.tell_to(self._tell_state_problem)
        from reader.notes.location import notes_dir_problem

        if unreadable := notes_dir_problem(self.session.notes_dir):  # (not taken for no notes)
            said = unreadable[:1].upper() + unreadable[1:]
            self.notify(said, title="Notes", severity="warning", timeout=10)
        if os.environ.get("READER_NOW"):  # (the Review's clock is not loaded otherwise)
            from reader.review import clock

            if clock_problem := clock.problem():
                self.notify(clock_problem, title="Review", severity="warning", timeout=10)
        from reader.notes.lock import timeout_problem

        if lock_problem := timeout_problem():
            self.notify(lock_problem, title="Notes", severity="warning", timeout=10)

    def _tell_state_problem(self, line: str) -> None:
        # (from a worker too: notify posts a message)
        self.notify(
            line[:1].upper() + line[1:], title="Reading state", severity="warning", timeout=10
        )

    def _tell_config_problem(self, problem: str) -> None:
        lines = problem.count("\n")  # (several problems told together: longer to read)
        self.notify(problem, title="Config", severity="warning", timeout=8 + 2 * lines)

    def action_command_palette(self) -> None:
        """The palette, fitted again to a new width (see palette.py)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(ReaderPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Of Textual's own palette commands, Quit and Screenshot, told in the app's words.
        The app names the theme and keys commands itself ("Change theme", "Help: keys");
        Maximize and Minimize (a pane over the whole screen) are left out: widget jargon,
        and `ctrl+b` gives the article the whole width."""
        helps = {
            "Quit": "Leave reader, once the notes are safe",
            "Screenshot": "Save the screen as an SVG picture",
        }
        for command in super().get_system_commands(screen):
            if command.title in helps:
                yield command._replace(help=helps[command.title])

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The screen as SVG, saved in `screenshot_dir` unless `path` says where."""
        if path is None:
            try:
                path = str(screenshot_dir())
            except OSError as exc:
                self.notify(f"Cannot save the screenshot: {exc}", severity="error", timeout=8)
                return None
        return super().deliver_screenshot(filename, path, time_format)

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == "screenshot":  # Textual's own message is markup
            event.prevent_default()
            where = "" if event.path is None else f" to {event.path}"
            self.notify(f"Saved the screenshot{where}", title="Screenshot")

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":  # Textual's own message gives no reason
            event.prevent_default()
            reason = getattr(event.exception, "strerror", None) or event.exception
            self.notify(f"Cannot save the screenshot: {reason}", severity="error", timeout=8)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and text colours worked out to read on its backgrounds."""
        variables = super().get_css_variables()
        return {**variables, **text_variables(variables, self.current_theme.dark)}

    def get_default_screen(self) -> MainScreen:
        # The first screen, rather than one pushed on mount: Textual then paints it whole
        # in its first frame (a screen pushed while the app starts up has its first
        # frame dropped, and shows piecemeal).
        return MainScreen(self.session, text_width=self.config.text_width)

    def _on_theme_changed(self, theme) -> None:
        if theme.name == self._saved_theme:
            return
        try:
            save_theme(theme.name)
        except ConfigError as error:
            self._tell_config_problem(str(error))
        else:
            self._saved_theme = theme.name

    @property
    def main(self) -> MainScreen:
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        # Each key acts once the one before it has (KeysInTurn); keys typed at launch,
        # before the library is listed, wait for it (EarlyKeys).
        if not self.keys_in_turn.take(event):
            return
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None and main.early_keys.hold(event):
            self.keys_in_turn.done()
            return
        keys = apart(event, self.active_bindings, self.focused)
        if keys:  # Esc and a key typed together, read as Alt+key
            if main is not None and main.early_keys.instead(event, keys):
                self.keys_in_turn.done()  # held there, in the place of the key
            else:
                self.keys_in_turn.instead(event, keys)
            return
        way, screen = self.focused or self.screen, self.screen
        await super().on_event(event)
        self.keys_in_turn.follow(event, way, screen)

    def on_key_acted(self, message: KeyActed) -> None:
        self.keys_in_turn.came_back(message)

    # ----- actions used by keys and the palette ----------------------------------------------

    async def action_quit(self) -> None:
        """Quit, once the notes are safe: a note typed but not saved is asked about
        first, and changes still being saved are waited for."""
        from reader.tui.screens.annotate import AnnotateScreen

        dialogs = [s for s in self.screen_stack if isinstance(s, AnnotateScreen)]
        unasked = [s for s in dialogs if s.unconfirmed and not s.quit_asked]
        if unasked:
            for screen in unasked:
                screen.quit_asked = True
            self.notify(
                f"Your note is not saved: {in_sentence(bound_key(self, 'annotate.save'))} saves it;"
                " quit again to drop it.",
                severity="warning",
                timeout=6,
            )
            return
        if "note_actions" in self.__dict__:
            for screen in dialogs:
                if screen.unkept:  # a note whose save failed: keep it aside
                    screen.keep_aside()
            if not await self.note_actions.finish():
                return
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which key does (Textual's own toast is markup)."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        # (a dialog shows only its own keys; this one quits there too)
        key = format_key(keys[0]) if keys else bound_key(self, "app.quit_anywhere")
        self.notify(f"Press {in_sentence(key)} to quit.", title="Do you want to quit?")

    async def quit_on_signal(self) -> None:
        """Quit at a signal (SIGTERM, SIGHUP, SIGINT), asking nothing: nobody may be there
        to answer. A note typed or not saved in a dialog is kept aside, to be saved at
        the next start, and changes still being saved are waited for."""
        from reader.tui.screens.annotate import AnnotateScreen

        if "note_actions" in self.__dict__:
            self.note_actions.saves.start_closing(ending=True)
            for screen in self.screen_stack:
                if isinstance(screen, AnnotateScreen):
                    screen.keep_aside()
            await self.note_actions.finish()
        self.exit()

    @property
    def notes_lost(self) -> list[NotesFile]:
        """Notes that could be neither saved nor kept aside as the app ended."""
        return self.note_actions.saves.lost if "note_actions" in self.__dict__ else []

    def _load_every_screen(self) -> None:
        """Every screen help lists, loaded in the background once the app shows: help
        then reads no code later, which an upgrade while the app runs may have changed
        to fit keys other than those read at start-up."""
        self.run_worker(key_sections, name="load_screens", thread=True, exit_on_error=False)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(key_sections(), str(config_file())))

    def add_from_url(self) -> None:
        """Ask for a web address and fetch the page into the inbox (the dialog stays open,
        the address in it, when the page is not added)."""
        from reader.tui.screens.add_url import AddUrlScreen

        self.push_screen(AddUrlScreen(self._add_url))

    def _add_url(self, url: str, stop: FetchStop) -> str:
        """Fetch `url` into the inbox (in a thread) unless `stop`ped: the line saying
        where it went."""
        from reader.importing.fetch import add_url, new_client

        with new_client() as client:
            added = add_url(self.session.root, url, client, index=self.session.index, stop=stop)
        where = added.path.relative_to(self.session.root).as_posix()
        return f"Already in the library: {where}" if added.known else f"Added: {where}"
