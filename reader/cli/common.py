"""Pieces every command shares: the parser that fails in one line, library resolution."""

from __future__ import annotations

import argparse
import errno
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.config import Config, load_config, summed_up
from reader.errors import (
    ArticleError,
    LibraryError,
    NoSuchFileError,
    NoSuchUserError,
    NotesDirError,
    ReaderError,
    SearchIndexBusyError,
    SearchIndexError,
    SearchIndexReadOnlyError,
)
from reader.infra.filetypes import not_regular
from reader.ingest.scan import check_root
from reader.model import Article, Ignored, Skipped, outside_id, outside_path
from reader.paths import bundled_library, chosen_notes_dir, home_expanded, notes_dir_for
from reader.text.counts import plural
from reader.text.safe import escaped, unescaped, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from reader.notes.store import NotesStore
    from reader.search.index import LibraryIndex
    from reader.session import Session


EXIT_STATUS = (
    "Exit status: 0 when done, 1 when a query or filter matched nothing (as grep), "
    "2 for a usage error or a failure."
)


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    _given: list[str] = []

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        self._given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        message += _dash_hint(message, self._given)
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(2)


_EXPECTED_ONE = re.compile(r"argument (\S+): expected one argument")


def _dash_hint(message: str, given: list[str]) -> str:
    """How to give an option a value that starts with `-` (`--note ---` is read as an
    option with no value: argparse takes it only as `--note=---`)."""
    found = _EXPECTED_ONE.match(message)
    if not found:
        return ""
    names = [n for n in found[1].split("/") if n.startswith("--")]
    for name, value in itertools.pairwise(given):  # (an option may be given abbreviated)
        option = next((n for n in names if len(name) > 2 and n.startswith(name)), None)
        if option and value.startswith("-"):
            return f": use {option}={escaped(value)} for a value that starts with -"
    return ""


def add_library(parser: argparse.ArgumentParser) -> None:
    """The library as a plain LIBRARY argument and as `--library DIR`, which every
    command takes (see `settle_library`)."""
    parser.add_argument("library", nargs="?", metavar="LIBRARY", help="folder of articles")
    parser.add_argument(
        "--library", dest="library_option", metavar="DIR", help="the same as LIBRARY"
    )


def settle_library(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`--library DIR` into `args.library`; two different libraries are an error."""
    option = getattr(args, "library_option", None)
    if option is None:
        return
    if args.library is not None and args.library != option:
        parser.error("give the library once: LIBRARY or --library DIR")
    args.library = option


def add_notes_dir(parser: argparse.ArgumentParser) -> None:
    """`--notes-dir DIR`: the notes kept somewhere else than the library's default."""
    parser.add_argument("--notes-dir", metavar="DIR", help="where notes are kept")


def add_places(parser: argparse.ArgumentParser, *, library: str | None = None) -> None:
    """The library and the notes folder, as every command that reads or writes notes or
    updates the index takes them: LIBRARY and `--library DIR` (only `--library DIR`,
    with `library` as its help, for a command whose arguments are articles, files or
    addresses), and `--notes-dir DIR`."""
    if library is None:
        add_library(parser)
    else:
        parser.add_argument("--library", metavar="DIR", help=library)
    add_notes_dir(parser)


def add_note_filters(parser: argparse.ArgumentParser, *, article: bool = True) -> None:
    """The options that narrow a command to some notes: `--tag` (repeatable) and, unless
    `article=False`, `--article`."""
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        type=text_value,
        metavar="T",
        help="only notes with this tag",
    )
    if article:
        parser.add_argument(
            "--article", metavar="ARTICLE", help="only this article's notes (an id or a file path)"
        )


STDOUT = "-"  # as `-o -`: standard output, not a file of that name


def output_name(value: str) -> str:
    """An argparse type for `-o`: a name, refused in one line when empty (a script's
    unset variable), which would otherwise be taken as no `-o` at all."""
    if not value:
        raise argparse.ArgumentTypeError(f"-o needs a file name; -o {STDOUT} writes to stdout")
    return value


