"""Reading a radio set's choice as the user left it, keys typed in a burst included."""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet


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
