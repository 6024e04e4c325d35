"""The reader's notes and quotes: keyboard selection, highlights, tags, the article note, `y`."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.worker import Worker

from .. import api
from ..models import Annotation
from ..segment import paragraph_spans
from ..storage import LibraryError
from .highlight_dialog import HighlightScreen
from .notes_dialogs import NoteScreen, QuoteScreen
from .prompt import PromptScreen
from .reader_highlights import show_highlights
from .readonly import writes

NOTE_BINDINGS = [
    Binding("y", "copy_quote('sentence')", "quote", id="reader.copy_quote", key_display="y",
            tooltip="Copy the selection, else the sentence, as a quote with its citation"),
    Binding("Y", "copy_quote('paragraph')", "quote paragraph", id="reader.copy_paragraph",
            show=False, tooltip="Copy the paragraph as a quote with its citation"),
    Binding("v", "select", "select", id="reader.select", show=False,
            tooltip="Start (or drop) a selection at this sentence; j/k extend it"),
    Binding("a", "annotate", "highlight", id="reader.annotate", show=False,
            tooltip="Highlight the selection (or sentence), with an optional note"),
    Binding("t", "tags", "tags", id="reader.tags", show=False, tooltip="Add or remove tags"),
    Binding("m", "note", "note", id="reader.note", show=False,
            tooltip="Write or edit the article's note"),
]


class ReaderNotes:
    """Mixed into ReaderScreen: everything that writes notes, tags and highlights.

    ReaderScreen's `__init__` holds this state: `selection_anchor` (the sentence where `v`
    started a selection, or None), `last_copied` (the span `y` copied last), `annotations`
    and `tags` (the open article's)."""

    # -- the passage under the cursor --------------------------------------------------------

    def passage(self, unit: str = "sentence") -> tuple[int, int] | None:
        """Body offsets of the selection, else of the sentence (or paragraph) at the cursor."""
        view = self.view
        sentence = view.current_sentence
        if self.article is None or sentence is None:
            return None
        if self.selection_anchor is not None:
            first, last = sorted((self.selection_anchor, view.sentence_index))
            return view.sentences[first].start, view.sentences[last].end
        if (dragged := view.selection_span()) is not None:  # a mouse selection
            return dragged
        if unit == "paragraph":
            return paragraph_spans(self.article.body)[sentence.paragraph]
        return sentence.start, sentence.end

    def action_select(self) -> None:
        self.selection_anchor = None if self.selection_anchor is not None \
            else self.view.sentence_index
        self.show_selection()

    def show_selection(self) -> None:
        span = self.passage() if self.selection_anchor is not None else None
        self.view.set_spans("selection", [span] if span else [])

    # -- quotes ------------------------------------------------------------------------------

    def action_copy_quote(self, unit: str) -> None:
        span = self.passage(unit)
        if span is None:
            return
        article = self.article
        try:
            quote = api.quote_passage(article, span[0], span[1],
                                      style=self.app.settings.quote_format).text
        except LibraryError as exc:
            self.notify(str(exc), title="Not copied", severity="error", markup=False)
            return
        self.last_copied = span
        self._copy(quote)
        if self.app.settings.save_quotes == "always":
            self._save_highlight(article.id, span, "")

    @work(thread=True, group="copy", exit_on_error=False)
    def _copy(self, quote: str, offer_save: bool = True) -> None:
        # tmux and pyperclip are subprocesses (pyperclip has no timeout): never on the UI thread.
        report = api.copy(
            quote, osc52=lambda text: self.app.call_from_thread(self.app.copy_to_clipboard, text))
        message = api.describe_copy(report)
        if self.app.settings.save_quotes == "ask" and offer_save:
            message += " · a saves it as a highlight"
        self.app.call_from_thread(self.notify, message, markup=False, timeout=8,
                                  severity="information" if report.taken else "warning")
        if api.show_by_hand(report, self.app.settings.show_copied):
            self.app.call_from_thread(
                self.app.push_screen, QuoteScreen(quote, f"{api.describe_copy(report)}. To copy it by "
                                                  "hand:"))

    # -- highlights and notes ----------------------------------------------------------------

    @writes
    def action_annotate(self) -> None:
        selecting = self.selection_anchor is not None or self.view.text_selection is not None
        span = self.passage() if selecting else None
        span = span or self.last_copied or self.passage()
        if span is None or self.article is None:
            return
        article_id = self.article.id
        dialog = HighlightScreen("Note for this highlight (optional; #words become tags; enter "
                                 "saves):", placeholder="why it matters #trade")

        def save(note: str | None) -> Worker:  # escape saves the highlight without a note
            return self._save_highlight(article_id, span, note or "", dialog.colour)

        self._ask(dialog, save, save)

    @work(thread=True, group="notes", exit_on_error=False)
    def _save_highlight(self, article_id: int, span: tuple[int, int], note: str,
                        colour: str = "") -> None:
        try:  # its #words become tags in the core (tui.api), as for every kind of note
            self.app.changes.add_highlight(article_id, span[0], span[1], text=note,
                                           colour=colour)
        except LibraryError as exc:
            self.app.call_from_thread(
                self._not_saved, "Highlight not saved", str(exc),
                lambda: PromptScreen("Not saved (see the message): enter tries again, "
                                     "escape gives up", value=note),
                lambda again: self._save_highlight(article_id, span, again, colour))
            return
        self.app.call_from_thread(self._after_highlight)

    def _not_saved(self, title: str, reason: str, dialog, save) -> None:
        """Say why a note did not reach the library, and reopen the dialog `dialog()` makes
        with what was typed (a full disk loses no words): submitting it calls `save(text)`."""
        self.notify(reason, title=title, severity="error", markup=False)
        self._ask(dialog(), lambda again: again is not None and save(again),
                  lambda again: save(again) if again else None)

    # -- dialogs that hold typed text --------------------------------------------------------

    asking: tuple[NoteScreen | PromptScreen, Callable[[str], Worker | None]] | None = None
    """The open dialog that takes a note, and what saves its text if the terminal goes."""

    def _ask(self, dialog: NoteScreen | PromptScreen, done: Callable[[str | None], object],
             keep: Callable[[str], Worker | None]) -> None:
        """Open a dialog where a note is typed; `done(text)` gets its answer (None: escape).
        Until it closes, `keep(text)` is what `keep_typed` saves its text with."""
        def answered(text: str | None) -> None:
            self.asking = None
            done(text)

        self.asking = (dialog, keep)
        self.app.push_screen(dialog, answered)

    def keep_typed(self) -> list[Worker]:
        """The terminal went away: save the note being typed (the app waits for the workers
        returned). Never deletes or overwrites: an edited note is kept as a new one."""
        if self.asking is None:
            return []
        dialog, keep = self.asking
        self.asking = None
        try:
            text = dialog.current()
        except NoMatches:  # not composed yet: nothing typed
            return []
        worker = keep(text)
        return [worker] if worker is not None else []

    def _after_highlight(self) -> None:
        self.selection_anchor = None
        self.last_copied = None
        self.show_selection()
        self.notify("Highlighted", timeout=2)
        self.load_annotations()

    @writes
    def action_note(self) -> None:
        if self.article is None:
            return
        existing = next((a for a in self.annotations if a.kind == "note" and a.start is None),
                        None)

        article_id, before = self.article.id, existing.text.strip() if existing else ""

        def done(text: str | None) -> None:
            if text is not None:
                self._save_note(article_id, existing.id if existing else None, text)

        def keep(text: str) -> Worker | None:  # a new note: the one it edits stays as it was
            return self._save_note(article_id, None, text) if text and text != before else None

        self._ask(NoteScreen("Note on this article", existing.text if existing else ""),
                  done, keep)

    @work(thread=True, group="notes", exit_on_error=False)
    def _save_note(self, article_id: int, annotation_id: int | None, text: str) -> None:
        try:
            changes = self.app.changes
            if annotation_id is None and text:
                changes.add_note(article_id, text)
            elif annotation_id is not None and text:
                changes.edit_note(annotation_id, text)
            elif annotation_id is not None:
                changes.delete_annotation(annotation_id)
        except LibraryError as exc:
            self.app.call_from_thread(
                self._not_saved, "Note not saved", str(exc),
                lambda: NoteScreen("Not saved: ctrl+s tries again, escape gives up", text),
                lambda again: self._save_note(article_id, annotation_id, again))
            return
        self.app.call_from_thread(self.load_annotations)

    @writes
    def action_tags(self) -> None:
        if self.article is not None:
            self.tag_editor.edit([self.article.id])

    def tags_changed(self, tags: list[str]) -> None:
        self.tags = tags
        self.update_notes_line()

    # -- showing what is stored --------------------------------------------------------------

    def load_annotations(self) -> None:
        if self.article is not None:
            self._load_annotations(self.article.id)

    @work(thread=True, exclusive=True, group="annotations", exit_on_error=False)
    def _load_annotations(self, article_id: int) -> None:
        annotations = self.library.annotations(article_id)
        tags = self.library.article_tags(article_id)
        self.app.call_from_thread(self._show_annotations, article_id, annotations, tags)

    def _show_annotations(self, article_id: int, annotations: list[Annotation],
                          tags: list[str]) -> None:
        if self.article is None or self.article.id != article_id:
            return
        self.annotations, self.tags = annotations, tags
        show_highlights(self.view, annotations)
        self.update_notes_line()

    def update_notes_line(self) -> None:
        """The article's tags and note, or the note of the highlight under the cursor."""
        parts: list[Content] = []
        if getattr(self, "tags", None):
            parts.append(Content("# " + ", ".join(self.tags)))
        sentence = self.view.current_sentence
        here = [a for a in self.annotations if a.kind == "highlight" and a.start is not None
                and sentence and a.start < sentence.end and a.end > sentence.start and a.text]
        note = next((a for a in self.annotations if a.kind == "note" and a.start is None), None)
        if here:
            parts.append(Content("✎ " + here[0].text.splitlines()[0]))
        elif note:
            parts.append(Content("✎ " + note.text.splitlines()[0]))
        orphans = sum(1 for a in self.annotations if a.orphan)
        if orphans:
            held = any(a.version is not None for a in self.annotations if a.orphan)
            parts.append(Content(f"{orphans} highlight(s) could not be placed in this text"
                                 + ("; V shows its version" if held else "")))
        line = self.query_one("#reader-notes")
        line.update(Content("  ·  ").join(parts))
        line.display = bool(parts)