def write_stdout(text: str) -> None:
    """Into a pipe or file `text` goes as it is; on a terminal nothing in it may act."""
    sys.stdout.write(visible(text) if sys.stdout.isatty() else text)


def check_output(args: argparse.Namespace) -> None:
    """Refuse at once, in one line, a file `-o` names that `write_output` could not
    write: before what goes there is read and rendered."""
    from reader.notes.export import file_target, named_file

    if args.output and args.output != STDOUT:
        with _refused(home_expanded(args.output)):
            file_target(named_file(args.output), force=args.force, stream=True)


def write_output(text: str, args: argparse.Namespace, count: int, word: str) -> None:
    """Write `text` to the file `-o` names (`--force` replaces one that exists; `-` is
    stdout), then say on stderr how many `word`s went there; ReaderError in one line
    when it cannot."""
    from reader.notes.export import named_file, write_export

    if args.output == STDOUT:
        write_stdout(text)
        sys.stderr.write(f"{plural(count, word)} written to stdout\n")
        return
    path = home_expanded(args.output)
    with _refused(path):
        write_export(text, named_file(args.output), force=args.force, stream=True)
    sys.stderr.write(f"{plural(count, word)} written to {path}\n")


@contextmanager
def _refused(path: Path) -> Iterator[None]:
    """A write to `path` that failed as ReaderError, in one line."""
    try:
        yield
    except FileExistsError:
        raise ReaderError(f"{path} exists; add --force to replace it") from None
    except IsADirectoryError as exc:  # (named as given: a name ending with / is a folder)
        raise ReaderError(f"cannot write {exc.filename or path}: {exc.strerror}") from None
    except OSError as exc:
        raise ReaderError(f"cannot write {path}: {exc.strerror or exc}") from None


FROM_THE_COMMAND_LINE = "use `reader import FILE` or `reader add URL`"


def tell_empty_library(root: Path) -> None:
    """Say on stderr that the library has no articles, and how to fill it: a listing of
    nothing, which is no failure (status 0)."""
    from reader.infra.filetypes import how_to_fill

    sys.stderr.write(f"reader: no articles in {escaped(str(root))}\n")
    sys.stderr.write(f"reader: {how_to_fill(FROM_THE_COMMAND_LINE)}\n")


def text_value(value: str) -> str:
    """An argparse type: text as given, refused in one line when its bytes are not UTF-8
    (Python reads such bytes as lone surrogates, which would be saved as U+FFFD)."""
    if _UNDECODED.search(value):
        raise argparse.ArgumentTypeError("not valid UTF-8 text (check the terminal's encoding)")
    return value


_UNDECODED = re.compile("[\ud800-\udfff]")


