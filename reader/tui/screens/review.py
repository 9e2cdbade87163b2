"""The Review screen: today's cards one at a time, graded 1-4 and saved off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from reader.errors import ReaderError, ReviewError
from reader.notes.schema import ArticleRef, NotesFile
from reader.notes.tags import hashed
from reader.notes.unsaved import kept_review
from reader.review import clock
from reader.review.card import GRADES, REVIEW_KEY, ReviewState
from reader.review.deck import CardDeleted, Deck, graded, undo_allowance
from reader.review.passage import Passage
from reader.review.queue import ReviewItem
from reader.review.round import ReviewRound, local_today
from reader.text.counts import plural
from reader.text.safe import visible
from reader.tui.article.wrap import WrappedText
from reader.tui.commands import ScreenCommands
from reader.tui.fix_first import shared_line
from reader.tui.keys import bindings, bound_key
from reader.tui.note_saves import SaveJob
from reader.tui.screens.styles import screen_css
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.note_detail import NO_NOTE, cut_note, is_cut

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.tui.commands import Command


class ReviewScreen(Screen):
    """One card at a time: the passage, then on `space` the note; a grade goes on."""

    app: ReaderApp

    DEFAULT_CSS = screen_css("review")

    BINDINGS = bindings("review")

    COMMANDS = {ScreenCommands}

    def __init__(
        self,
        deck: Deck,
        round_: ReviewRound | None = None,
        passages: dict[tuple[str, str], Passage] | None = None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.round = round_
        # by article and note id: a note copied into another article's file is two cards
        self.passages: dict[tuple[str, str], Passage] = passages or {}
        self.revealed = False
        self.summary = ""

    def compose(self) -> ComposeResult:
        yield Label("Review", id="review-progress")
        with VerticalScroll(id="review-body"), Vertical(id="review-card"):
            yield Static("", id="review-title")
            yield Static("Loading today's cards…", id="review-passage")
            yield Static("", id="review-note")
        yield Label("", id="review-pending")
        yield KeyBar(together=("grade", "Grade"))  # "1-4 Grade" where the names do not fit

    def on_mount(self) -> None:
        self.query_one("#review-pending", Label).display = False
        if self.round is None:
            self.load()
        else:
            self.show_card()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        try:
            cards = self.deck.due(gradable=True)
            passages = {_key(c): self.deck.passage(c) for c in cards}
        except ReaderError as error:
            self.app.call_from_thread(self._tell, str(error))
            return
        self.app.call_from_thread(self._loaded, ReviewRound(cards), passages)

    def _loaded(self, round_: ReviewRound, passages: dict[tuple[str, str], Passage]) -> None:
        self.round, self.passages = round_, passages
        for problem in self.deck.problems[:1]:
            self.notify(f"Not in the review, fix first: {problem}", severity="warning")
        if self.deck.shared:
            width, where = self.app.size.width - 2, self.deck.store.where
            lead = "Not in the review, fix first"
            line = shared_line(self.deck.shared, width, where, lead)
            self.notify(line, severity="warning")
        self.show_card()

    def _tell(self, message: str) -> None:
        self.query_one("#review-passage", Static).update(Text(visible(message)))

    # ----- showing ---------------------------------------------------------------------

    @property
    def current(self) -> ReviewItem | None:
        return None if self.round is None else self.round.current

    def show_card(self) -> None:
        self.revealed = False
        self.refresh_bindings()
        self._leave_out_deleted()
        item, round_ = self.current, self.round
        if round_ is None:
            return
        if item is None:
            self._finish()
            return
        self._show_progress()
        record = item.record
        title = Text(visible(record.title), style="bold")
        if record.source:
            title.append(f" · {visible(record.source)}", style="dim")
        if item.unplaced:
            title.append(
                "  unplaced: not found in any article yet (attach it from the Notes screen,"
                f" {bound_key(self.app, 'notes.reattach')})",
                style="magenta",
            )
        elif item.orphaned:
            title.append("  orphaned: the passage is no longer in the article", style="red")
        self.query_one("#review-title", Static).update(title)
        shown = self.passages.get(_key(item))
        if shown is None:
            shown = self.passages[_key(item)] = self.deck.passage(item)
        passage = Text(visible(shown.before), style="dim")
        passage.append_text(cut_note(shown.quote, self._where_the_rest_is(item), "bold reverse"))
        if not is_cut(shown.quote):  # (else the sentence after would follow the cut)
            passage.append(visible(shown.after), style="dim")
        self.query_one("#review-passage", Static).update(WrappedText(passage))
        note = self.query_one("#review-note", Static)
        note.display = True
        note.update(Text("space shows the note", style="dim italic"))

    def _show_progress(self) -> None:
        round_ = self.round
        if round_ is not None and not round_.done:
            progress = f"Review · card {round_.position + 1} of {len(round_.cards)}"
            self.query_one("#review-progress", Label).update(progress)

    def _leave_out_deleted(self) -> None:
        """Cards to come whose notes were deleted in the app (from the passage a card
        opened, say) leave the round."""
        deleted = {note_id for _, note_id in self.app.note_actions.deleted}
        round_ = self.round
        if round_ is None or not deleted:
            return
        for item in round_.cards[round_.position :]:
            if item.note_id in deleted:
                self._left_out(item)

    def _left_out(self, item: ReviewItem) -> None:
        # (said once: a grade and its undo may both find the note deleted)
        if self.round is not None and any(card is item for card in self.round.cards):
            self.round.leave_out(item)
            self.notify("That note was deleted: it leaves the Review.", timeout=4)

    def action_reveal(self) -> None:
        item = self.current
        if item is None:
            return
        self.revealed = True
        self.refresh_bindings()
        annotation = item.record.annotation
        rest = self._where_the_rest_is(item, of_note=True)
        note = annotation.note.strip()
        shown = cut_note(note, rest) if annotation.has_note else Text(NO_NOTE, "dim")
        if annotation.tags:
            shown.append("\n" + hashed(annotation.tags), style="italic")
        shown.append("\n\n" + self._grades_named(), style="dim")
        self.query_one("#review-note", Static).update(shown)

    def _grades_named(self) -> str:
        """The grades' keys and names, on the card: a narrow key bar shows only "1-4 Grade"."""
        names = [(f"review.{grade}", grade.capitalize()) for grade in GRADES]
        return "How well did you recall it?  " + " · ".join(
            f"{bound_key(self.app, binding)} {name}" for binding, name in names
        )

    def _where_the_rest_is(self, item: ReviewItem, *, of_note: bool = False) -> str:
        """Where a quote (or the note) too long for the card is shown whole: in its
        passage, opened (the note edited there), or on the Notes screen."""
        app = self.app
        if item.orphaned or item.unplaced:  # (Enter does not go to the note)
            return f"{bound_key(app, 'notes.edit')} on the Notes screen shows them"
        opening = f"{bound_key(app, 'review.open')} opens its passage"
        if not of_note:
            return opening
        return f"{opening}, {bound_key(app, 'article.edit_note')} there shows them"

    def _finish(self) -> None:
        nothing = self.round is not None and not self.round.cards
        self.query_one("#review-progress", Label).update("Review" if nothing else "Review · done")
        self.query_one("#review-title", Static).update("")
        self.query_one("#review-note", Static).display = False
        self.count_next()

    def count_next(self) -> None:
        """Count what is due next in the saving worker, after the grades queued before."""
        self.app.note_actions.saves.submit(
            SaveJob(
                run=self.deck.next_due,
                done=lambda found: self._summarize(*found),
                failed=lambda _reason: self._summarize("", 0),
            )
        )

    def _summarize(self, day: str, count: int) -> None:
        if self.round is None or not self.round.done:
            return
        self.summary = self.round.summary(day, count, local_today(clock.now()))
        passage = self.query_one("#review-passage", Static)
        if self.round.cards:
            passage.update(Text(self.summary, style="bold"))
        else:  # nothing was due: when the next cards are, and how cards come
            nothing = "Nothing to review today." if day else "Nothing to review, today or later."
            annotate = bound_key(self.app, "article.annotate")
            passage.update(Text(f"{nothing} Annotate a passage ({annotate}) and it comes here."))
            if day:
                self.summary = self.summary.split(" · ")[-1].capitalize()
                self.query_one("#review-title", Static).update(Text(self.summary, style="bold"))
        self._show_pending()

    # ----- grading -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key bar lists the keys that do something now: a card's, space until its
        note shows, `u` once something can be undone."""
        if action == "reveal":
            return self.current is not None and not self.revealed
        if action in ("grade", "skip", "suspend", "open"):
            return self.current is not None
        if action == "undo":
            return self.round is not None and bool(self.round.done_to)
        return True

    def action_grade(self, grade: str) -> None:
        item = self.current
        if item is None or self.round is None or grade not in GRADES:
            return
        try:
            state = graded(item, grade)
        except ReviewError as error:  # the clock behind the card's last review
            self.notify(str(error), severity="error", timeout=8)
            return
        self.round.graded(grade)
        self._retry_pending()
        self._save(item, state)
        self.show_card()

    def action_skip(self) -> None:
        if self.current is not None and self.round is not None:
            self.round.skip()
            self.show_card()

    def action_suspend(self) -> None:
        item = self.current
        if item is None or self.round is None:
            return
        self.round.suspend()
        self._save(item, item.state.suspend(clock.now()))
        undo = bound_key(self.app, "review.undo")
        self.notify(f"Suspended: this card is not shown again ({undo} undoes).", timeout=3)
        self.show_card()

    def action_undo(self) -> None:
        """The last card graded, skipped or suspended comes again, its note as before."""
        undone = self.round.undo() if self.round is not None else None
        if undone is None:
            return
        item, what = undone
        if what != "skip":
            self._restore(item, what)
        self._show_pending()
        self.show_card()

    def _restore(self, item: ReviewItem, what: str) -> None:
        """Write the card's note back as it was when read, in the saving worker; a card
        whose note was deleted meanwhile leaves the round (there is nothing to undo)."""
        annotation = item.record.annotation

        def restore() -> bool:
            try:
                self.deck.restore(item, what)
            except CardDeleted:
                return False
            return True

        self.app.note_actions.saves.submit(
            SaveJob(
                run=restore,
                done=lambda restored: None if restored else self._deleted_since(item),
                failed=lambda reason: self.notify(f"Undo not saved: {reason}", severity="error"),
                path=self.deck.store.path_for(item.article_id),
                keep=_kept(
                    item,
                    annotation.extra.get(REVIEW_KEY),
                    undo_allowing=undo_allowance(item, what),
                ),
            )
        )

    def _save(self, item: ReviewItem, state: ReviewState) -> None:
        """Write the card's state in the saving worker; a failure keeps it pending, but a
        card whose note was deleted meanwhile leaves the round."""

        def save() -> bool:
            try:
                self.deck.save(item, state)
            except CardDeleted:
                return False
            return True

        self.app.note_actions.saves.submit(
            SaveJob(
                run=save,
                done=lambda saved: None if saved else self._deleted_since(item),
                failed=lambda reason: self._failed(item, state, reason),
                path=self.deck.store.path_for(item.article_id),
                keep=_kept(item, state.to_mapping()),
            )
        )

    def _deleted_since(self, item: ReviewItem) -> None:
        """A card graded, skipped, suspended or undone whose note was deleted before the
        change was written: it is not counted, and the round shows as it is now."""
        if self.round is None or not self.is_attached:
            return
        self._left_out(item)
        self._show_pending()
        self._show_progress()

    def _failed(self, item: ReviewItem, state: ReviewState, reason: str) -> None:
        if self.round is None:
            return
        if not self.is_attached:
            self._keep_aside(item, state, reason)
            return
        self.round.pending.append((item, state, reason))
        self.notify(f"Grade not saved: {reason}", severity="error", timeout=8)
        self._show_pending()

    def _keep_aside(self, item: ReviewItem, state: ReviewState, reason: str) -> None:
        """The screen is gone: the grade is kept in the notes directory's `.unsaved/`, or
        else in the data directory's last resort."""
        saves = self.app.note_actions.saves
        try:
            kept = saves.keep(_kept(item, state.to_mapping()))
        except ReaderError as error:
            self.app.notify(f"Grade not saved: {reason}; {error}", severity="error")
            return
        if kept.aside:
            said = f"Grade not saved ({reason}); kept aside, saved later."
        else:
            said = f"Grade not saved ({reason}); written to {kept.path}, saved from there later."
        self.app.notify(said, severity="warning")

    def _show_pending(self) -> None:
        label = self.query_one("#review-pending", Label)
        pending = self.round.pending if self.round is not None else []
        label.display = bool(pending)
        if pending:
            count = len(pending)
            label.update(
                Text(
                    f"⚠ {plural(count, 'grade')} not saved, kept to try again: "
                    + visible(pending[-1][2]),
                )
            )

    def _retry_pending(self) -> None:
        if self.round is None or not self.round.pending:
            return
        pending, self.round.pending = self.round.pending, []
        for item, state, _reason in pending:
            self._save(item, state)
        self._show_pending()

    # ----- leaving -----------------------------------------------------------------------

    def action_open(self) -> None:
        """The passage in its article; Esc there comes back to this card."""
        item, round_ = self.current, self.round
        if item is None or round_ is None:
            return
        main, back = self.app.main, ReviewScreen(self.deck, round_, self.passages)
        self.dismiss()
        main.open_review_card(item.record, back)

    def palette_commands(self) -> list[Command]:
        """The palette's commands for this screen (see ScreenCommands)."""
        return [("Back to the library", "End the review", self.action_close)]

    def action_close(self) -> None:
        self._retry_pending()
        self.dismiss()


def _kept(item: ReviewItem, review: dict | None, undo_allowing: int | None = None) -> NotesFile:
    """A card's new ``review:`` (or, `undo_allowing`, its old one put back) to keep aside
    if it cannot be saved: only that mapping is saved later, never the note as the card
    read it (edited since, maybe)."""
    article = ArticleRef(item.article_id, item.record.path, "", item.record.title)
    return kept_review(article, item.record.annotation, review, undo_allowing=undo_allowing)


def _key(item: ReviewItem) -> tuple[str, str]:
    return item.article_id, item.note_id
