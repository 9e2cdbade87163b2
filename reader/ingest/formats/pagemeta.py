"""A saved page's title, site name and authors, as a reader wants them.

Pages carry the site's name everywhere: in the <title> ("Story | The Site", "Story -
IGN"), in author fields ("Condé Nast; Louise Matsakis") and in breadcrumb-like site
names ("Autoracing | F1 | Motorsport.com"). These rules take it out again.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.ingest.formats.metadata import AGENCIES

_SEPARATORS = re.compile(r"\s+[|\-–—·»:]\s+|\s+::\s+")
# Companies, not people: "Condé Nast", "Axel Springer SE", "Future plc".
_COMPANY = re.compile(
    r"\b(inc|ltd|llc|plc|gmbh|ag|se|sa|s\.a|corp(oration)?|co|group|media|publishing|"
    r"publications|press|network|nast|verlag|holdings?|news(papers?)?)\.?$",
    re.IGNORECASE,
)
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||,|\band\b|\bund\b|&)\s*")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def meta_content(root: etree._Element, *names: str) -> str | None:
    """The content of the first <meta property|name=...> among `names` that has one."""
    for name in names:
        for attribute in ("property", "name"):
            found = root.xpath(f"//meta[@{attribute}=$n]/@content", n=name)
            text = " ".join(str(found[0]).split()) if isinstance(found, list) and found else ""
            if text:
                return text
    return None


def first_heading(root: etree._Element) -> str | None:
    heading = root.find(".//h1")
    if heading is None:
        return None
    text = " ".join(
        etree.tostring(heading, method="text", encoding="unicode", with_tail=False).split()
    )
    return text or None


def site_name(sitename: str | None, og_site: str | None) -> str | None:
    """The site's own name: og:site_name, else the last piece of a breadcrumb-like name."""
    if og_site:
        return og_site
    if not sitename:
        return None
    pieces = [p for p in _SEPARATORS.split(sitename) if p.strip()]
    return pieces[-1].strip() if len(pieces) > 1 else sitename.strip()


def strip_site(title: str, site: str | None, heading: str | None) -> str:
    """The title less the site's name: "Story | The Site" -> "Story"."""
    pieces = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    if len(pieces) < 2:
        return title
    if heading and _key(heading) in _key(title) and len(heading) < len(title):
        return heading
    if site:
        kept = [p for p in pieces if _key(p) != _key(site) and _key(site) not in _key(p)]
        if kept and len(kept) < len(pieces):
            return _rejoin(title, kept)
    return title


def _rejoin(title: str, kept: list[str]) -> str:
    """The kept pieces as they stood in the title (with their own separators)."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1])
    if start < 0 or end < 0:
        return " ".join(kept)
    return title[start : end + len(kept[-1])]


def best_title(extracted: str, og_title: str | None, heading: str | None, site: str | None) -> str:
    """The story's headline: the page's og:title or <h1> over a <title> that is the site's
    own header, and without the site's name."""
    title = extracted
    # A <title> that shares no word with og:title is the site's header, not the story's.
    if og_title and (not title or not set(_key(title).split()) & set(_key(og_title).split())):
        title = og_title
    shares = heading and title and set(_key(title).split()) & set(_key(heading).split())
    if heading and (not title or (site and _key(title) == _key(site)) or not shares):
        # No word in common: the <title> is the site's header, the <h1> the story's.
        title = heading
    return strip_site(title, site, heading) if title else title


def _name_case(name: str) -> str:
    """ "JANE DOE" -> "Jane Doe"; agencies ("AFP") and mixed case stay as they are."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return name
    if name.casefold() in AGENCIES:
        return name
    return " ".join(
        word if word.casefold() in AGENCIES else "-".join(p.capitalize() for p in word.split("-"))
        for word in name.split(" ")
    )


def clean_authors(author: str | None, site: str | None) -> str | None:
    """People, not the publisher: "Condé Nast; Louise Matsakis" -> "Louise Matsakis";
    ALL-CAPS bylines as names."""
    if not author:
        return None
    pieces = [p.strip() for p in _AUTHOR_SEPARATORS.split(author) if p and p.strip()]
    people = [
        p
        for p in pieces
        if not (site and _key(p) == _key(site)) and not _COMPANY.search(p.rstrip("."))
    ]
    if not people:
        return author.strip() or None
    return ", ".join(_name_case(p) for p in people)
