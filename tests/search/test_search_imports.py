"""`reader search` loads only what a query needs: a search from a shell or a script
starts fast, without the app, the page parsers or the terminal renderer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import Library, sentence

ROOT = Path(__file__).resolve().parents[2]

# Runs `reader search` in this process, then names the heavy packages it imported.
_PROBE = """
import json, runpy, sys
sys.argv = ["reader", *sys.argv[1:]]
try:
    runpy.run_module("reader", run_name="__main__")
except SystemExit:
    pass
heavy = (
    "textual", "trafilatura", "lxml", "rich", "yaml", "multiprocessing", "fsrs", "rapidfuzz",
    "regex", "httpx", "watchfiles", "markdown_it", "dateutil", "charset_normalizer", "justext",
    "concurrent", "secrets",
)
found = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
sys.stderr.write("IMPORTED " + json.dumps(found) + "\\n")
"""


def _search(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    for name in ("NOTES", "CONFIG", "DATA"):
        env[f"READER_{name}_DIR"] = str(tmp_path / name.lower())
    env.pop("READER_LIBRARY", None)
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def _imported(done: subprocess.CompletedProcess) -> list[str]:
    line = next(x for x in done.stderr.splitlines() if x.startswith("IMPORTED "))
    return json.loads(line.removeprefix("IMPORTED "))


def test_search_json_imports_neither_the_app_nor_parsers_nor_rich(
    lib: Library, tmp_path: Path
) -> None:
    lib.html("wire/port.html", "Port strike ends", sentence("harbour"))
    lib.md("wire/rain.md", "Rain at last", sentence("harbour"))
    first = _search(tmp_path, "search", "harbour", str(lib.root), "--json")  # builds the index
    assert [hit["id"] for hit in json.loads(first.stdout)] != []
    done = _search(tmp_path, "search", "harbour", str(lib.root), "--json")
    assert sorted(hit["id"] for hit in json.loads(done.stdout)) == [
        "wire/port.html",
        "wire/rain.md",
    ]
    assert _imported(done) == []
