try:
    import gc
    import signal

    # Start-up makes objects that mostly live as long as the process (modules, classes):
    # collecting garbage meanwhile only walks them again and again (about 5 ms of each
    # launch of the app). A command turns the collector back on as it starts, the app
    # after its first frame (see reader.cli).
    gc.disable()

    def _stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    # Until a command sets its own (see reader.cli), a signal ends start-up quietly with
    # the usual status, 128 + the signal, not with a traceback of what was being imported.
    for _signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(_signum, _stop)
    from reader.cli import main
except KeyboardInterrupt:
    raise SystemExit(130) from None

raise SystemExit(main())
