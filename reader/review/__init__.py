"""The daily Review of saved annotations, scheduled by FSRS (no Textual, no Rich).

Each note carries its schedule in its own YAML, as a ``review:`` mapping (see
`reader.review.card`); the `fsrs` package computes the next due date
(`reader.review.schedule`); `reader.review.queue` picks today's cards and
`reader.review.deck` grades them through the notes store. Time comes from
`reader.review.clock`, which tests can set.
"""
