"""The notes directory's lock: one writer at a time, and never a wait without end.

The lock is an exclusive ``flock`` on one hidden file. When another process holds it, a
helper thread waits for it (a blocking flock, woken by the kernel as soon as the holder
lets go, so a writer that keeps saving cannot starve the others), for at most
`lock_timeout()` seconds (``$READER_LOCK_TIMEOUT``, else 5); then `NotesLockedError`
names the holder. The holder writes ``<pid> <program>`` into the file when it takes the
lock and empties it when it lets go, so a writer that gives up can say who holds it.

The kernel releases the lock of a process that dies. A lock still held after the whole
wait while the pid written in it is dead is stale (a child process inherited the
descriptor and lives on): the file is replaced by a new one, which is taken instead. A
taker checks that the file it locked is still the one at the path, so two writers never
hold the old file and the new one at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from reader.errors import NotesLockedError
from reader.infra.filetypes import open_regular, read_regular
from reader.text.safe import visible_line

LOCK_TIMEOUT = 5.0  # seconds


def lock_timeout() -> float:
    """How long to wait for another writer: ``$READER_LOCK_TIMEOUT`` seconds, else 5
    (see `timeout_problem` when it is set to something else)."""
    value = _env_timeout()
    return LOCK_TIMEOUT if value is None else value


def timeout_problem() -> str | None:
    """The line that says ``$READER_LOCK_TIMEOUT`` is set but is no number of seconds (5
    are waited then), for the faces to show; None when it is unset or a wait."""
    value = os.environ.get("READER_LOCK_TIMEOUT")
    if not value or _env_timeout() is not None:
        return None
    return (
        f"READER_LOCK_TIMEOUT={visible_line(value)} is not a number of seconds (0 or more); "
        f"{LOCK_TIMEOUT:g} are waited"
    )


def _env_timeout() -> float | None:
    try:
        value = float(os.environ.get("READER_LOCK_TIMEOUT") or "")
    except ValueError:
        return None
    return value if 0 <= value < float("inf") else None  # nan is neither


@contextlib.contextmanager
def notes_lock(path: Path, program: str = "reader") -> Iterator[None]:
    """Hold the lock at `path`; raises NotesLockedError when another live process keeps it,
    NotRegularFileError (an OSError) when `path` is a FIFO, a socket or a device."""
    fd = _acquire(path)
    try:
        with contextlib.suppress(OSError):  # a full disk must not stop the save itself
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {program}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)


def holder(path: Path) -> tuple[int, str] | None:
    """The (pid, program) written in the lock file, when there is one."""
    try:
        text = read_regular(path, 200).decode("utf-8", "replace")
    except OSError:
        return None
    pid, _, program = text.strip().partition(" ")
    if not pid.isdigit() or int(pid) <= 0:
        return None
    return int(pid), program.strip() or "another program"


def _acquire(path: Path) -> int:
    deadline = time.monotonic() + lock_timeout()
    while True:
        # A FIFO or a terminal in its place is not waited on (NotRegularFileError).
        fd = open_regular(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            locked = _wait(fd, deadline)
            if not _same_file(fd, path):  # replaced meanwhile (a stale lock taken over)
                os.close(fd)
                continue
            if locked:
                return fd
            held_by = holder(path)
            if held_by is not None and not _alive(held_by[0]):
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
                except OSError:  # not ours to replace: say who holds it
                    raise NotesLockedError(*held_by) from None
                os.close(fd)
                continue
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        raise NotesLockedError(*held_by) if held_by else NotesLockedError()


def _wait(fd: int, deadline: float) -> bool:
    """Whether the lock was had before `deadline` (always tried at least once)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    left = deadline - time.monotonic()
    return left > 0 and _wait_in_thread(fd, left)


def _wait_in_thread(fd: int, timeout: float) -> bool:
    """Block for the lock in a thread of its own, so that the wait can end.

    The thread locks a duplicate of `fd` (the lock belongs to the open file both share).
    Given up on, it lets go of the lock as soon as it gets it, by closing its duplicate
    after the caller has closed `fd`.
    """
    mine = os.dup(fd)
    guard = threading.Lock()
    outcome = {"locked": False, "abandoned": False}
    finished = threading.Event()

    def wait() -> None:
        try:
            fcntl.flock(mine, fcntl.LOCK_EX)
            with guard:
                outcome["locked"] = not outcome["abandoned"]
        except OSError:
            pass
        finally:
            os.close(mine)
            finished.set()

    threading.Thread(target=wait, name="reader-notes-lock", daemon=True).start()
    finished.wait(timeout)
    with guard:
        outcome["abandoned"] = True
        return outcome["locked"]


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_path = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_path.st_dev, on_path.st_ino)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True
