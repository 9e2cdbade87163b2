"""Worker pools start even where stderr is not a real file (as inside a Textual app),
and stop at once whatever their workers were doing."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT


def test_a_pool_starts_while_stderr_is_captured():
    # A fresh interpreter, so no resource tracker is running yet: that start is what failed.
    script = textwrap.dedent(
        """
        import io, sys
        from reader.infra.processes import process_pool

        class Capture(io.StringIO):  # what Textual puts in place of sys.stderr
            def fileno(self):
                return -1

        if __name__ == "__main__":
            capture = Capture()
            sys.stderr = capture
            with process_pool(2) as pool:
                print(pool.submit(sum, [1, 2, 3]).result())
            assert sys.stderr is capture, "stderr is given back"
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "6"


def test_work_apart_returns_its_answer():
    from reader.infra.processes import run_apart

    assert run_apart(divmod, (17, 5)) == (3, 2)


def test_work_apart_stops_when_no_longer_wanted():
    import time

    import pytest

    from reader.errors import Cancelled
    from reader.infra.processes import run_apart

    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_apart(time.sleep, (60,), cancelled=lambda: time.monotonic() - started > 0.5)
    assert time.monotonic() - started < 10


def test_work_apart_that_dies_is_an_oserror():
    import os

    import pytest

    from reader.infra.processes import run_apart

    with pytest.raises(ChildProcessError, match="ended without an answer"):
        run_apart(os._exit, (3,))


def send_half_a_result(flag: str) -> None:
    """In a pool's worker: write the start of a result, as a worker ended halfway through
    sending one leaves it, say so (the file `flag`), and wait to be ended."""
    frame = sys._getframe()
    while "result_queue" not in frame.f_locals:
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 1 << 20) + b"the first bytes of a result")
    Path(flag).touch()
    time.sleep(600)


def test_a_pool_stopped_while_a_worker_sends_its_result_stops(tmp_path):
    # reader index stopped by a signal stops its pool; a worker ended in the middle of
    # sending its result must not leave reader waiting for the rest of it for ever.
    script = textwrap.dedent(
        """
        import os, sys, time
        from reader.infra.processes import process_pool, stop_pool
        from tests.test_processes import send_half_a_result

        if __name__ == "__main__":
            pool = process_pool(1)
            pool.submit(send_half_a_result, sys.argv[1])
            while not os.path.exists(sys.argv[1]):
                time.sleep(0.02)
            stop_pool(pool)
            print("stopped")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "sent")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "stopped\n"
