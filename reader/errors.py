"""Errors a user can meet; each carries one clear line for the CLI or a toast."""


class ReaderError(Exception):
    """Base class: str(error) is the one-line message shown to the user."""


class LibraryError(ReaderError):
    """The library path is missing, not a directory, or unreadable."""


class ArticleError(ReaderError):
    """An article could not be found or read."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotesFileError(ReaderError):
    """A notes file could not be parsed or validated; it is left untouched."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class SearchIndexError(ReaderError):
    """The search index could not be opened or built."""


class Cancelled(Exception):
    """Background work stopped because it is no longer wanted (the app is closing)."""


class YamlError(ReaderError):
    """YAML we cannot read: bad syntax, an alias, a value that cannot be built (an
    impossible date, a number of thousands of digits, `!!float abc`) or nesting too deep.
    `line` is 1-based, None when unknown."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(f"line {line}: {problem}" if line else problem)


class ConfigError(ReaderError):
    """The config file could not be written (the theme is not saved)."""
