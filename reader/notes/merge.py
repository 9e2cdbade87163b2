"""Merging two versions of a notes file by annotation id."""

from __future__ import annotations

from reader.notes.schema import Annotation, ArticleRef, NotesFile


def newer(ours: Annotation, theirs: Annotation) -> Annotation:
    """The copy to keep: the later `modified` wins; on a tie a tombstone wins, then ours."""
    if ours.modified != theirs.modified:
        return ours if ours.modified > theirs.modified else theirs
    if theirs.deleted and not ours.deleted:
        return theirs
    return ours


def merge(disk: NotesFile, ours: NotesFile) -> NotesFile:
    """`ours` merged into what is on `disk`.

    Annotations only one side has are kept (deletion is a tombstone, never an
    absence), so a merge loses nothing; disk order is kept, new ones appended.
    Article fields and top-level unknown keys come from `ours` where it has them.
    """
    by_id = {a.id: a for a in disk.annotations}
    order = [a.id for a in disk.annotations]
    for ann in ours.annotations:
        if ann.id in by_id:
            by_id[ann.id] = newer(ann, by_id[ann.id])
        else:
            by_id[ann.id] = ann
            order.append(ann.id)
    return NotesFile(
        article=_article(disk.article, ours.article),
        annotations=[by_id[i] for i in order],
        schema_version=ours.schema_version,
        extra={**disk.extra, **ours.extra},
    )


def _article(disk: ArticleRef, ours: ArticleRef) -> ArticleRef:
    return ArticleRef(
        id=ours.id or disk.id,
        path=ours.path or disk.path,
        sha256=ours.sha256 or disk.sha256,
        title=ours.title or disk.title,
        extra={**disk.extra, **ours.extra},
    )
