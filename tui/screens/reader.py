"""The reader screen: one article at a time, a sentence cursor, search hits, read and star."""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from ..models import Annotation, Article
from ..storage import Library
from ..undo import Undone
from ..widgets.article_view import ArticleView
from ..widgets.entity_panel import EntityPanel
from .reader_entities import EntityMarks
from .reader_flags import ReaderFlags
from .reader_highlights import HighlightEditor, show_highlights
from .reader_keys import READER_BINDINGS, READER_HELP
from .reader_leave import Leaving
from .reader_loading import EntitiesFound, Loaded, load_article
from .reader_notes import NotesLine, NoteWriter
from .reader_quotes import Passages, Quoter
from .reader_status import reader_status
from .reading_flow import next_unread, refresh_after_undo
from .readonly import writes
from .tag_editor import TagEditor
from .url import UrlScreen

if TYPE_CHECKING:
    from ..app import NewsReader


class ReaderScreen(Screen[int]):
    """Read the articles of a list one at a time.

    Args:
        library: The library to read from (only ever queried in workers).
        ids: The article ids of the list the reader was opened from, in its order.
        index: The position in `ids` of the article to open.
        terms: Search terms to highlight (a trailing `*` is a prefix).
        at: A body offset to put the cursor on when the first article opens.
        query: The search as typed, quoted in the status line.

    Dismisses with the index in `ids` of the article it ended on.

    The screen holds the open article (`article`, its `annotations` and `tags`: it is the
    `OpenArticle` its parts read) and the list; its parts do the rest, each given what it needs:
    `names` (entity colours, e/E, the panel), `passages` (what is selected), `quoter` (`y`),
    `notes` (`a`, `m`), `highlights` (resizing, `x`, `C`), `tag_editor` (`t`), `leaving` (`|`,
    `O`), `flags` (`r`, `s`).
    """

    if TYPE_CHECKING:  # the app's own type, for its settings and changes (no runtime check)
        app = getters.app(NewsReader)

    BINDINGS = READER_BINDINGS
    HELP = READER_HELP
    """Shown under the key list by the help screen."""
    DEFAULT_CSS = """
    ReaderScreen #reader-status {
        dock: top; height: 1; padding: 0 2; background: $panel; color: $text-muted;
    }
    /* In the flow, not docked: two widgets docked at the top would overlap. */
    ReaderScreen #reader-notes {
        height: auto; max-height: 2; padding: 0 2; background: $surface;
        color: $text-muted; display: none;
    }
    ReaderScreen ArticleView { height: 1fr; background: $background; }
    ReaderScreen #reader-legend { height: 1; padding: 0 2; display: none; }
    """

    def __init__(self, library: Library, ids: list[int], index: int, terms: list[str],
                 at: int | None = None, query: str = "") -> None:
        super().__init__()
        self.search_query = query or " ".join(terms)
        """The search as typed, for the status line (the terms hold its words as searched)."""
        self.at = at
        """A body offset to put the cursor on when the first article opens (a passage)."""
        self.library = library
        self.ids = list(ids)
        self.index = max(0, min(index, len(self.ids) - 1))
        self.terms = list(terms)
        self.article: Article | None = None
        self.annotations: list[Annotation] = []
        self.tags: list[str] = []
        self.entities_shown: int | None = None
        """The article whose names are coloured and listed (None while they load)."""
        self.versions: list[int] = []
        """The open article's earlier version numbers (`V` reads them)."""

    def compose(self) -> ComposeResult:
        self.view = ArticleView(id="article")
        """The article view."""
        self.notes_line = NotesLine(Content(""), id="reader-notes")
        panel, legend = EntityPanel(id="entity-panel"), Static(Content(""), id="reader-legend")
        self._hold_parts(panel, legend)
        yield Static(Content("Loading…"), id="reader-status")
        yield self.notes_line
        yield panel
        yield self.view
        yield legend
        yield Footer(show_command_palette=False)  # 80 columns fit the verbs, not the palette

    def _hold_parts(self, panel: EntityPanel, legend: Static) -> None:
        """Make the parts the screen holds, each given what it works with."""
        settings, changes = self.app.settings, self.app.changes
        self.names = EntityMarks(self.view, panel, legend, panel_key=self.panel_key,
                                 on_mention=self._update_status)
        self.passages = Passages(self.view, self)
        self.notes = NoteWriter(self, changes, self.passages, self, self.load_annotations)
        self.quoter = Quoter(self, settings, self.passages, self, self.notes.save_highlight)
        self.highlights = HighlightEditor(self, changes, self.view, self, self.quoter.copy,
                                          self.load_annotations)
        self.tag_editor = TagEditor(self, self.library, changes, self.tags_changed)
        self.leaving = Leaving(self, self.library, settings)
        self.flags = ReaderFlags(self, self.library, changes, self._update_status)

    def on_mount(self) -> None:
        self.view.focus()
        self.names.fit_panel(self.app.size.width)
        self.watch(self.view, "sentence_index", self._cursor_moved, init=False)
        if self.ids:
            self.load_article(self.ids[self.index], self.view.measured)

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: int, measure: int | Future[int] = 0) -> None:
        """Fetch an article and lay it out, then find its names (off the UI thread); see
        `reader_loading.load_article`."""
        load_article(self.library, article_id, self.terms, measure, self.post_message)

    def on_reader_screen_loaded(self, message: Loaded) -> None:
        """Show a loaded article, unless the reader has already moved to another one."""
        if message.article_id != self.ids[self.index]:
            return
        article = self.article = message.article
        if article is None:
            self.notify("This article is no longer in the library", severity="warning")
        self.view.set_article(article, {"hit": message.hits}, message.prepared)
        if self.at is not None:
            self.view.move_sentence(sum(1 for s in self.view.sentences[1:] if s.start <= self.at))
            self.at = None
        self.versions = message.versions
        self.passages.forget()
        self.annotations, self.tags = [], []
        self.names.forget()
        self.entities_shown = None
        if article is None:
            self.names.show([])
        else:
            self.load_annotations()
            if not article.read and not self.library.readonly:
                # Shown as read at once; the write waits its turn with the other flag writes
                # (another process may hold the library for a while: the text never waits).
                article.read = True
                self.flags.save(article, "read", record=False)
        self._update_status()
        self.refresh_bindings()

    def on_reader_screen_entities_found(self, message: EntitiesFound) -> None:
        if self.article is None or self.article.id != message.article_id:
            return
        self.names.show(message.spans, message.options, message.title_spans)
        self.entities_shown = message.article_id

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Say when loading an article or saving a flag failed (workers don't exit the app)."""
        if event.state == WorkerState.ERROR:
            self.notify(f"Library error: {event.worker.error}", severity="error", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self.names.fit_panel(event.size.width)
        self._update_status()

    def _cursor_moved(self) -> None:
        self.names.mark_mention()  # kept while the cursor stays in the name's sentence
        if self.passages.anchor is not None:
            self.passages.show()
        self.update_notes_line()

    def _update_status(self) -> None:
        status = self.query_one("#reader-status", Static)
        width = status.content_region.width or self.app.size.width - 4
        status.update(Content(reader_status(
            width, index=self.index, total=len(self.ids), view=self.view, article=self.article,
            versions=self.versions, terms=self.terms, query=self.search_query,
            waiting=self.app.writer_waiting, mention=self.names.status())))

    def refresh_status(self) -> None:
        """Show the status again (another writer started or stopped holding us up)."""
        self._update_status()

    # -- the open article's notes and tags ---------------------------------------------------

    def load_annotations(self) -> None:
        """Read the open article's notes and tags again, and show them."""
        if self.article is not None and self.article.id is not None:
            self._load_annotations(self.article.id)

    @work(thread=True, exclusive=True, group="annotations", exit_on_error=False)
    def _load_annotations(self, article_id: int) -> None:
        annotations = self.library.notes.annotations(article_id)
        tags = self.library.notes.article_tags(article_id)
        self.app.call_from_thread(self._show_annotations, article_id, annotations, tags)

    def _show_annotations(self, article_id: int, annotations: list[Annotation],
                          tags: list[str]) -> None:
        if self.article is None or self.article.id != article_id:
            return
        self.annotations, self.tags = annotations, tags
        show_highlights(self.view, annotations)
        self.update_notes_line()

    def tags_changed(self, tags: list[str]) -> None:
        """`t` changed the article's tags."""
        self.tags = tags
        self.update_notes_line()

    def update_notes_line(self) -> None:
        """The article's tags and note, or the note of the highlight under the cursor."""
        self.notes_line.show(self.tags, self.annotations, self.view.current_sentence)

    def keep_typed(self) -> list[Worker[None]]:
        """The terminal went away: save the note being typed (see `NoteWriter.keep_typed`)."""
        return self.notes.keep_typed()

    # -- flags -------------------------------------------------------------------------------

    @writes
    def action_toggle_read(self) -> None:
        if self.article is not None:
            self.flags.toggle(self.article, "read", "Marked read", "Marked unread")

    @writes
    def action_toggle_starred(self) -> None:
        if self.article is not None:
            self.flags.toggle(self.article, "starred", "Starred", "Unstarred")

    # -- moving ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "prev_hit"):
            return None if self.is_mounted and not self.view.hit_count else True
        if action == "next_article":
            return None if self.index >= len(self.ids) - 1 else True
        if action == "prev_article":
            return None if self.index <= 0 else True
        if action == "versions":
            return True if self.versions and self.article is not None else None
        return True

    def action_next_sentence(self) -> None:
        self.view.move_sentence(1)

    def action_prev_sentence(self) -> None:
        self.view.move_sentence(-1)

    def action_next_paragraph(self) -> None:
        self.view.move_paragraph(1)

    def action_prev_paragraph(self) -> None:
        self.view.move_paragraph(-1)

    def action_page(self, delta: int) -> None:
        self.view.page(delta)

    def action_top(self) -> None:
        self.view.top()

    def action_bottom(self) -> None:
        self.view.bottom()

    def action_next_hit(self) -> None:
        self.view.next_hit(1)

    def action_prev_hit(self) -> None:
        self.view.next_hit(-1)

    def _go(self, delta: int) -> None:
        index = self.index + delta
        if 0 <= index < len(self.ids):
            self.index = index
            self.article = None
            self.refresh_bindings()
            self.load_article(self.ids[index], self.view.measure)

    def go_to(self, index: int) -> None:
        """Open the article at `index` in the list."""
        self._go(index - self.index)

    def action_next_unread(self) -> None:
        next_unread(self)

    def action_next_article(self) -> None:
        self._go(1)

    def action_prev_article(self) -> None:
        self._go(-1)

    def action_back(self) -> None:
        """Leave the entity panel, or clear a selection, else go back to the list."""
        if self.names.panel_focused():
            self.names.leave_panel(self.app.size.width)
            return
        if self.passages.anchor is not None:
            self.passages.clear()
            return
        if self.selections:
            self.clear_selection()
            return
        self.dismiss(self.index)

    # -- what the parts do -------------------------------------------------------------------

    def action_next_entity(self, delta: int) -> None:
        self.names.go(delta)

    def action_toggle_entities(self) -> None:
        self.names.toggle_colours()

    def action_toggle_panel(self) -> None:
        self.names.toggle_panel()

    def action_focus_panel(self) -> None:
        self.names.focus_panel(self.app.size.width)

    def panel_key(self) -> str:
        """The key into the entity panel and out, as bound now (the config may rebind it)."""
        keys = [key for key, active in self.active_bindings.items()
                if active.binding.id == "reader.focus_panel"]
        return self.app.get_key_display(Binding(keys[0], "focus_panel")) if keys else "P"

    def on_entity_panel_chosen(self, message: EntityPanel.Chosen) -> None:
        from .entities import entity_query

        self.app.show_query(entity_query(message.name, message.label))

    def action_select(self) -> None:
        self.passages.toggle()

    def action_copy_quote(self, unit: str) -> None:
        self.quoter.copy_quote(unit)

    @writes
    def action_annotate(self) -> None:
        self.notes.annotate()

    @writes
    def action_note(self) -> None:
        self.notes.edit_note()

    @writes
    def action_tags(self) -> None:
        if self.article is not None and self.article.id is not None:
            self.tag_editor.edit([self.article.id])

    @writes
    def action_resize_highlight(self, edge: str, delta: int) -> None:
        self.highlights.resize(edge, delta)

    def action_copy_highlights(self) -> None:
        self.highlights.copy_all()

    @writes
    def action_delete_highlight(self) -> None:
        self.highlights.delete()

    def after_undo(self, undone: Undone) -> None:
        """ctrl+z changed something: show it if it was in the open article."""
        refresh_after_undo(self, undone)

    def action_pipe(self) -> None:
        if self.article is not None:
            self.leaving.pipe(self.article)

    def action_open_url(self) -> None:
        if self.article is not None:
            self.leaving.open_url(self.article)

    def action_show_url(self) -> None:
        if self.article is None:
            return
        if not self.article.url:
            self.notify("This article has no URL", timeout=3)
            return
        self.app.push_screen(UrlScreen(self.article.url))

    def action_versions(self) -> None:
        from .versions import VersionScreen, first_version

        if self.article is None or not self.versions:
            return
        number = first_version(self.versions, self.annotations)
        self.app.push_screen(VersionScreen(self.library, self.article, self.versions, number,
                                           self.annotations))
