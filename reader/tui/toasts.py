"""Toasts that ask the reader to do something, taken back as soon as it is done.

Textual 8 lets an app add a notification and clear them all, but not take one back:
`App.notify` keeps no handle. So the notification is made here, shown the way `notify`
shows it (a `Notify` message), and removed with the app's own `_unnotify`, the one
step Textual has for that (a toast's timer uses it). Clearing them all would take away
other toasts too, an error among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.notifications import Notification, Notify

from reader.text.safe import visible

if TYPE_CHECKING:
    from textual.app import App


def ask(app: App, message: str, timeout: float) -> Notification:
    """Show `message` (plain text, controls shown as stand-ins, as `App.notify` shows
    them) as a toast for up to `timeout` seconds; `withdraw` it once what it asks for is
    done."""
    notification = Notification(visible(message), timeout=timeout)
    app.post_message(Notify(notification))
    return notification


def withdraw(app: App, notification: Notification | None) -> None:
    """Take the toast away now (nothing when it has gone already)."""
    if notification is None:
        return
    notification.timeout = 0  # expired: not shown, even when its Notify is still queued
    app._unnotify(notification)
