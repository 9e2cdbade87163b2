"""Worker pools start even where stderr is not a real file (as inside a Textual app)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def test_a_pool_starts_while_stderr_is_captured():
    # A fresh interpreter, so no resource tracker is running yet: that start is what failed.
    script = textwrap.dedent(
        """
        import io, sys
        from reader.processes import process_pool

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
