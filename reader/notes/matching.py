"""Finding the words of a search in notes, for hits that say they came from a note."""

from __future__ import annotations

from dataclasses import dataclass

from reader.notes.schema import Annotation
from reader.text.find import FoldedText, fold_query

SNIPPET_WIDTH = 160


@dataclass(frozen=True, slots=True)
class NoteMatch:
    article_id: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


def _snippet(annotation: Annotation, terms: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    body = " ".join(annotation.note.split()) or " ".join(annotation.quote.split())
    tags = " ".join(f"#{t}" for t in annotation.tags)
    text = f"✎ note: {body}" + (f"  {tags}" if tags else "")
    spans = sorted(span for term in terms for span in FoldedText(text).find_all(term))
    if spans and spans[0][1] > SNIPPET_WIDTH:
        cut = max(0, spans[0][0] - 40)
        text = "✎ …" + text[cut:]
        shift = cut - 3
        spans = [(s - shift, e - shift) for s, e in spans]
    text = text[:SNIPPET_WIDTH]
    return text, tuple((s, e) for s, e in spans if e <= len(text))


def match_notes(entries: dict[str, list[Annotation]], terms: list[str]) -> list[NoteMatch]:
    """Articles with a note whose text, quote or tags hold every term (case and accents aside)."""
    folded_terms = [fold_query(t) for t in terms if t.strip()]
    if not folded_terms:
        return []
    found: list[NoteMatch] = []
    for article_id, notes in entries.items():
        for annotation in notes:
            haystack = fold_query(" ".join([annotation.note, annotation.quote, *annotation.tags]))
            if all(term in haystack for term in folded_terms):
                snippet, spans = _snippet(annotation, terms)
                found.append(NoteMatch(article_id, snippet, spans))
                break
    return found
