"""The reader's highlights that come back: colours shown, a highlight grown or shrunk by a
sentence at either end, and all of them copied as Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from ..highlights import COLOURS, highlights_markdown, resize
from ..models import Annotation
from ..storage import LibraryError
from ..undo import Changes
from ..widgets.article_view import ArticleView
from .reader_state import OpenArticle

HIGHLIGHT_BINDINGS = [
    Binding("greater_than_sign", "resize_highlight('end', 1)", "grow highlight",
            id="reader.highlight_grow_end", show=False,
            tooltip="Extend the highlight under the cursor by the next sentence"),
    Binding("less_than_sign", "resize_highlight('end', -1)", "shrink highlight",
            id="reader.highlight_shrink_end", show=False,
            tooltip="Drop the last sentence of the highlight under the cursor"),
    Binding("left_parenthesis", "resize_highlight('start', 1)", "grow highlight back",
            id="reader.highlight_grow_start", show=False,
            tooltip="Extend the highlight under the cursor back by the sentence before it"),
    Binding("right_parenthesis", "resize_highlight('start', -1)", "shrink highlight front",
            id="reader.highlight_shrink_start", show=False,
            tooltip="Drop the first sentence of the highlight under the cursor"),
    Binding("C", "copy_highlights", "copy highlights", id="reader.copy_highlights",
            show=False, tooltip="Copy every highlight of the article, with its citation, "
                                "as Markdown"),
]


def show_highlights(view: ArticleView, annotations: list[Annotation]) -> None:
    """Give the view each colour's highlights (the first colour is the `highlight` kind)."""
    for colour in COLOURS:
        kind = "highlight" if colour == COLOURS[0] else f"highlight-{colour}"
        view.set_spans(kind, [(a.start, a.end) for a in annotations
                              if a.kind == "highlight" and a.start is not None
                              and a.end is not None and (a.colour or COLOURS[0]) == colour])


class HighlightEditor:
    """Changes the open article's highlights (recorded through `changes` for ctrl+z, in
    workers of the screen) and copies them all.

    Args:
        screen: the screen whose workers write and whose notices say what happened.
        changes: the session's changes (`NewsReader.changes`).
        view: the article view (the cursor's sentence, the sentences to grow by).
        reading: the open article and its highlights.
        copy: copies text to the clipboards, `copy(text, offer_save)` (the quote path).
        reload: reads the article's notes again (after a change).
    """

    def __init__(self, screen: Screen[Any], changes: Changes, view: ArticleView,
                 reading: OpenArticle, copy: Callable[[str, bool], object],
                 reload: Callable[[], object]) -> None:
        self.screen = screen
        self.changes = changes
        self.view = view
        self.reading = reading
        self.copy = copy
        self.reload = reload

    def here(self) -> Annotation | None:
        """The highlight under the cursor's sentence; of overlapping ones the newest (the one
        just made is the one being adjusted)."""
        sentence = self.view.current_sentence
        if sentence is None:
            return None
        return max((a for a in self.reading.annotations if a.kind == "highlight"
                    and a.start is not None and a.end is not None
                    and a.start < sentence.end and a.end > sentence.start),
                   key=lambda a: a.id, default=None)

    def resize(self, edge: str, delta: int) -> None:
        """Grow (`delta` 1) or shrink (-1) the highlight under the cursor by a sentence at its
        `edge` ("start" or "end")."""
        note = self.here()
        if note is None or note.start is None or note.end is None \
                or self.reading.article is None:
            self.screen.notify("No highlight under the cursor (a highlights a sentence)",
                               timeout=3)
            return
        spans = [(s.start, s.end) for s in self.view.sentences]
        new = resize(spans, (note.start, note.end), edge, delta)
        if new is None:
            self.screen.notify("The highlight cannot change that way (a sentence at least, "
                               "within the article)", timeout=3)
            return
        annotation_id = note.id
        self.screen.run_worker(lambda: self._move(annotation_id, new), thread=True,
                               group="notes", exit_on_error=False)

    def _move(self, annotation_id: int, span: tuple[int, int]) -> None:
        app = self.screen.app
        try:
            self.changes.edit_annotation(  # ctrl+z puts it back where it was
                annotation_id, "resizing",
                lambda library: library.highlights.move_highlight(annotation_id, *span))
        except LibraryError as exc:
            app.call_from_thread(self.screen.notify, str(exc), title="Highlight not changed",
                                 severity="error", markup=False)
            return
        app.call_from_thread(self.reload)

    def delete(self) -> None:
        """`x`: delete the highlight under the cursor's sentence, recorded for undo."""
        sentence = self.view.current_sentence
        here = [a for a in self.reading.annotations if a.kind == "highlight"
                and a.start is not None and a.end is not None and sentence is not None
                and a.start < sentence.end and a.end > sentence.start]
        if not here:
            self.screen.notify("No highlight at the cursor", timeout=3)
            return
        annotation_id = here[0].id

        def delete() -> None:
            app = self.screen.app
            self.changes.delete_annotation(annotation_id)
            app.call_from_thread(self.screen.notify,
                                 "Highlight deleted (ctrl+z brings it back)", timeout=3)
            app.call_from_thread(self.reload)

        self.screen.run_worker(delete, thread=True, group="notes", exit_on_error=False)

    def copy_all(self) -> None:
        """`C`: every highlight of the article, with its citation, as Markdown."""
        article = self.reading.article
        if article is None:
            return
        placed = [a for a in self.reading.annotations if a.kind == "highlight" and not a.orphan]
        if not placed:
            self.screen.notify("This article has no highlights yet (a highlights a sentence)",
                               timeout=3)
            return
        self.copy(highlights_markdown(article, self.reading.annotations), False)
