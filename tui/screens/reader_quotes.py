"""The reader's passages and quotes: the sentence (or keyboard selection, or mouse drag) under
the cursor, and `y` copying it with its citation to every clipboard path there is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from .. import api
from ..config import Settings
from ..segment import paragraph_spans
from ..storage import LibraryError
from ..widgets.article_view import ArticleView
from .notes_dialogs import QuoteScreen
from .reader_state import OpenArticle

Span = tuple[int, int]


class Passages:
    """What `y`, `a` and the rest act on: the keyboard selection (`v` then j/k), else a mouse
    selection, else the sentence (or paragraph) at the cursor.

    Args:
        view: the article view (its cursor, sentences and mouse selection).
        reading: the open article.
    """

    def __init__(self, view: ArticleView, reading: OpenArticle) -> None:
        self.view = view
        self.reading = reading
        self.anchor: int | None = None
        """The sentence where `v` started a selection, or None."""
        self.last_copied: Span | None = None
        """The passage `y` copied last (`a` then highlights it)."""

    def forget(self) -> None:
        """Another article opens: no selection, nothing copied from it."""
        self.anchor, self.last_copied = None, None

    def passage(self, unit: str = "sentence") -> Span | None:
        """Body offsets of the selection, else of the sentence (or paragraph) at the cursor."""
        view = self.view
        sentence = view.current_sentence
        article = self.reading.article
        if article is None or sentence is None:
            return None
        if self.anchor is not None:
            first, last = sorted((self.anchor, view.sentence_index))
            return view.sentences[first].start, view.sentences[last].end
        if (dragged := view.selection_span()) is not None:  # a mouse selection
            return dragged
        if unit == "paragraph":
            return paragraph_spans(article.body)[sentence.paragraph]
        return sentence.start, sentence.end

    def toggle(self) -> None:
        """`v`: start a selection at the cursor's sentence, or drop it."""
        self.anchor = None if self.anchor is not None else self.view.sentence_index
        self.show()

    def clear(self) -> None:
        """Drop the keyboard selection."""
        self.anchor = None
        self.show()

    def show(self) -> None:
        """Mark the keyboard selection in the view (as far as the cursor now)."""
        span = self.passage() if self.anchor is not None else None
        self.view.set_spans("selection", [span] if span else [])

    def selecting(self) -> bool:
        """A selection is made, by keys or by the mouse."""
        return self.anchor is not None or self.view.text_selection is not None


class Quoter:
    """`y`/`Y`/`C`: a passage as a quote with its citation (`tui.api`), copied in a worker of
    the screen through OSC 52, tmux and the system clipboard, with a notice saying which took it.

    Args:
        screen: the screen whose workers copy and whose app sends OSC 52 and shows notices.
        settings: the config (`[quotes] format`, `save`, `show_copied`).
        passages: what is quoted.
        reading: the open article.
        save_highlight: saves a passage as a highlight (`save = "always"`):
            `save_highlight(article_id, span, note)`.
    """

    def __init__(self, screen: Screen[Any], settings: Settings, passages: Passages,
                 reading: OpenArticle,
                 save_highlight: Callable[[int, Span, str], object]) -> None:
        self.screen = screen
        self.settings = settings
        self.passages = passages
        self.reading = reading
        self.save_highlight = save_highlight

    def copy_quote(self, unit: str) -> None:
        """Copy the selection, else the sentence (or its paragraph), as a quote."""
        span = self.passages.passage(unit)
        article = self.reading.article
        if span is None or article is None:
            return
        try:
            quote = api.quote_passage(article, span[0], span[1],
                                      style=self.settings.quote_format).text
        except LibraryError as exc:
            self.screen.notify(str(exc), title="Not copied", severity="error", markup=False)
            return
        self.passages.last_copied = span
        self.copy(quote)
        if self.settings.save_quotes == "always" and article.id is not None:
            self.save_highlight(article.id, span, "")

    def copy(self, text: str, offer_save: bool = True) -> None:
        """Copy `text` (in a worker: tmux and pyperclip are subprocesses, pyperclip has no
        timeout) and say where it went; `offer_save` mentions `a` where `save = "ask"`."""
        self.screen.run_worker(lambda: self._copy(text, offer_save), thread=True,
                               group="copy", exit_on_error=False)

    def _copy(self, quote: str, offer_save: bool) -> None:
        app = self.screen.app
        report = api.copy(quote, osc52=lambda text: app.call_from_thread(
            app.copy_to_clipboard, text))
        message = api.describe_copy(report)
        if self.settings.save_quotes == "ask" and offer_save:
            message += " · a saves it as a highlight"
        app.call_from_thread(self.screen.notify, message, markup=False, timeout=8,
                             severity="information" if report.taken else "warning")
        if api.show_by_hand(report, self.settings.show_copied):
            app.call_from_thread(app.push_screen, QuoteScreen(
                quote, f"{api.describe_copy(report)}. To copy it by hand:"))
