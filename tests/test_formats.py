"""Markdown and HTML articles: metadata, structure, and the source rule."""

from pathlib import Path

from reader.ingest.formats import load_article


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def kinds(article):
    return [(b.kind, article.block_text(b)) for b in article.blocks if not b.boilerplate]


def test_markdown_front_matter_gives_metadata(tmp_path):
    path = write(
        tmp_path / "notes" / "post.md",
        "---\ntitle: Front Title\nsource: Field Notes\nauthor: Ada Lovelace\n"
        "date: 2023-05-06\nurl: https://example.org/post\ntags: [engines, math]\n---\n"
        "# Heading that is not the title\n\nBody text here.\n",
    )
    article = load_article(path, tmp_path)
    assert article.title == "Front Title"
    assert article.source == "Field Notes"
    assert article.author == "Ada Lovelace"
    assert article.date == "2023-05-06"
    assert article.url == "https://example.org/post"
    assert article.tags == ["engines", "math"]
    assert ("heading", "Heading that is not the title") in kinds(article)


def test_markdown_first_heading_is_title_and_structure_is_kept(tmp_path):
    path = write(
        tmp_path / "post.md",
        "Intro before.\n\n# The Real Title\n\nA *soft* and **strong** [link](https://x.org).\n\n"
        "## Part two\n\n- first item\n- second item\n\n> A quoted line.\n",
    )
    article = load_article(path, tmp_path)
    assert article.title == "The Real Title"
    blocks = kinds(article)
    assert ("paragraph", "A soft and strong link.") in blocks
    assert ("heading", "Part two") in blocks
    assert ("list_item", "first item") in blocks and ("list_item", "second item") in blocks
    assert ("quote", "A quoted line.") in blocks
    para = next(b for b in article.blocks if article.block_text(b).startswith("A soft"))
    styles = {m.style for m in para.marks}
    assert {"em", "strong", "link"} <= styles
    link = next(m for m in para.marks if m.style == "link")
    assert link.href == "https://x.org"
    assert article.block_text(para)[link.start : link.end] == "link"


def test_markdown_broken_front_matter_gives_way_to_the_first_heading(tmp_path):
    path = write(tmp_path / "b.md", "---\ntitle: [unclosed\n---\n# Title\n\nText.\n")
    article = load_article(path, tmp_path)
    assert article.title == "Title"


HTML = """<!doctype html><html><head><title>Page title | Daily Planet</title>
<meta name="author" content="Lois Lane">
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Mayor opens the new bridge">
<meta property="article:published_time" content="2024-03-02T09:00:00Z">
<link rel="canonical" href="https://planet.example/bridge"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Mayor opens the new bridge</h1>
<p>The mayor opened the new bridge on Saturday morning, ending four years of construction
and detours for the people who cross the river every day.</p>
<h2>Traffic</h2>
<p>Officials expect traffic in the old town to fall by a third once the bridge is in full use,
according to a study released last month.</p>
<ul><li>Two lanes each way</li><li>A cycle path</li></ul>
<blockquote>It is a great day for the city, said the mayor.</blockquote>
</article><footer><p>Copyright 2024 Daily Planet. All rights reserved.</p></footer></body></html>"""


def test_html_main_text_and_page_metadata(tmp_path):
    path = write(tmp_path / "bridge.html", HTML)
    article = load_article(path, tmp_path)
    assert article.title == "Mayor opens the new bridge"
    assert article.author == "Lois Lane"
    assert article.date == "2024-03-02"
    assert article.url == "https://planet.example/bridge"
    assert article.source == "Daily Planet"
    body = article.body_text
    assert "ending four years of construction" in body
    assert "fall by a third" in body
    assert "Copyright 2024" not in body
    assert "Home" not in body.split()
    assert ("heading", "Traffic") in kinds(article)


def test_source_rule_order(tmp_path):
    # Page metadata first, then the top folder, then the byline agency, else Unsorted.
    folder = write(
        tmp_path / "Wire" / "sub" / "a.txt",
        "Title\nBy Reuters\n\nSome body text here, long enough.\n",
    )
    agency = write(
        tmp_path / "b.txt", "Title\nBy Jane Doe, Reuters\n\nSome body text here, long enough.\n"
    )
    plain = write(tmp_path / "c.txt", "Title\n\nSome body text here, long enough to be prose.\n")
    assert load_article(folder, tmp_path).source == "Wire"
    assert load_article(agency, tmp_path).source == "Reuters"
    assert load_article(plain, tmp_path).source == "Unsorted"


def test_ids_are_posix_paths_relative_to_root(tmp_path):
    path = write(tmp_path / "A" / "B" / "x.md", "# T\n\nText.\n")
    assert load_article(path, tmp_path).id == "A/B/x.md"


def test_sha256_is_of_canonical_text(tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes("Title\r\n\r\nCafe\u0301 body sentence here.\r\n".encode())
    lf = tmp_path / "lf.txt"
    lf.write_bytes("Title\n\nCaf\u00e9 body sentence here.\n".encode())
    a, b = load_article(crlf, tmp_path), load_article(lf, tmp_path)
    assert a.text == b.text
    assert a.sha256 == b.sha256
