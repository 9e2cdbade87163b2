try:
    import signal

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
