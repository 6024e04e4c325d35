"""The URL dialog: shows an article's link as plain text and offers to copy it (no browser)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class UrlScreen(ModalScreen[bool]):
    """Show a URL and copy it to the terminal clipboard with `c`.

    The app never opens a browser: over SSH that would run on the server. The URL is untrusted
    text, so it is shown literally (no markup, no OSC 8 link).

    Args:
        url: The link to show.

    Dismisses with True when the URL was copied, False when closed without copying.
    """

    DEFAULT_CSS = """
    UrlScreen { align: center middle; background: $background 60%; }
    UrlScreen > #url-dialog {
        width: 80%; max-width: 96; height: auto;
        border: round $primary; border-title-color: $text; background: $surface;
        padding: 1 2;
    }
    UrlScreen #url-text { color: $text; text-style: underline; }
    UrlScreen #url-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("c", "copy", "Copy", id="url.copy",
                tooltip="Send the URL to the terminal clipboard"),
        Binding("escape,q,o", "close", "Close", id="url.close", tooltip="Back to the article"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="url-dialog") as dialog:
            dialog.border_title = "Link"
            yield Static(Content(self.url), id="url-text")
            yield Static(Content("c copy · escape close"), id="url-keys")

    def action_copy(self) -> None:
        """Send the URL to the terminal clipboard (OSC 52) and close."""
        self.app.copy_to_clipboard(self.url)
        self.notify("URL sent to the terminal clipboard", markup=False, timeout=3)
        self.dismiss(True)

    def action_close(self) -> None:
        """Close without copying."""
        self.dismiss(False)

    def on_click(self, event: events.Click) -> None:
        """A click outside the dialog closes it."""
        if event.widget is self:
            self.dismiss(False)
