"""Search latency in process over 50 fixed queries, and `reader search` beside `grep -ril`."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from dataclasses import dataclass

from benchmarks import vocab
from benchmarks.generator import Library
from benchmarks.report import median, percentile
from benchmarks.sandbox import Sandbox
from reader.errors import SearchIndexError
from reader.search.index import LibraryIndex
from reader.session import FIRST_EXCERPTS

LIMIT = 200  # what the app asks for (Session.search)
E2E_RANK = 3000
SLOW = 1.0  # seconds: slower queries are run once
CAP = 10.0  # seconds: a query still running then is interrupted (between rows)  # the word searched end to end: present in a few percent of the articles


def queries(lib: Library) -> list[str]:
    """50 queries: common and rare words, phrases, prefixes, filters (fixed per library)."""
    with LibraryIndex(lib.root) as index:
        rows = index.articles()
        picks = [rows[(k * 7919) % len(rows)] for k in range(8)]
        texts = [index.article(r.id).text for r in picks]
    rng = random.Random(f"queries-{lib.seed}")
    w = vocab.word_at
    common = [w(r) for r in (1, 2, 5, 12, 30, 60, 100, 150, 200, 250)]
    rare = [w(r) for r in (1500, 3000, 6000, 12000, 20000, 30000, 40000, 50000, 55000, 59000)]
    phrases = []
    for text in texts:
        words = [t.strip(".,“”?") for t in text.split()[40:400] if t.isalpha()]
        k = rng.randrange(len(words) - 3)
        phrases.append('"' + " ".join(words[k : k + rng.choice((2, 3))]) + '"')
    prefixes = [f"{w(r)[:n]}*" for r, n in ((40, 2), (120, 3), (500, 3), (2000, 4), (8000, 4))]
    prefixes += ["th*", "gover*", "pre*"]
    sources = sorted({r.source for r in rows})
    big, small = max(sources, key=lambda s: sum(r.source == s for r in rows)), sources[-1]
    author = next(r.author for r in rows if r.author and " " in r.author)
    filters = [
        f'source:"{big}" {w(150)}',
        f'source:"{small}"',
        f'author:"{author}"',
        f"title:{w(300)}",
        f"title:{w(900)[:3]}*",
        f"after:2024 {w(80)}",
        f"before:2017 {w(2500)}",
        "after:2023-06",
        f"{w(60)} -{w(70)}",
        f"{w(5000)} OR {w(7000)}",
        f"{phrases[0]} -{w(90)}",
        f"is:unread {w(400)}",
        f'after:2020 before:2022 source:"{big}"',
        f"{w(20)} {w(300)} {w(1200)}",
    ]
    out = common + rare + phrases + prefixes + filters
    assert len(out) == 50, len(out)
    return out


@dataclass(slots=True)
class Latency:
    p50: float
    p95: float
    rest_p50: float  # then: the count (LibraryIndex.complete, as the app asks for it)
    rest_p95: float
    slowest: list[tuple[float, str]]  # the 3 slowest (seconds, query) of the first pass
    runs: int
    hits: int  # queries with at least one hit
    capped: list[str]  # queries interrupted at CAP: their time is a lower bound

    @property
    def p95_is_lower_bound(self) -> bool:
        return len(self.capped) >= 3  # p95 of 50 lies between the 3rd and 4th slowest


def in_process(lib: Library, runs: int) -> Latency:
    """p50 and p95 of LibraryIndex.search over the 50 queries, each the median over runs.

    Each query is searched as the app does: the best 200 hits, with excerpts for the
    first screenful and no count; then `complete()` counts the matches (up to 10,000),
    timed apart (the hits are on screen meanwhile). The other excerpts are cut as the
    list is scrolled to them, a screenful at a time: not measured here.
    A query slower than SLOW in the first pass keeps its first time in later passes
    instead of being run again, and one still running after CAP is interrupted (at 100k
    a single query can otherwise take minutes).
    """
    qs = queries(lib)
    p50s, p95s, rest50s, rest95s, first, capped = [], [], [], [], {}, []
    hits = 0
    deadline = [float("inf")]
    with LibraryIndex(lib.root) as index:
        _read_through(index.path)  # a warm index: in the OS page cache, as after any use
        index.search(qs[-1], limit=LIMIT)  # open the connection
        conn = index._conn()  # the same thread's connection, which search() uses
        conn.set_progress_handler(lambda: time.perf_counter() > deadline[0], 10_000)
        for run in range(runs):
            times, rests = [], []
            for q in qs:
                if run and first[q][0] > SLOW:
                    times.append(first[q][0])
                    rests.append(first[q][1])
                    continue
                start = time.perf_counter()
                deadline[0] = start + CAP
                try:
                    result = index.search(
                        q, limit=LIMIT, read_ids=set(), excerpts=FIRST_EXCERPTS, count=False
                    )
                    took = time.perf_counter() - start
                    index.complete(result, read_ids=set(), excerpts=False)
                    found = bool(result.hits)
                except SearchIndexError:  # interrupted at CAP
                    capped += [] if q in capped else [q]
                    took, found = time.perf_counter() - start, True
                rest = time.perf_counter() - start - took
                if not run:
                    first[q] = (took, rest)
                    hits += found
                times.append(took)
                rests.append(rest)
            p50s.append(percentile(times, 50))
            p95s.append(percentile(times, 95))
            rest50s.append(percentile(rests, 50))
            rest95s.append(percentile(rests, 95))
    slowest = sorted(((t, q) for q, (t, _) in first.items()), reverse=True)[:3]
    return Latency(
        median(p50s),
        median(p95s),
        median(rest50s),
        median(rest95s),
        slowest,
        runs,
        hits,
        capped,
    )


def _read_through(path) -> None:
    """Read a file once, so that the OS keeps it in its page cache."""
    with open(path, "rb") as file:
        while file.read(1 << 20):
            pass


@dataclass(slots=True)
class EndToEnd:
    word: str
    reader: float
    grep: float
    runs: int


def end_to_end(lib: Library, sandbox: Sandbox, runs: int) -> EndToEnd:
    """`reader search WORD LIB` (a fresh process, warm index) vs `grep -ril WORD LIB`."""
    word = vocab.word_at(E2E_RANK)
    env = sandbox.child_env()
    reader_argv = [sys.executable, "-m", "reader", "search", word, str(lib.root)]
    grep_argv = ["grep", "-ril", word, str(lib.root)]
    reader_times, grep_times = [], []
    for _ in range(runs):
        reader_times.append(_run(reader_argv, env))
        grep_times.append(_run(grep_argv, env))
    return EndToEnd(word, median(reader_times), median(grep_times), runs)


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):  # grep exits 1 on no match
        raise RuntimeError(f"{argv[:4]} failed: {done.stderr.decode(errors='replace')[-500:]}")
    return took
