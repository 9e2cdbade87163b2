"""Writing what exports hold into the library and the notes, and what came of it.

Articles go to the inbox (never over a file), links to the pending list, highlights
become notes: on their article when it is found, else in an unplaced notes file per
service (`unplaced/<service>`, shown on the Notes screen to attach later). Every
note's id is derived from its service's id, so importing the same export again adds
nothing twice, and a note deleted since is not brought back; nor does reader's own
export imported back (a note of the same id, or the same quote and note at the same
place in the same article, or unplaced from the same book or page, is already there).
Highlights of distinct ids the service gave (Hypothesis') are distinct notes, however
alike. A note written on a highlight after it was imported is added to it when it has
none yet (else reported).
"""

from __future__ import annotations

import contextlib
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.errors import ArticleError, NotesFileError, NotesSaveError, SearchIndexReadOnlyError
from reader.importing import inbox, pending
from reader.importing.named import NamedArticles
from reader.importing.page_urls import page_key
from reader.importing.placing import Finder, Placement, place_in_text
from reader.importing.records import Export, Highlight, Rejected, SavedArticle, told_apart
from reader.notes.anchoring import Anchorer, make_target
from reader.notes.schema import (
    DEFAULT_COLOR,
    Annotation,
    ArticleRef,
    NotesFile,
    Target,
    origin_of,
)
from reader.notes.store import NotesStore
from reader.notes.tags import normalised
from reader.notes.timestamps import format_utc, later_than, utc_now
from reader.notes.unplaced import UNPLACED, is_unplaced, unplaced_id
from reader.search.index import LibraryIndex
from reader.text.counts import plural
from reader.text.safe import controls_visible

_NAMESPACE = uuid.UUID("6f1d3c2a-8b0e-4f57-9a43-2d6e1c0b7a15")

SERVICES = {
    "wallabag": "wallabag",
    "omnivore": "Omnivore",
    "instapaper": "Instapaper",
    "pocket": "Pocket",
    "hypothesis": "Hypothesis",
    "readwise": "Readwise",
    "kindle": "Kindle",
    "koreader": "KOReader",
}

Progress = Callable[[int, int], None]


def note_id(service: str, original_id: str) -> str:
    """The stable id of the note made from a service's item."""
    return str(uuid.uuid5(_NAMESPACE, f"{service}:{original_id}"))


