"""Synthetic article libraries, deterministic by (count, seed), cached under benchmarks/.cache.

A library is `<cache>/lib-<count>-s<seed>-v<version>/<Source>/<slug>.<txt|md|html>`, with
a manifest beside it (`…json`, written last: a library without one is regenerated).
Sizes are log-normal around 5 KB with a Pareto tail up to 1 MB; article 0 is always a
1 MB plain-text long read (the article the rendering and anchoring measures open).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import os
import random
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path

from benchmarks import vocab

VERSION = 1
CACHE = Path(__file__).resolve().parent / ".cache"
BIG_BYTES = 1_000_000
MEDIAN_BYTES = 4_300
FORMATS = (("txt", 0.55), ("md", 0.20), ("html", 0.25))

SOURCES = """AFP; Reuters; Associated Press; The Northern Ledger; Daily Courier; Harbour Times;
Evening Standard Post; Global Affairs Review; Tech Briefing; Market Watchers; The Ellis Courier;
Coastal Gazette; Metro Daily; Science Weekly; The Policy Desk; Capital Observer; Green Planet News;
Sports Line; Culture Notes; The Morning Brief; Health Digest; Frontier Journal; Open Data Blog;
Valley Tribune; Continental Post; The Analyst; Field Reports; Unattributed; City Pages;
River Press; The Long Read; Civic Monitor; Island Herald; Northern Lights Radio; Weekend Review;
Border Dispatch""".replace("\n", " ").split("; ")

FIRST_NAMES = [
    "Jane",
    "Luis",
    "Maria",
    "Tom",
    "Sofia",
    "Anna",
    "Ahmed",
    "Chen",
    "Olu",
    "Priya",
    "Marta",
    "Kofi",
    "Elena",
    "Ivan",
    "Grace",
    "Hiro",
    "Nadia",
    "Pablo",
    "Sara",
    "Yusuf",
    "Lena",
    "Omar",
    "Ines",
    "Dmitri",
    "Aisha",
    "Jonas",
    "Clara",
    "Tariq",
    "Mei",
]
MENU = ["Home", "World", "Business", "Sport", "Culture", "Opinion", "Science", "Video"]
SHARE = ("Facebook", "X", "WhatsApp", "Email", "LinkedIn")
SEE_ALSO = ("See also", "Related", "Also read", "See also:")
READ_MORE = ("READ MORE", "Related stories", "Most read", "More from this section")


@dataclass(frozen=True, slots=True)
class Library:
    root: Path
    count: int
    seed: int
    manifest: dict

    @property
    def big_article(self) -> str:
        return self.manifest["big_article"]

    @property
    def label(self) -> str:
        return size_label(self.count)


def size_label(count: int) -> str:
    return f"{count // 1000}k" if count >= 1000 and count % 1000 == 0 else str(count)


def parse_size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(text)


def library_dir(count: int, seed: int, cache: Path = CACHE) -> Path:
    return cache / f"lib-{count}-s{seed}-v{VERSION}"


def ensure_library(count: int, seed: int = 1, cache: Path = CACHE, workers: int = 0) -> Library:
    """The library for (count, seed), generated unless a complete one is cached."""
    root = library_dir(count, seed, cache)
    manifest_path = root.with_suffix(".json")
    if manifest_path.is_file() and root.is_dir():
        return Library(root, count, seed, json.loads(manifest_path.read_text()))
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    workers = workers or os.cpu_count() or 1
    chunks = [(str(root), seed, range(i, min(count, i + 500))) for i in range(0, count, 500)]
    if workers > 1 and len(chunks) > 1:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            parts = pool.starmap(_write_chunk, chunks)
    else:
        parts = [_write_chunk(*c) for c in chunks]
    info = [item for part in parts for item in part]
    sizes = sorted(size for _, _, size in info)
    manifest = {
        "count": count,
        "seed": seed,
        "version": VERSION,
        "bytes": sum(sizes),
        "median_bytes": statistics.median(sizes),
        "p99_bytes": sizes[int(len(sizes) * 0.99)],
        "max_bytes": sizes[-1],
        "formats": {f: sum(1 for _, fmt, _ in info if fmt == f) for f, _ in FORMATS},
        "sources": len({aid.split("/", 1)[0] for aid, _, _ in info}),
        "big_article": info[0][0],
    }
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return Library(root, count, seed, manifest)


def _write_chunk(root: str, seed: int, indices: range) -> list[tuple[str, str, int]]:
    out = []
    for i in indices:
        rel, data = article(seed, i)
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        fmt = rel.rsplit(".", 1)[1]
        out.append((rel, fmt, len(data)))
    return out


# ----- one article ---------------------------------------------------------------------


class _Writer:
    """Words, sentences and headlines from one article's random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._pool: list[str] = []

    def words(self, k: int) -> list[str]:
        if len(self._pool) < k:
            self._pool.extend(vocab.sample(self.rng, max(k, 2048)))
        out, self._pool = self._pool[:k], self._pool[k:]
        return out

    def sentence(self) -> str:
        rng = self.rng
        ws = self.words(max(4, int(rng.gauss(18, 7))))
        for j in range(1, len(ws)):
            if len(ws[j]) > 5 and rng.random() < 0.04:
                ws[j] = ws[j].capitalize()  # a name
            elif rng.random() < 0.06:
                ws[j - 1] += ","
        ws[-1] = ws[-1].rstrip(",")
        text = " ".join(ws)
        text = text[0].upper() + text[1:]
        roll = rng.random()
        if roll < 0.03:
            return text + "?"
        if roll < 0.10:
            return f"“{text},” said {self.name()}."
        return text + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def headline(self, lo: int = 5, hi: int = 11) -> str:
        rng = self.rng
        ws = []
        for _ in range(rng.randint(lo, hi)):
            rank = vocab.draw_rank(rng)
            while rank <= 40 and rng.random() > 0.3:  # headlines skip most function words
                rank = vocab.draw_rank(rng)
            ws.append(vocab.word_at(rank))
        return " ".join(w.capitalize() if len(w) > 3 or i == 0 else w for i, w in enumerate(ws))

    def name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FIRST_NAMES)} {vocab.word_at(rng.randint(400, 8000)).capitalize()}"

    def url(self, source: str) -> str:
        slug = "-".join(self.words(5))
        return f"https://www.{_slug(source)}.example/{slug}"