def whole_number(least: int, most: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `least` to `most`, else refused in one line."""

    def number(value: str) -> int:
        try:
            found = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if found < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}")
        if found > most:
            raise argparse.ArgumentTypeError(f"must be at most {most}")
        return found

    return number


def tell_environment() -> None:
    """Say, once, an environment value reader cannot use, and what it does instead."""
    from reader.notes.lock import timeout_problem

    if problem := timeout_problem():
        sys.stderr.write(f"reader: warning: {problem}\n")


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"reader: error: {escaped(message)}\n")
    return code


BUSY_WAIT = 1.0  # seconds a command waits for another process's write to the index


def update_index(index: LibraryIndex) -> None:
    """Bring the index up to date (articles renamed stay read, at their place); one that
    cannot be written, or that another process is writing, is used as it is, with one
    line on stderr saying so (and one built for this run only, as the cache cannot hold
    one)."""
    if index.temporary:
        sys.stderr.write(f"reader: {escaped(index.temporary)}\n")
    try:
        with _rebuilding_said(index) as progress:
            stats = index.update(progress, wait=BUSY_WAIT)
    except SearchIndexReadOnlyError as error:
        sys.stderr.write(f"reader: {escaped(str(error))}\n")
        return
    except SearchIndexBusyError as error:
        sys.stderr.write(
            f"reader: {escaped(str(error))}; using it as it is (it may be older than the files)\n"
        )
        return
    if stats.renamed:
        from reader.state import ReadingState

        state = ReadingState(index.root, tell=tell_state)
        state.follow(stats.renamed)
        state.close()


@contextmanager
def _rebuilding_said(index: LibraryIndex) -> Iterator[ProgressBar | None]:
    """An index built anew (of an older reader, damaged, a build cut short) reads every
    file, which takes a while: said at once, with `reader index`'s progress bar on a
    terminal, in one line elsewhere. An index up to date is updated without a word."""
    if not index.rebuilding:
        yield None
        return
    if not sys.stderr.isatty():
        sys.stderr.write(f"reader: {REBUILDING}\n")
    with progress_bar(REBUILDING) as bar:
        yield bar


REBUILDING = "the search index is being rebuilt; this may take a while"


def tell_state(line: str) -> None:
    """What happened to the reading state file (damaged, set aside), in one line."""
    sys.stderr.write(f"reader: {escaped(line)}\n")


_loaded: list[tuple[Config, list[str]]] = []  # the config file, read once per command


def user_config(*, tell: bool = True) -> Config:
    """The config file, read once per command. Its problems are told once: on stderr,
    one line each (or left to the app, with `tell=False`, see `config_problems`)."""
    if not _loaded:
        _loaded.append(load_config())
    config, problems = _loaded[0]
    if tell:
        for problem in summed_up(problems):
            sys.stderr.write(f"reader: config: {visible(problem)}\n")
        problems.clear()
    return config


def config_problems() -> list[str]:
    """The config's problems not told yet, handed over (to the app, which shows them)."""
    user_config(tell=False)
    problems = list(_loaded[0][1])
    _loaded[0][1].clear()
    return problems


def forget_config() -> None:
    """Read the config file afresh next time (each command starts with this)."""
    _loaded.clear()


def library_root(value: str | None) -> Path:
    """The library named on the command line, else $READER_LIBRARY, else the config's,
    else the bundled sample library; checked. One that is not there, from the
    environment or the config, says where it was named."""
    if value:
        return check_root(Path(value))
    if env := os.environ.get("READER_LIBRARY"):
        return _named_root(env, "$READER_LIBRARY")
    config = user_config()
    if config.library:
        return _named_root(config.library, config.where("library"))
    return check_root(bundled_library())


def _named_root(value: str, where: str) -> Path:
    try:
        return check_root(Path(value))
    except (LibraryError, NoSuchUserError) as error:
        raise LibraryError(f"{error} (from {where})") from None


def notes_dir(value: str | None, library: Path) -> Path:
    """The notes directory for a library (see `reader.paths.notes_dir_for`)."""
    return notes_dir_for(library, value, user_config().notes_dir)


def readable_notes_dir(directory: Path) -> Path:
    """`directory`, when notes can be read there (or it is not made yet); else
    NotesDirError, so that a file in its place is never listed as a folder of no notes."""
    from reader.notes.location import notes_dir_problem

    problem = notes_dir_problem(directory)
    if problem:
        raise NotesDirError(problem)
    return directory


def notes_dir_named(value: str | None, library: str | None) -> Path:
    """The notes directory the command line and config name; the library (checked)
    only when none is given, as its own notes folder is used then."""
    return chosen_notes_dir(value, user_config().notes_dir) or notes_dir(
        value, library_root(library)
    )


def up_to_date_session(root: Path, notes: Path) -> Session:
    """The library's session, its index brought up to date and the notes of renamed
    articles followed: what every command reading notes starts from."""
    from reader.session import Session

    session = Session(root, notes_dir=notes)
    session.state.tell_to(tell_state)
    try:
        update_following_notes(session.index, notes)
    except BaseException:
        session.index.close()
        raise
    return session


def notes_session(args: argparse.Namespace, *, notes_needed: bool = True) -> Session:
    """`up_to_date_session` for the library and the notes directory the command line
    names (`library` and `--notes-dir`). A notes folder that cannot be read fails the
    command when it needs the notes (see `readable_notes_dir`), else is warned of."""
    root = library_root(args.library)
    directory = notes_dir(args.notes_dir, root)
    try:
        readable_notes_dir(directory)
    except NotesDirError as error:
        if notes_needed:
            raise
        sys.stderr.write(f"reader: warning: {visible(str(error))}\n")
    return up_to_date_session(root, directory)


def update_following_notes(index: LibraryIndex, notes: Path) -> None:
    """`update_index`, then the notes in `notes` of the articles it found renamed follow
    them (see `follow_renamed_notes`)."""
    update_index(index)
    follow_renamed_notes(index, notes)


def follow_renamed_notes(index: LibraryIndex, directory: Path) -> None:
    """After an index update, the notes of renamed or moved articles go with them
    (see `reader.notes.follow`); one line on stderr for each. A notes folder that
    cannot be read is warned of, and its notes follow later, once it can be."""
    try:
        if not index.departed():  # most commands: none gone, notes not read
            return
    except SearchIndexError:
        return  # an index that cannot say (read-only, of an older reader)
    from reader.notes.follow import follow_renamed
    from reader.notes.location import notes_dir_problem

    if problem := notes_dir_problem(directory):  # (each article gone is looked at once)
        sys.stderr.write(
            f"reader: warning: {visible(problem)}; renamed articles' notes not followed\n"
        )
        return
    from reader.notes.store import NotesStore

    for outcome in follow_renamed(NotesStore(directory), index):
        sys.stderr.write(visible(str(outcome)) + "\n")


def scan_problems(skipped: list[Skipped], ignored: list[Ignored]) -> list[str]:
    """A line for each file an index update skipped, and for each part of a file it
    left out (see `ignored_line`)."""
    lines = [f"skipped {escaped(s.path)}: {escaped(s.reason)}" for s in skipped]
    return lines + [ignored_line(i.path, i.reason) for i in ignored]


def scan_summary(skipped: list[Skipped], ignored: list[Ignored]) -> str | None:
    """The files an index update skipped, and those it read with a part left out,
    counted in one line that says where they are named (`reader index`); None when
    there are none."""
    lossy = len({i.path for i in ignored})
    parts = [f"{plural(len(skipped), 'file')} skipped"] if skipped else []
    if lossy:
        parts.append(f"{plural(lossy, 'file')} read with a field left out")
    if not parts:
        return None
    them = "it" if len(skipped) + lossy == 1 else "them"
    return f"{', '.join(parts)} (reader index lists {them})"


def ignored_line(path: str, reason: str) -> str:
    """A part of a file left out, as the commands say it: `PATH: front matter field
    "date" ignored (line 3: why)`."""
    return f"{escaped(path)}: {escaped(reason)}"


def resolve_article(ref: str, library: str | None) -> tuple[Article, Path]:
    """An article from an id in the library or a path to any file, and the library.

    A file the library holds is that article, however it is named; any other file is
    an article of its own outside the library (see `reader.model.outside_id`).
    """
    from reader.ingest.formats import load_article  # the parsers, only for commands that read files

    path, holder, root = locate_article(ref, library)
    return load_article(path, holder), root


def article_id_of(ref: str, library: str | None, store: NotesStore) -> str:
    """The id of the article `ref` names, found as `resolve_article` finds it, without
    reading the file. An id with notes kept under it is taken as it is, even when its
    file is gone (its notes are orphaned); anything else raises ArticleError."""
    from reader.ingest.formats import article_id

    try:
        path, holder, _ = locate_article(ref, library)
    except ArticleError:
        if _has_notes(store, ref):
            return ref
        raise
    return article_id(path, holder) if holder else outside_id(path)


def locate_article(ref: str, library: str | None) -> tuple[Path, Path | None, Path]:
    """The file `ref` names (an id in the library or a path to any file), the library
    that holds it (None for a file outside it), and the library; ArticleError for no
    such file. A ref as reader prints ids, control characters escaped (`Odd/new\\nline.txt`),
    names the file whose name holds them."""
    ref = _unescaped_ref(ref, library)
    path = home_expanded(ref)
    if not _is_there(path) and _is_a_path(ref):
        why = _not_a_file(path)
        raise ArticleError(path, why) if why else NoSuchFileError(os.path.abspath(path))
    if not _is_there(path):  # an article id
        root = library_root(library)
        path = outside_path(ref) or root / ref
        if ".." in Path(ref).parts or not _is_there(path):
            why = _why_not_there(ref, path)
            raise ArticleError(ref, why or f"no such article in {root} (give an id or a file path)")
        _refuse_special(path)
    else:
        _refuse_special(path)
        try:
            root = library_root(library)
        except LibraryError:
            return path, None, path.resolve().parent
    held = _held_by(root, path)
    return (held, root, root) if held else (path, None, root)


def _unescaped_ref(ref: str, library: str | None) -> str:
    """`ref` with its escapes undone when it names nothing as given but does so undone."""
    plain = unescaped(ref)
    if plain == ref or _is_there(home_expanded(ref)):
        return ref
    if _is_there(home_expanded(plain)):
        return plain
    try:
        root = library_root(library)
    except LibraryError:
        return ref
    if ".." in Path(plain).parts or _is_there(root / ref):
        return ref
    return plain if _is_there(root / plain) else ref


def _is_a_path(ref: str) -> bool:
    """Whether `ref` can only be a path, never an article id: absolute, from the home
    folder (`~`) or from the current folder (`./`, `../`)."""
    return Path(ref).is_absolute() or ref.startswith(("~", "./", "../"))


def _has_notes(store: NotesStore, article_id: str) -> bool:
    try:
        return store.path_for(article_id).exists()
    except ValueError:  # not an id at all (an absolute path, `..`): no notes under it
        return False


def _is_there(path: Path) -> bool:
    """Whether anything but a folder is at `path`: a FIFO or a device is there too, for
    _refuse_special to name."""
    return path.exists() and not path.is_dir()


def _why_not_there(ref: str, in_library: Path) -> str | None:
    """What is at `ref` (as a path, else as an id at `in_library`) that is no file to read."""
    if not ref.strip():
        return None
    if why := _not_a_file(home_expanded(ref)):
        return why
    return None if ".." in Path(ref).parts else _not_a_file(in_library)


def _not_a_file(path: Path) -> str | None:
    """Why something at `path` is not a file to read (a folder, a link loop, a broken
    link); None when nothing is there."""
    if path.is_dir():
        return "a folder, not an article file"
    if not path.is_symlink():
        return None
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop, not an article file"
        return "a broken symbolic link (its target is gone)"
    return None


def _refuse_special(path: Path) -> None:
    """ArticleError naming `path` as given (not the target of a link to it) when it is
    a FIFO, a socket or a device; load_article checks again as it opens the file."""
    try:
        reason = not_regular(path.stat().st_mode)
    except OSError:
        return  # gone or unreadable: load_article says which
    if reason:
        raise ArticleError(path, reason)


def _held_by(root: Path, path: Path) -> Path | None:
    """`path` as the file a scan of the library at `root` lists, or None when it lists
    none such (the file lies elsewhere, or in a hidden folder)."""
    for candidate in (Path(os.path.abspath(path)), path.resolve()):
        if candidate.is_relative_to(root):
            relative = candidate.relative_to(root)
            if not any(part.startswith(".") for part in relative.parts):
                return root / relative
    return None


def output_console() -> Console:
    """A Rich console on stdout (soft-wrapped when not a terminal) whose closed pipe
    (`reader compare A B | head -1`) ends the command as any other write does: by
    BrokenPipeError, which `main` turns into a quiet exit 0 (Rich would exit 1)."""
    from rich.console import Console

    class _Output(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            # Nothing more reaches the pipe, not even the flush at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise BrokenPipeError

    return _Output(highlight=False, soft_wrap=not sys.stdout.isatty())


class ProgressBar:
    """A bar's `(done, total)` callback, and `tell(what)` to name what it is doing."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self._bar = bar
        self._task = task

    def __call__(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def tell(self, what: str) -> None:
        from rich.markup import escape

        self._bar.update(self._task, description=escape(what))  # a file's name is not markup


@contextmanager
def progress_bar(what: str) -> Iterator[ProgressBar | None]:
    """A transient progress bar on stderr when it is a terminal; None when stderr is a
    file or a pipe."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        shown = ProgressBar(bar, bar.add_task("", total=None))
        shown.tell(what)
        yield shown
