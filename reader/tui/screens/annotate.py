"""The annotation dialog: a note, tags (completed from existing ones) and a colour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, RadioSet, Static, TextArea

from reader.notes.schema import COLORS
from reader.text.safe import visible
from reader.tui.article.colors import colour_system, highlight_style
from reader.tui.key_phrases import key_line
from reader.tui.keys import bindings, bound_key, in_sentence
from reader.tui.screens.styles import screen_css
from reader.tui.tag_text import items, parse_tags, quoted, shown_tag, shown_tags
from reader.tui.widgets.choice import Choice, Option, pressed_button
from reader.tui.widgets.fitted import Fitted
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.note_area import NoteArea
from reader.tui.widgets.prefilled_input import PrefilledInput


@dataclass(frozen=True, slots=True)
class Draft:
    """What the dialog returns: the note, its tags and its colour."""

    note: str
    tags: tuple[str, ...]
    color: str


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from known tags, the tags
    typed before it kept as they are."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # matched case-blind below
        self.tags = sorted(set(tags), key=str.lower)

    async def get_suggestion(self, value: str) -> str | None:
        start, _ = items(value)[-1]
        typed = value[start:].lstrip()
        if typed in ("", '"'):
            return None
        for tag in self.tags:
            shown = quoted(tag) if typed.startswith('"') else shown_tag(tag)
            if len(shown) > len(typed) and shown.casefold().startswith(typed.casefold()):
                return value[: len(value) - len(typed)] + shown
        return None


class AnnotateScreen(ModalScreen[Draft | None]):
    """Write or edit the note on a passage. ctrl+s saves, Esc cancels (or the keys the
    keymap gives them, which the dialog's line of keys names).

    With `on_save`, ctrl+s hands the draft over and the dialog stays until `saved()` is
    called; `save_failed(reason)` shows why and keeps the text for another try, and Esc
    then hands the draft to `on_keep` (to keep it aside) rather than dropping it. When
    that fails too (`keep_failed`), the note is saved nowhere: Esc asks before dropping
    it. Without `on_save`, ctrl+s returns the draft.
    """

    DEFAULT_CSS = screen_css("annotate")

    BINDINGS = bindings("annotate")

    def __init__(
        self,
        quote: str,
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
        color: str = COLORS[0],
        known_tags: list[str] | None = None,
        title: str = "Annotate",
        on_save: Callable[[AnnotateScreen, Draft], None] | None = None,
        on_keep: Callable[[AnnotateScreen, Draft], None] | None = None,
    ) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.color = color  # kept as the file has it, known or not, unless another is picked
        self.known_tags = known_tags or []
        self.heading = title
        self._asked: Draft | None = None  # what the dialog held when Esc asked to discard it
        self.on_save = on_save
        self.on_keep = on_keep
        self.saving = False  # handed over, waiting to hear whether it was saved
        self.not_saved: str | None = None  # why the last save failed
        self.saved_nowhere = False  # neither saved nor kept aside: only this dialog has it
        self.quit_asked = False  # the app asked once before quitting with this text unsaved
        self._close_when_shown = False
        self._tags_shown = ""  # the tags as their field first showed them

    def compose(self) -> ComposeResult:
        quote = " ".join(self.quote.split())
        if len(quote) > 240:
            quote = quote[:237] + "…"
        with Vertical(id="annotate"):
            yield Label(self.heading, id="annotate-title")
            yield Static(visible(f"“{quote}”"), id="annotate-quote", markup=False)
            yield Label("Note")
            note = NoteArea(self.note, id="annotate-note", soft_wrap=True, tab_behavior="focus")
            yield note
            yield Label("Tags (comma separated)")
            tags = PrefilledInput(
                shown_tags(self.tags),
                placeholder="e.g. nato, quote",
                id="annotate-tags",
                suggester=TagSuggester(self.known_tags),
            )
            yield tags
            self._tags_shown = tags.value
            yield Label("Colour")
            if self.color not in COLORS:
                yield Static(
                    visible(
                        f"{self.color} (unknown, shown as {COLORS[0]}; kept unless you pick one)"
                    ),
                    id="annotate-color-unknown",
                    markup=False,
                )
            with Choice(id="annotate-color"):
                for color in COLORS:
                    look = highlight_style(
                        color, self.app.current_theme.dark, colour_system(self.app)
                    )
                    label = Text(f" {color} ", style=look)
                    yield Option(label, value=color == self.color, name=color)
            yield Static("", id="annotate-problem", markup=False)
            yield Static(self._keys_as_opened(), id="annotate-keys")
        yield KeyBar()  # this dialog's keys, over the ones of the screen beneath

    def on_mount(self) -> None:
        note = self.query_one(TextArea)
        note.move_cursor(note.document.end)
        note.focus()

    def draft(self) -> Draft:
        """What the dialog holds now."""
        note = self.query_one(TextArea).text
        tags_typed = self.query_one("#annotate-tags", Input).value
        # Tags left as shown are those given, even blank ones or repeats.
        tags = tuple(self.tags) if tags_typed == self._tags_shown else parse_tags(tags_typed)
        pressed = pressed_button(self.query_one(Choice))
        color = pressed.name if pressed is not None and pressed.name else self.color
        return Draft(note, tags, color)

    def action_save(self) -> None:
        if self.saving:
            self.notify("Saving…", timeout=2)
            return
        if self.on_save is None:
            self.dismiss(self.draft())
            return
        self._hand_over("Saving…", self.on_save)

    def _hand_over(self, doing: str, to: Callable[[AnnotateScreen, Draft], None]) -> None:
        self.saving = True
        self._asked = None
        self.query_one("#annotate-keys", Static).update(doing)
        to(self, self.draft())

    def saved(self) -> None:
        """The note was saved (or kept aside): close, now or when next on top."""
        self.saving = False
        if self.is_active:
            self.dismiss(self.draft())
        else:  # a screen (help, say) was opened over it meanwhile
            self._close_when_shown = True

    def on_screen_resume(self) -> None:
        if self._close_when_shown:
            self.dismiss(self.draft())

    def save_failed(self, reason: str) -> None:
        """The note was not saved: say why, keep the text, offer to try again or keep it."""
        self.saving = False
        self.not_saved = reason
        self.saved_nowhere = False
        self._asked = None
        self._show_problem(f"Not saved: {reason}")
        later = "keep it for later" if self.on_keep else "cancel"
        self.query_one("#annotate-keys", Static).update(self._keys_line("try again", later))
        self._describe_cancel(later.capitalize())

    def keep_failed(self, reason: str) -> None:
        """Keeping the note aside failed too: the text stays here, and Esc asks before
        it drops the note."""
        self.saving = False
        self.not_saved = None
        self.saved_nowhere = True
        self._asked = None
        self._show_problem(f"Saved nowhere, not even kept aside: {reason}")
        self.query_one("#annotate-keys", Static).update(
            self._keys_line("try again", "discard (asks)")
        )
        self._describe_cancel("Discard")

    def _keys_as_opened(self) -> Fitted:
        return self._keys_line("save", "cancel", "tab next field")

    def _keys_line(self, save: str, cancel: str, *more: str) -> Fitted:
        """The dialog's line of keys, naming the keys its bindings have."""
        saving, cancelling = (
            bound_key(self.app, "annotate.save"),
            bound_key(self.app, "annotate.cancel"),
        )
        return key_line(f"{saving} {save}", f"{cancelling} {cancel}", *more)

    def _describe_cancel(self, description: str) -> None:
        """The key bar says what Esc does now, as the dialog's own line of keys does."""
        keys = self._bindings.key_to_bindings
        for key, on_key in keys.items():
            keys[key] = [
                replace(b, description=description) if b.action == "cancel" else b for b in on_key
            ]
        self.refresh_bindings()

    def _show_problem(self, text: str) -> None:
        problem = self.query_one("#annotate-problem", Static)
        problem.update(Text(visible(text)))
        problem.add_class("-shown")

    @property
    def unconfirmed(self) -> bool:
        """Whether the dialog holds typed text that was never handed over to be saved."""
        return (
            self.is_mounted
            and not self.saving
            and not self.not_saved
            and not self.saved_nowhere
            and self._changed()
        )

    def _changed(self) -> bool:
        """Whether the note, its tags or its colour differ from what the dialog opened on."""
        draft = self.draft()
        return (draft.note, draft.tags, draft.color) != (self.note, tuple(self.tags), self.color)

    def action_cancel(self) -> None:
        """Esc: leave; when something was typed, only on the second Esc. After a failed
        save, keep the note aside instead; when it could not be kept either, ask first."""
        if self.saving:
            self.notify("Saving…", timeout=2)
            return
        if self.not_saved and self.on_keep is not None:
            self._hand_over("Keeping it aside…", self.on_keep)
            return
        if self.saved_nowhere:
            from reader.tui.screens.discard import DiscardScreen

            self.app.push_screen(DiscardScreen(), self._discard_answered)
            return
        if self._changed() and self.draft() != self._asked:
            self._asked = self.draft()
            cancel, save = (
                in_sentence(bound_key(self.app, "annotate.cancel")),
                in_sentence(bound_key(self.app, "annotate.save")),
            )
            # Said in the dialog, in place of its keys, while it holds (a toast would
            # cover the dialog, and go while Esc still discards).
            asked = f"Press {cancel} again to discard what you typed, or {save} to save."
            self.query_one("#annotate-keys", Static).update(Text(asked))
            self._describe_cancel("Discard")
            return
        self.dismiss(None)

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _changed_after_asking(self) -> None:
        """What is typed after Esc asked is not what it asked about: Esc cancels again
        (and asks again), the keys are named again."""
        if self._asked is None or self.saving or self.draft() == self._asked:
            return
        self._asked = None
        self.query_one("#annotate-keys", Static).update(self._keys_as_opened())
        self._describe_cancel("Cancel")

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    @property
    def unkept(self) -> bool:
        """Whether a note whose save failed waits here to be kept aside."""
        return not self.saving and bool(self.not_saved or self.saved_nowhere)

    def keep_aside(self) -> None:
        """Keep what was typed, or not saved, aside to be saved later, asking nothing:
        the app is ending (a signal, a quit) and nobody may be there to answer."""
        if self.on_keep is not None and (self.unkept or self.unconfirmed):
            self._hand_over("Keeping it aside…", self.on_keep)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
