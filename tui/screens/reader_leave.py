"""Leaving the reader: pipe the article to a command (`|`), open its URL with the configured
command (`O`). The work itself is in `tui.external`."""

from __future__ import annotations

import subprocess
from typing import Any, ClassVar

from textual.app import SuspendNotSupported
from textual.binding import Binding
from textual.screen import Screen

from .. import api
from ..config import Settings
from ..external import OPEN_TIMEOUT_S, link_url, open_argv, run_pipe
from ..models import Article
from ..storage import Library
from .prompt import PromptScreen

LEAVE_BINDINGS = [
    Binding("vertical_line", "pipe", "pipe", id="reader.pipe", show=False,
            tooltip="Pipe the article as Markdown to a command; its output is shown"),
    Binding("O", "open_url", "open", id="reader.open", show=False,
            tooltip="Open the URL with the [reader] open command of the config "
                    "(the terminal is handed over until it ends)"),
]
NO_OPEN_COMMAND = ('No open command: set open under [reader] in the config, e.g. '
                   'open = "xdg-open {url}" or "w3m {url}" (o shows the URL to copy)')


class Leaving:
    """Hands the open article to another program: `|` pipes it (as Markdown, read through
    `tui.api` in a worker of the screen), `O` opens its URL with the configured command.

    Args:
        screen: the screen whose workers pipe, over which the output shows, and whose app
            hands the terminal over.
        library: where the article's Markdown is read.
        settings: the config (its `[reader] open` command).
    """

    last_pipe: ClassVar[str] = ""
    """The command last piped to (the prompt offers it again, in every reader)."""

    def __init__(self, screen: Screen[Any], library: Library, settings: Settings) -> None:
        self.screen = screen
        self.library = library
        self.settings = settings

    def pipe(self, article: Article) -> None:
        """`|`: ask for a command, then pipe the article to it and show its output."""

        def chosen(command: str | None) -> None:
            if command:
                Leaving.last_pipe = command
                self.screen.run_worker(lambda: self._pipe(article, command), thread=True,
                                       group="pipe", exclusive=True, exit_on_error=False)

        self.screen.app.push_screen(PromptScreen(
            "Pipe the article (Markdown) to the command:", value=self.last_pipe,
            placeholder="wc -w"), chosen)

    def _pipe(self, article: Article, command: str) -> None:
        from .pipe import PipeOutputScreen

        app = self.screen.app
        if article.id is None:
            return
        document = api.markdown(self.library, article.id)
        app.call_from_thread(self.screen.notify, f"Running {command}…", markup=False,
                             timeout=2)
        result = run_pipe(command, document)
        if result.error:
            app.call_from_thread(self.screen.notify, result.error, title="Pipe",
                                 severity="error", markup=False)
            return
        app.call_from_thread(app.push_screen, PipeOutputScreen(result))

    def open_url(self, article: Article) -> None:
        """`O`: open the article's URL with the configured command, handing it the terminal
        (or beside the app where there is none)."""
        screen, app = self.screen, self.screen.app
        url = link_url(article.url)
        if not url:
            screen.notify("This article has no http(s) URL to open", timeout=3)
            return
        argv = self.settings.open_command
        if not argv:
            screen.notify(NO_OPEN_COMMAND, title="Open", severity="warning", markup=False,
                          timeout=8)
            return
        command = open_argv(argv, url)
        try:
            with app.suspend():
                code = _run_in_terminal(command)
        except SuspendNotSupported:  # no terminal to hand over (headless): run beside the app
            code = _run_beside(command)
        app.refresh(repaint=True, layout=True)
        if isinstance(code, str):
            screen.notify(code, title="Open", severity="error", markup=False)
        elif code:
            screen.notify(f"{command[0]} ended with exit {code}", title="Open",
                          severity="warning", markup=False)
        else:
            screen.notify(f"Opened with {command[0]}", timeout=2, markup=False)



def _run_in_terminal(command: list[str]) -> int | str:
    """Run the open command on the terminal (a terminal browser draws there); the person at
    the terminal ends it, as in any program they started."""
    try:
        return subprocess.run(command).returncode
    except OSError as exc:
        return f"cannot run {command[0]}: {exc.strerror}"


def _run_beside(command: list[str]) -> int | str:
    try:
        return subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=OPEN_TIMEOUT_S,
                              start_new_session=True).returncode
    except subprocess.TimeoutExpired:
        return f"{command[0]} did not end within {OPEN_TIMEOUT_S:g} s"
    except OSError as exc:
        return f"cannot run {command[0]}: {exc.strerror}"