def _slug(text: str) -> str:
    return "-".join("".join(c for c in w if c.isalnum()) for w in text.lower().split())[:60]


def _target_bytes(rng: random.Random, index: int) -> int:
    if index == 0:
        return BIG_BYTES
    if rng.random() < 0.01:
        return int(min(BIG_BYTES, 40_000 * rng.paretovariate(1.1)))
    return int(min(BIG_BYTES, max(700, rng.lognormvariate(math.log(MEDIAN_BYTES), 0.7))))


def article(seed: int, index: int) -> tuple[str, bytes]:
    """(relative path, file bytes) of one article."""
    rng = random.Random(seed * 1_000_003 + index)
    weights = [1 / r for r in range(1, len(SOURCES) + 1)]
    source = rng.choices(SOURCES, weights=weights)[0]
    fmt = "txt" if index == 0 else rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
    w = _Writer(rng)
    title = w.headline(6, 12)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3800))
    author = source if source in ("AFP", "Reuters") else w.name()
    paras = _body(w, _target_bytes(rng, index))
    render = {"txt": _txt, "md": _md, "html": _html}[fmt]
    text = render(w, title, source, author, date, paras)
    rel = f"{source}/{_slug(title)[:50].strip('-')}-{index:x}.{fmt}"
    return rel, text.encode()


def _body(w: _Writer, target: int) -> list[tuple[str, str]]:
    """(kind, text) items: paragraphs, headings, lists, quotes and junk, about `target` bytes."""
    rng, items, size = w.rng, [], 0
    while size < target:
        roll = rng.random()
        if len(items) > 2 and roll < 0.04:
            item = ("heading", w.headline(3, 7))
        elif len(items) > 2 and roll < 0.06:
            item = ("see_also", f"{rng.choice(SEE_ALSO)}  {w.headline()}")
        elif len(items) > 2 and roll < 0.075:
            heads = [w.headline() for _ in range(rng.randint(3, 6))]
            item = ("read_more", rng.choice(READ_MORE) + "\n" + "\n".join(heads))
        elif roll < 0.095:
            item = ("list", "\n".join(w.sentence() for _ in range(rng.randint(2, 5))))
        elif roll < 0.11:
            item = ("quote", w.sentence())
        else:
            item = ("p", w.paragraph())
        items.append(item)
        size += len(item[1]) + 2
    if rng.random() < 0.5:
        items.append(("share", "Share this article\n" + " | ".join(SHARE[: rng.randint(2, 5)])))
    if rng.random() < 0.3:
        items.append(("share", "Follow us on Socials:\n\nSpread the love"))
    return items


