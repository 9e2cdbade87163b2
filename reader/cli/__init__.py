"""The command line: `reader [LIBRARY]` opens the app; subcommands work without it."""

from __future__ import annotations

import contextlib
import difflib
import gc
import importlib
import os
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType

from reader import __version__
from reader.cli.common import (
    EXIT_STATUS,
    CliParser,
    add_places,
    fail,
    forget_config,
    library_root,
    settle_library,
    tell_environment,
)
from reader.errors import ReaderError
from reader.text.safe import visible

# Command name -> module in reader.cli, imported only when that command runs: a command
# (or the app) should not pay for the imports of all the others.
COMMANDS = {
    "list": "list_cmd",
    "show": "show_cmd",
    "search": "search_cmd",
    "index": "index_cmd",
    "annotate": "annotate_cmd",
    "notes": "notes_cmd",
    "export": "export_cmd",
    "import": "import_cmd",
    "add": "add_cmd",
    "related": "related_cmd",
    "compare": "compare_cmd",
    "review": "review_cmd",
}


def command_module(name: str) -> ModuleType:
    """The module that implements a subcommand (configure(parser) and run(args))."""
    return importlib.import_module(f"reader.cli.{COMMANDS[name]}")


def _app_parser() -> CliParser:
    parser = CliParser(
        prog="reader",
        description="A keyboard-first terminal reader for articles kept on disk.",
        epilog="commands: "
        + ", ".join(COMMANDS)
        + " (see `reader COMMAND --help`). LIBRARY defaults to $READER_LIBRARY, "
        "else the config's library:, else the bundled sample library. " + EXIT_STATUS,
    )
    add_places(parser)
    parser.add_argument(
        "--check-config",
        action="store_true",
        help="name every problem of the config file, keymap clashes included, and exit"
        " (status 1 when there is one)",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    return parser


def _command_parser(name: str) -> CliParser:
    module = command_module(name)
    parser = CliParser(prog=f"reader {name}", description=module.__doc__, epilog=EXIT_STATUS)
    module.configure(parser)
    return parser


# The options `reader --help` lists that a command takes too, given before it
# (`reader --library DIR list`): handed to the command, as if given after its name.
_BEFORE_THE_COMMAND = ("--library", "--notes-dir")


def _command_first(args: list[str]) -> list[str]:
    """`args` with the options of `_BEFORE_THE_COMMAND` that come before a command's name
    moved after it; as they are when there is no command."""
    at = 0
    while at < len(args):
        name = args[at].partition("=")[0]
        if name not in _BEFORE_THE_COMMAND:
            break
        at += 1 if "=" in args[at] else 2
    if at == 0 or at >= len(args) or args[at] not in COMMANDS:
        return args
    return [args[at], *args[:at], *args[at + 1 :]]


def main(argv: Sequence[str] | None = None) -> int:
    """The command line, run by `reader.launch` (the `reader` command, `python -m reader`)."""
    args_list = _command_first(list(sys.argv[1:] if argv is None else argv))
    forget_config()
    try:
        if args_list and args_list[0] in COMMANDS:
            name = args_list.pop(0)
            module, parser = command_module(name), _command_parser(name)
            # A command may parse its own way (search takes a query starting with -).
            parse = getattr(module, "parse_args", None)
            args = parse(parser, args_list) if parse else parser.parse_args(args_list)
            settle_library(parser, args)
            tell_environment()
            gc.enable()  # off while reader starts up (see reader/launch.py)
            with _signals_stop():
                return module.run(args)
        app_parser = _app_parser()
        args = app_parser.parse_args(args_list)
        if args.library_option is None and args.library is not None:
            _command_or_folder(args.library)
        settle_library(app_parser, args)
        if args.check_config:
            from reader.cli import config_cmd

            gc.enable()
            return config_cmd.run()
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # The full-screen app would write escape codes into a file and wait forever.
            library_root(args.library)  # a library that is not there is said first
            return fail(
                "the app needs a terminal; without one use `reader list`, `reader search` "
                "and the other commands (see reader --help)"
            )
        from reader.cli import app_cmd

        return app_cmd.run(args)
    except ReaderError as exc:
        return fail(visible(str(exc)))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`reader list | head`); that is not an error.
        sys.stderr.close()
        return 0


def _command_or_folder(given: str) -> None:
    """ReaderError for a LIBRARY that is not there and reads as a command mistyped
    (`reader lsit`): neither, with the closest command, not "library not found"."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z_-]*", given) or os.path.lexists(given):
        return
    close = difflib.get_close_matches(given.lower(), COMMANDS, n=1)
    hint = f"did you mean {close[0]}?" if close else f"commands: {', '.join(COMMANDS)}"
    raise ReaderError(f"{given} is neither a command nor a folder ({hint})")


@contextlib.contextmanager
def _signals_stop() -> Iterator[None]:
    """SIGTERM and SIGHUP stop a command as Ctrl-C does, by an exception: on its way
    out it ends its worker processes and rolls back what it was writing, where by
    default it would vanish at once and leave its workers running. The exit status is
    the usual one of a signal (128 + its number)."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signals = (signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, stop) for signum in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
