"""The user's config file (YAML): library, notes dir, theme, keymap, text width.

A broken file never stops the program: it yields one clear line and defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ConfigError, NotRegularFileError, YamlError
from reader.infra.filetypes import read_regular
from reader.model import NOTE_COLORS
from reader.paths import config_file
from reader.text.counts import plural
from reader.text.safe import shortened, visible_line

DEFAULT_TEXT_WIDTH = 80


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """The daily Review's limits and which notes take part (all when no tags or colours)."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    tags: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()


@dataclass(slots=True)
class Config:
    library: str | None = None
    notes_dir: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    text_width: int = DEFAULT_TEXT_WIDTH
    review: ReviewSettings = field(default_factory=ReviewSettings)
    # The line of each setting ("theme", "keymap.main.search"), for problems found later.
    lines: dict[str, int] = field(default_factory=dict)
    path: Path | None = None

    def where(self, setting: str) -> str:
        """`file:line` of a setting (or just the file), to start a one-line problem."""
        line = self.lines.get(setting)
        return f"{self.path or config_file()}" + (f":{line}" if line else "")


_SETTINGS = ("library", "notes_dir", "theme", "keymap", "text_width", "review")


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The config and a list of one-line problems found in it (empty when fine).

    Each problem starts with `file:line`; a file that cannot be read as a whole gives
    the defaults, a setting that cannot be used is ignored on its own.
    """
    path = path or config_file()
    config = Config(path=path)
    try:
        raw = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        return config, []
    except UnicodeDecodeError:
        return config, [f"{path}: not UTF-8 text; using defaults"]
    except NotRegularFileError as exc:  # a FIFO would stop start-up for good
        return config, [f"{path}: {exc.strerror}; using defaults"]
    except OSError as exc:
        return config, [f"{path}: cannot read ({exc.strerror or exc}); using defaults"]
    # Only when there is a config file: start-up without one skips importing YAML.
    from reader.infra.yamlsafe import compose_yaml, load_yaml, repeated_keys

    try:
        data = load_yaml(raw)
        tree = compose_yaml(raw) if isinstance(data, dict) else None
    except YamlError as exc:
        where = f"{path}:{exc.line}" if exc.line else f"{path}"
        return config, [f"{where}: {exc.problem}; using defaults"]
    if data is None:
        return config, []
    if not isinstance(data, dict):
        return config, [f"{path}:1: expected a mapping of settings; using defaults"]
    config.lines = _setting_lines(tree)
    # A key given twice keeps its later value (as YAML readers do), and is told.
    problems = [
        f"{path}:{line}: {text}; the later one is used" for line, text in repeated_keys(tree)
    ]

    def problem(setting: str, text: str) -> None:
        problems.append(f"{config.where(setting)}: {text}")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return value.strip()
        problem(
            key,
            f"{key} is empty; ignored"
            if isinstance(value, str)
            else f"{key} must be text; ignored",
        )
        return None

    config.library = _from_folder_of(path, text("library"))
    config.notes_dir = _from_folder_of(path, text("notes_dir"))
    config.theme = text("theme")
    width = data.get("text_width")
    if width is not None:
        if isinstance(width, int) and not isinstance(width, bool) and 40 <= width <= 200:
            config.text_width = width
        else:
            problem("text_width", "text_width must be a number from 40 to 200; using 80")
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        for binding, keys in keymap.items():
            if not isinstance(binding, str):
                problem(
                    f"keymap.{binding}",
                    f"keymap: {shortened(str(binding))} is not a binding id; ignored",
                )
            elif isinstance(keys, str) and keys.strip():
                config.keymap[binding] = keys
            elif isinstance(keys, str):
                problem(
                    f"keymap.{binding}", f"keymap: no key given for {shortened(binding)}; ignored"
                )
            else:
                problem(
                    f"keymap.{binding}",
                    f"keymap: {shortened(binding)} must be given keys as text, like ctrl+k; ignored",
                )
    elif keymap is not None:
        problem("keymap", "keymap must map binding ids to keys; ignored")
    if data.get("review") is not None:
        config.review = _review_settings(data["review"], problem)
    for key in data:
        if key not in _SETTINGS:
            problem(str(key), f"unknown setting {shortened(str(key))}; ignored")
    return config, in_file_order(problems, path)


def _from_folder_of(config: Path, value: str | None) -> str | None:
    """A path setting, a relative one read from the config file's folder (not from
    wherever reader is started); one from the home folder (`~`) is expanded where used."""
    if value is None or value.startswith("~") or os.path.isabs(value):
        return value
    return os.path.join(os.path.abspath(config.parent), value)


TOLD_ONE_BY_ONE = 4  # more problems than this: the first few, then how many more


def summed_up(problems: list[str]) -> list[str]:
    """The config's problems to tell as it is read (a toast, a line on stderr each): all
    of them when they are few, else the first few and one line for the rest, which
    `reader --check-config` lists (a config of thousands would take the screen)."""
    if len(problems) <= TOLD_ONE_BY_ONE:
        return problems
    shown = problems[: TOLD_ONE_BY_ONE - 1]
    rest = len(problems) - len(shown)
    return [*shown, f"{plural(rest, 'more problem')}: run reader --check-config"]


def told_together(problems: list[str], path: Path) -> str:
    """The config's problems as one message (one toast, none pushed out of sight by
    the next): a lone problem as it is; several under a line naming the file and how
    many, a line each without the file's name, as `summed_up` sums them up."""
    if len(problems) == 1:
        return problems[0]
    prefix = f"{path}:"

    def in_file(problem: str) -> str:
        if not problem.startswith(prefix):
            return problem
        number, colon, text = problem[len(prefix) :].partition(":")
        return f"line {number}:{text}" if number.isdigit() and colon else problem[len(prefix) :]

    lines = [visible_line(in_file(problem).strip()) for problem in summed_up(problems)]
    return "\n".join([f"{plural(len(problems), 'problem')} in {path}:", *lines])


