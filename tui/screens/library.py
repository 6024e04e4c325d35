"""The library screen: search as you type over the article list, sort, star, add, live refresh.

The screen wires its parts: what a load lists and its status line (`library_listing`), the
highlighted result's passage, the saved searches and the first start's line (widgets), feed
updates and tag editing (helpers it holds), the reading flow (`library_flow`)."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ..app import NewsReader
from ..models import ArticleRow
from ..storage import Library
from ..widgets.article_list import ArticleList
from ..widgets.footer import KeysFooter
from ..widgets.keyed_input import InOrderInput
from ..widgets.result_preview import ResultPreview
from ..widgets.saved_searches import Saved, SavedSearchBar
from ..widgets.welcome import WelcomeLine
from . import library_nav as nav
from .feed_update import FeedUpdater
from .flag_writer import FlagWriter
from .library_flow import mark_all_read, open_sources, toggle_unread
from .library_keys import EMPTY, LIBRARY_BINDINGS, library_help
from .library_listing import ORDERS, Listing, load_listing, plural, status_line
from .readonly import writes
from .tag_editor import TagEditor


class LibraryScreen(Screen[None]):
    """Every article of a library, searchable as you type.

    Args:
        library: the library shown; it is only read and written in thread workers.
    """

    app = getters.app(NewsReader)

    # Textual's HELP is a class variable; this screen's names its library file.
    @property
    def HELP(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return library_help(self.library.path)

    POLL_SECONDS: ClassVar[float] = 2.0
    """How often the library is checked for changes made by other processes (0: never).

    The poller runs as long as the screen, so `app.workers.wait_for_complete()` never returns
    while it runs: tests that wait for every worker set this to 0."""
    AUTO_FOCUS = None
    DEFAULT_CSS = """
    LibraryScreen {
        #library-header { height: 1; background: $panel; padding: 0 1; }
        #library-title { width: 1fr; color: $primary; text-style: bold; }
        #library-count { width: auto; color: $text-muted; }
        #library-search { margin: 0 1; background: $surface; padding: 0 1; }
        #library-empty {
            display: none; height: 1fr; content-align: center middle; text-align: center;
        }
        #library-status { height: 1; padding: 0 1; color: $text-muted; background: $surface; }
        #library-preview {
            height: 2; padding: 0 1; display: none; background: $surface; color: $text-muted;
        }
        &.-empty #library-empty { display: block; }
        &.-empty ArticleList { display: none; }
    }
    """
    BINDINGS = LIBRARY_BINDINGS

    class LibraryChanged(Message):
        """Another connection changed the library (posted by the polling worker)."""

    @dataclass
    class FirstPage(Message):
        """The first rows of the list, read before all its ids (posted by the first load)."""

        listing: Listing
        rows: list[ArticleRow]

    class Ready(Message):
        """The whole list is on screen for the first time: work that can wait may start."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.order = "newest"
        self.search_text = ""
        """The search whose results are wanted (stripped input text)."""
        self.unread_only = False
        """List only unread articles (`U`): `is:unread` joins the search."""
        self.shown: Listing | None = None
        """The listing on screen, None until the first load arrives."""
        self._ready = False
        """A whole list was shown (Ready was posted)."""
        self._cursor_at_search = 0
        """Where the list's cursor was when a search was last begun, or the list last shown:
        the cursor's moves since then were typed ahead, before the results came."""
        self.preview = ResultPreview(library, id="library-preview")
        """The highlighted result's best passage (while searching)."""
        self.saved_searches = SavedSearchBar(library, id="library-saved")
        """The saved searches, keys 1-9."""
        self.welcome = WelcomeLine(library, id="library-welcome")
        """The first start's line."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-header"):
            yield Static(Content(self.app.title), id="library-title")
            yield Static("", id="library-count")
        yield InOrderInput(placeholder='/ search  (words, "phrases", prefix*)',
                           id="library-search", compact=True)
        yield self.saved_searches
        yield self.welcome
        yield ArticleList(self.library, empty_text="loading…", id="library-list")
        yield Static(EMPTY, id="library-empty")
        yield self.preview
        yield Static("", id="library-status")
        yield KeysFooter()

    @property
    def article_list(self) -> ArticleList:
        """The list of articles on this screen."""
        return self.query_one(ArticleList)

    @property
    def saved(self) -> Saved:
        """Saved searches as (name, query, current count), in the order of their keys."""
        return self.saved_searches.saved

    def on_mount(self) -> None:
        self.flags = FlagWriter(self, self.article_list, self.app.changes)
        """Star and read (`s`, `r`)."""
        self.tag_editor = TagEditor(self, self.library, self.app.changes,
                                    lambda _tags: self.article_list.invalidate())
        """The tag dialog (`t`), writing through the session's undoable changes."""
        self.feeds = FeedUpdater(self, self.library, self.app.settings, self._refresh_list)
        """Feed updates (`u`)."""
        self.watch(self.article_list, "cursor", self._update_preview, init=False)
        # Now, not later: the first frame has the list focused, so keys typed at once go there
        # (the footer of the search box, where auto-focus would put them, is not shown).
        self.set_focus(self.article_list)
        self.reload()
        self.saved_searches.count(counts=False)  # names now, counts once the list is shown
        self.welcome.check()
        if self.POLL_SECONDS > 0:
            self._poll()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, keep: int | None = None, invalidate: bool = False) -> None:
        """Load the list again for the current search and order, off the UI thread.

        Args:
            keep: the article the cursor should stay on.
            invalidate: also refetch the rows already drawn (flags or titles changed).
        """
        self._load(self.search_text, self.order, keep, invalidate, self.shown is None,
                   self.unread_only)

    def _refresh_list(self) -> None:
        """Load the list again, rows already drawn included, keeping the cursor's article."""
        self.reload(keep=self.article_list.current_id, invalidate=True)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _load(self, query: str, order: str, keep: int | None, invalidate: bool, first: bool,
              unread: bool = False) -> tuple[Listing, int | None, bool] | None:
        worker = get_current_worker()
        # What the person asked for (a search, a sort, the list again) goes before the
        # warm-up (see `threads.Foreground`); the first load does not hold it back.
        with nullcontext() if first else self.app.foreground.running():
            listing = load_listing(
                self.library, query, order, first=first, unread=unread,
                cancelled=lambda: worker.is_cancelled,
                pause=self.app.foreground.pause if first else None,
                first_page=lambda page, rows: self.post_message(self.FirstPage(page, rows)))
        return None if worker.is_cancelled else (listing, keep, invalidate)

    def on_library_screen_first_page(self, message: FirstPage) -> None:
        # The whole list may have come first; and a search shown whole stays while it is
        # listed again (another process added articles).
        if self.shown is None or self.shown.query != message.listing.query:
            self.article_list.add_rows(message.rows)
            self._show(message.listing, None, False)

    def _show(self, listing: Listing, keep: int | None, invalidate: bool) -> None:
        stale_order = not listing.query and listing.order != self.order
        if listing.query != self.search_text or stale_order or \
                listing.unread != self.unread_only:
            return  # a newer load is on its way
        article_list = self.article_list
        if keep is not None:
            # Keep the article under the cursor now: a key pressed while the list was loading
            # (another process's change starts a load any time) must not be undone.
            keep = article_list.current_id
        # Moves typed ahead, after the search and before its results (down, j, j in one burst),
        # apply to the results.
        ahead = article_list.cursor - self._cursor_at_search
        empty = listing.count == 0
        self.set_class(empty, "-empty")
        article_list.empty_text = f"Nothing matches “{listing.query}”." if listing.query else ""
        if listing.unread and not listing.ids:
            article_list.empty_text = ("No unread article matches this search (U lists all)."
                                       if listing.query else "No unread articles (U lists all).")
        article_list.set_ids(listing.ids, keep, total=(listing.total or listing.count)
                             if listing.partial else None)
        if listing.query and (self.shown is None or self.shown.query != listing.query):
            article_list.cursor = max(0, ahead)
            # The moves stay typed ahead of a later query's results (one typed on in the burst).
            self._cursor_at_search = article_list.cursor - max(0, ahead)
        else:
            # The cursor moved with the list (to the article it kept): not a move of the user's.
            self._cursor_at_search = article_list.cursor
        if invalidate:
            article_list.invalidate()
        first = not self._ready and not listing.partial
        self._ready = self._ready or first
        self.shown = listing
        # The passage shows while searching: set on the widget, not as a class of the screen,
        # which restyled every widget of it (20 ms of the UI thread as a typed search showed).
        self.preview.display = bool(listing.query) and not empty
        self._update_preview()
        self.query_one("#library-count", Static).update(plural(listing.count, "article"))
        self.query_one("#library-status", Static).update(self._status(listing))
        if empty and self.focused is article_list:
            self.set_focus(None)
        elif not empty and self.focused is None:
            article_list.focus()
        self.refresh_bindings()
        if first:
            self.saved_searches.count()
            self.post_message(self.Ready())

    def _status(self, listing: Listing) -> Content:
        width = self.query_one("#library-status").content_region.width or self.size.width - 2
        return status_line(listing, width, writer_waiting=self.app.writer_waiting)

    def refresh_status(self) -> None:
        """Show the status again (another writer started or stopped holding us up)."""
        if self.shown is not None:
            self.query_one("#library-status", Static).update(self._status(self.shown))

    def on_resize(self) -> None:
        self.refresh_status()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS and worker.group == "search" and worker.result:
            self._show(*worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"{worker.group} failed: {worker.error}", severity="error", markup=False)
            if worker.group == "flags":
                self.article_list.invalidate()

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll(self) -> None:
        worker = get_current_worker()
        version = self.library.data_version()
        # Also stop when the task ends without `cancel()` (an awaiting test was cancelled, say):
        # a thread left sleeping here would keep asyncio's executor, and the process, alive.
        while worker.is_running and not worker.cancelled_event.wait(self.POLL_SECONDS):
            latest = self.library.data_version()
            if latest != version:
                version = latest
                self.post_message(self.LibraryChanged())

    def on_library_screen_library_changed(self) -> None:
        self.reload(keep=self.article_list.current_id, invalidate=True)
        self.saved_searches.count()
        self.welcome.check()

    # -- search -----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.app.foreground.touch()
        if query != self.search_text:
            self.search_text = query
            self.reload(keep=None if query else self.article_list.current_id)

    def action_focus_search(self) -> None:
        self.app.foreground.touch()  # a search follows: the first load's read waits for it
        self._cursor_at_search = self.article_list.cursor
        self.set_focus(self.query_one(Input))

    def action_focus_list(self) -> None:
        if not self.has_class("-empty"):
            self.set_focus(self.article_list)

    def action_clear_search(self) -> None:
        self.query_one(Input).value = ""
        self.action_focus_list()

    def show_query(self, query: str) -> None:
        """Search for `query` as if typed, with the list focused to browse the results."""
        self._cursor_at_search = self.article_list.cursor
        self.query_one(Input).value = query
        self.action_focus_list()

    def show_tag(self, tag: str | None) -> None:
        """List the articles with `tag` (a `tag:` search, so it combines with words)."""
        if tag:
            self.show_query(f'tag:"{tag}"' if " " in tag else f"tag:{tag}")

    def action_suggestion(self) -> None:
        """Search what the status line suggests ("did you mean ...?"), focus where it was."""
        if self.shown and self.shown.suggestions:
            box = self.query_one(Input)
            box.value = self.shown.suggestions[0]
            box.cursor_position = len(box.value)  # typing on adds to it

    def _update_preview(self) -> None:
        if self.shown is not None and self.shown.query:
            self.preview.show(self.article_list.current_id, list(self.shown.terms))

    # -- verbs ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_search = isinstance(self.focused, Input)
        if action == "focus_search":
            return not in_search  # there '/' is typed
        if action == "focus_list":
            return in_search  # in the list, down and enter are its own
        if action == "clear_search":
            return bool(self.search_text) or in_search
        if action in ("sort", "add"):
            return not self.search_text  # hidden while searching: the footer keeps to seven
        if action == "save_search":
            return bool(self.search_text)
        if action == "suggestion":
            return bool(self.shown and self.shown.query and self.shown.suggestions)
        if action == "toggle_flag":
            return None if self.article_list.current_id is None else True
        return True

    def action_sort(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.reload(keep=self.article_list.current_id)

    @writes
    def action_toggle_flag(self, flag: str) -> None:
        self.flags.toggle(flag)

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        nav.open_reader(self, message.article_list.ids, message.index)

    @writes
    def action_add(self) -> None:
        nav.open_add(self)

    def action_review(self) -> None:
        nav.open_review(self)

    def action_notebook(self) -> None:
        nav.open_notebook(self)

    @writes
    def action_tags(self) -> None:
        article_id = self.article_list.current_id
        if article_id is not None:
            self.tag_editor.edit([article_id])

    def after_undo(self, undone: object) -> None:
        """ctrl+z changed some articles: their rows are read again."""
        self.article_list.invalidate()

    def action_saved(self, number: int) -> None:
        query = self.saved_searches.query_of(number)
        if query is None:
            self.notify(f"No saved search {number}: search, then ctrl+s to save one.",
                        severity="warning")
            return
        self.show_query(query)

    @writes
    def action_save_search(self) -> None:
        from .prompt import PromptScreen

        query = self.search_text

        def save(name: str | None) -> None:
            if name:
                self.saved_searches.save(name, query)

        self.app.push_screen(PromptScreen(f"Save the search “{query}” as:",
                                          placeholder="a short name"), save)

    @writes
    def action_update_feeds(self) -> None:
        self.feeds.start()

    def action_entities(self) -> None:
        nav.open_entities(self)

    def action_tag_list(self) -> None:
        nav.open_tag_list(self)

    def action_unread_only(self) -> None:
        toggle_unread(self)

    @writes
    def action_mark_all_read(self) -> None:
        mark_all_read(self)

    def action_sources(self) -> None:
        open_sources(self)

    def action_quit(self) -> None:
        self.app.exit()
