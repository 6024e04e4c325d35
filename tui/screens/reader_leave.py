"""Leaving the reader: pipe the article to a command (`|`), open its URL with the configured
command (`O`). Mixed into ReaderScreen; the work itself is in `tui.external`."""

from __future__ import annotations

import subprocess

from textual import work
from textual.app import SuspendNotSupported
from textual.binding import Binding

from .. import api
from ..external import OPEN_TIMEOUT_S, link_url, open_argv, run_pipe
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


class ReaderLeaving:
    """Mixed into ReaderScreen, which holds `article` and `library`."""

    last_pipe: str = ""
    """The command last piped to (the prompt offers it again)."""

    def action_pipe(self) -> None:
        if self.article is None:
            return
        article = self.article

        def chosen(command: str | None) -> None:
            if command:
                type(self).last_pipe = command
                self._pipe(article, command)

        self.app.push_screen(PromptScreen("Pipe the article (Markdown) to the command:",
                                          value=self.last_pipe, placeholder="wc -w"), chosen)

    @work(thread=True, group="pipe", exclusive=True, exit_on_error=False)
    def _pipe(self, article, command: str) -> None:
        from .pipe import PipeOutputScreen

        document = api.markdown(self.library, article.id)
        self.app.call_from_thread(self.notify, f"Running {command}…", markup=False, timeout=2)
        result = run_pipe(command, document)
        if result.error:
            self.app.call_from_thread(self.notify, result.error, title="Pipe",
                                      severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.push_screen, PipeOutputScreen(result))

    def action_open_url(self) -> None:
        if self.article is None:
            return
        url = link_url(self.article.url)
        if not url:
            self.notify("This article has no http(s) URL to open", timeout=3)
            return
        argv = self.app.settings.open_command
        if not argv:
            self.notify(NO_OPEN_COMMAND, title="Open", severity="warning", markup=False,
                        timeout=8)
            return
        command = open_argv(argv, url)
        try:
            with self.app.suspend():
                code = _run_in_terminal(command)
        except SuspendNotSupported:  # no terminal to hand over (headless): run beside the app
            code = _run_beside(command)
        self.app.refresh(repaint=True, layout=True)
        if isinstance(code, str):
            self.notify(code, title="Open", severity="error", markup=False)
        elif code:
            self.notify(f"{command[0]} ended with exit {code}", title="Open",
                        severity="warning", markup=False)
        else:
            self.notify(f"Opened with {command[0]}", timeout=2, markup=False)


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
