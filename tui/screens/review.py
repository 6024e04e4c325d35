"""The daily review: a few highlights from the whole library, one at a time, weighted toward
those not seen for longest (Readwise's daily review); nothing leaves the machine."""

from __future__ import annotations

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..app import NewsReader
from ..highlights import COLOURS, daily_review
from ..models import Annotation
from ..storage import Library, LibraryError
from ..text import terminal_safe
from .prompt import PromptScreen
from .readonly import writes


class ReviewScreen(Screen[None]):
    """Today's highlights: `k` keeps one (it comes back in its turn), `s` skips it (it comes
    back less often), `t` tags it, `o` opens its article at the passage.

    Args:
        library: the library (only touched in workers).
    """

    app = getters.app(NewsReader)

    DEFAULT_CSS = """
    ReviewScreen #review-title { height: 1; background: $panel; color: $primary;
        text-style: bold; padding: 0 1; }
    ReviewScreen #review-body { height: 1fr; padding: 1 2; }
    ReviewScreen #review-quote { text-style: italic; margin-bottom: 1; }
    ReviewScreen #review-status { height: 1; padding: 0 1; color: $text-muted;
        background: $surface; }
    """
    BINDINGS = [
        Binding("k", "decide(False)", "Keep", id="review.keep",
                tooltip="Keep it: seen today, it comes back in its turn"),
        Binding("s", "decide(True)", "Skip", id="review.skip",
                tooltip="Skip it: seen today, it comes back less often"),
        Binding("t", "tag", "Tag", id="review.tag", tooltip="Add tags to this highlight"),
        Binding("o", "open", "Open", id="review.open",
                tooltip="Open its article at the passage"),
        Binding("escape,q", "back", "Back", id="review.back", tooltip="Back to the library"),
    ]

    def __init__(self, library: Library):
        super().__init__()
        self.library = library
        self.entries: list[Annotation] = []
        self.index = 0
        self.kept = self.skipped = 0

    def compose(self) -> ComposeResult:
        yield Static(Content("Review: today's highlights"), id="review-title")
        with VerticalScroll(id="review-body"):
            yield Static(Content("loading…"), id="review-quote")
            yield Static(Content(""), id="review-about")
        yield Static(Content(""), id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def _load(self) -> None:
        entries = daily_review(self.library)
        self.app.call_from_thread(self._loaded, entries)

    def _loaded(self, entries: list[Annotation]) -> None:
        self.entries, self.index = entries, 0
        self._show()

    @property
    def current(self) -> Annotation | None:
        return self.entries[self.index] if self.index < len(self.entries) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("decide", "tag", "open"):
            return True if self.current is not None else None
        return True

    def _show(self) -> None:
        note = self.current
        quote, about = self.query_one("#review-quote", Static), self.query_one("#review-about",
                                                                               Static)
        status = self.query_one("#review-status", Static)
        if note is None:
            done = (f"Done for today: {self.kept} kept, {self.skipped} skipped."
                    if self.entries else "Nothing (more) to review today: a in the reader "
                    "highlights a sentence; the review brings a few back each day.")
            quote.update(Content(done))
            about.update(Content("escape goes back"))
            status.update(Content(""))
            self.refresh_bindings()
            return
        quote.update(Content("“" + " ".join(note.quote.split()) + "”"))
        lines = [Content.styled(note.article_title or f"article {note.article_id}", "bold")]
        variable = "passage-highlight" + ("" if note.colour == COLOURS[0] else f"-{note.colour}")
        lines.append(Content.styled("  ", f"on ${variable}") + Content(
            f" {note.colour} · highlighted {terminal_safe(note.created[:10])}"
            + (f" · last seen {note.seen[:10]}" if note.seen else " · never reviewed")))
        if note.text:
            lines.append(Content("✎ " + note.text))
        if note.tags:
            lines.append(Content("# " + ", ".join(note.tags)))
        about.update(Content("\n").join(lines))
        status.update(Content(f"{self.index + 1} of {len(self.entries)} · k keep · s skip · "
                              "t tag · o open"))
        self.refresh_bindings()

    @writes
    def action_decide(self, skip: bool) -> None:
        note = self.current
        if note is None:
            return
        self._mark(note.id, skip)
        if skip:
            self.skipped += 1
        else:
            self.kept += 1
        self.index += 1
        self._show()

    @work(thread=True, group="review-write", exit_on_error=False)
    def _mark(self, annotation_id: int, skip: bool) -> None:
        try:
            self.library.highlights.mark_seen([annotation_id], skipped=skip)
        except LibraryError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Review not saved",
                                      severity="error", markup=False)

    @writes
    def action_tag(self) -> None:
        note = self.current
        if note is None:
            return

        def chosen(text: str | None) -> None:
            if text:
                self._tag(note, [t for t in text.replace(",", " ").split() if t])

        self.app.push_screen(PromptScreen("Tags for this highlight (spaces or commas):",
                                          placeholder="follow-up"), chosen)

    @work(thread=True, group="review-write", exit_on_error=False)
    def _tag(self, note: Annotation, tags: list[str]) -> None:
        try:
            self.app.changes.update_annotation(note.id, tags=[*note.tags, *tags])
        except LibraryError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Tags not saved",
                                      severity="error", markup=False)
            return
        note.tags = sorted({*note.tags, *tags}, key=str.casefold)
        self.app.call_from_thread(self._show)

    def action_open(self) -> None:
        note = self.current
        if note is None:
            return
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(self.library, [note.article_id], 0, [], at=note.start))

    def action_back(self) -> None:
        self.dismiss(None)
