"""The reader's notes: highlights (`a`) and the article note (`m`) written through the session's
undoable changes, dialogs that keep what was typed, and the line showing tags and notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker

from ..models import Annotation
from ..segment import Sentence
from ..storage import LibraryError
from ..undo import Changes
from .highlight_dialog import HighlightScreen
from .notes_dialogs import NoteScreen
from .prompt import PromptScreen
from .reader_quotes import Passages, Span
from .reader_state import OpenArticle

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

TextDialog = NoteScreen | PromptScreen
"""A dialog where a note is typed (both have `current()`)."""


class NoteWriter:
    """Writes the open article's highlights and note through `changes` (`tui.api`, recorded
    for ctrl+z), in workers of the screen; a write that fails reopens its dialog with what was
    typed, and `keep_typed` saves a dialog's text when the terminal goes away.

    Args:
        screen: the screen whose workers write and over which dialogs open.
        changes: the session's changes (`NewsReader.changes`).
        passages: what `a` highlights.
        reading: the open article and its notes.
        reload: reads the article's notes again (after a write).
    """

    def __init__(self, screen: Screen[Any], changes: Changes, passages: Passages,
                 reading: OpenArticle, reload: Callable[[], object]) -> None:
        self.screen = screen
        self.changes = changes
        self.passages = passages
        self.reading = reading
        self.reload = reload
        self.asking: tuple[TextDialog, Callable[[str], Worker[None] | None]] | None = None
        """The open dialog that takes a note, and what saves its text if the terminal goes."""

    # -- highlights --------------------------------------------------------------------------

    def annotate(self) -> None:
        """`a`: highlight the selection, else what `y` copied last, else the sentence, asking
        for an optional note and colour."""
        passages = self.passages
        span = passages.passage() if passages.selecting() else None
        span = span or passages.last_copied or passages.passage()
        article = self.reading.article
        if span is None or article is None or article.id is None:
            return
        article_id = article.id
        dialog = HighlightScreen("Note for this highlight (optional; #words become tags; enter "
                                 "saves):", placeholder="why it matters #trade")

        def save(note: str | None) -> Worker[None]:  # escape saves it without a note
            return self.save_highlight(article_id, span, note or "", dialog.colour)

        self._ask(dialog, save, save)

    def save_highlight(self, article_id: int, span: Span, note: str,
                       colour: str = "") -> Worker[None]:
        """Save a highlight (its note's #words become tags in the core, as for every note)."""
        return self.screen.run_worker(
            lambda: self._save_highlight(article_id, span, note, colour), thread=True,
            group="notes", exit_on_error=False)

    def _save_highlight(self, article_id: int, span: Span, note: str, colour: str) -> None:
        app = self.screen.app
        try:
            self.changes.add_highlight(article_id, span[0], span[1], text=note, colour=colour)
        except LibraryError as exc:
            app.call_from_thread(
                self._not_saved, "Highlight not saved", str(exc),
                lambda: PromptScreen("Not saved (see the message): enter tries again, "
                                     "escape gives up", value=note),
                lambda again: self.save_highlight(article_id, span, again, colour))
            return
        app.call_from_thread(self._highlighted)

    def _highlighted(self) -> None:
        self.passages.forget()
        self.passages.show()
        self.screen.notify("Highlighted", timeout=2)
        self.reload()

    # -- the article's note ------------------------------------------------------------------

    def edit_note(self) -> None:
        """`m`: write the article's note, or edit it (empty deletes it)."""
        article = self.reading.article
        if article is None or article.id is None:
            return
        existing = next((a for a in self.reading.annotations
                         if a.kind == "note" and a.start is None), None)
        article_id, before = article.id, existing.text.strip() if existing else ""

        def done(text: str | None) -> None:
            if text is not None:
                self.save_note(article_id, existing.id if existing else None, text)

        def keep(text: str) -> Worker[None] | None:  # a new note: the one it edits stays
            return self.save_note(article_id, None, text) if text and text != before else None

        self._ask(NoteScreen("Note on this article", existing.text if existing else ""),
                  done, keep)

    def save_note(self, article_id: int, annotation_id: int | None, text: str) -> Worker[None]:
        """Add, change or (empty text) delete the article's note."""
        return self.screen.run_worker(
            lambda: self._save_note(article_id, annotation_id, text), thread=True,
            group="notes", exit_on_error=False)

    def _save_note(self, article_id: int, annotation_id: int | None, text: str) -> None:
        app = self.screen.app
        try:
            if annotation_id is None and text:
                self.changes.add_note(article_id, text)
            elif annotation_id is not None and text:
                self.changes.edit_note(annotation_id, text)
            elif annotation_id is not None:
                self.changes.delete_annotation(annotation_id)
        except LibraryError as exc:
            app.call_from_thread(
                self._not_saved, "Note not saved", str(exc),
                lambda: NoteScreen("Not saved: ctrl+s tries again, escape gives up", text),
                lambda again: self.save_note(article_id, annotation_id, again))
            return
        app.call_from_thread(self.reload)

    # -- dialogs that hold typed text --------------------------------------------------------

    def _not_saved(self, title: str, reason: str, dialog: Callable[[], TextDialog],
                   save: Callable[[str], Worker[None]]) -> None:
        """Say why a note did not reach the library, and reopen the dialog `dialog()` makes
        with what was typed (a full disk loses no words): submitting it calls `save(text)`."""
        self.screen.notify(reason, title=title, severity="error", markup=False)
        self._ask(dialog(), lambda again: again is not None and save(again),
                  lambda again: save(again) if again else None)

    def _ask(self, dialog: TextDialog, done: Callable[[str | None], object],
             keep: Callable[[str], Worker[None] | None]) -> None:
        """Open a dialog where a note is typed; `done(text)` gets its answer (None: escape).
        Until it closes, `keep(text)` is what `keep_typed` saves its text with."""
        def answered(text: str | None) -> None:
            self.asking = None
            done(text)

        self.asking = (dialog, keep)
        self.screen.app.push_screen(dialog, answered)

    def keep_typed(self) -> list[Worker[None]]:
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


class NotesLine(Static):
    """The line above the article: its tags and note, or the note of the highlight under the
    cursor, and how many highlights this text could not place."""

    def show(self, tags: Sequence[str], annotations: Sequence[Annotation],
             sentence: Sentence | None) -> None:
        """Show what there is (the line hides when there is nothing)."""
        parts: list[Content] = []
        if tags:
            parts.append(Content("# " + ", ".join(tags)))
        here = [a for a in annotations if a.kind == "highlight" and a.start is not None
                and a.end is not None and sentence and a.start < sentence.end
                and a.end > sentence.start and a.text]
        note = next((a for a in annotations if a.kind == "note" and a.start is None), None)
        if here:
            parts.append(Content("✎ " + here[0].text.splitlines()[0]))
        elif note:
            parts.append(Content("✎ " + note.text.splitlines()[0]))
        orphans = sum(1 for a in annotations if a.orphan)
        if orphans:
            held = any(a.version is not None for a in annotations if a.orphan)
            parts.append(Content(f"{orphans} highlight(s) could not be placed in this text"
                                 + ("; V shows its version" if held else "")))
        self.update(Content("  ·  ").join(parts))
        self.display = bool(parts)
