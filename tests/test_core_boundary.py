"""The core (model, formats, cleaning, search, notes) never imports Textual."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _core_modules() -> list[str]:
    """Every module of reader outside the TUI (and the CLI's app launcher)."""
    names = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tui" in parts or parts[-1] in ("__main__", "app_cmd"):
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


CORE_MODULES = _core_modules()


def test_the_textual_contract_names_every_core_module_and_package():
    """lint-imports checks only what the contract names: a new core module is named too."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [textual] = [c for c in contracts["contracts"] if c["name"] == "The core never imports Textual"]
    named = set(textual["source_modules"])
    top = {".".join(m.split(".")[:2]) for m in CORE_MODULES if m.count(".") >= 1}
    top -= {"reader.cli", "reader.launch", "reader.__init__"}  # the faces, over the core
    assert top - named == set()


def test_core_imports_without_textual():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core imported Textual: {out.stdout}"


def test_cli_list_does_not_load_textual(tmp_path):
    code = (
        "import sys, runpy\n"
        "sys.argv = ['reader', 'list', '--json']\n"
        "from reader.cli import main\n"
        "main()\n"
        "sys.stderr.write(str(any(m.startswith('textual') for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().endswith("False")
