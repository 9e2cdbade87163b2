"""One article with a notes file of many notes (10,000 by default).

`python -m benchmarks.measures.many_notes [--notes 10000] [--profile]` writes (or finds)
in `benchmarks/.cache/many-notes-<n>/` a library of one long read (about 400 KB of
plain text) and a notes directory holding its notes file: `n` notes on spans of 3 to 60
words spread over the article, a third with a note of their own, some with tags, in the
six colours. Then it times, each in a fresh process (so imports count), the wall time
and the process's CPU time (every thread):

- **notes --json**: `reader notes --json --article ID`;
- **annotate**: `reader annotate ID --quote …` on a copy of the notes directory;
- **open**: the app started on the article (the reading place kept from a last launch)
  until the article is shown, and until its highlights are on it;
- **Notes screen**: `A` pressed in the app until the Notes screen's table shows rows,
  and until it holds every note; then **filter**: `/` and FILTER_TYPED typed in one
  burst, until the table holds the notes they leave;
- **save**: the app's save of one note into the file, its notes read already (as the
  app has them when the article is shown): the save alone is timed.

With `--profile`, each is run under cProfile (the app's worker threads too) and the
costliest functions (cumulative) are printed; `--paths` picks some of the paths.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import json
import os
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from benchmarks.generator import CACHE, _body, _txt, _Writer

NOTES = 10_000
ARTICLE_BYTES = 400_000
ARTICLE = "Long Reads/long-read.txt"
COLORS = ("yellow", "green", "blue", "pink", "purple", "orange")
TAGS = ("people", "quote", "check", "idea", "data")


class Figure(NamedTuple):
    """Seconds of wall time, and of CPU time (the process's, every thread)."""

    wall: float
    cpu: float


FILTER_TYPED = "the people of 1999"  # typed into the Notes screen's filter in one burst
TIMEOUT = 300  # seconds for one child: never hang a run
PROFILE_LINES = 30


def ensure(notes: int = NOTES, cache: Path = CACHE) -> Path:
    """The folder holding `library/` (one article) and `notes/` (its notes file of
    `notes` notes), generated once."""
    base = cache / f"many-notes-{notes}"
    done = base / "done"
    if done.exists():
        return base
    shutil.rmtree(base, ignore_errors=True)
    library = base / "library"
    (library / ARTICLE).parent.mkdir(parents=True)
    writer = _Writer(random.Random(notes))
    title = "A very long read, annotated"
    text = _txt(writer, title, "Long Reads", "Jane Doe", dt.date(2024, 1, 2), [])
    text += "\n\n".join(t for _, t in _body(writer, ARTICLE_BYTES)) + "\n"
    (library / ARTICLE).write_text(text, encoding="utf-8")
    _write_notes(library, base / "notes", notes, random.Random(f"notes-{notes}"))
    done.write_text("")
    return base


def _write_notes(library: Path, notes_dir: Path, count: int, rng: random.Random) -> None:
    from reader.ingest.formats import load_article
    from reader.notes.anchoring import make_target
    from reader.notes.location import notes_path
    from reader.notes.schema import Annotation, ArticleRef, NotesFile
    from reader.notes.yamlio import dump_notes

    article = load_article(library / ARTICLE, library)
    text = article.text
    words = [i + 1 for i, c in enumerate(text) if c == " "]
    annotations = []
    for n in range(count):
        first = rng.randrange(len(words) - 61)
        start, end = words[first], words[first + rng.randint(3, 60)] - 1
        note = f"Note {n}: {' '.join(rng.sample(TAGS, 2))}." if n % 3 == 0 else ""
        tags = rng.sample(TAGS, rng.randint(0, 2))
        target = make_target(text, start, end)
        annotations.append(Annotation.new(target, note, tags, COLORS[n % len(COLORS)]))
    path = notes_path(notes_dir, article.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    notes = NotesFile(ArticleRef.from_article(article), annotations)
    path.write_text(dump_notes(notes), encoding="utf-8")


def _env(base: Path, home: Path, notes_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("TEXTUAL", "TEXTUAL_DEVTOOLS", "NO_COLOR", "READER_LIBRARY"):
        env.pop(key, None)
    repo = str(Path(__file__).resolve().parents[2])
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(p for p in (repo, env.get("PYTHONPATH", "")) if p),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "READER_CONFIG_DIR": str(home / "config"),
            "READER_DATA_DIR": str(home / "data"),
            "READER_CACHE_DIR": str(home / "cache"),
            "READER_NOTES_DIR": str(notes_dir),
            "TERM": "xterm-256color",
        }
    )
    return env


def _cli(args: list[str], env: dict[str, str], profile: bool) -> Figure:
    with tempfile.NamedTemporaryFile(suffix=".prof") as stats:
        prefix = ["-m", "cProfile", "-o", stats.name] if profile else []
        start, cpu = time.perf_counter(), _children_cpu()
        out = subprocess.run(
            [sys.executable, *prefix, "-m", "reader", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
        if out.returncode != 0:
            raise SystemExit(f"reader {args[0]} failed: {out.stderr.strip()[-400:]}")
        if profile:
            print(f"== reader {args[0]}")
            _print_stats(pstats.Stats(stats.name))
    return Figure(seconds, cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _print_stats(stats: pstats.Stats) -> None:
    stats.stream = sys.stdout  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(PROFILE_LINES)


def _app_child(root: str, what: str, profile: bool) -> None:
    """In a fresh process: the app up to the article shown with its highlights ("open"),
    or up to the Notes screen's table filled ("notes")."""
    profilers = _profile_threads() if profile else []
    profiler = profilers[0] if profilers else None
    start, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    from reader.config import Config
    from reader.tui.app import ReaderApp
    from reader.tui.article.view import ArticleView

    figures: dict[str, tuple[float, float]] = {}

    def since(wall: float, cpu: float) -> tuple[float, float]:
        return time.perf_counter() - wall, time.process_time() - cpu

    async def run() -> None:
        app = ReaderApp(Path(root), config=Config(), config_problems=[])
        async with app.run_test(size=(120, 40)) as pilot:
            view = app.screen.query_one(ArticleView)
            deadline = time.perf_counter() + TIMEOUT
            while view.article is None and time.perf_counter() < deadline:
                await asyncio.sleep(0.005)
            figures["article"] = since(start, cpu)
            while not view.annotations and time.perf_counter() < deadline:
                await asyncio.sleep(0.005)
            figures["highlights"] = since(start, cpu)
            if what == "notes":
                from textual import events
                from textual.widgets import Input

                from reader.tui.screens.notes import NotesScreen

                await pilot.pause()
                pressed, pressed_cpu = time.perf_counter(), time.process_time()
                await pilot.press("A")
                while time.perf_counter() < deadline:
                    screen = app.screen
                    if isinstance(screen, NotesScreen) and screen.table.row_count:
                        break
                    await asyncio.sleep(0.005)
                figures["notes_screen"] = since(pressed, pressed_cpu)
                table = screen.table
                while table.row_count < len(screen.shown) and time.perf_counter() < deadline:
                    await asyncio.sleep(0.005)
                figures["notes_screen_all"] = since(pressed, pressed_cpu)
                await pilot.pause()
                pressed, pressed_cpu = time.perf_counter(), time.process_time()
                for char in "/" + FILTER_TYPED:  # at once, as a fast typist's keys come
                    key = {"/": "slash", " ": "space"}.get(char, char)
                    app.post_message(events.Key(key, char))
                field = screen.query_one("#notes-filter", Input)
                while time.perf_counter() < deadline and not (
                    getattr(screen, "_shown_for", field.value) == FILTER_TYPED
                    and table.row_count == len(screen.shown)
                ):
                    await asyncio.sleep(0.005)
                figures["notes_filter"] = since(pressed, pressed_cpu)
            if profiler:
                profiler.disable()
            app.exit()

    asyncio.run(run())
    if profilers:
        stats = pstats.Stats(*profilers)
        stats.stream = sys.stderr  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(PROFILE_LINES)
    print(json.dumps(figures))


def _profile_threads() -> list[cProfile.Profile]:
    """Profilers for the main thread (first) and for every thread started from now on
    (the app's workers), filled as they run."""
    import threading

    profilers = [cProfile.Profile()]
    run = threading.Thread.run

    def profiled(thread: threading.Thread) -> None:
        profiler = cProfile.Profile()
        profilers.append(profiler)
        profiler.enable()
        try:
            run(thread)
        finally:
            profiler.disable()

    threading.Thread.run = profiled  # type: ignore[method-assign]
    return profilers


def _app(root: Path, what: str, env: dict[str, str], profile: bool) -> dict[str, Figure]:
    argv = [sys.executable, "-m", "benchmarks.measures.many_notes", "--child", what, str(root)]
    out = subprocess.run(
        [*argv, *(["--profile"] if profile else [])],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if out.returncode != 0:
        raise SystemExit(f"the app ({what}) failed: {out.stderr.strip()[-2000:]}")
    if profile:
        print(f"== app: {what}")
        print(out.stderr)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return {name: Figure(*pair) for name, pair in figures.items()}


def _save_child(library: str) -> None:
    """In a fresh process: the article's notes read, then one note saved as the app saves
    it (`NotesStore.add`, following the article); prints the save's figures."""
    from reader.ingest.formats import load_article
    from reader.notes.anchoring import make_target
    from reader.notes.schema import Annotation, ArticleRef
    from reader.notes.store import NotesStore

    article = load_article(Path(library) / ARTICLE, Path(library))
    store = NotesStore(os.environ["READER_NOTES_DIR"])
    store.load(article.id)
    start = article.text.index(" the ") + 1
    note = Annotation.new(make_target(article.text, start, start + 3), "one more")
    wall, cpu = time.perf_counter(), time.process_time()
    store.add(ArticleRef.from_article(article), note, follow=True)
    print(json.dumps({"save": (time.perf_counter() - wall, time.process_time() - cpu)}))


PATHS = ("notes", "annotate", "open", "screen", "save")


def measure(notes: int = NOTES, profile: bool = False, paths=PATHS) -> dict[str, Figure]:
    """Each path's times (see the module's docstring)."""
    base = ensure(notes)
    library = base / "library"
    figures: dict[str, Figure] = {}
    with tempfile.TemporaryDirectory(prefix="reader-many-notes-") as tmp:
        home = Path(tmp)
        notes_dir = home / "notes"
        shutil.copytree(base / "notes", notes_dir)
        env = _env(base, home, notes_dir)
        lib = ["--library", str(library)]
        _cli(["index", str(library)], env, False)  # the index, once, outside the measures
        _remember_article(library, env)
        if "notes" in paths:
            listed = ["notes", str(library), "--json", "--article", ARTICLE]
            figures["notes_json"] = _cli(listed, env, profile)
        if "annotate" in paths:
            added = ["annotate", ARTICLE, *lib, "--quote", "the", "--note", "one more"]
            figures["annotate"] = _cli(added, env, profile)
        if "open" in paths:
            opened = _app(library, "open", env, profile)
            figures["open_article"] = opened["article"]
            figures["open_highlights"] = opened["highlights"]
        if "screen" in paths:
            shown = _app(library, "notes", env, profile)
            figures["notes_screen"] = shown["notes_screen"]
            figures["notes_screen_all"] = shown["notes_screen_all"]
            figures["notes_filter"] = shown["notes_filter"]
        if "save" in paths:
            figures["save"] = _app(library, "save", env, False)["save"]
    return figures


def _remember_article(library: Path, env: dict[str, str]) -> None:
    """The reading state of a last launch that had the article open."""
    code = (
        "import sys; from pathlib import Path; from reader.state import LastOpen, ReadingState;"
        "ReadingState(Path(sys.argv[1])).save_last_open(LastOpen(sys.argv[2]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(library), ARTICLE], env=env, check=True, timeout=60
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measures.many_notes")
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--profile", action="store_true", help="cProfile each path")
    parser.add_argument(
        "--paths", default=",".join(PATHS), help=f"some of {','.join(PATHS)} (default: all)"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child and args.child[0] == "save":
        _save_child(args.child[1])
        return 0
    if args.child:
        _app_child(args.child[1], args.child[0], args.profile)
        return 0
    figures = measure(args.notes, args.profile, tuple(args.paths.split(",")))
    for name, figure in figures.items():
        print(f"{name:16} {figure.wall:8.2f} s wall {figure.cpu:8.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
