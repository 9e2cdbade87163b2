"""Pieces every command shares: the parser that fails in one line, library resolution."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from reader.config import Config, load_config
from reader.errors import ArticleError, LibraryError
from reader.library import check_root
from reader.model import Article
from reader.paths import bundled_library, notes_dir_for
from reader.safetext import visible


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(2)


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"reader: error: {message}\n")
    return code


_loaded: list[tuple[Config, list[str]]] = []  # the config file, read once per command


def user_config(*, tell: bool = True) -> Config:
    """The config file, read once per command. Its problems are told once: on stderr,
    one line each (or left to the app, with `tell=False`, see `config_problems`)."""
    if not _loaded:
        _loaded.append(load_config())
    config, problems = _loaded[0]
    if tell:
        for problem in problems:
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
    else the bundled sample library; checked."""
    if value:
        return check_root(Path(value))
    if env := os.environ.get("READER_LIBRARY"):
        return check_root(Path(env))
    configured = user_config().library
    return check_root(Path(configured) if configured else bundled_library())


def notes_dir(value: str | None, library: Path) -> Path:
    """The notes directory for a library (see `reader.paths.notes_dir_for`)."""
    return notes_dir_for(library, value, user_config().notes_dir)


def resolve_article(ref: str, library: str | None) -> tuple[Article, Path]:
    """An article from an id in the library or a path to any file."""
    from reader.formats import load_article  # the parsers, only for commands that read files

    path = Path(ref).expanduser()
    if path.is_file():
        path = path.resolve()
        try:
            root = library_root(library)
            path.relative_to(root)
        except (LibraryError, ValueError):
            root = path.parent
        return load_article(path, root), root
    root = library_root(library)
    candidate = (root / ref).resolve()
    if ".." in Path(ref).parts or not candidate.is_file():
        raise ArticleError(ref, f"no such article in {root} (give an id or a file path)")
    return load_article(candidate, root), root
