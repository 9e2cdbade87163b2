"""Reading a radio set's choice as the user left it, keys typed in a burst included;
its options showing which is picked without colours too."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton, RadioSet

from reader.tui.article.colors import colour_system


def pressed_button(radio_set: RadioSet) -> RadioButton | None:
    """The button pressed last, even before the set has heard of it.

    A set learns of a press by a message, which a key typed right after the press (a
    ctrl+s) can overtake: meanwhile the new button and the old one are both on, and the
    set still names the old one.
    """
    on = [button for button in radio_set.query(RadioButton) if button.value]
    newer = [button for button in on if button is not radio_set.pressed_button]
    chosen = newer or on
    return chosen[0] if chosen else None


class Choice(RadioSet):
    """A radio set whose arrow keys pick the option they move to, as a radio group in
    any other interface does (Textual's only moves a highlight, which space then picks)."""

    def action_next_button(self) -> None:
        super().action_next_button()
        self._pick()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._pick()

    def action_toggle_button(self) -> None:
        # Enter or space on the option picked already keeps it (a radio is not unpicked).
        if self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton) and button.value:
                return
        super().action_toggle_button()

    def _pick(self) -> None:
        # Only keys pick: the set highlights its first option when mounted, unfocused.
        if self.has_focus and self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton) and not button.value:
                button.value = True


class Option(RadioButton):
    """A radio button showing whether it is picked where the app draws without colours
    (NO_COLOR, TERM=dumb), where its dot, on and off only by its colour, would look the
    same either way: there it is full when picked, else hollow."""

    def on_mount(self) -> None:
        show_value(self, "●", "○")

    def watch_value(self) -> None:
        super().watch_value()
        if self.is_mounted:
            show_value(self, "●", "○")


class Tick(Checkbox):
    """A checkbox showing whether it is ticked without colours (see `Option`): its `X`
    there only when it is."""

    def on_mount(self) -> None:
        show_value(self, "X", " ")

    def watch_value(self) -> None:
        super().watch_value()
        if self.is_mounted:
            show_value(self, "X", " ")


def show_value(button: RadioButton | Checkbox, on: str, off: str) -> None:
    """Draw the button's mark as `on` or `off` where the app draws without colours."""
    if colour_system(button.app) is None:
        button.BUTTON_INNER = on if button.value else off
        button.refresh()
