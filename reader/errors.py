"""Errors a user can meet; each carries one clear line for the CLI or a toast."""

import os

from reader.text.safe import escaped


class ReaderError(Exception):
    """Base class: str(error) is the one-line message shown to the user."""


class LibraryError(ReaderError):
    """The library path is missing, not a directory, or unreadable."""


class NoSuchUserError(ReaderError):
    """A path starts with ``~user`` (or ``~``) and there is no such home folder."""

    def __init__(self, path: object) -> None:
        user = str(path).split("/", 1)[0]
        self.path = str(path)
        reason = "no such user" if user != "~" else "no home folder (HOME is not set)"
        super().__init__(f"{escaped(user)}: {reason}")


class ArticleError(ReaderError):
    """An article could not be found or read. `lasting`: reading it again as it is would
    fail the same way (False for a failed read of the disk, which may pass next time)."""

    def __init__(self, path: object, reason: str, *, lasting: bool = True) -> None:
        self.path = str(path)
        self.reason = reason
        self.lasting = lasting
        super().__init__(f"{escaped(str(path))}: {reason}")


class NoSuchFileError(ArticleError):
    """A path given that names nothing: ``no such file: PATH``."""

    def __init__(self, path: object) -> None:
        super().__init__(path, "no such file")
        self.args = (f"no such file: {escaped(str(path))}",)


class NotRegularFileError(OSError):
    """A FIFO, socket or device where a file was to be read: it is not read (a FIFO waits
    for a writer, a device may never end). An OSError, so a handler of failed reads
    handles it too; `strerror` says what it is ("not a regular file (FIFO)"), `filename`
    where."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(None, reason, str(path))
        self.reason = reason

    def __str__(self) -> str:
        return f"{escaped(str(self.filename))}: {self.strerror}"


class NotesFileError(ReaderError):
    """A notes file could not be parsed or validated; it is left untouched."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{escaped(path)}:{line}" if line else escaped(path)
        super().__init__(f"{where}: {message}")


class NotesFolderError(NotesFileError):
    """A notes file that cannot be read as the notes folder is not one (a file in its
    place): the folder's problem is said, not the file's."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.args = (problem,)


class NotesFolderGoneError(ReaderError):
    """The notes folder was there and is gone (moved away, deleted): a save does not
    make it again, which would hide the notes it held."""

    def __init__(self, notes_dir: object, kept: object = None) -> None:
        self.notes_dir = str(notes_dir)
        gone = f"the notes folder {escaped(self.notes_dir)} is gone (moved or deleted)"
        if kept is None:
            super().__init__(f"{gone}: move it back, or make it again to start anew")
        else:  # the note kept elsewhere, saved into the folder once it is back
            super().__init__(f"{gone}; kept in {escaped(str(kept))} until it is back")


class NotesDirError(ReaderError):
    """The notes folder cannot be read (a file in its place, no permission): never taken
    for a folder without notes."""


class NotesIdError(ReaderError, ValueError):
    """An article id that names no notes file (empty, absolute, with ``..``): it could
    lead out of the notes folder. A ValueError too, as a bad id is."""


class NotesLockedError(ReaderError):
    """Another live process held the notes directory's lock for the whole wait."""

    def __init__(self, pid: int | None = None, program: str = "another program") -> None:
        self.pid = pid
        self.program = program
        who = f"{program} (pid {pid})" if pid else program
        super().__init__(f"notes are locked by {who}; try again")


class NotesSaveError(ReaderError):
    """A change to the notes could not be written (a full disk, a read-only folder);
    the notes file is as it was."""

    def __init__(self, path: object, error: OSError) -> None:
        self.path = str(path)
        self.error = error
        message = f"cannot save {path}: {error.strerror or error}"
        # Name the file at fault when it is not the notes file or one of its temp files
        # (the folder above it, the lock).
        culprit = str(error.filename or "")
        if culprit and os.path.basename(self.path) not in os.path.basename(culprit):
            message += f" ({culprit})"
        super().__init__(message)


class SavedNowhereError(ReaderError):
    """Notes that could be neither kept aside in the notes folder nor written to the last
    resort in the data directory: only the screen that holds them has them."""

    def __init__(self, kept: object, kept_error: OSError, last: object, error: OSError) -> None:
        self.error = error
        super().__init__(
            f"cannot keep it in {kept} ({kept_error.strerror or kept_error}) "
            f"nor in {last} ({error.strerror or error})"
        )


class SearchIndexError(ReaderError):
    """The search index could not be opened or built."""


class SearchIndexDamagedError(SearchIndexError):
    """The search index is gone or damaged: the next update rebuilds it."""


class SearchIndexRebuildingError(SearchIndexDamagedError):
    """An article not found while the index is built anew: it may not be in it yet."""


class SearchIndexReadOnlyError(SearchIndexError):
    """The search index cannot be written: it is searched as it is, without updating."""


class SearchIndexBusyError(SearchIndexError):
    """Another process is writing the search index: it is searched as it is, for now."""


class Cancelled(Exception):
    """Background work stopped because it is no longer wanted (the app is closing)."""


class YamlError(ReaderError):
    """YAML we cannot read: bad syntax, an alias, a value that cannot be built (an
    impossible date, a number of thousands of digits, `!!float abc`) or nesting too deep.
    `line` is 1-based, None when unknown."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(f"line {line}: {problem}" if line else problem)


class ConfigError(ReaderError):
    """The config file could not be written (the theme is not saved)."""


class ReviewError(ReaderError):
    """A review that cannot be done: no such note, a grade that is not one."""


class NotesChangingError(ReaderError):
    """Another program (an editor, a sync tool) kept changing a notes file while it was
    saved: nothing was written, and its changes are kept."""

    def __init__(self, path: object, tries: int) -> None:
        self.path = str(path)
        super().__init__(
            f"cannot save {escaped(str(path))}: another program changed it each time it was "
            f"about to be saved ({tries} times); nothing was written, try again"
        )
