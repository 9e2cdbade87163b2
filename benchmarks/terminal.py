"""Running a program in a real pseudo-terminal, watching its screen through pyte."""

from __future__ import annotations

import fcntl
import glob
import os
import pty
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

import pyte

ROWS, COLS = 40, 120


@dataclass(slots=True)
class Shown:
    seconds: float  # from fork to the needle on screen
    peak_rss_kib: int  # VmHWM of the child after `linger` seconds more
    screen: str
    cpu_ms: float = 0.0  # the child's CPU time (its threads' run time) when the needle showed


class NotShown(RuntimeError):
    pass


def _vm_hwm(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ms(pid: int) -> float:
    """The run time of the process's threads so far (threads already ended not counted)."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e6


def first_paint(
    argv: list[str],
    env: dict[str, str],
    needle: str,
    *,
    linger: float = 0.0,
    timeout: float = 60.0,
    cwd: str | None = None,
) -> Shown:
    """Time from spawning argv in a pty until `needle` is on its screen; then its peak RSS."""
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            if cwd:
                os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    seen: float | None = None
    cpu = 0.0
    try:
        deadline = start + timeout
        while seen is None and time.perf_counter() < deadline:
            if not _pump(fd, stream, 0.05):
                break
            if needle in "\n".join(screen.display):
                seen = time.perf_counter() - start
                cpu = _cpu_ms(pid)
        if seen is None:
            raise NotShown(f"{needle!r} not on screen:\n" + "\n".join(screen.display))
        until = time.perf_counter() + linger
        while time.perf_counter() < until and _pump(fd, stream, 0.05):
            pass
        return Shown(seen, _vm_hwm(pid), "\n".join(screen.display), cpu)
    finally:
        _stop(pid, fd, stream)


def _pump(fd: int, stream: pyte.ByteStream, wait: float) -> bool:
    """Feed what the program wrote (within `wait` s) to the screen; False once it is gone."""
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        data = os.read(fd, 1 << 16)
    except OSError:  # EIO: the child closed the terminal
        return False
    if not data:
        return False
    stream.feed(data)
    return True


def _stop(pid: int, fd: int, stream: pyte.ByteStream) -> None:
    """Quit with ctrl+q/q, then SIGTERM, then SIGKILL; always reap the child and close fd."""
    steps = [(b"\x11", 1.5), (b"q", 1.5), (signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)]
    try:
        for action, grace in steps:
            try:
                if isinstance(action, bytes):
                    os.write(fd, action)
                else:
                    os.kill(pid, action)
            except OSError:
                pass
            until = time.perf_counter() + grace
            while time.perf_counter() < until:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    return
                _pump(fd, stream, 0.02)
    finally:
        os.close(fd)
