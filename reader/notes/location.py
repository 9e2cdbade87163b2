"""Where an article's notes file lives: the one rule mapping article ids to paths."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".yaml"


def notes_path(notes_dir: str | os.PathLike[str], article_id: str) -> Path:
    """``<notes_dir>/<article id>.yaml``; ``AFP/story.txt`` -> ``AFP/story.txt.yaml``.

    Raises ValueError for ids that are not plain relative POSIX paths (absolute,
    empty, or with ``.``/``..``/empty components), which could escape `notes_dir`.
    """
    parts = article_id.split("/") if isinstance(article_id, str) else [""]
    if not article_id or "\0" in article_id or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a valid article id: {article_id!r}")
    return Path(notes_dir).joinpath(*parts[:-1], parts[-1] + SUFFIX)


def article_id_for(notes_dir: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """The article id whose notes live at `path` (the inverse of `notes_path`)."""
    relative = Path(path).relative_to(notes_dir).as_posix()
    if not relative.endswith(SUFFIX):
        raise ValueError(f"not a notes file: {path}")
    return relative[: -len(SUFFIX)]
