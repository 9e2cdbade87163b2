"""Driving the real `reader` command in a real terminal: a tmux pane we type into and read.

Each `Terminal` runs its own tmux server (`tmux -L <unique socket>`), so tests can run
in parallel and never touch a tmux the developer has open. Nothing sleeps blindly:
`wait_for` polls `capture-pane` until the text shows up (or fails with the screen).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TMUX = shutil.which("tmux")
EXIT_MARK = "[reader exited "
# What a pane's program prints after `reader` ends, so tests can see it quit and how.
# The pane's shell ignores Ctrl-C (see `start`); its sleep must too, or a Ctrl-C that
# lands after reader ended would close the pane and end the tmux server.
_AFTER = f'; echo "{EXIT_MARK}$?]"; while :; do sleep 600; done'


class TerminalError(AssertionError):
    """A wait timed out or tmux failed; the message carries the screen as it was."""


def reader_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for a `reader` run: its own config, data, cache and notes dirs, HOME."""
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "COLORTERM": "truecolor",
        "READER_CONFIG_DIR": str(home / "config"),
        "READER_DATA_DIR": str(home / "data"),
        "READER_CACHE_DIR": str(home / "cache"),
        "READER_NOTES_DIR": str(home / "notes"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("PYTHONPATH", "PYTHONPYCACHEPREFIX", "VIRTUAL_ENV"):
        if os.environ.get(name):
            env[name] = os.environ[name]
    env.update(extra)
    return env


@dataclass
class Terminal:
    """One tmux server with one pane running a command."""

    width: int = 100
    height: int = 30
    socket: str = ""

    def __post_init__(self) -> None:
        if TMUX is None:
            raise RuntimeError("tmux is not installed")
        self.socket = self.socket or f"reader-e2e-{uuid.uuid4().hex[:12]}"
        self.target = "e2e"
        self.started = False

    # ----- tmux plumbing ----------------------------------------------------------------

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [TMUX, "-u", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise TerminalError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, argv: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> None:
        """Run `argv` with exactly `env` in a fresh detached session of width x height."""
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = " ".join(shlex.quote(a) for a in argv)
        # The shell outlives a Ctrl-C, as an interactive one does (its child's is its own).
        shell = f"trap : INT; cd {shlex.quote(str(cwd or Path.cwd()))} && env -i {assignments} {command}"
        self.started = True  # from here on, kill() must run even if tmux fails half-way
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.target,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "sh",
            "-c",
            shell + _AFTER,
            # A leaked OSC 52 clipboard write would then land in a tmux buffer, and a
            # leaked title change (OSC 0/2) shows in #{pane_title} either way.
            ";",
            "set-option",
            "-s",
            "set-clipboard",
            "on",
            ";",
            "set-option",
            "-gw",
            "allow-rename",
            "on",
        )

    def start_reader(self, library: Path, home: Path, *args: str, **env: str) -> None:
        self.start([sys.executable, "-m", "reader", *args, str(library)], reader_env(home, **env))

    def start_reader_alone(self, library: Path, home: Path, **env: str) -> None:
        """`reader` as the pane's own process, no shell around it (`tmux new reader`):
        closing the pane leaves nothing to wait for it."""
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in reader_env(home, **env).items())
        command = f"{shlex.quote(sys.executable)} -m reader {shlex.quote(str(library))}"
        self.started = True
        self.tmux(
            "new-session", "-d", "-s", self.target, "-x", str(self.width), "-y", str(self.height),
            f"cd {shlex.quote(str(Path.cwd()))} && exec env {assignments} {command}",
        )  # fmt: skip

    def close(self) -> None:
        """Close the pane's terminal, as closing its window does (the program is sent
        SIGHUP, and its terminal is gone)."""
        self.tmux("kill-session", "-t", self.target, check=False)

    def socket_path(self) -> Path:
        base = os.environ.get("TMUX_TMPDIR") or "/tmp"
        return Path(base) / f"tmux-{os.getuid()}" / self.socket

    def kill(self) -> None:
        if self.started:
            self.tmux("kill-server", check=False)
            self.started = False
            with contextlib.suppress(OSError):
                self.socket_path().unlink()
            # A server on its way out can still hold the socket: start anew on a fresh one.
            self.socket = f"reader-e2e-{uuid.uuid4().hex[:12]}"

    # ----- input ------------------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """tmux key names: Enter, Escape, Tab, Down, C-s, or single characters."""
        for key in keys:
            self.tmux("send-keys", "-t", self.target, key)

    def type(self, text: str) -> None:
        """Type `text` literally (no key-name lookup)."""
        self.tmux("send-keys", "-t", self.target, "-l", text)

    # ----- output -----------------------------------------------------------------------

    def screen(self, *, escapes: bool = False) -> str:
        """The visible pane, one line per row (with SGR escapes when `escapes`)."""
        args = ["capture-pane", "-p", "-t", self.target]
        if escapes:
            args.insert(2, "-e")
        return self.tmux(*args)

    def lines(self) -> list[str]:
        return self.screen().splitlines()

    def value(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", self.target, fmt).strip()

    def wait_until(
        self, predicate: Callable[[str], bool], timeout: float = 15.0, what: str = "condition"
    ) -> str:
        """Poll the screen until `predicate(screen)` holds; return that screen."""
        deadline = time.monotonic() + timeout
        delay = 0.02
        screen = ""
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise TerminalError(f"timed out after {timeout:.0f}s waiting for {what}:\n{screen}")
            time.sleep(delay)
            delay = min(delay * 1.5, 0.2)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """Wait until `text` is on the screen; return the screen."""
        return self.wait_until(lambda s: text in s, timeout, repr(text))

    def wait_match(self, pattern: str, timeout: float = 15.0) -> re.Match[str]:
        """Wait until the regular expression matches the screen; the match."""
        screen = self.wait_until(lambda s: re.search(pattern, s) is not None, timeout, pattern)
        match = re.search(pattern, screen)
        assert match is not None
        return match

    def wait_gone(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_until(lambda s: text not in s, timeout, f"{text!r} to go away")

    def wait_changed(self, before: str, timeout: float = 15.0) -> str:
        """Wait until the screen, escapes included, differs from `before` (a focus moved)."""
        deadline = time.monotonic() + timeout
        while True:
            now = self.screen(escapes=True)
            if now != before:
                return now
            if time.monotonic() > deadline:
                raise TerminalError(f"the screen did not change in {timeout:.0f}s:\n{now}")
            time.sleep(0.02)

    def wait_exit(self, timeout: float = 15.0) -> int:
        """Wait for the program to end; its exit status."""
        screen = self.wait_for(EXIT_MARK, timeout)
        match = re.search(re.escape(EXIT_MARK) + r"(\d+)\]", screen)
        assert match, screen
        return int(match.group(1))


@contextmanager
def terminal(width: int = 100, height: int = 30) -> Iterator[Terminal]:
    """A Terminal whose tmux server is always killed at the end."""
    term = Terminal(width, height)
    try:
        yield term
    finally:
        term.kill()


# ----- reading SGR attributes out of `capture-pane -e` ---------------------------------

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_ANY_ESCAPE = re.compile(r"\x1b(\[[0-9;:?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|.)")


@dataclass(frozen=True, slots=True)
class Cell:
    char: str
    fg: str | None
    bg: str | None
    attrs: frozenset[int]


def sgr_codes(screen_with_escapes: str) -> list[list[int]]:
    """Every SGR sequence in a `capture-pane -e` screen, as lists of numbers."""
    out = []
    for match in _SGR.finditer(screen_with_escapes):
        params = match.group(1).replace(":", ";")
        out.append([int(p) if p else 0 for p in params.split(";")])
    return out


def plain_attributes(codes: list[int]) -> set[int]:
    """The attribute and basic-colour numbers of one SGR list (skipping 38/48 colour args)."""
    found: set[int] = set()
    i = 0
    while i < len(codes):
        code = codes[i]
        if code in (38, 48, 58):
            if i + 1 < len(codes) and codes[i + 1] == 5:
                i += 3
            elif i + 1 < len(codes) and codes[i + 1] == 2:
                i += 5
            else:
                i += 1
            continue
        found.add(code)
        i += 1
    return found


def cells(line_with_escapes: str) -> list[Cell]:
    """One captured line as cells with their foreground, background and attributes."""
    fg: str | None = None
    bg: str | None = None
    attrs: set[int] = set()
    out: list[Cell] = []
    pos = 0
    for match in _ANY_ESCAPE.finditer(line_with_escapes):
        for ch in line_with_escapes[pos : match.start()]:
            out.append(Cell(ch, fg, bg, frozenset(attrs)))
        pos = match.end()
        sgr = _SGR.fullmatch(match.group())
        if not sgr:
            continue
        codes = [int(p) if p else 0 for p in sgr.group(1).replace(":", ";").split(";")]
        i = 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                fg = bg = None
                attrs.clear()
            elif code in (38, 48):
                if i + 1 < len(codes) and codes[i + 1] == 5:
                    value, i = f"5;{codes[i + 2]}", i + 2
                else:
                    value, i = ";".join(map(str, codes[i + 2 : i + 5])), i + 4
                if code == 38:
                    fg = value
                else:
                    bg = value
            elif code == 39:
                fg = None
            elif code == 49:
                bg = None
            elif 30 <= code <= 37 or 90 <= code <= 97:
                fg = str(code)
            elif 40 <= code <= 47 or 100 <= code <= 107:
                bg = str(code)
            else:
                attrs.add(code)
            i += 1
    for ch in line_with_escapes[pos:]:
        out.append(Cell(ch, fg, bg, frozenset(attrs)))
    return out


def span_cells(line_cells: list[Cell], text: str) -> list[Cell]:
    """The cells showing the first occurrence of `text` on the line."""
    plain = "".join(c.char for c in line_cells)
    start = plain.index(text)
    return line_cells[start : start + len(text)]
