"""The reader's highlights that come back: colours shown, a highlight grown or shrunk by a
sentence at either end, and all of them copied as Markdown. Mixed into ReaderScreen."""

from __future__ import annotations

from textual import work
from textual.binding import Binding

from ..highlights import COLOURS, highlights_markdown, resize
from ..models import Annotation
from ..storage import LibraryError
from .readonly import writes

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


def show_highlights(view, annotations: list[Annotation]) -> None:
    """Give the view each colour's highlights (the first colour is the `highlight` kind)."""
    for colour in COLOURS:
        kind = "highlight" if colour == COLOURS[0] else f"highlight-{colour}"
        view.set_spans(kind, [(a.start, a.end) for a in annotations
                              if a.kind == "highlight" and a.start is not None
                              and (a.colour or COLOURS[0]) == colour])


class ReaderHighlights:
    """Needs ReaderScreen's `article`, `annotations`, `view`, `library`, `_copy` (the quote
    path: OSC 52, tmux, the system clipboard) and `load_annotations`."""

    def highlight_here(self) -> Annotation | None:
        """The highlight under the cursor's sentence; of overlapping ones the newest (the one
        just made is the one being adjusted)."""
        sentence = self.view.current_sentence
        if sentence is None:
            return None
        return max((a for a in self.annotations if a.kind == "highlight" and a.start is not None
                    and a.start < sentence.end and a.end > sentence.start),
                   key=lambda a: a.id, default=None)

    @writes
    def action_resize_highlight(self, edge: str, delta: int) -> None:
        note = self.highlight_here()
        if note is None or self.article is None:
            self.notify("No highlight under the cursor (a highlights a sentence)", timeout=3)
            return
        spans = [(s.start, s.end) for s in self.view.sentences]
        new = resize(spans, (note.start, note.end), edge, delta)
        if new is None:
            self.notify("The highlight cannot change that way (a sentence at least, within "
                        "the article)", timeout=3)
            return
        self._move_highlight(note.id, new)

    @work(thread=True, group="notes", exit_on_error=False)
    def _move_highlight(self, annotation_id: int, span: tuple[int, int]) -> None:
        try:
            self.library.highlights.move_highlight(annotation_id, *span)
        except LibraryError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Highlight not changed",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self.load_annotations)

    def action_copy_highlights(self) -> None:
        if self.article is None:
            return
        placed = [a for a in self.annotations if a.kind == "highlight" and not a.orphan]
        if not placed:
            self.notify("This article has no highlights yet (a highlights a sentence)",
                        timeout=3)
            return
        self._copy(highlights_markdown(self.article, self.annotations), False)
