"""A second process that holds the notes directory's lock, as another reader would."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

# Takes the lock as reader does (flock, then "<pid> <program>" in the file), says so, and
# holds it until its stdin closes. With "stale", it hands the locked descriptor to a child
# that lives on, and dies: the lock stays held while the pid in the file is dead.
HOLDER = textwrap.dedent(
    """
    import fcntl, os, subprocess, sys
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()} reader\\n".encode())
    if sys.argv[2] == "stale":
        child = subprocess.Popen(
            [sys.executable, "-c", "import sys; print('child', flush=True); sys.stdin.read()"],
            pass_fds=[fd], stdout=subprocess.PIPE, text=True,
        )
        child.stdout.readline()
        print("held", os.getpid(), child.pid, flush=True)
        os._exit(0)
    print("held", os.getpid(), os.getpid(), flush=True)
    sys.stdin.read()
    """
)


class LockHolder:
    """The process holding the lock: `pid` is the one written in the lock file."""

    def __init__(self, process: subprocess.Popen[str], pid: int) -> None:
        self.process = process
        self.pid = pid

    def release(self) -> None:
        """Let go (the inheriting child too: it shares this stdin)."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        self.process.wait(timeout=10)


@contextlib.contextmanager
def lock_held(notes_dir: Path, *, stale: bool = False) -> Iterator[LockHolder]:
    """Hold `notes_dir`'s lock in another process until released or the block ends.

    With stale=True the pid written in the lock file is dead by the time this yields,
    and a child of it that inherited the descriptor keeps the lock held.
    """
    notes_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(notes_dir / ".reader.lock"), "stale" if stale else ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    holder = LockHolder(process, 0)
    try:
        _, named, _child = process.stdout.readline().split()
        holder.pid = int(named)
        if stale:
            process.wait(timeout=10)
        yield holder
    finally:
        holder.release()
