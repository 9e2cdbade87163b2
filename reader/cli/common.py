"""Pieces every command shares: the parser that fails in one line, library resolution."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from reader.library import check_root
from reader.paths import default_library


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see {self.prog} --help)\n")
        sys.exit(2)


def fail(message: str, code: int = 2) -> int:
    sys.stderr.write(f"reader: error: {message}\n")
    return code


def library_root(value: str | None) -> Path:
    """The library named on the command line, else the default; checked."""
    return check_root(Path(value) if value else default_library())
