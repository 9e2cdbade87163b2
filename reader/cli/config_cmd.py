"""`reader --check-config`: every problem of the config file, as the app tells them."""

from __future__ import annotations

import os
from pathlib import Path

from reader.cli.common import config_problems, user_config
from reader.config import Config, in_file_order
from reader.errors import LibraryError, ReaderError
from reader.ingest.scan import check_root
from reader.notes.location import notes_dir_problem
from reader.paths import config_file, home_expanded
from reader.text.safe import visible


def run() -> int:
    """A line per problem (the file's, then the theme's and the keymap's, which only the
    app reads), status 1; else one line saying so, status 0."""
    problems = config_problems()
    config = user_config()
    from reader.tui.config_check import settings_problems

    path = config.path or config_file()
    found = settings_problems(config) + _library(config) + _notes_dir(config)
    problems = in_file_order(problems + found, path)
    for problem in problems:
        print(visible(problem))
    if not problems:
        state = "no problems" if path.exists() else "not there; the defaults are used"
        print(f"{visible(str(path))}: {state}")
    return 1 if problems else 0


def _notes_dir(config: Config) -> list[str]:
    """The config's notes folder, and $READER_NOTES_DIR's (which is used before it), when
    notes cannot be read there."""
    told = []
    if config.notes_dir and (problem := _notes_problem(config.notes_dir)):
        told.append(f"{config.where('notes_dir')}: {problem}")
    from_env = os.environ.get("READER_NOTES_DIR")
    if from_env and (problem := _notes_problem(from_env)):
        told.append(f"$READER_NOTES_DIR: {problem}")
    return told


def _notes_problem(given: str) -> str | None:
    try:
        return notes_dir_problem(home_expanded(given))
    except ReaderError as error:  # ~nobody/notes
        return str(error)


def _library(config: Config) -> list[str]:
    """The config's library when it cannot be read (not there, not a folder), as every
    command would then fail."""
    if not config.library:
        return []
    try:
        check_root(Path(config.library))
    except LibraryError as error:
        return [f"{config.where('library')}: {error}"]
    return []
