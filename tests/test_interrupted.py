"""A `reader` stopped by a signal, or killed, leaves no process of its own behind.

`reader index` reads files in worker processes started through a fork server, next to
which multiprocessing keeps a resource tracker. Each test starts the command in a
session of its own (so that all of them share its process group), waits until the
workers run, signals the command, and then looks in /proc for any process left in that
group. The deadlines are generous: what is tested is that they end, not how fast.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

FILES = 600  # enough for the workers to be busy for a while, even on a fast machine
DEADLINE = 10.0


@pytest.fixture(scope="module")
def big_library(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big") / "library"
    (root / "Wire").mkdir(parents=True)
    words = ("harbour", "council", "minister", "talks", "security", "alliance", "trade", "city")
    for i in range(FILES):
        paragraphs = (
            " ".join(words[(i + j + k) % len(words)] for k in range(80)) + "." for j in range(12)
        )
        body = "\n\n".join(paragraphs)
        (root / "Wire" / f"story-{i:04}.txt").write_text(f"Story {i} from the harbour\n\n{body}\n")
    return root


def group_members(pgid: int) -> dict[int, tuple[int, str]]:
    """Living processes (not zombies) of a process group: pid -> (parent pid, command)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        state, ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            found[int(entry)] = (int(ppid), cmdline.replace(b"\0", b" ").decode(errors="replace"))
    return found


def workers_running(pgid: int) -> bool:
    """Whether the pool's workers run: children of the fork server (a child of reader)."""
    members = group_members(pgid)
    servers = {pid for pid, (ppid, cmd) in members.items() if ppid == pgid and "forkserver" in cmd}
    return any(ppid in servers for ppid, _ in members.values())


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def start(argv: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        argv,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, whose pgid is its pid
    )


def end_group(pgid: int) -> None:
    """Whatever a failed test left behind."""
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGKILL])
def test_index_stopped_or_killed_while_reading_leaves_no_process_behind(big_library, signum):
    command = start([sys.executable, "-m", "reader", "index", str(big_library)])
    try:
        wait_for(lambda: workers_running(command.pid), "the workers to start")
        command.send_signal(signum)
        status = command.wait(timeout=60)
        if signum != signal.SIGKILL:
            assert status == 128 + signum
        # Killed, it could clean nothing up: its workers notice and end by themselves.
        try:
            wait_for(lambda: not group_members(command.pid), "the processes of reader to end")
        except AssertionError:
            raise AssertionError(f"still running: {group_members(command.pid)}") from None
    finally:
        command.kill()
        end_group(command.pid)


def fork_server_started(pgid: int) -> bool:
    return any("forkserver" in cmd for _, cmd in group_members(pgid).values())


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_index_stopped_while_starting_its_workers_ends_quietly_with_the_signal_status(
    big_library, tmp_path, signum
):
    # The workers start a moment after the fork server does: a signal landing at any
    # point of that (a few moments are tried) ends reader as at any other time, with
    # 128 + the signal, no traceback, and nothing left running.
    signalled = 0
    for attempt, delay in enumerate((0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45)):
        stderr = tmp_path / f"stderr-{attempt}"
        with stderr.open("wb") as errors:
            command = subprocess.Popen(
                [sys.executable, "-m", "reader", "index", str(big_library)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,
                env={**os.environ, "READER_CACHE_DIR": str(tmp_path / f"cache-{attempt}")},
            )
        pgid = command.pid
        try:
            wait_for(lambda: fork_server_started(pgid), "the fork server to start")  # noqa: B023
            time.sleep(delay)
            if command.poll() is not None:  # done before the signal (a fast machine)
                continue
            command.send_signal(signum)
            signalled += 1
            status = command.wait(timeout=60)
            try:
                wait_for(lambda: not group_members(pgid), "reader's processes to end")  # noqa: B023
            except AssertionError:
                raise AssertionError(f"still running: {group_members(pgid)}") from None
        finally:
            command.kill()
            end_group(pgid)
        said = stderr.read_text(errors="replace")
        assert (status, said) == (128 + signum, ""), f"signalled {delay} s in"
    assert signalled >= 4, "the index was built before most signals: make the library larger"


def test_work_apart_ends_when_the_process_that_asked_for_it_is_killed():
    # Finding stories runs in a process of its own (run_apart); killed, the app cannot
    # end it, and it would work on (here: sleep) for nobody.
    script = (
        "import time\nfrom reader.infra.processes import run_apart\nrun_apart(time.sleep, (600,))\n"
    )
    command = start([sys.executable, "-c", script])
    try:
        wait_for(lambda: workers_running(command.pid), "the process apart to start")
        command.kill()
        command.wait(timeout=60)
        try:
            wait_for(lambda: not group_members(command.pid), "the process apart to end")
        except AssertionError:
            raise AssertionError(f"still running: {group_members(command.pid)}") from None
    finally:
        end_group(command.pid)
