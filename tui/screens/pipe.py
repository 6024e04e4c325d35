"""What a command printed when the article was piped to it: a scrollable, read-only view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..external import PipeResult


class PipeOutputScreen(ModalScreen[None]):
    """Shows a piped command's output (already cleaned of escapes and controls) in a read-only
    text area: arrows and page keys scroll it, a mouse or shift+arrows select from it.

    Args:
        result: What the command did.
    """

    DEFAULT_CSS = """
    PipeOutputScreen { align: center middle; }
    PipeOutputScreen > Vertical {
        width: 100%; height: 100%; padding: 0 1;
        background: $panel; border: round $primary; border-title-color: $primary;
    }
    PipeOutputScreen TextArea, PipeOutputScreen TextArea:focus {
        height: 1fr; border: none; padding: 0;
    }
    PipeOutputScreen #pipe-status { color: $text-muted; height: 1; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="pipe.close", priority=True,
                tooltip="Back to the article"),
    ]

    def __init__(self, result: PipeResult):
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"| {self.result.command}"
            box.border_subtitle = "escape closes"
            text = self.result.output or "(no output)"
            yield TextArea(text, read_only=True, soft_wrap=True, id="pipe-output",
                           show_cursor=False)
            yield Static(Content(self.result.summary()), id="pipe-status")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)
