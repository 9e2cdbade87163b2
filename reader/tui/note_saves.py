"""Saving notes off the interface's thread: one change at a time, in the order they were made.

Every change to the notes (a new note, an edit, a delete, an undo...) is a `SaveJob`, run
by a single background worker that takes them first in, first out, so two changes of the
same note are never applied out of order, and a save waiting for the notes lock or a slow
disk never freezes the window. Its outcome comes back on the interface's thread: `done`
with what the change returned, or `failed` with a one-line reason.

A job that fails when nobody is left to show it to (the app is quitting, or gone) and that
carries `keep` (the note as it should be saved) is kept aside in the notes directory
(`reader.notes.unsaved`), to be saved later, or else in the data directory's last resort
(`reader.notes.not_saved`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import NotesSaveError, ReaderError
from reader.notes.not_saved import Kept, keep_somewhere
from reader.notes.schema import NotesFile
from reader.paths import data_dir

if TYPE_CHECKING:
    from textual.app import App


def why_not_saved(error: Exception, path: Path | None = None) -> str:
    """The one line that says why a change to the notes did not happen."""
    if isinstance(error, ReaderError):
        return str(error)
    if isinstance(error, OSError):
        return str(NotesSaveError(path or error.filename or "the notes", error))
    if isinstance(error, KeyError):
        return "that note is no longer in its notes file"
    return str(error) or type(error).__name__


@dataclass(slots=True)
class SaveJob:
    """One change to the notes, and what to do when it is made or fails."""

    run: Callable[[], Any]  # in the saving thread
    done: Callable[[Any], None]  # on the interface's thread, with what `run` returned
    failed: Callable[[str], None]  # on the interface's thread, with the reason
    path: Path | None = None  # the notes file it changes, for messages
    keep: NotesFile | None = None  # the note to keep aside if it fails unseen


class NoteSaves:
    """The app's one queue of changes to the notes, saved in order by one worker."""

    def __init__(self, app: App, notes_dir: Path) -> None:
        self.app = app
        self.notes_dir = notes_dir
        self.last_resort = data_dir()  # where a note goes that cannot be kept aside
        self.closing = False  # quitting: a failure is kept aside rather than shown
        self.ending = False  # ending whatever happens (a signal): no quit is refused
        self.lost_while_closing = 0  # failures while quitting that could not be kept
        self.lost: list[NotesFile] = []  # ... the notes of those, to be written elsewhere
        self._jobs: deque[SaveJob] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._idle = threading.Event()
        self._idle.set()

    def start_closing(self, *, ending: bool = False) -> None:
        """Quitting: from now on a change that fails is kept aside, not shown; one that
        cannot be kept is counted, and its note listed in `lost` (those listed already
        stay). `ending`: the app ends whatever fails."""
        self.closing = True
        self.ending = self.ending or ending

    def closing_refused(self) -> None:
        """The quit is refused: the notes in `lost` are with their owners again (each
        failed job was told: a dialog keeps its note), not to be written as lost later."""
        self.closing = False
        self.lost_while_closing = 0
        self.lost = []

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def submit(self, job: SaveJob) -> None:
        """Queue a change (from the interface's thread)."""
        with self._lock:
            self._jobs.append(job)
            self._idle.clear()
        self._restart()

    def _drain(self) -> None:
        emptied = False
        try:
            while True:
                with self._lock:
                    if not self._jobs:
                        self._running = False
                        self._idle.set()
                        emptied = True
                        return
                    job = self._jobs.popleft()
                self._run(job)
        finally:
            if not emptied:  # something escaped: a new worker takes the changes left
                with self._lock:
                    self._running = False
                self._post(lambda _: self._restart(), None)

    def _restart(self) -> None:
        with self._lock:
            if self._running or not self._jobs:
                return
            self._running = True
        self.app.run_worker(
            self._drain, name="saving notes", group="note-saves", thread=True, exit_on_error=False
        )

    def _run(self, job: SaveJob) -> None:
        try:
            result = job.run()
        except Exception as error:  # whatever went wrong, the change is reported, not lost
            self._fail(job, why_not_saved(error, job.path))
        else:
            self._post(job.done, result)

    def _fail(self, job: SaveJob, reason: str) -> None:
        if not self.closing and self._post(job.failed, reason):
            return
        if job.keep is not None:
            try:
                self.keep(job.keep)
                return
            except Exception as error:
                reason = f"{reason}; not kept either: {why_not_saved(error)}"
                # Quitting, or the app gone: no dialog holds the note now.
                self.lost.append(job.keep)
        self.lost_while_closing += 1
        self._post(job.failed, reason)

    def keep(self, notes: NotesFile) -> Kept:
        """Keep a note that cannot be saved aside, or else in the last resort; says where.
        Raises SavedNowhereError."""
        return keep_somewhere(self.notes_dir, notes, self.last_resort)

    def _post(self, callback: Callable[[Any], None], value: Any) -> bool:
        """Run callback(value) on the interface's thread; False when the app is gone."""
        try:
            return self.app.call_later(callback, value)
        except RuntimeError:  # its event loop is closed
            return False
