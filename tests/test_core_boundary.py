"""The core (model, formats, cleaning, search, notes) never imports Textual."""

import subprocess
import sys

CORE_MODULES = [
    "reader.model",
    "reader.canonical",
    "reader.formats",
    "reader.cleaning",
    "reader.library",
    "reader.config",
    "reader.state",
    "reader.session",
    "reader.search.index",
    "reader.notes.store",
    "reader.related",
    "reader.cli.list_cmd",
    "reader.cli.show_cmd",
]


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
