"""Same story, several sources: related coverage across a library and a side-by-side compare.

No Textual here: the CLI and the TUI both build on these.
"""

from reader.related.compare import Comparison, Pair, QuoteMatch, Span, compare
from reader.related.features import Features, extract
from reader.related.score import SAME_STORY, Evidence
from reader.related.stories import Related, RelatedIndex, RelatedStats, open_related

__all__ = [
    "SAME_STORY",
    "Comparison",
    "Evidence",
    "Features",
    "Pair",
    "QuoteMatch",
    "Related",
    "RelatedIndex",
    "RelatedStats",
    "Span",
    "compare",
    "extract",
    "open_related",
]
