"""Run as `python tests/bytecode.py FOLDER`: every module of reader, and every module they
import, compiled into FOLDER, for processes given it as PYTHONPYCACHEPREFIX. Such a
process looks for bytecode there only, so the bytecode the other modules already have
(the standard library's, the installed packages') is copied in beside reader's."""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import pkgutil
import py_compile
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_into(prefix: str) -> None:
    """Every module of reader imported, then all that this process holds put in `prefix`."""
    import reader

    for module in pkgutil.walk_packages(reader.__path__, "reader."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    put_loaded(prefix)


def put_loaded(prefix: str) -> None:
    """The bytecode of every module this process has loaded from source, and of every
    module of the packages they are in (Textual loads its widgets as they are used), in
    `prefix`: copied where it is kept beside its source, else compiled if loaded."""
    loaded, sources = set(), set()
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None)
        if not (isinstance(source, str) and source.endswith(".py")):
            continue
        loaded.add(source)
        sources.add(source)
        if "." not in name and source.endswith("__init__.py"):
            sources.update(str(path) for path in Path(source).parent.rglob("*.py"))
    for source in sorted(sources):
        cached = importlib.util.cache_from_source(source)
        before, sys.pycache_prefix = sys.pycache_prefix, prefix
        try:
            target = importlib.util.cache_from_source(source)
        finally:
            sys.pycache_prefix = before
        if os.path.exists(target):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.exists(cached):
            shutil.copyfile(cached, target)
        elif source in loaded:
            with contextlib.suppress(py_compile.PyCompileError, OSError):
                py_compile.compile(source, cfile=target, doraise=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    compile_into(sys.argv[1])