@dataclass(slots=True)
class ImportReport:
    """What an import did, counted for the closing report."""

    articles: list[Path] = field(default_factory=list)
    articles_known: int = 0
    links: int = 0
    links_known: int = 0
    notes: Counter[str] = field(default_factory=Counter)  # by outcome: exact, fuzzy, unplaced
    duplicates: int = 0
    links_repeated: int = 0  # a url again in the same file
    notes_repeated: int = 0  # a highlight again in the same file
    notes_elsewhere: int = 0  # a highlight another file of the same import brought
    rejected: list[tuple[str, Rejected]] = field(default_factory=list)
    # Notes of highlights imported before, changed since on the device: not taken.
    changed: list[tuple[str, Rejected]] = field(default_factory=list)
    # Notes not saved, their notes file unreadable (left as it is): the file's error, how many.
    unsaved: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether notes were left unsaved: the import did not do all it could."""
        return bool(self.unsaved)

    def lines(self) -> list[str]:
        """The report, a line per kind of outcome (the notes changed since the last import
        under the skipped), then one per rejected entry."""
        lines = [
            f"articles added: {len(self.articles)}",
            f"links kept to fetch: {self.links} (`reader add --pending`)",
            f"notes placed: {self.notes['exact']} exactly, {self.notes['fuzzy']} fuzzily",
            f"notes unplaced: {self.notes['unplaced']}",
            *(
                [f"notes added to highlights imported before: {self.notes['noted']}"]
                if self.notes["noted"]
                else []
            ),
            "skipped, already in the library: "
            + ", ".join(
                plural(count, word)
                for count, word in (
                    (self.articles_known, "article"),
                    (self.links_known, "link"),
                    (self.duplicates, "note"),
                )
            ),
            *(f"  {name}: {r.entry}: {r.reason}" for name, r in self.changed),
            *(
                [
                    "skipped, repeated in the file: "
                    + ", ".join(
                        plural(count, word)
                        for count, word in (
                            (self.links_repeated, "link"),
                            (self.notes_repeated, "note"),
                        )
                        if count
                    )
                ]
                if self.links_repeated or self.notes_repeated
                else []
            ),
            *(
                [
                    "skipped, brought by another file of this import: "
                    + plural(self.notes_elsewhere, "note")
                ]
                if self.notes_elsewhere
                else []
            ),
            f"entries rejected: {len(self.rejected)}",
        ]
        lines += [f"  {name}: {r.entry}: {r.reason}" for name, r in self.rejected]
        if self.unsaved:  # (each file's error said apart, see `unsaved`)
            lines.append(f"notes not saved: {sum(self.unsaved.values())}")
        return lines


class Importer:
    """Imports exports into one library and its notes."""

    def __init__(self, library: Path, store: NotesStore, index: LibraryIndex) -> None:
        self.library = library
        self.store = store
        self.index = index
        self.report = ImportReport()
        self._held = _existing(store)  # annotation id -> (article id, annotation)
        # The page each note's highlight came from, by note id ('' when not said).
        self._urls = {i: _url_of(a) for i, (_, a) in self._held.items()}
        self._own_ids = frozenset(self._held)  # reader's ids, which its exports carry
        self._contents = {
            key for aid, a in self._held.values() for key in _content(aid, a.quote, a.note, a)
        }
        # What this import has kept so far: content keys and note ids, each to its file.
        self._added: dict[tuple[str, object, str, str], str] = {}
        self._new_ids: dict[str, str] = {}
        self._known: dict[str, Path] = {}  # pages saved before, see run()
        self._named = NamedArticles(index)
        self._notes: dict[str, tuple[ArticleRef, list[Annotation]]] = {}
        self._outcome: dict[str, str] = {}  # annotation id -> exact, fuzzy or unplaced
        # Notes for highlights imported before: (export name, article id, note id, note).
        self._noting: list[tuple[str, str, str, str]] = []

    def run(
        self,
        exports: Iterable[tuple[str, Export]],
        progress: Progress | None = None,
        tell: Callable[[str], None] | None = None,
    ) -> None:
        """Import every export (named for the report): the pages are written, the index
        brought up to date (every new page read once, by the index's worker processes),
        then the highlights placed on the articles as indexed; notes are written at the
        end, one locked merge per notes file. `progress(done, total)` counts pages
        written, pages indexed, links, and highlights placed and saved; `tell(what)` names
        each stage (saving a notes file of many thousand notes takes a while)."""
        tell = tell or (lambda what: None)
        todo = list(exports)
        for _, export in todo:
            told_apart(export)
        pages = sum(len(e.articles) for _, e in todo)
        on_pages = sum(len(a.highlights) for _, e in todo for a in e.articles)
        highlights = on_pages + sum(len(e.highlights) for _, e in todo)
        # Pages count twice (written, indexed), highlights twice (placed, saved).
        total = sum(len(e) for _, e in todo) + pages + on_pages + highlights or 1
        done = 0

        def step(count: int = 1) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, total)

        if any(e.articles or e.links for _, e in todo):
            # Pages saved before are looked for in the library as it is now: in the
            # inbox, and by their url wherever they were moved since.
            tell("looking for pages imported before")
            with contextlib.suppress(SearchIndexReadOnlyError):
                self.index.update()
            self._known = inbox.known(self.library, self.index)
        tell("importing")
        placing: list[tuple[str, Path, SavedArticle]] = []
        for name, export in todo:
            self.report.rejected += [(name, r) for r in export.rejected]
            for article in export.articles:
                path = self._page(article)
                if article.highlights:
                    placing.append((name, path, article))
                step()
            links = [x for x in export.links if page_key(x.url) not in self._known]
            self.report.links_known += len(export.links) - len(links)
            added, listed = pending.add_links(self.library, links)
            self.report.links += added
            self.report.links_known += listed
            self.report.links_repeated += export.repeated
            step(len(export.links))
        loose = [(name, e.service, h) for name, e in todo for h in e.highlights]
        if self.report.articles or placing or loose:
            # The quotes are looked for in the library as it is now (a read-only index
            # is searched as it is).
            base = done

            def indexed(count: int, of: int) -> None:
                if progress is not None and of:
                    progress(base + pages * count // of, total)

            tell("indexing the new pages")
            with contextlib.suppress(SearchIndexReadOnlyError):
                self.index.update(indexed)
            step(pages)
        tell("placing highlights")
        for name, path, saved in placing:
            self._on_page(name, path, saved)
            step(len(saved.highlights))
        if loose:
            finder = Finder(self.index)
            for name, service, highlight in loose:
                self._highlight(name, service, highlight, finder)
                step()
        tell("saving notes")
        self._write_notes(step)
        step(total - done)  # the duplicates, never saved

    def _page(self, saved: SavedArticle) -> Path:
        """The article's page in the inbox: written now, or there from an earlier import.
        An article is known by its web address (a service's ids are one server's: two
        wallabag servers both have an entry 1), by its id only when it has none."""
        key = f"{saved.origin.service}:{saved.origin.id}"
        path = self._known.get(page_key(saved.origin.url) if saved.origin.url else key)
        if path is not None:
            self.report.articles_known += 1
        else:
            title = inbox.plain_title(saved.title)
            path = inbox.save_page(self.library, _origin_data(saved), title, _page(saved, title))
            self._known[key] = path
            if saved.origin.url:
                self._known[f"url:{saved.origin.url}"] = path
            self.report.articles.append(path)
        return path

    def _on_page(self, name: str, path: Path, saved: SavedArticle) -> None:
        """The highlights of a saved article placed on its page, as indexed (or, when the
        index cannot have it, read from its file)."""
        from reader.ingest.formats import article_id, load_article

        article = self.index.article(article_id(path, self.library))
        if article is None:
            try:
                article = load_article(path, self.library)
            except ArticleError as error:
                for h in saved.highlights:
                    self.report.rejected.append((name, Rejected(h.origin.id, str(error))))
                return
        anchorer = Anchorer(article.text)
        ref = ArticleRef.from_article(article)
        if _saved_as(path, saved):  # (another's page keeps the origin of its notes as it is)
            extra = {"origin": _origin_data(saved)}
            ref = ArticleRef(ref.id, ref.path, ref.sha256, ref.title, extra)
        for h in saved.highlights:
            annotation_id = self._note_id(h.origin.service, h)
            if self._seen(name, h, annotation_id):
                continue
            found = place_in_text(article, anchorer, h.quote, h.prefix, h.suffix, h.at)
            if self._already(name, h, ref.id if found else None, found):
                continue
            self._keep(name, h, annotation_id, found, ref)

    def _note_id(self, service: str, h: Highlight) -> str:
        """The id of the note of a highlight: its service's id's (see `note_id`), unless a
        note of that id came from another page (the same id at another server): then of
        its id and its page's address. Noted, to tell the next ones of the import."""
        annotation_id = note_id(service, h.origin.id)
        url = self._urls.setdefault(annotation_id, h.origin.url)
        if url and h.origin.url and url != h.origin.url:
            annotation_id = note_id(service, f"{h.origin.id} {h.origin.url}")
            self._urls.setdefault(annotation_id, h.origin.url)
        return annotation_id

    def _highlight(self, name: str, service: str, h: Highlight, finder: Finder) -> None:
        annotation_id = self._note_id(service, h)
        if self._seen(name, h, annotation_id):
            return
        found = self._named.place(finder, h) or finder.place(
            h.quote, h.prefix, h.suffix, h.at, h.origin.url, h.title
        )
        ref = ArticleRef.from_article(found.article) if found else None
        if self._already(name, h, ref.id if ref else None, found):
            return
        self._keep(name, h, annotation_id, found, ref)

    def _seen(self, name: str, h: Highlight, annotation_id: str) -> bool:
        """Whether the note of this id came before: in the notes (see `_again`), or
        earlier in this import (counted as repeated in its file, or in another)."""
        if annotation_id in self._own_ids:
            self._again(name, h, annotation_id)
            return True
        if (first := self._new_ids.get(annotation_id)) is not None:
            self._repeated(name, first)
            return True
        self._new_ids[annotation_id] = name
        return False

    def _already(
        self, name: str, h: Highlight, article_id: str | None, found: Placement | None
    ) -> bool:
        """Whether the highlight is a note already in the notes, as reader's own exports
        bring them back: its id (Hypothesis), or the same quote and note at the same place
        in the same article (`None`: unplaced, from the same book or page), counted as a
        duplicate; or one this import placed there already, from another file, or from
        the same file when the ids are not the service's own (a place that is no
        occurrence of the quote, passed over, lands it there too)."""
        where: Highlight | int = found.start if found and article_id else h
        keys = _content(article_id or unplaced_id(h.origin.service), h.quote, h.note, where)
        if h.origin.id in self._own_ids or not self._contents.isdisjoint(keys):
            self.report.duplicates += 1
            return True
        first = next((self._added[k] for k in keys if k in self._added), None)
        if first is not None and (first != name or not h.given_id):
            self._repeated(name, first)
            return True
        return False

    def _repeated(self, name: str, first: str) -> None:
        """A highlight this import brought before, from the file `first`."""
        if first == name:
            self.report.notes_repeated += 1
        else:
            self.report.notes_elsewhere += 1

    def _again(self, name: str, h: Highlight, annotation_id: str) -> None:
        """A highlight imported before this import: a duplicate, unless it now has a note its note
        has not (written on the device since): then that note is added to it, as it is
        on disk when the notes are written (see `_add_note`)."""
        held = self._held.pop(annotation_id, None)  # (once: a second time is a duplicate)
        note = h.note.strip()
        if held is None or not note or held[1].deleted or _has_note(held[1].note, note):
            self.report.duplicates += 1
            return
        self._noting.append((name, held[0], annotation_id, h.note))

    def _keep(
        self,
        name: str,
        h: Highlight,
        annotation_id: str,
        found: Placement | None,
        ref: ArticleRef | None,
    ) -> None:
        origin: dict[str, Any] = h.origin.as_data()
        if h.title:
            origin["title"] = h.title
        if h.author:
            origin["author"] = h.author
        if found is None or ref is None:
            outcome = "unplaced"
            service = h.origin.service
            target = Target(h.quote, h.prefix, h.suffix, 0, len(h.quote))
            ref = ArticleRef(
                unplaced_id(service),
                title=f"Unplaced highlights from {SERVICES.get(service, service)}",
                extra={"unplaced": True},
            )
        else:
            target = make_target(found.article.text, found.start, found.end)
            outcome = "exact" if found.exact else "fuzzy"
            # Another of the same quote and note placed here is this one (see `_already`).
            self._added.update(dict.fromkeys(_content(ref.id, h.quote, h.note, found.start), name))
            if not found.exact:
                origin["score"] = round(found.score, 2)
        created = h.created or utc_now()
        annotation = Annotation(
            annotation_id,
            created,
            created,
            target,
            h.note,
            normalised(h.tags),
            h.color or DEFAULT_COLOR,
            extra={"origin": origin},
        )
        self._notes.setdefault(ref.id, (ref, []))[1].append(annotation)
        self._outcome[annotation_id] = outcome

    def _write_notes(self, step: Callable[[int], None]) -> None:
        for article_id, (ref, items) in self._notes.items():
            try:
                self.store.save(NotesFile(ref, items), whole=False)
            except NotesFileError as error:  # a broken notes file is never written over
                self._unsaved(error, len(items))
                step(len(items))
                continue
            except OSError as error:  # a full disk: one line, the notes file as it was
                raise NotesSaveError(self.store.path_for(article_id), error) from None
            self.report.notes.update(self._outcome[a.id] for a in items)
            step(len(items))
        for name, article_id, annotation_id, note in self._noting:
            self._add_note(name, article_id, annotation_id, note)

    def _add_note(self, name: str, article_id: str, annotation_id: str, note: str) -> None:
        """A note written on the device added to its highlight imported before, as the
        highlight is on disk now, under the lock: when it has no note yet (one written in
        reader since stays, and is reported), and never to a highlight deleted or taken
        out of the file since (it is not brought back)."""
        outcome = "duplicate"
        quote = ""

        def add(disk: NotesFile) -> NotesFile:
            nonlocal outcome, quote
            current = disk.get(annotation_id)
            if current is None or current.deleted or _has_note(current.note, note.strip()):
                outcome = "duplicate"
                return disk
            quote = current.quote
            if current.note.strip():
                outcome = "another note"
                return disk
            outcome = "noted"
            noted = replace(current, note=note, modified=later_than(current.modified))
            return replace(
                disk, annotations=[noted if a is current else a for a in disk.annotations]
            )

        try:
            self.store.edit_with(article_id, add)
        except NotesFileError as error:  # a broken notes file is never written over
            self._unsaved(error, 1)
            return
        except OSError as error:
            raise NotesSaveError(self.store.path_for(article_id), error) from None
        if outcome == "another note":
            reason = "note changed since the last import: kept as it is in reader"
            reason += f" (the export's: {note.strip()[:60]})"
            self.report.changed.append((name, Rejected(quote[:40], reason)))
            self.report.duplicates += 1
        elif outcome == "noted":
            self.report.notes["noted"] += 1
        else:
            self.report.duplicates += 1

    def _unsaved(self, error: NotesFileError, count: int) -> None:
        said = str(error)
        self.report.unsaved[said] = self.report.unsaved.get(said, 0) + count


def _existing(store: NotesStore) -> dict[str, tuple[str, Annotation]]:
    """Every annotation already in the notes by id, with its article id; tombstones too
    (a deleted note stays deleted when its export is imported again)."""
    held: dict[str, tuple[str, Annotation]] = {}
    for article_id, notes in store.all_files():
        if isinstance(notes, NotesFile):
            held.update((a.id, (article_id, a)) for a in notes.annotations)
    return held


def _content(
    article_id: str, quote: str, note: str, where: Annotation | Highlight | int
) -> list[tuple[str, object, str, str]]:
    """What tells a note again in an export of it: its article and its place there (an
    offset, from the note or given), or, unplaced (any unplaced file is one), the book
    or page it came from (a key each for its title and its address: an export may keep
    one of them only); its quote and its note, as an export writes them, whitespace
    aside."""
    quote, note = _words(quote), _words(note)
    if not is_unplaced(article_id):
        start = where.target.start if isinstance(where, Annotation) else where
        return [(article_id, start, quote, note)]
    if isinstance(where, Annotation):
        origin = origin_of(where.extra) or {}
        title, url = origin.get("title"), origin.get("url")
    elif isinstance(where, Highlight):
        title, url = where.title, where.origin.url
    else:
        title = url = None
    books = [_words(v) for v in (title, url) if isinstance(v, str) and v.strip()]
    return [(UNPLACED, book, quote, note) for book in books or [""]]


def _words(text: str) -> str:
    return " ".join(controls_visible(text).split())


def _has_note(kept: str, note: str) -> bool:
    """Whether a note kept holds the note imported (as it is, or with more written after)."""
    kept = kept.strip()
    return kept == note or kept.startswith(note + "\n")


def _url_of(note: Annotation) -> str:
    url = (origin_of(note.extra) or {}).get("url")
    return url if isinstance(url, str) else ""


def _saved_as(path: Path, saved: SavedArticle) -> bool:
    """Whether the page at `path` is the one saved from this article (its origin line
    names it), not another page at its address."""
    origin = inbox.origin_of(path) or {}
    return (origin.get("service"), str(origin.get("id")), origin.get("url") or "") == (
        saved.origin.service,
        saved.origin.id,
        saved.origin.url,
    )


def _origin_data(saved: SavedArticle) -> dict[str, Any]:
    data: dict[str, Any] = saved.origin.as_data()
    if saved.saved:
        data["saved"] = format_utc(saved.saved)
    return data


def _page(saved: SavedArticle, title: str) -> str:
    meta = {
        "author": saved.author,
        "og:url": saved.origin.url,
        "article:published_time": saved.published,
        "keywords": ", ".join(saved.tags),
    }
    return inbox.page(title, saved.html, meta)