def in_file_order(problems: list[str], path: Path) -> list[str]:
    """Problems of the config file at `path` sorted by their line (those of the whole
    file, with no line, first)."""
    prefix = f"{path}:"

    def line(problem: str) -> int:
        number = problem[len(prefix) :].split(":", 1)[0] if problem.startswith(prefix) else ""
        return int(number) if number.isdigit() else 0

    return sorted(problems, key=line)


def _review_settings(data: Any, problem: Any) -> ReviewSettings:
    """The ``review:`` settings; each one that cannot be used is named and left at its default."""
    defaults = ReviewSettings()
    if not isinstance(data, dict):
        problem("review", "review must be a mapping of settings; ignored")
        return defaults
    values: dict[str, Any] = {}
    for key in ("new_per_day", "reviews_per_day"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[key] = value
        else:
            default = getattr(defaults, key)
            problem(f"review.{key}", f"review.{key} must be a whole number >= 0; using {default}")
    for key in ("tags", "colors"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(
                f"review.{key}",
                f"review.{key} must be a list of names, like [{_EXAMPLES[key]}]; using all",
            )
        elif key == "tags" and not all(tag.strip() for tag in value):
            problem("review.tags", "review.tags: a tag is empty; using all")
        elif unknown := [v for v in value if key == "colors" and v not in NOTE_COLORS]:
            problem(
                f"review.{key}",
                f"review.colors: {shortened(unknown[0])} is not a colour ({', '.join(NOTE_COLORS)}); "
                "using all",
            )
        else:
            values[key] = tuple(value)
    for key in data:
        if key not in ("new_per_day", "reviews_per_day", "tags", "colors"):
            problem(f"review.{key}", f"unknown setting review.{shortened(str(key))}; ignored")
    return ReviewSettings(**values)


_EXAMPLES = {"tags": "quote, nato", "colors": "yellow, green"}


def _setting_lines(root: Any) -> dict[str, int]:
    """1-based lines of the top-level settings and of each keymap and review entry."""
    import yaml

    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if key.value in ("keymap", "review") and isinstance(value, yaml.MappingNode):
            for setting, _ in value.value:
                lines[f"{key.value}.{setting.value}"] = setting.start_mark.line + 1
    return lines


def save_theme(theme: str, path: Path | None = None) -> None:
    """Record the chosen theme, editing only the value of the `theme:` line (or adding
    one) so that comments and the rest of the file survive byte for byte.

    A symlinked config file is written through the link. Raises `ConfigError` (and
    writes nothing) when the file exists but does not parse, since a file we cannot
    read is never overwritten; when the theme cannot be set in place (settings in flow
    style, an edit that would not read back as the same settings with the new theme);
    or when it cannot be written.
    """
    path = path or config_file()
    target = Path(os.path.realpath(path))
    try:
        raw = read_regular(target).decode("utf-8")
    except FileNotFoundError:
        raw = ""
    except NotRegularFileError as exc:
        raise ConfigError(f"{path}: {exc.strerror}; the theme is not saved") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise ConfigError(f"{path}: cannot read ({reason}); the theme is not saved") from None
    from reader.infra.atomic import atomic_write  # (only to save: reading needs none of it)
    from reader.infra.yamlsetting import NotEditable, set_setting

    try:
        updated = set_setting(raw, "theme", theme)
    except YamlError as exc:
        where = f"{path}:{exc.line}" if exc.line else f"{path}"
        raise ConfigError(f"{where}: {exc.problem}; the theme is not saved") from None
    except NotEditable as exc:
        where = f"{path}:{exc.line}" if exc.line else f"{path}"
        raise ConfigError(f"{where}: {exc.reason}; the theme is not saved") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, updated.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"cannot save the theme in {path}: {reason}") from None
