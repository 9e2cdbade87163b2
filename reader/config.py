"""The user's config file (YAML): library, notes dir, theme, keymap, text width.

A broken file never stops the program: it yields one clear line and defaults.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reader.paths import config_file

DEFAULT_TEXT_WIDTH = 80


@dataclass(slots=True)
class Config:
    library: str | None = None
    notes_dir: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    text_width: int = DEFAULT_TEXT_WIDTH


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The config and a list of one-line problems found in it (empty when fine)."""
    path = path or config_file()
    config = Config()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config, []
    except (OSError, UnicodeDecodeError) as exc:
        return config, [f"{path}: cannot read ({exc}); using defaults"]
    import yaml  # only when there is a config file: start-up without one skips the import

    from reader.yamlsafe import load_yaml

    try:
        data = load_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        return config, [f"{path}{where}: {problem}; using defaults"]
    if data is None:
        return config, []
    if not isinstance(data, dict):
        return config, [f"{path}: expected a mapping of settings; using defaults"]
    problems: list[str] = []

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return value.strip()
        problems.append(f"{path}: {key} must be text; ignored")
        return None

    config.library = text("library")
    config.notes_dir = text("notes_dir")
    config.theme = text("theme")
    width = data.get("text_width")
    if width is not None:
        if isinstance(width, int) and not isinstance(width, bool) and 40 <= width <= 200:
            config.text_width = width
        else:
            problems.append(f"{path}: text_width must be a number from 40 to 200; using 80")
    keymap = data.get("keymap")
    if keymap is not None:
        if isinstance(keymap, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
        ):
            config.keymap = dict(keymap)
        else:
            problems.append(f"{path}: keymap must map binding ids to keys; ignored")
    unknown = sorted(set(data) - {"library", "notes_dir", "theme", "keymap", "text_width"})
    if unknown:
        problems.append(f"{path}: unknown settings ignored: {', '.join(map(str, unknown))}")
    return config, problems


_THEME_LINE = re.compile(r"^theme\s*:.*$", re.MULTILINE)


def save_theme(theme: str, path: Path | None = None) -> bool:
    """Record the chosen theme, editing only the `theme:` line so comments survive.

    Returns False (and writes nothing) when the file exists but does not parse:
    a file we cannot read is never overwritten.
    """
    path = path or config_file()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raw = ""
    except (OSError, UnicodeDecodeError):
        return False
    import yaml

    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError:
        return False
    if not isinstance(data, dict):
        return False
    line = f"theme: {yaml.safe_dump(theme, default_style=None).splitlines()[0]}"
    if _THEME_LINE.search(raw):
        updated = _THEME_LINE.sub(lambda _: line, raw, count=1)
    else:
        updated = raw + ("" if raw.endswith("\n") or not raw else "\n") + line + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(updated)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    return True
