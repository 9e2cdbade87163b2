"""The related-coverage core and its commands never load Textual."""

import subprocess
import sys


def test_related_core_and_commands_import_without_textual():
    code = (
        "import sys\n"
        "import reader.related, reader.related.compare, reader.related.stories\n"
        "import reader.cli.related_cmd, reader.cli.compare_cmd\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