def _txt(w, title, source, author, date, paras) -> str:
    rng = w.rng
    head = [title, ""]
    if rng.random() < 0.4:
        head += [w.headline(6, 14), ""]
    if author in ("AFP", "Reuters"):
        head += ["By", author, f"| {date:%b} {date.day}, {date.year}", ""]
    else:
        head += [f"By {author} | {date:%b} {date.day}, {date.year}", ""]
    body = []
    for kind, text in paras:
        if kind == "list":
            text = "\n".join(f"• {line}" for line in text.split("\n"))
        elif kind == "read_more":
            text = text.replace("\n", "\n\n")
        body.append(text)
    if rng.random() < 0.4:
        body.append(f"© {date.year} {source}. All rights reserved.")
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def _md(w, title, source, author, date, paras) -> str:
    rng = w.rng
    lines = ["---", f'title: "{title}"', f"author: {author}", f"date: {date.isoformat()}"]
    if rng.random() < 0.5:
        lines.append(f"url: {w.url(source)}")
    if rng.random() < 0.3:
        lines.append(f"tags: [{', '.join(w.words(2))}]")
    lines += ["---", "", f"# {title}", ""]
    for kind, text in paras:
        if kind == "heading":
            lines.append(f"## {text}")
        elif kind == "list":
            lines.append("\n".join(f"- {line}" for line in text.split("\n")))
        elif kind == "quote":
            lines.append(f"> {text}")
        elif kind == "see_also":
            lines.append(f"**Read more:** [{text.split('  ', 1)[1]}]({w.url(source)})")
        elif kind == "read_more":
            label, *heads = text.split("\n")
            lines.append(f"**{label}**\n\n" + "\n".join(f"- [{h}]({w.url(source)})" for h in heads))
        elif kind == "p" and rng.random() < 0.2:
            words = text.split(" ")
            k = rng.randrange(len(words))
            words[k] = f"**{words[k]}**" if rng.random() < 0.5 else f"[{words[k]}]({w.url(source)})"
            lines.append(" ".join(words))
        else:
            lines.append(text)
        lines.append("")
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html(w, title, source, author, date, paras) -> str:
    rng = w.rng
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_esc(title)} | {_esc(source)}</title>",
        f'<meta property="og:site_name" content="{_esc(source)}">',
        f'<meta name="author" content="{_esc(author)}">',
        f'<meta property="article:published_time" content="{date.isoformat()}T08:00:00Z">',
        f'<link rel="canonical" href="{w.url(source)}">',
        '</head><body><a href="#main">Skip to content</a>',
        f'<header><nav class="menu"><ul>{menu}</ul></nav>'
        '<div class="cookie">We use cookies to improve your experience. '
        "<button>Accept all cookies</button></div></header>",
        f'<main id="main"><article><h1>{_esc(title)}</h1>',
        f'<p class="byline">By {_esc(author)} · <time datetime="{date.isoformat()}">'
        f"{date:%d %B %Y}</time></p>",
    ]
    for kind, text in paras:
        t = _esc(text)
        if kind == "heading":
            out.append(f"<h2>{t}</h2>")
        elif kind == "list":
            out.append("<ul>" + "".join(f"<li>{x}</li>" for x in t.split("\n")) + "</ul>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{t}</p></blockquote>")
        elif kind == "see_also":
            label, head = t.split("  ", 1)
            out.append(f'<p><strong>{label}</strong> <a href="{w.url(source)}">{head}</a></p>')
        elif kind in ("read_more", "share"):
            label, *heads = t.split("\n")
            links = "".join(f'<li><a href="{w.url(source)}">{h}</a></li>' for h in heads if h)
            out.append(f'<aside class="related"><h3>{label}</h3><ul>{links}</ul></aside>')
        else:
            out.append(f"<p>{t}</p>")
    out.append("</article></main>")
    if rng.random() < 0.8:
        out.append(
            f"<footer><ul>{menu}</ul><p>Privacy Policy | Terms of Use | Contact Us</p>"
            f"<p>© {date.year} {_esc(source)}. All rights reserved.</p></footer>"
        )
    out.append("</body></html>\n")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", help="comma-separated article counts: 300,1k,10k,100k")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for size in args.sizes.split(","):
        lib = ensure_library(parse_size(size), args.seed)
        print(lib.root, json.dumps(lib.manifest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
