"""The first start's line: with nothing but the bundled seed in the library, what newsreader
is, where the library lives and how to add articles (hidden once there is more)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from ..storage import Library


def shown_path(path: str | Path) -> str:
    """A path as a person would type it: the home folder as ~."""
    text, home = str(path), str(Path.home())
    return "~" + text[len(home):] if text.startswith(home + "/") else text


class WelcomeLine(Static):
    """Shown while the library holds only the seed articles (`check()` looks again).

    Args:
        library: the library looked at (in a thread worker).
    """

    DEFAULT_CSS: ClassVar[str] = """
    WelcomeLine { height: auto; padding: 0 1; color: $text-muted; display: none; }
    WelcomeLine.-shown { display: block; }
    """

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.library = library

    @property
    def shown(self) -> bool:
        """The line is shown (a first start)."""
        return self.has_class("-shown")

    @work(thread=True, exclusive=True, group="welcome", exit_on_error=False)
    def check(self) -> bool:
        """Whether the library holds only the bundled seed (shown once known)."""
        from ..config import seeds_dir
        from ..ingest import holds_only_seeds

        return holds_only_seeds(self.library, str(seeds_dir()))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS and event.worker.group == "welcome":
            self._show(bool(event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.notify(f"{event.worker.group} failed: {event.worker.error}",
                        severity="error", markup=False)

    def _show(self, first_start: bool) -> None:
        self.set_class(first_start, "-shown")
        if first_start:
            self.update(Content.assemble(
                ("newsreader", "bold"), " reads your news archive, kept in ",
                (shown_path(self.library.path), "bold"), ". ", ("a", "bold $accent"),
                " adds articles (or newsreader add PATH in a shell)."))
