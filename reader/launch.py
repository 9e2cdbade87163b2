"""How reader starts, as `python -m reader` and as the installed `reader` command."""

from __future__ import annotations


def main() -> int:
    """Load the command line and run it: the collector off and signals ending start-up
    quietly while the modules load. Nothing is imported here before that is set."""
    try:
        import gc
        import signal

        # Start-up makes objects that mostly live as long as the process (modules,
        # classes): collecting garbage meanwhile only walks them again and again (about
        # 5 ms of each launch of the app). A command turns the collector back on as it
        # starts, the app after its first frame (see reader.cli).
        gc.disable()

        def stop(signum: int, frame: object) -> None:
            raise SystemExit(128 + signum)

        # Until a command sets its own (see reader.cli), a signal ends start-up quietly
        # with the usual status, 128 + the signal, not with a traceback of what was
        # being imported.
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, stop)
        from reader.cli import main as run
    except KeyboardInterrupt:
        return 130
    status = run()
    # reader is done: the collection at Python's exit would only free what the process
    # ends with anyway (7 to 10 ms of `reader search`). Frozen, reader's objects are
    # not collected then, and the exit otherwise runs as it would (its handlers, the
    # threads it waits for, the modules it clears): nothing may count on a collection
    # at exit to close a file, and reader closes what it writes.
    gc.freeze()
    return status
