"""The Textual app: wiring only (themes, keymap, screens, palette). Core logic lives elsewhere."""

from __future__ import annotations

import asyncio
import gc
import os
import textwrap
import threading
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from .config import Settings
from .storage import Library
from .terminal import EXIT_CODE, TerminalDriver, TerminalLost, is_terminal_platform
from .themes import THEMES, VARIABLE_DEFAULTS
from .threads import Foreground
from .undo import Changes
from .widgets.status_line import cut_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.command import Provider

NOTICE_LINES = 2
"""The most lines a notice takes (app.tcss): the top lines that hold no text being read."""

KEEP_TYPED_S = 1.2
"""How long saving what was being typed may take once the terminal is gone (the process ends
`terminal.DEADLINE_S` after the loss in any case)."""


def _provider(name: str) -> Callable[[], type[Provider]]:
    """The palette provider `tui.commands.NAME`, imported when the palette asks for it."""
    def load() -> type[Provider]:
        from . import commands

        provider: type[Provider] = getattr(commands, name)
        return provider

    load.__qualname__ = f"provider {name}"
    return load


class NewsReader(App[int]):
    """newsreader's app. Build it with `make_app` (the CLI and the tests both do)."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    # AppCommands stands in for Textual's own provider: the same commands, ranked like the rest.
    # Named, not imported: the providers (and the screens and rapidfuzz they use) load when the
    # palette first opens, or in the warm-up after the first paint, not before it.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        _provider("AppCommands"), _provider("OpenArticle"), _provider("GoToTag"),
        _provider("GoToEntity")}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Keys for this screen"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True),
        Binding("ctrl+z", "undo", "Undo", id="app.undo", show=False,
                tooltip="Undo the last change to star, read, tags, notes or highlights"),
    ]

    def __init__(self, library: Library, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.library = library
        self.changes = Changes(library)
        """This session's changes, undone by ctrl+z (screens make their changes through it)."""
        self.writer_waiting = False
        """A change is waiting for another newsreader to finish writing (status lines say)."""
        self.quitting = False
        """`exit()` was asked: input that comes after it is dropped (see `on_event`)."""
        library.on_wait = self._writer_waiting
        self.foreground = Foreground()
        """The person's searches, which background work (the warm-up) gives way to."""
        self._ui_thread = threading.get_ident()
        self._started = False
        self._typos_prepared = False
        self._notice_lock = threading.Lock()
        super().__init__()
        if library.readonly:
            self.title = f"{self.TITLE} (read-only)"
        # Themes register before CSS is parsed: their variables must exist by then.
        for theme in THEMES:
            self.register_theme(theme)
        self.warnings = self.settings.warnings
        """The config's problems (the settings' own list: the CLI prints it when the app ends,
        as one notice cannot show them all)."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.theme = "newsreader-dark"
            self.warnings.append(
                f'config {self.settings.path}: ui.theme "{self.settings.theme}" is not a theme, '
                f"using newsreader-dark (themes: {', '.join(sorted(self.available_themes))})")
        self._theme_saved = self.theme
        """The theme the config names (or stands in for it): another is saved when picked."""

    def exit(self, result: int | None = None, return_code: int = 0,
             message: RenderableType | None = None) -> None:
        self.quitting = True
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        # Keys read in the same burst as q (typed ahead, pasted, a slow link) would otherwise
        # run while the app closes: `qn` opened the notebook on a closing app (a traceback).
        if self.quitting and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def on_load(self) -> None:
        # Before any worker starts: quitting must not wait for threads stuck in a fetch or a
        # lock (see QuittableExecutor).
        from .threads import QuittableExecutor

        asyncio.get_running_loop().set_default_executor(QuittableExecutor())

    def get_driver_class(self) -> type[Driver]:
        if is_terminal_platform() and not os.environ.get("TEXTUAL_DRIVER"):
            return TerminalDriver
        return super().get_driver_class()

    async def on_terminal_lost(self, message: TerminalLost) -> None:
        """The terminal went away (ssh dropped, hangup, end of input): what is being typed in
        a dialog is saved as its save key would, then the app ends. Screens that hold typed
        text say so with `keep_typed() -> list[Worker]` (the workers saving it)."""
        saving = []
        for screen in reversed(self.screen_stack):
            keep = getattr(screen, "keep_typed", None)
            if keep is not None:
                saving.extend(keep())
        if saving:
            with suppress(Exception):  # a failed save was reported by its worker; exit anyway
                await asyncio.wait_for(self.workers.wait_for_complete(saving), KEEP_TYPED_S)
        self.exit(return_code=EXIT_CODE)
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Show a notice at the top right (see app.tcss) in place of the one shown.

        The title leads the message instead of taking a line of its own, and a message longer
        than two lines is cut after a word: so a notice covers the screen's top two lines at
        most, never the text below them. Safe from any thread: what it does goes through the
        app's message queue, in order.
        """
        if title:
            message = f"{escape(title) if markup else title}: {message}"
        if not markup or "[" not in message:  # (markup is not cut: ours is short)
            message = _fit_lines(message, max(20, self.size.width - 3), NOTICE_LINES)
        with self._notice_lock:  # the old notice goes before the new one comes
            self.call_later(self._clear_notices)
            super().notify(message, severity=severity, timeout=timeout, markup=markup)

    def _clear_notices(self) -> None:
        # Textual removes a cleared toast but not the holder around it, which would push the
        # next notice a line down: the holders go first.
        for screen in self.screen_stack:
            for holder in screen.query("ToastRack > ToastHolder"):
                holder.remove()
        self.clear_notifications()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        if self.library.readonly and self.library.notice:
            self.notify(self.library.notice, title="Read-only library", severity="warning",
                        timeout=10, markup=False)
        if not self.settings.keys:  # else once the keymap is checked too (`_check_keymap`)
            self._tell_warnings()
        from .screens.library import LibraryScreen

        self.push_screen(LibraryScreen(self.library))
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked (from the palette) is saved to the config: the next start uses it."""
        if theme.name != self._theme_saved:
            self._theme_saved = theme.name
            self._save_theme(theme.name)

    @work(thread=True, group="config", exit_on_error=False)
    def _save_theme(self, name: str) -> None:
        from .config import ConfigError, save_setting
        from .text import visible

        try:
            path = save_setting("ui", "theme", name, self.settings.path)
        except ConfigError as exc:
            self.call_from_thread(self.notify, f"{exc}; the theme lasts until you quit",
                                  title="Theme not saved", severity="warning", timeout=8,
                                  markup=False)
            return
        self.call_from_thread(self.notify, f"{name}, saved in {visible(str(path))}",
                              title="Theme", timeout=4, markup=False)

    def on_library_screen_first_page(self) -> None:
        """The first rows are on their way to the screen (a big library's whole list is still
        being read): once they are drawn, make ready what a typo typed at once needs."""
        self.call_after_refresh(self._prepare_typos)

    def _prepare_typos(self) -> None:
        if not self._typos_prepared:
            self._typos_prepared = True
            self._read_vocabulary()

    @work(thread=True, group="vocabulary", exit_on_error=False)
    def _read_vocabulary(self) -> None:
        """The typo vocabulary and its matcher, as soon as the first rows are shown: a search
        typed at once (a typo, or a word still being typed) needs them, and at a million
        articles the whole list takes a second longer to read (docs/performance.md)."""
        from .search import typo  # the package first: see tests/test_import_races.py

        typo.CACHE.prepare(self.library)

    def on_library_screen_ready(self) -> None:
        """The list is on screen: start what start-up should not wait for (once)."""
        if self._started:
            return
        self._started = True
        self._prepare_typos()
        # Objects alive now (modules, styles, the list) live as long as the app: frozen, the
        # collector stops walking them, which cost a visible pause on every article opened (a
        # full collection over every object of the app; docs/performance.md).
        gc.freeze()
        # The list just came: the person's first keys often follow at once (a search typed
        # while it loaded). The warm-up's first step waits until they have been quiet a moment.
        self.foreground.touch()
        if not self.library.readonly:
            self._refresh_entities()
        self._warm_up()

    def _writer_waiting(self, waiting: bool) -> None:
        """From the worker whose write waits on another process: tell the status line."""
        if threading.get_ident() == self._ui_thread:
            self._show_writer_waiting(waiting)
            return
        with suppress(RuntimeError):  # the app has gone meanwhile
            self.call_from_thread(self._show_writer_waiting, waiting)

    def _show_writer_waiting(self, waiting: bool) -> None:
        self.writer_waiting = waiting
        refresh = getattr(self.screen, "refresh_status", None)
        if refresh is not None:
            refresh()

    def on_unmount(self) -> None:
        if self._started:
            gc.unfreeze()  # collectable again (tests run many apps in one process)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """While the person looks at the list: import the reader, the palette's providers and
        the dialogs (off their first open; none is imported before the first paint), and
        place every article in the newest-first order (ties and broad searches use it). Each
        step waits while the person searches (`Foreground`): a search typed at launch took
        several times its own cost beside it (docs/performance.md). The typo vocabulary is
        read earlier (`_read_vocabulary`)."""
        pause = self.foreground.pause
        pause()
        from . import commands  # noqa: F401  (the palette's providers)
        pause()
        from .screens import confirm, notes_dialogs, reader  # noqa: F401

        if self.settings.keys:
            pause()
            self._check_keymap()
        self.library.orders.warm(pause)

    def _check_keymap(self) -> None:
        """Warn about `[keys]` ids that no binding has and keys given two actions on a screen
        (in the warm-up worker: it imports every screen)."""
        from .config import keymap_problems
        from .screens import bindings_by_screen

        self.warnings += keymap_problems(bindings_by_screen(), self.settings.keys,
                                         str(self.settings.path))
        self.call_from_thread(self._tell_warnings)

    def _tell_warnings(self) -> None:
        """One notice for the config's problems: a notice replaces the one before, so several
        are counted here and listed on stderr when the app ends."""
        if len(self.warnings) == 1:
            self.notify(self.warnings[0], title="Config", severity="warning", timeout=10,
                        markup=False)
        elif self.warnings:
            self.notify(f"{len(self.warnings)} problems in {self.settings.path}, listed when "
                        f"newsreader quits; the first: {self.warnings[0]}", title="Config",
                        severity="warning", timeout=10, markup=False)

    @work(thread=True, group="entities", exit_on_error=False)
    def _refresh_entities(self) -> None:
        """Extract again, in the background, what an older extractor read (never on start-up's
        path: it starts once the list is on screen, as counting scans the whole library)."""
        from . import api

        self.foreground.pause()
        done = api.reextract_entities(self.library)  # as `newsreader add` does after adding
        if done:
            self.call_from_thread(self.notify, f"Names found again in {done:,} articles "
                                  "(the extractor was updated)", timeout=4)

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, but Enter typed before the hits came runs the best one
        once they do (see `screens.palette`)."""
        from .screens.palette import NewsPalette

        # (CommandPalette.is_open's test, which is typed for an App[object] only.)
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(NewsPalette(id="--command-palette"))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_undo(self) -> None:
        from .screens.undo import undo

        undo(self)

    def _notebook(self) -> None:
        from .screens.notebook import NotebookScreen

        self.push_screen(NotebookScreen(self.library))

    def _export_notes(self) -> None:
        from .screens.export_notes import ask_and_export

        ask_and_export(self)

    def _review(self) -> None:
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.library))

    def open_article(self, article_id: int) -> None:
        """Open one article in the reader (from the palette or a link)."""
        from .screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(self.library, [article_id], 0, []))

    def show_tag(self, tag: str) -> None:
        """Back to the library, listing the articles with `tag`."""
        self.show_query(f'tag:"{tag}"' if " " in tag else f"tag:{tag}")

    def show_query(self, query: str) -> None:
        """Back to the library, searching `query` (from a tag, an entity, the palette)."""
        from .screens.library import LibraryScreen

        while not isinstance(self.screen, LibraryScreen) and len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen, LibraryScreen):
            self.screen.show_query(query)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys for this screen", "Show every key", self.action_help)
        yield SystemCommand("Notebook: every highlight and note", "Search your notes",
                            self._notebook)
        yield SystemCommand("Export notes: Markdown files into a folder",
                            "Every tagged or annotated article (as newsreader export)",
                            self._export_notes)
        yield SystemCommand("Review: today's highlights", "A few highlights from the whole "
                            "library", self._review)
        other = "newsreader-light" if self.theme == "newsreader-dark" else "newsreader-dark"
        yield SystemCommand(f"Theme: switch to {other}", "Dark or light",
                            lambda: setattr(self, "theme", other))


def _fit_lines(text: str, width: int, lines: int) -> str:
    """`text` cut after a word, with an ellipsis, to fit `lines` lines of `width` cells."""
    wrapped = textwrap.wrap(text, width)
    if len(wrapped) <= lines:
        return text
    return " ".join(wrapped[:lines - 1] + [cut_words(" ".join(wrapped[lines - 1:]), width)])


def make_app(db_path: str | Path | Library, settings: Settings | None = None) -> NewsReader:
    """The one factory for the app (the CLI, the snapshot tests and the Pilot tests use it)."""
    library = db_path if isinstance(db_path, Library) else Library(db_path)
    return NewsReader(library, settings)


def run_app(db_path: str | Path | Library, settings: Settings | None = None) -> int:
    app = make_app(db_path, settings)
    try:
        app.run()
    finally:
        app.library.close()
    return app.return_code or 0
